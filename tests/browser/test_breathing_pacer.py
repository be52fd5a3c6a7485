"""The breathing pacer in the static book: user-started, pausable, worded, still when asked."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from mentor_course.book import BuildResult
from tests.browser.conftest import OfflinePage
from tests.browser.test_quiz_static import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_pacer(built_book: BuildResult, page: Page) -> None:
    page.goto((built_book.html_dir / "book" / "self-care-and-mindfulness.html").as_uri())
    page.locator(".mc-breathing-host[data-ready='true']").wait_for(timeout=10_000)


def test_it_starts_only_when_asked_and_pauses_and_stops_by_keyboard(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    open_pacer(built_book, page)
    phase = page.locator(".mc-breath-phase")
    page.wait_for_timeout(1500)
    assert phase.inner_text() == "Ready when you are"  # nothing moves by itself
    assert (
        "breathe in for 4 seconds, then breathe out for 6 seconds"
        in page.locator(".mc-breath-help").inner_text()
    )

    page.get_by_role("button", name="Start").focus()
    page.keyboard.press("Enter")
    assert phase.inner_text() == "Breathe in"
    assert phase.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "document.querySelector('.mc-breath-phase').textContent === 'Breathe out'", timeout=8_000
    )

    assert page.evaluate("document.activeElement.textContent") == "Pause"
    page.keyboard.press("Enter")
    paused = page.locator(".mc-breath-count").inner_text()
    page.wait_for_timeout(2_200)
    assert page.locator(".mc-breath-count").inner_text() == paused
    assert phase.inner_text().startswith("Paused")

    page.keyboard.press("Enter")  # Resume
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Stop
    assert phase.inner_text().startswith("Stopped")
    assert page.get_by_role("button", name="Start").is_visible()
    assert offline.blocked == [] and offline.errors == []


def test_reduced_motion_keeps_the_circle_still(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.emulate_media(reduced_motion="reduce")
    open_pacer(built_book, page)
    circle = page.locator(".mc-breath-circle")
    page.get_by_role("button", name="Start").click()
    page.wait_for_timeout(1_200)
    assert circle.evaluate("c => getComputedStyle(c).transform") == "none"
    assert page.locator(".mc-breath-phase").inner_text() == "Breathe in"  # the words still lead


def test_pacer_has_no_serious_axe_violations(built_book: BuildResult, offline: OfflinePage) -> None:
    page = offline.page
    open_pacer(built_book, page)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Start").click()
    assert serious_violations(page) == []
