"""The strict build: the real book passes; broken references and bad config fail clearly."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mentor_course.book import BuildResult, build_book
from mentor_course.errors import BuildError

pytestmark = pytest.mark.slow

EXTERNAL_ASSET = re.compile(r"<(script|link|img)\b[^>]*\b(src|href)=[\"']https?://", re.I)


def test_strict_build_of_the_course_passes(built_book: BuildResult) -> None:
    assert built_book.index.is_file()
    for page in ["index", "intro", "compassion-fatigue-vs-burnout", "facilitator-guide", "support"]:
        assert (built_book.html_dir / "book" / f"{page}.html").is_file(), page


def test_built_html_loads_nothing_from_the_network(built_book: BuildResult) -> None:
    pages = list(built_book.html_dir.rglob("*.html"))
    assert len(pages) >= 10
    offenders = [str(p) for p in pages if EXTERNAL_ASSET.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_book_sets_author_and_copyright(built_book: BuildResult) -> None:
    html = (built_book.html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert "mentor-course contributors" in html
    assert "2026" in html


def test_support_page_lists_program_contacts_and_dated_crisis_lines(
    built_book: BuildResult,
) -> None:
    html = (built_book.html_dir / "book" / "support.html").read_text(encoding="utf-8")
    assert "Program coordinator" in html  # from program.yml
    assert "988" in html and "741741" in html and "1-888-373-7888" in html
    assert re.search(r"last checked on \w+ \d{1,2}, \d{4}", html)


def _fails_naming(root: Path, *needles: str) -> str:
    with pytest.raises(BuildError) as caught:
        build_book(root)
    message = str(caught.value)
    for needle in needles:
        assert needle in message, message
    return message


def test_broken_cross_reference_fails_naming_the_file(course_copy: Callable[[], Path]) -> None:
    root = course_copy()
    chapter = root / "book" / "practice.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nSee {doc}`no-such-chapter`.\n", encoding="utf-8"
    )
    _fails_naming(root, "book/practice.md", "no-such-chapter")


def test_unknown_citation_key_fails_naming_the_file(course_copy: Callable[[], Path]) -> None:
    root = course_copy()
    chapter = root / "book" / "organizations.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nA claim {cite:p}`nobody1999made-up`.\n",
        encoding="utf-8",
    )
    _fails_naming(root, "book/organizations.md", "nobody1999made-up")


def test_malformed_program_config_fails_with_file_line_and_field(
    course_copy: Callable[[], Path],
) -> None:
    root = course_copy()
    (root / "program.yml").write_text(
        "program: Test program\ncontacts:\n  - role: Coordinator\n    fax: 555\n",
        encoding="utf-8",
    )
    message = _fails_naming(root, "program.yml:4", "contacts[0].fax", "unknown field")
    assert "Traceback" not in message
