"""The menu and "On this page" on a 390 px phone, in the static book from file:// and in the
served course: they open, their links go where they say, Esc and a close button close them,
and focus goes back to the button that opened them.

Stock pydata-sphinx-theme 0.17 under sphinx-book-theme binds these buttons to hidden
copies, so they do nothing (pydata/pydata-sphinx-theme#2451); see
mentor_course/sphinx/navigation.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from mentor_course.book import BuildResult
from tests.browser.conftest import OfflinePage
from tests.browser.test_quiz_static import serious_violations
from tests.browser.test_served_course import (  # noqa: F401 - fixtures
    course_server,
    local_page,
    served_book,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


def is_focused(button: Locator) -> bool:
    return bool(button.evaluate("button => button === document.activeElement"))


def use_the_drawers(page: Page) -> None:
    """On a chapter page: every way of opening, closing and leaving both drawers."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    menu = page.get_by_role("button", name="Site navigation")
    contents = page.get_by_role("button", name="On this page")
    nav = page.get_by_role("dialog", name="Site navigation")
    toc = page.get_by_role("dialog", name="On this page")

    menu.click()
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="3. Compassion fatigue and burnout")).to_be_visible()
    assert nav.evaluate("dialog => dialog.contains(document.activeElement)")
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    assert is_focused(menu)

    page.keyboard.press("Enter")  # the focused menu button, from the keyboard
    expect(nav).to_be_visible()
    nav.get_by_role("button", name="Close").click()
    expect(nav).to_be_hidden()
    assert is_focused(menu)

    contents.click()
    expect(toc).to_be_visible()
    page.keyboard.press("Escape")
    expect(toc).to_be_hidden()
    assert is_focused(contents)
    contents.click()
    toc.get_by_role("button", name="Close").click()
    expect(toc).to_be_hidden()
    assert is_focused(contents)

    contents.click()
    toc.get_by_role("link", name="1.2. Why it matters").click()
    expect(toc).to_be_hidden()  # the section is in view, not behind the drawer
    page.wait_for_url("**/book/intro.html#why-it-matters")
    assert page.get_by_role("heading", name="1.2. Why it matters").is_visible()

    menu.click()
    nav.get_by_role("link", name="Glossary").click()
    page.wait_for_url("**/book/glossary.html")
    expect(page.get_by_role("heading", level=1, name="Glossary")).to_be_visible()
    page.get_by_role("button", name="Site navigation").click()
    expect(page.get_by_role("dialog", name="Site navigation")).to_be_visible()
    assert errors == []


def test_the_drawers_work_on_a_phone_in_the_static_book(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.set_viewport_size(PHONE)
    page.goto((built_book.html_dir / "book" / "intro.html").as_uri())
    use_the_drawers(page)
    assert offline.blocked == []


def test_the_drawers_work_on_a_phone_in_the_served_course(
    browser: Browser,
    course_server: tuple[str, str],  # noqa: F811 - the fixture imported above
) -> None:
    base, _ = course_server
    page = local_page(browser, base)  # 390 px wide
    assert page.viewport_size == PHONE
    page.goto(f"{base}/book/intro.html")
    use_the_drawers(page)


def test_on_a_wide_screen_the_menu_button_hides_and_shows_the_sidebar(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((built_book.html_dir / "book" / "intro.html").as_uri())
    sidebar = page.get_by_role("navigation", name="Main")
    expect(sidebar).to_be_visible()
    page.get_by_role("button", name="Site navigation").click()
    expect(sidebar).to_be_hidden()
    expect(page.get_by_role("dialog")).to_have_count(0)  # no drawer over a wide page
    page.get_by_role("button", name="Site navigation").click()
    expect(sidebar).to_be_visible()
