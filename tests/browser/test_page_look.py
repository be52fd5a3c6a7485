"""The slimmed theme still draws the page: icons from the cut font, menus, tooltips, dark mode."""

from __future__ import annotations

import pytest

from mentor_course.book import BuildResult
from tests.browser.conftest import OfflinePage

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_icons_menus_and_dark_mode(built_book: BuildResult, offline: OfflinePage) -> None:
    page = offline.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((built_book.html_dir / "book" / "intro.html").as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    # The header icons and the tip admonition's icon are drawn from the cut icon font.
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"', '\\uf0c9')")
    for selector in [".article-header-buttons .fa-download", ".article-header-buttons .fa-expand"]:
        box = page.locator(selector).first.bounding_box()
        assert box and box["width"] > 10 and box["height"] > 10, selector
    icon_font = page.evaluate(
        "getComputedStyle(document.querySelector('.admonition-title'), '::after').fontFamily"
    )
    assert "Font Awesome 6 Free" in icon_font
    # Bootstrap's dropdown still opens (it needs `.show` kept in the slimmed stylesheet).
    page.locator(".article-header-buttons .dropdown-toggle").first.click()
    menu = page.locator(".article-header-buttons .dropdown-menu.show").first
    menu.wait_for(state="visible")
    # Dark mode still recolours the page.
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator(".theme-switch-button").first.click()
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light
    assert offline.blocked == []
    assert offline.errors == []
