"""The plan builder in the static book, from file://, offline, by keyboard; drafts; privacy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vobject
from playwright.sync_api import Download, Page, expect

from mentor_course.book import BuildResult
from mentor_course.plan import guide
from tests.browser.conftest import OfflinePage
from tests.browser.test_quiz_static import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MARK = "Zephyrine"  # a word typed into the plan, looked for in every request
DRAFT_KEY = "mentor-course:self-care-plan-draft"  # as in plan-builder.js


def open_builder(built_book: BuildResult, page: Page) -> None:
    page.goto((built_book.html_dir / "book" / "self-care-plan.html").as_uri())
    page.locator(".mc-plan-builder-host[data-ready='true']").wait_for(timeout=10_000)
    # Clicking plain text only sets where Tab starts, like a reader who scrolled here.
    page.locator(".mc-plan-privacy").click()


def tab_to(page: Page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused control's label (or text) is `name`."""
    script = """() => {
        const el = document.activeElement;
        const label = el.labels && el.labels.length ? el.labels[0].textContent : el.textContent;
        return (label || "").trim();
    }"""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script) == name:
            return
    raise AssertionError(f"could not reach {name!r} with Tab")


def next_step(page: Page) -> None:
    tab_to(page, "Next →")
    page.keyboard.press("Enter")


def download(page: Page, link: str) -> str:
    tab_to(page, link)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    saved: Download = info.value
    return Path(saved.path()).read_text(encoding="utf-8")


def test_fill_in_and_export_a_plan_with_the_keyboard(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.url} {r.post_data or ''}"))
    open_builder(built_book, page)
    fields = guide()["fields"]

    tab_to(page, fields["coping.helpful"]["label"])
    page.keyboard.type(f"Walking with {MARK}")
    page.keyboard.press("Enter")
    page.keyboard.type("Calling my sister")
    next_step(page)
    assert page.locator(".mc-plan-count").inner_text() == "Step 2 of 10"
    assert page.evaluate("document.activeElement.tagName") == "H3"  # focus moved to the step

    tab_to(page, guide()["signs"]["burnout"][0])
    page.keyboard.press("Space")
    next_step(page)
    tab_to(page, "What I will add")  # the first area: body
    page.keyboard.type("Swim on Saturdays")
    next_step(page)

    tab_to(page, fields["weekly.activity"]["label"])
    page.keyboard.type("Yoga class")
    tab_to(page, "Day")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Monday, then Tuesday
    tab_to(page, "Time")
    page.keyboard.type("0630PM")
    next_step(page)

    tab_to(page, "Add: No time")
    page.keyboard.press("Enter")
    next_step(page)  # to supports
    next_step(page)  # to the bad-day plan
    tab_to(page, fields["bad_day.do"]["label"])
    page.keyboard.type("Call my coordinator")
    next_step(page)
    next_step(page)  # boundaries, left empty
    tab_to(page, fields["review_date"]["label"])
    page.keyboard.type("01152027")
    next_step(page)

    assert page.locator(".mc-plan-count").inner_text() == "Step 10 of 10"
    preview = page.locator(".mc-plan-preview").inner_text()
    assert "Tuesday at 18:30, 30 minutes" in preview and "Swim on Saturdays" in preview
    # The list comes from the format registry (plan/formats.py); mentors see it as before.
    offered = page.locator(".mc-downloads a").evaluate_all(
        """links => Promise.all(links.map(async (a) => [a.textContent, a.getAttribute("download"),
            a.target, (await (await fetch(a.href)).blob()).type]))"""
    )
    assert offered == [
        ["Save my plan to continue later (.json)", "self-care-plan.json", "", "application/json"],
        ["Download as text (.md)", "self-care-plan.md", "", "text/markdown"],
        ["Printable page (.html)", "self-care-plan.html", "", "text/html"],
        ["Open it to print or save as PDF", None, "_blank", "text/html"],
        ["Add reminders to my calendar (.ics)", "self-care-plan.ics", "", "text/calendar"],
    ]
    markdown = download(page, "Download as text (.md)")
    for text in [f"Walking with {MARK}", "Calling my sister", "I feel worn out, even after rest",
                 "Body:** What I will add: Swim on Saturdays", "**When:** Tuesday at 18:30",
                 "**No time:**", "**I will:** Call my coordinator", "2027-01-15"]:  # fmt: skip
        assert text in markdown, text
    calendar = vobject.readOne(download(page, "Add reminders to my calendar (.ics)"))
    weekly, review = calendar.contents["vevent"]
    assert weekly.rrule.value == "FREQ=WEEKLY;BYDAY=TU"
    assert weekly.dtstart.value.strftime("%A %H:%M") == "Tuesday 18:30"
    assert str(review.dtstart.value) == "2027-01-15"
    saved = download(page, "Save my plan to continue later (.json)")
    assert f"Walking with {MARK}" in saved

    # Privacy: nothing left the page, and no request carried what was typed.
    assert offline.blocked == [] and offline.errors == []
    assert not [r for r in requests if MARK in r]

    # No draft was asked for: a reload starts empty.
    page.reload()
    page.locator(".mc-plan-builder-host[data-ready='true']").wait_for()
    assert page.get_by_label(fields["coping.helpful"]["label"]).input_value() == ""
    assert MARK not in page.evaluate(
        "JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"
    )


