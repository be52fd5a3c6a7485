"""Each built page's head: its own meta description (Lighthouse's SEO audit) and the book's
icon (no request for a /favicon.ico that is not there); search summaries only where pages
can be fetched."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from mentor_course.book import BuildResult, build_book
from mentor_course.sphinx.meta import LIMIT, first_paragraph, shortened
from tests.server.conftest import served_book  # noqa: F401 - fixture


class Head(HTMLParser):
    """A page's meta descriptions and icon links."""

    def __init__(self) -> None:
        super().__init__()
        self.descriptions: list[str] = []
        self.icons: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") == "description":
            self.descriptions.append(found.get("content") or "")
        if tag == "link" and found.get("rel") == "icon":
            self.icons.append(found.get("href") or "")


def head(page: Path) -> Head:
    parsed = Head()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def pages(built: BuildResult) -> list[Path]:
    """Every page Sphinx writes (the top-level index.html is Jupyter Book's redirect)."""
    found = sorted(built.html_dir.glob("book/*.html"))
    return [*found, built.html_dir / "search.html", built.html_dir / "genindex.html"]


@pytest.mark.slow
def test_every_page_has_its_own_description(built_book: BuildResult) -> None:
    descriptions = {}
    for page in pages(built_book):
        found = head(page).descriptions
        assert len(found) == 1, f"{page.name}: {found}"
        assert 40 <= len(found[0]) <= LIMIT, f"{page.name}: {found[0]!r}"
        descriptions[page.name] = found[0]
    assert len(set(descriptions.values())) == len(descriptions), descriptions
    # From the first paragraph of body text, not the "In this chapter" box, and no citations.
    assert descriptions["self-care-plan.html"] == (
        "A self-care plan is a written set of choices about how you will look after "
        "yourself. Making one is a step the toolkit recommends."
    )
    assert descriptions["intro.html"].endswith("…")
    assert descriptions["search.html"].startswith("Search Caring for Yourself")


@pytest.mark.slow
def test_a_description_in_front_matter_wins_and_every_one_is_escaped(
    course_copy: Callable[[], Path],
) -> None:
    root = course_copy()
    glossary = root / "book" / "glossary.md"
    glossary.write_text(
        '---\nmyst:\n  html_meta:\n    description: "Terms <in> plain words & \\"more\\""\n---\n'
        + glossary.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    support = root / "book" / "support.md"
    text = support.read_text(encoding="utf-8")
    support.write_text(
        text.replace("You do not have", "If 5 < 6 & 7 > 3, you do not have", 1), encoding="utf-8"
    )
    html_dir = build_book(root).html_dir
    assert head(html_dir / "book" / "glossary.html").descriptions == [
        'Terms <in> plain words & "more"'
    ]
    (described,) = head(html_dir / "book" / "support.html").descriptions
    assert described.startswith("If 5 < 6 & 7 > 3, you do not have")
    raw = (html_dir / "book" / "support.html").read_text(encoding="utf-8")
    assert 'content="If 5 &lt; 6 &amp; 7 &gt; 3, you do not have' in raw


def test_the_first_paragraph_skips_boxes_and_citations() -> None:
    document = new_document("page", get_default_settings(Parser))
    section = nodes.section()
    note = nodes.note("", nodes.paragraph(text="By the end of this chapter you will:"))
    cite = nodes.inline("", "[Monk, 2011]", classes=["bibtex-citation"])
    words = nodes.Text("Self-care is \nfoundational ")
    body = nodes.paragraph("", "", words, cite, nodes.Text("."))
    section += [nodes.title(text="Self-care"), note, body]
    document += section
    assert first_paragraph(document) == "Self-care is foundational."


def test_a_long_description_is_cut_at_a_word() -> None:
    text = "Mentoring a young person can be rewarding, and it can weigh on you. " * 4
    cut = shortened(text)
    assert len(cut) <= LIMIT and cut.endswith("…")
    assert text.startswith(cut.removesuffix("…")) and text[len(cut) - 1] in " ,."
    assert shortened("Short enough.") == "Short enough."


@pytest.mark.slow
def test_every_page_links_the_book_icon(built_book: BuildResult) -> None:
    for page in pages(built_book):
        (icon,) = head(page).icons
        target = (page.parent / urlsplit(icon).path).resolve()
        assert target.is_file() and target.suffix == ".svg", f"{page.name}: {icon}"
        assert target == built_book.html_dir / "_static" / "favicon.svg"


@pytest.mark.slow
def test_search_shows_summaries_only_in_the_served_book(
    built_book: BuildResult,
    served_book: BuildResult,  # noqa: F811 - the fixture imported above
) -> None:
    """From file:// the browser refuses the fetches a summary needs (a console error each)."""
    summary = re.compile(r"SHOW_SEARCH_SUMMARY: (\w+)")
    options = "_static/documentation_options.js"
    static = summary.search((built_book.html_dir / options).read_text(encoding="utf-8"))
    served = summary.search((served_book.html_dir / options).read_text(encoding="utf-8"))
    assert static and static[1] == "false"
    assert served and served[1] == "true"
