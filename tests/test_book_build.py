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


def test_support_page_dials_from_a_phone_and_hides_the_example_contacts(
    built_book: BuildResult,
) -> None:
    """The shipped program.yml holds examples: the page says so instead of showing them."""
    html = (built_book.html_dir / "book" / "support.html").read_text(encoding="utf-8")
    assert "Your program has not set its contacts yet." in html
    assert "(000) 000-0000" not in html and "example.org" not in html
    assert re.search(r"last checked on \w+ \d{1,2}, \d{4}", html)
    # The "right now" box comes first, and every number dials or texts.
    assert html.index("Right now") < html.index("Your program has not set")
    for uri in ['href="tel:911"', 'href="tel:988"', 'href="sms:741741?&amp;body=HOME"',
                'href="tel:18883737888"', 'href="tel:18008435678"']:  # fmt: skip
        assert uri in html, uri
    assert "CyberTipline" in html and "law enforcement" in html
    assert "free and confidential" not in html.lower()
    assert "check the number is current" not in html
    plan = (built_book.html_dir / "book" / "self-care-plan.html").read_text(encoding="utf-8")
    assert "(000) 000-0000" not in plan and "has not set its contacts yet" in plan


def test_a_program_with_its_own_contacts_shows_them_as_links(
    course_copy: Callable[[], Path],
) -> None:
    root = course_copy()
    (root / "program.yml").write_text(
        "program: Riverside Mentors\ncontacts:\n"
        "  - {role: Program coordinator, name: Dana Ruiz, phone: 555-0101,"
        " email: dana@riverside.test}\n",
        encoding="utf-8",
    )
    html = (build_book(root).html_dir / "book" / "support.html").read_text(encoding="utf-8")
    assert "Contacts at Riverside Mentors" in html and "Dana Ruiz" in html
    # The email address is a mailto: link (Sphinx encodes its characters against harvesters).
    assert 'href="tel:5550101"' in html and 'href="mailto:dana' in html
    assert "has not set its contacts" not in html


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
