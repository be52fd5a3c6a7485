"""The private check-ins in Chromium: a mentor's self-check-in (scored on the page, a clear
"talk to someone", carried into the plan) and a program's self-assessment (an action plan to
save); accessible, and nothing sent anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from mentor_course.book import BuildResult
from mentor_course.checkin import check_in, org_assessment
from mentor_course.store import Store
from tests.browser.conftest import OfflinePage
from tests.browser.test_quiz_static import serious_violations
from tests.browser.test_served_course import (  # noqa: F401 - fixture
    course_server,
    local_page,
    sign_in,
)
from tests.server.conftest import served_book  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MARKER = "Quillwort-7731"  # typed in, it must never appear in a request


def answer(page: Page, label: str, value: str) -> None:
    """Choose `value` ("Often") for the statement `label`."""
    page.get_by_role("group", name=label, exact=True).get_by_label(value, exact=True).check()


def take_check_in(page: Page) -> None:
    content = check_in()
    satisfaction, stress, burnout = content.areas
    for item in satisfaction.items:
        answer(page, item.text, "Sometimes")
    for item in stress.items[:2]:
        answer(page, item.text, "Often")
    answer(page, burnout.items[0].text, "Very often")
    page.get_by_label("Anything else you noticed (only you see this)").fill(MARKER)
    page.get_by_role("button", name="See my results").click()


def test_a_mentor_checks_in_is_told_to_talk_to_someone_and_carries_it_into_the_plan(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.goto((built_book.html_dir / "book" / "self-check-in.html").as_uri())
    page.locator(".mc-self-check-in-host[data-ready='true']").wait_for(timeout=10_000)
    assert serious_violations(page) == []
    take_check_in(page)
    results = page.locator(".mc-checkin-results")
    assert page.evaluate("document.activeElement.classList.contains('mc-checkin-results')")
    text = results.inner_text()
    content = check_in()
    assert f"{content.areas[0].title}: 8 of 16" in text
    assert f"{content.areas[1].title}: 6 of 16, some signs" in text
    assert "It may help to talk to someone soon." in text  # "Very often" on a strain item
    assert "988" in text and "Your program's contacts" in text
    assert "not a diagnosis" in text
    page.locator(".mc-live").filter(has_text="suggest talking to someone").wait_for()
    assert serious_violations(page) == []

    page.get_by_role("button", name="Add what I noticed to my self-care plan").click()
    page.locator(".mc-live").filter(has_text="4 signs will be ticked").wait_for()
    page.goto((built_book.html_dir / "book" / "self-care-plan.html").as_uri())
    page.locator(".mc-plan-builder-host[data-ready='true']").wait_for(timeout=10_000)
    for _ in range(10):
        if page.locator(".mc-plan-step h3").inner_text() == "My warning signs":
            break
        page.get_by_role("button", name="Next →").click()
    stress, burnout = content.areas[1], content.areas[2]
    for item in [*stress.items[:2], burnout.items[0]]:
        assert item.plan_sign is not None
        assert page.get_by_label(item.plan_sign.text, exact=True).is_checked()
    assert not page.get_by_label(stress.items[2].plan_sign.text, exact=True).is_checked()  # type: ignore[union-attr]
    assert MARKER in page.locator("textarea").first.input_value()
    # Handed over once: the plan keeps it, the browser forgets it.
    assert page.evaluate("localStorage.getItem('mentor-course:plan-signs-from-check-in')") is None
    assert offline.blocked == [] and offline.errors == []


def test_on_the_course_server_the_check_in_sends_nothing(
    browser: Browser,
    course_server: tuple[str, str],  # noqa: F811 - the fixture imported above
) -> None:
    base, store = course_server
    with Store.open(store) as opened:
        link = opened.create_enrollment("Mentor Ana", cohort="Spring").token
    page = local_page(browser, base)
    sign_in(page, f"{base}/enroll/{link}")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(f"{r.method} {r.url} {r.post_data or ''}"))
    page.goto(f"{base}/book/self-check-in.html")
    page.locator(".mc-self-check-in-host[data-ready='true']").wait_for(timeout=10_000)
    take_check_in(page)
    page.get_by_role("button", name="Add what I noticed to my self-care plan").click()
    page.locator(".mc-live").filter(has_text="will be ticked").wait_for()
    assert not [r for r in sent if MARKER in r]
    assert not [r for r in sent if r.startswith(("POST", "PUT", "PATCH"))]
    # The account bar asks who is signed in, sending nothing; no other API call is made.
    assert {r for r in sent if "/api/" in r} <= {f"GET {base}/api/session "}


def test_staff_rate_their_program_and_save_a_one_page_action_plan(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.goto((built_book.html_dir / "book" / "program-self-assessment.html").as_uri())
    page.locator(".mc-org-assessment-host[data-ready='true']").wait_for(timeout=10_000)
    assert serious_violations(page) == []
    content = org_assessment()
    for area in content.areas:
        for item in area.items:
            answer(page, item.text, "Mostly")
    weakest = content.areas[1]  # supervision: two gaps
    answer(page, weakest.items[0].text, "Not yet")
    answer(page, weakest.items[1].text, "Partly")
    page.get_by_role("button", name="See results and make an action plan").click()
    results = page.locator(".mc-checkin-results").inner_text()
    assert f"{weakest.title}: 3 of 9 (33%) Start here." in results
    assert f"{content.areas[0].title}: 6 of 9 (67%)" in results
    plan = page.locator(".mc-org-plan")
    rows = plan.locator("fieldset")
    assert rows.count() == 2
    first = plan.get_by_role("group", name=weakest.items[0].text)
    assert first.get_by_label("Priority").input_value() == "High"
    first.get_by_label("Owner").fill(f"Dana {MARKER}")
    first.get_by_label("By").fill("2027-01-15")
    assert serious_violations(page) == []
    with page.expect_download() as saved:
        plan.get_by_role("button", name="Save the action plan (.md)").click()
    text = Path(saved.value.path()).read_text(encoding="utf-8")
    assert (
        f"| High | {weakest.items[0].text} | {weakest.title} | Dana {MARKER} | 2027-01-15 |" in text
    )
    assert f"| High | {weakest.items[1].text} |" in text
    assert offline.blocked == [] and offline.errors == []