def focused(page: Page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def shown_status(page: Page) -> str:
    """The tools' visible message (not the screen-reader-only live region), once it fits."""
    status = page.locator(".mc-plan-status")
    expect(status).to_be_visible()
    assert status.evaluate("el => el.scrollWidth - el.clientWidth") <= 0
    box = status.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    return status.inner_text()


def test_a_draft_is_kept_only_when_asked_and_erased_on_request(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    helpful = guide()["fields"]["coping.helpful"]["label"]
    draft = "Keep a draft in this browser so I can come back to it (on this device only)"
    open_builder(built_book, page)
    tab_to(page, draft)
    page.keyboard.press("Space")
    assert "Your draft will be kept in this browser" in shown_status(page)
    tab_to(page, helpful)
    page.keyboard.type("Gardening")

    assert "Gardening" in page.evaluate(f"localStorage.getItem({json.dumps(DRAFT_KEY)})")
    page.reload()
    page.locator(".mc-plan-builder-host[data-ready='true']").wait_for()
    assert page.get_by_label(helpful).input_value() == "Gardening"
    assert page.get_by_label(draft).is_checked()
    assert page.locator(".mc-plan-status").is_hidden()  # nothing has happened yet

    page.locator(".mc-plan-privacy").click()
    tab_to(page, "Erase my draft")
    page.keyboard.press("Enter")
    question = page.get_by_role("group", name="Erase everything in this plan?")
    expect(question).to_be_visible()
    assert focused(page) == "Keep my plan"  # the safe answer is the one Enter gives
    expect(page.get_by_role("button", name="Erase my draft")).to_have_attribute(
        "aria-expanded", "true"
    )
    assert serious_violations(page) == []

    page.keyboard.press("Escape")
    expect(question).to_be_hidden()
    assert focused(page) == "Erase my draft"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # on "Keep my plan"
    expect(question).to_be_hidden()
    assert focused(page) == "Erase my draft"
    assert page.get_by_label(helpful).input_value() == "Gardening"
    assert "Gardening" in page.evaluate(f"localStorage.getItem({json.dumps(DRAFT_KEY)})")

    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "Erase"
    page.keyboard.press("Enter")
    expect(question).to_be_hidden()
    assert focused(page) == "Erase my draft"
    assert shown_status(page) == (
        "✓\nYour plan is erased: the form is empty and no draft is kept in this browser."
    )
    page.locator(".mc-plan .mc-live").filter(has_text="Your plan is erased").wait_for()
    assert page.get_by_label(helpful).input_value() == ""
    assert not page.get_by_label(draft).is_checked()
    assert serious_violations(page) == []
    page.reload()
    page.locator(".mc-plan-builder-host[data-ready='true']").wait_for()
    assert page.get_by_label(helpful).input_value() == ""
    assert not page.get_by_label(draft).is_checked()
    assert page.evaluate(f"localStorage.getItem({json.dumps(DRAFT_KEY)})") is None


def test_erasing_can_be_kept_by_mouse_and_erases_only_when_confirmed(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.on("dialog", lambda dialog: pytest.fail(f"a browser dialog opened: {dialog.message}"))
    open_builder(built_book, page)
    helpful = page.get_by_label(guide()["fields"]["coping.helpful"]["label"])
    helpful.fill("Baking")
    erase = page.get_by_role("button", name="Erase my draft")
    question = page.get_by_role("group", name="Erase everything in this plan?")
    erase.click()
    assert question.evaluate("el => el.scrollWidth - el.clientWidth") <= 0  # fits at 360 px
    page.get_by_role("button", name="Keep my plan").click()
    expect(question).to_be_hidden()
    assert helpful.input_value() == "Baking"
    assert page.locator(".mc-plan-status").is_hidden()

    erase.click()
    page.get_by_role("button", name="Erase", exact=True).click()
    assert "Your plan is erased" in shown_status(page)
    assert page.get_by_label(guide()["fields"]["coping.helpful"]["label"]).input_value() == ""


def test_a_saved_plan_loads_back_and_a_wrong_file_is_explained(
    built_book: BuildResult, offline: OfflinePage, tmp_path: Path
) -> None:
    page = offline.page
    open_builder(built_book, page)
    chooser = page.get_by_label("Continue a plan you saved (.json)")
    good = tmp_path / "plan.json"
    good.write_text('{"schema_version": 1, "coping": {"helpful": ["Baking"]}}', encoding="utf-8")
    chooser.set_input_files(good)
    helpful = page.get_by_label(guide()["fields"]["coping.helpful"]["label"])
    helpful.wait_for()
    page.wait_for_function("document.querySelector('.mc-plan textarea').value === 'Baking'")
    assert shown_status(page) == (
        '✓\nLoaded your plan from "plan.json". Continue where you left off.'
    )
    assert page.locator(".mc-plan-status.mc-error").count() == 0
    assert serious_violations(page) == []

    what_next = 'Choose the .json file you saved with "Save my plan to continue later (.json)"'
    for name, text, why in [
        ("notes.json", '{"hello": 1}', "it holds something other than a plan"),
        ("notes.md", "# My plan\n", "it is not a plan file (it is not JSON)"),
        ("newer.json", '{"schema_version": 2}', "it was saved by another version of this builder"),
        ("edited.json", '{"schema_version": 1, "coping": {"helpful": "Baking"}}',
         'its part "coping.helpful" is not in the form this builder saves'),
    ]:  # fmt: skip
        bad = tmp_path / name
        bad.write_text(text, encoding="utf-8")
        chooser.set_input_files(bad)
        page.locator(".mc-plan-status").filter(has_text=name).wait_for()
        shown = shown_status(page)
        assert shown.startswith(f'⚠\n"{name}" was not loaded: {why}. Your plan here is unchanged.')
        assert what_next in shown
        assert page.locator(".mc-plan-status.mc-error").count() == 1
        page.locator(".mc-plan .mc-live").filter(has_text=f'{name}" was not loaded').wait_for()
        assert helpful.input_value() == "Baking"
    assert serious_violations(page) == []
    assert offline.errors == []


def test_plan_page_has_no_serious_axe_violations(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    open_builder(built_book, page)
    assert serious_violations(page) == []
    for _ in range(3):
        page.get_by_role("button", name="Next →").click()
    assert serious_violations(page) == []  # the weekly step: selects, time, number
    page.get_by_role("button", name="Next →").click()
    page.get_by_role("button", name="Add: No time").click()
    assert serious_violations(page) == []


def test_plan_builder_fits_a_320_pixel_screen(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.set_viewport_size({"width": 320, "height": 640})
    open_builder(built_book, page)
    for _ in range(4):  # through the widest step: day, time and minutes side by side
        builder = page.locator(".mc-plan")
        assert builder.evaluate("el => el.scrollWidth - el.clientWidth") <= 0
        box = builder.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
        page.get_by_role("button", name="Next →").click()
