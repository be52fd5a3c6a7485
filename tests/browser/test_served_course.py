"""End to end on a real server process: a coordinator enrolls a mentor, who fails then passes
a quiz; the coordinator sees the pass with its date; another mentor sees none of it."""

from __future__ import annotations

import datetime as dt
import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page

from mentor_course.book import BuildResult
from mentor_course.quiz import QuizBank
from mentor_course.server import passwords
from mentor_course.store import Store
from tests.attempts import bank
from tests.browser.test_quiz_static import serious_violations, shown_ids, tab_to
from tests.server.conftest import COORDINATOR, PASSWORD, served_book  # noqa: F401 - fixture
from tests.server.test_durability import free_port, start

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def course_server(
    served_book: BuildResult,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> Iterator[tuple[str, str]]:
    store = str(tmp_path / "course.sqlite3")
    with Store.open(store) as opened:
        opened.add_coordinator(COORDINATOR, passwords.hash(PASSWORD))
    port = free_port()
    server = start(store, served_book, port)
    yield f"http://127.0.0.1:{port}", store
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    if server.stderr:
        server.stderr.close()


def local_page(browser: Browser, base: str) -> Page:
    """A browser that may reach the course server and nothing else."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith((base, "blob:", "data:"))
            else route.abort()
        ),
    )
    return context.new_page()


def sign_in(page: Page, link: str) -> None:
    """Open an enrollment link and press its "Start the course", as a mentor does."""
    page.goto(link)
    page.get_by_role("button", name="Start the course").click()
    # The course's start page forwards to the first chapter: wait for the token to leave.
    page.wait_for_url(lambda url: "/enroll/" not in url)


def signed_in_coordinator(browser: Browser, base: str) -> Page:
    """A coordinator's browser, signed in through the login form."""
    coordinator = local_page(browser, base)
    coordinator.goto(f"{base}/coordinator/login")
    coordinator.get_by_label("Name").fill(COORDINATOR)
    coordinator.get_by_label("Password").fill(PASSWORD)
    coordinator.get_by_role("button", name="Sign in").click()
    return coordinator


def answer_everything(page: Page | Frame, quiz: QuizBank) -> None:
    """Answer every question the page's (or frame's) attempt shows, rightly."""
    for q in map(quiz.question, shown_ids(page)):
        block = page.locator(f"[data-question='{q.id}']")
        if q.type in {"single", "true_false", "multiple"}:
            for choice in q.choices:
                if choice.correct:
                    block.locator(f"input[value='{choice.id}']").check()
        elif q.type == "match":
            for item in q.items:
                block.locator(f"[data-target='{item.id}'] input[value='{item.category}']").check()
        else:
            for position, item in enumerate(q.items):
                row = block.locator(f"li[data-target='{item.id}']")
                while row.evaluate("li => [...li.parentNode.children].indexOf(li)") > position:
                    row.get_by_role("button", name=f"Move up: {item.text}").click()


def test_enroll_fail_then_pass_and_the_coordinator_sees_it(
    browser: Browser, course_server: tuple[str, str]
) -> None:
    base, store = course_server
    coordinator = signed_in_coordinator(browser, base)
    coordinator.get_by_text("Enroll a mentor", exact=True).click()  # the action at the top
    coordinator.get_by_label("Name", exact=True).fill("Mentor Ana")
    coordinator.get_by_label("Cohort (optional)").fill("Spring")
    coordinator.get_by_role("button", name="Create enrollment link").click()
    link = coordinator.get_by_label("Enrollment link").input_value()
    assert link.startswith(f"{base}/enroll/")

    mentor = local_page(browser, base)
    errors: list[str] = []
    mentor.on("pageerror", lambda exc: errors.append(str(exc)))
    mentor.goto(link)
    assert serious_violations(mentor) == []
    mentor.get_by_role("button", name="Start the course").click()
    mentor.wait_for_url(lambda url: "/enroll/" not in url)  # the token left the address bar
    mentor.goto(f"{base}/book/practice.html")  # reads the chapter, then its quiz
    note = mentor.locator(".mc-note").filter(has_text="saved to your progress as Mentor Ana")
    note.wait_for(timeout=15_000)
    check = mentor.get_by_role("button", name="Check answers")
    check.click()
    mentor.get_by_role("button", name="Check anyway").click()  # every question blank
    mentor.locator(".mc-summary").filter(has_text="Not passed yet").wait_for()
    mentor.locator(".mc-saved").filter(has_text="Saved at ").wait_for()
    first_draw = shown_ids(mentor)
    mentor.get_by_role("button", name="Try again").click()
    quiz = bank("practice")
    assert shown_ids(mentor) != first_draw  # a fresh draw (the same one is very unlikely)
    answer_everything(mentor, quiz)
    check.click()
    mentor.locator(".mc-summary").filter(has_text="You passed").wait_for()
    mentor.locator(".mc-saved").filter(has_text="Saved at ").wait_for()
    mentor.reload()  # coming back later
    today = dt.date.today()
    passed_on = f"You passed this check on {today:%B} {today.day}, {today.year}."
    mentor.locator(".mc-standing").filter(has_text=passed_on).wait_for(timeout=15_000)
    assert errors == []
    assert "1 of 6 knowledge checks passed" in (mentor.goto(f"{base}/me").text())
    with Store.open(store) as opened:
        (failed, passed) = [a for a in opened.attempts("Mentor Ana") if a.bank_id == quiz.id]
    assert [q.id for q in failed.results] == first_draw  # what was shown, blanks included
    assert {q.verdict for q in failed.results} == {"unanswered"} and passed.passed

    coordinator.goto(f"{base}/coordinator?cohort=Spring")
    row = coordinator.get_by_role("row", name="Mentor Ana")
    assert "in progress\t1 of 6" in row.inner_text()
    assert serious_violations(coordinator) == []
    row.get_by_role("link", name="Mentor Ana").click()  # her page: each attempt, in order
    attempts = coordinator.get_by_role("table", name="Attempts, oldest first")
    results = [r.inner_text() for r in attempts.locator("tbody tr").all()]
    assert [r.split("\t")[2] for r in results] == ["not passed", "passed"]
    assert all(quiz.title in r for r in results)

    with Store.open(store) as opened:
        second_link = opened.create_enrollment("Mentor Ben", cohort="Spring").token
    other = local_page(browser, base)
    sign_in(other, f"{base}/enroll/{second_link}")
    other.goto(f"{base}/api/me/attempts")
    assert json.loads(other.locator("body").inner_text()) == []  # only Ben's own: none
    other.goto(f"{base}/me")
    assert "Mentor Ana" not in other.content()
    other.goto(f"{base}/coordinator")
    assert "Mentor Ana" not in other.content()


def test_the_plan_builder_sends_nothing_to_the_course_server(
    browser: Browser, course_server: tuple[str, str]
) -> None:
    base, store = course_server
    with Store.open(store) as opened:
        link = opened.create_enrollment("Mentor Ana", cohort="Spring").token
    page = local_page(browser, base)
    sign_in(page, f"{base}/enroll/{link}")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(f"{r.method} {r.url} {r.post_data or ''}"))
    page.goto(f"{base}/book/self-care-plan.html")
    page.get_by_label("Habits that help me (one per line)").fill("Quillwort walks")
    for _ in range(9):
        page.get_by_role("button", name="Next →").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as text (.md)").click()
    assert "Quillwort walks" in Path(download.value.path()).read_text(encoding="utf-8")
    assert not [r for r in sent if "Quillwort" in r]
    assert not [r for r in sent if r.startswith(("POST", "PUT", "PATCH"))]


