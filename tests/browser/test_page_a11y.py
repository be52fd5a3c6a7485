"""Every page of the static book, from file:// on a phone: axe-core finds nothing serious or
critical, and a first visit logs no console error (search with a query included)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from mentor_course.book import BuildResult
from tests.browser.conftest import LOCAL_SCHEMES
from tests.browser.test_quiz_static import serious_violations
from tests.test_content import ALL_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [f"book/{name}" for name in ALL_PAGES] + ["genindex", "search"]


@contextmanager
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a fresh phone-sized context, offline."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(LOCAL_SCHEMES) else route.abort()
        ),
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """One context for a whole test: axe-core on every page stays quick."""
    with phone(browser) as page:
        yield page


def test_no_page_has_serious_axe_violations(built_book: BuildResult, phone_page: Page) -> None:
    found = {}
    for name in PAGES:
        phone_page.goto((built_book.html_dir / f"{name}.html").as_uri())
        if violations := serious_violations(phone_page):
            found[name] = violations
    assert found == {}


def test_first_visits_log_no_console_errors(built_book: BuildResult, browser: Browser) -> None:
    found: dict[str, list[str]] = {}
    for name in PAGES:
        # A fresh context per page: a first visit, nothing stored yet (the colour mode).
        with phone(browser) as page:
            errors: list[str] = []

            def error(message: ConsoleMessage, errors: list[str] = errors) -> None:
                if message.type == "error":
                    errors.append(message.text)

            page.on("console", error)
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            url = (built_book.html_dir / f"{name}.html").as_uri()
            if name == "search":
                # Sphinx would fetch each result's page for its summary, refused from file://.
                page.goto(f"{url}?q=burnout")
                page.locator("ul.search li").first.wait_for(timeout=15_000)
                page.get_by_text("Search finished").wait_for(timeout=15_000)
            else:
                page.goto(url)
                page.wait_for_load_state("load")
            if errors:
                found[name] = errors
    assert found == {}
