"""axe-core on every page a person opens on the course server, at phone width: the book as a
signed-in mentor (with the account bar), the enrollment pages, the mentor's progress, the
coordinator's pages and the live check-in's pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from mentor_course.store import Store
from tests.browser.test_quiz_static import serious_violations
from tests.browser.test_served_course import (  # noqa: F401 - fixtures
    course_server,
    local_page,
    served_book,
    sign_in,
    signed_in_coordinator,
)
from tests.test_content import ALL_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_served_page_has_no_serious_axe_violations(
    browser: Browser,
    course_server: tuple[str, str],  # noqa: F811 - the fixture imported above
) -> None:
    base, store = course_server
    with Store.open(store) as opened:
        link, used = (opened.create_enrollment(n, cohort="Spring").token for n in ("Ana", "Ben"))
        code = opened.start_group_session("practice", cohort="Spring")
        (ana,) = opened.learners_named("Ana")
    found: dict[str, list[str]] = {}

    def check(page: object, path: str) -> None:
        found[path] = serious_violations(page)  # type: ignore[arg-type]

    mentor = local_page(browser, base)
    mentor.goto(f"{base}/enroll/{link}")
    check(mentor, "/enroll/{token}")
    sign_in(mentor, f"{base}/enroll/{used}")
    mentor.goto(f"{base}/enroll/{link}")  # someone else's link, while signed in
    check(mentor, "/enroll/{token} (signed in)")
    for name in ["", *(f"book/{page}.html" for page in ALL_PAGES), "search.html?q=burnout"]:
        mentor.goto(f"{base}/{name}")
        mentor.get_by_role("button", name="Sign out").wait_for(timeout=10_000)
        check(mentor, f"/{name}")
    for path in ["/me", f"/enroll/{used}", "/join", f"/live/{code}"]:
        mentor.goto(f"{base}{path}")
        check(mentor, path)
    mentor.goto(f"{base}/me")
    mentor.get_by_role("button", name="Sign out").click()
    mentor.wait_for_url(f"{base}/me/signed-out")
    check(mentor, "/me/signed-out")

    visitor = local_page(browser, base)
    for path in ["/coordinator/login", "/enroll/made-up"]:
        visitor.goto(f"{base}{path}")
        check(visitor, path)
    coordinator = signed_in_coordinator(browser, base)
    for path in [
        "/coordinator",
        "/coordinator?q=an&status=not+finished&sort=status",
        f"/coordinator/learners/{ana.id}",
        f"/coordinator/learners/{ana.id}/remove",
        "/coordinator/cohorts",
        "/coordinator/report",
        "/coordinator/reminders",
        "/book/practice.html",
        f"/coordinator/live/{code}",
        f"/coordinator/live/{code}/summary",
        "/verify/AAAA-BBBB-CCCC",
    ]:
        coordinator.goto(f"{base}{path}")
        check(coordinator, path)
    coordinator.goto(f"{base}/coordinator")
    coordinator.get_by_text("Upload a roster").click()
    coordinator.get_by_label("CSV file with columns name, email, cohort").set_input_files(
        files=[{"name": "r.csv", "mimeType": "text/csv",
                "buffer": b"name,email,cohort\nCara,cara@example.org,Spring\nAna,,Fall\n"}]
    )  # fmt: skip
    coordinator.get_by_role("button", name="Preview", exact=True).click()
    coordinator.get_by_text("Every row, and what will happen").wait_for()
    check(coordinator, "/coordinator/roster (preview)")
    assert {path: v for path, v in found.items() if v} == {}