def test_live_check_in_pages_are_accessible(
    browser: Browser, course_server: tuple[str, str]
) -> None:
    base, _ = course_server
    coordinator = signed_in_coordinator(browser, base)
    coordinator.get_by_text("Start a live check-in", exact=True).click()
    coordinator.get_by_label("Quiz to show").select_option("practice")
    coordinator.get_by_role("button", name="Start").click()
    code = coordinator.locator(".code").inner_text()
    assert serious_violations(coordinator) == []

    phone = local_page(browser, base)
    phone.goto(f"{base}/join")
    phone.get_by_label("Code from the screen").fill(code)
    phone.get_by_role("button", name="Join").click()
    phone.locator("fieldset input").first.check()
    phone.get_by_role("button", name="Send my answer").click()
    phone.get_by_role("status").filter(has_text="Answer sent").wait_for()
    assert serious_violations(phone) == []

    # Both pages follow the room by themselves (a small script polls the server).
    coordinator.get_by_text("1 answers so far").wait_for(timeout=15_000)
    coordinator.get_by_role("button", name="Next →").click()
    phone.get_by_text("Question 2 of").wait_for(timeout=15_000)


def test_an_attempt_made_after_the_session_ended_waits_on_the_device_and_is_stored_once(
    browser: Browser, course_server: tuple[str, str]
) -> None:
    base, store = course_server
    quiz = bank("organizations")
    with Store.open(store) as opened:
        link = opened.create_enrollment("Mentor Ana", cohort="Spring").token
    mentor = local_page(browser, base)
    sign_in(mentor, f"{base}/enroll/{link}")
    mentor.goto(f"{base}/book/organizations.html")
    mentor.locator(".mc-note").filter(has_text="as Mentor Ana").wait_for(timeout=15_000)

    mentor.context.clear_cookies()  # the session ends (it expired, or she signed out)
    mentor.reload()
    mentor.locator(".mc-note").filter(has_text="not signed in on this page, Mentor Ana").wait_for(
        timeout=15_000
    )
    answer_everything(mentor, quiz)
    kept = shown_ids(mentor)
    mentor.get_by_role("button", name="Check answers").click()
    mentor.locator(".mc-summary").filter(has_text="You passed").wait_for()  # still graded
    mentor.locator(".mc-saved").filter(has_text="Kept on this device").wait_for()
    with Store.open(store) as opened:
        assert list(opened.attempts("Mentor Ana")) == []

    # Back in through a fresh link from the coordinator: the kept attempt is sent, once.
    with Store.open(store) as opened:
        ana = opened.learner("Mentor Ana").id
        again = opened.create_enrollment("Mentor Ana", person=ana).token
    sign_in(mentor, f"{base}/enroll/{again}")
    mentor.goto(f"{base}/book/organizations.html")
    mentor.locator(".mc-saved").filter(has_text="1 attempt kept on this device was sent").wait_for(
        timeout=15_000
    )
    mentor.locator(".mc-standing").filter(has_text="You passed this check on").wait_for()
    mentor.reload()
    mentor.locator(".mc-standing").filter(has_text="You passed this check on").wait_for()
    with Store.open(store) as opened:
        (stored,) = opened.attempts("Mentor Ana")
    assert stored.passed and [q.id for q in stored.results] == kept


def test_a_coordinator_presents_a_quiz_by_keyboard(
    browser: Browser, course_server: tuple[str, str]
) -> None:
    base, _ = course_server
    quiz = bank("practice")
    page = signed_in_coordinator(browser, base)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}/book/practice.html")
    present = page.get_by_role("button", name="Presenter view")
    present.wait_for(timeout=15_000)  # once the server says who is signed in
    shown = shown_ids(page)
    page.locator(".mc-quiz .mc-title").click()
    tab_to(page, "Presenter view")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    assert dialog.locator(".mc-present-count").inner_text() == f"Question 1 of {quiz.per_attempt}"
    body = dialog.locator(".mc-present-body")
    for question in map(quiz.question, shown):  # only what each question has, never "null"
        assert "null" not in body.inner_text(), question.id
        has_scenario = body.locator(".mc-present-scenario").count() == 1
        assert (question.scenario is not None) == has_scenario, question.id
        page.keyboard.press("ArrowRight")
    for _ in shown:
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("r")
    first = quiz.question(shown[0])
    answer = dialog.locator(".mc-present-answer").inner_text()
    assert f"Answer: {'; '.join(first.answer_in_words())}" in answer
    assert first.explanation in dialog.inner_text()
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Presenter view"
