"""The built book from file:// with the network cut: pages load cleanly and search works."""

from __future__ import annotations

import pytest

from mentor_course.book import BuildResult
from tests.browser.conftest import OfflinePage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "book/index",
    "book/intro",
    "book/stress-and-secondary-exposure",
    "book/compassion-fatigue-vs-burnout",
    "book/self-care-and-mindfulness",
    "book/self-care-plan",
    "book/practice",
    "book/organizations",
    "book/mentoring-practice",
    "book/facilitator-guide",
    "book/glossary",
    "book/support",
    "book/references",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_opens_offline_without_errors(
    built_book: BuildResult, offline: OfflinePage, name: str
) -> None:
    page = offline.page
    page.goto((built_book.html_dir / f"{name}.html").as_uri())
    page.wait_for_load_state("load")
    assert page.locator("article h1").first.is_visible()
    assert offline.blocked == []
    assert offline.errors == []


def test_search_works_from_file_urls(built_book: BuildResult, offline: OfflinePage) -> None:
    page = offline.page
    page.goto((built_book.html_dir / "search.html").as_uri() + "?q=burnout")
    results = page.locator("ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    assert "Compassion fatigue" in page.locator("ul.search").inner_text()
    assert offline.blocked == []
