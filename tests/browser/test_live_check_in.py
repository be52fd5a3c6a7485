"""A live check-in in a real room, on a real server process: a presenter's screen and three
phones (two enrolled mentors and a guest), a changed answer, a forged participant, a
clicker's keys, and the summary at the end; axe on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mentor_course.store import Store
from tests.attempts import bank
from tests.browser.test_quiz_static import serious_violations
from tests.browser.test_served_course import (  # noqa: F401 - fixtures
    course_server,
    local_page,
    served_book,
    sign_in,
    signed_in_coordinator,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUIZ = bank("practice")
FIRST = QUIZ.questions[0]
TEXTS = {c.id: c.text for c in FIRST.choices}  # type: ignore[union-attr]
RIGHT = next(c.id for c in FIRST.choices if c.correct)  # type: ignore[union-attr]
WRONG = next(c.id for c in FIRST.choices if not c.correct)  # type: ignore[union-attr]


def phone(browser: Browser, base: str, store: str, mentor: str | None) -> Page:
    """A 320-pixel phone; an enrolled mentor's first opens their enrollment link."""
    page = local_page(browser, base)
    page.set_viewport_size({"width": 320, "height": 640})
    if mentor:
        with Store.open(store) as opened:
            token = opened.create_enrollment(mentor, cohort="Spring").token
        sign_in(page, f"{base}/enroll/{token}")
    return page


def join_by_keyboard(page: Page, base: str, code: str) -> None:
    page.goto(f"{base}/join")
    page.get_by_label("Code from the screen").fill(code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your answer is anonymous")).to_be_visible()


def choose(page: Page, choice: str) -> None:
    page.get_by_label(TEXTS[choice], exact=True).check()
    page.get_by_role("button", name=re.compile("my answer")).click()
    expect(page.get_by_text("Answer sent. Thank you.")).to_be_visible()


def choose_by_keyboard(page: Page, choice: str) -> None:
    page.get_by_label(TEXTS[choice], exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the send button, after the last choice
    while page.evaluate("document.activeElement.tagName") != "BUTTON":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Answer sent. Thank you.")).to_be_visible()


def count_of(presenter: Page, choice: str) -> str:
    row = presenter.locator(".bars li").filter(has_text=TEXTS[choice])
    return row.locator("span").last.inner_text()


def test_a_room_of_phones_answers_and_the_presenter_steers_it(
    browser: Browser,
    course_server: tuple[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    base, store = course_server
    presenter = signed_in_coordinator(browser, base)
    presenter.set_viewport_size({"width": 1280, "height": 800})
    presenter.get_by_text("Start a live check-in", exact=True).click()
    presenter.get_by_label("Quiz to show").select_option("practice")
    presenter.get_by_role("button", name="Start").click()
    code = presenter.url.rsplit("/", 1)[1]
    expect(presenter.locator(".code")).to_have_text(code)
    assert (presenter.locator(".join svg title").text_content() or "").endswith(f"/live/{code}")
    assert "null" not in presenter.locator("main").inner_text()
    assert serious_violations(presenter) == []

    ana = phone(browser, base, store, "Mentor Ana")
    ben = phone(browser, base, store, "Mentor Ben")
    guest = phone(browser, base, store, None)
    for person in (ana, ben, guest):
        join_by_keyboard(person, base, code)
    assert serious_violations(guest) == []
    join_page = local_page(browser, base)
    join_page.goto(f"{base}/join")
    assert serious_violations(join_page) == []

    choose(ana, RIGHT)
    choose_by_keyboard(ben, RIGHT)
    choose(guest, WRONG)
    # The presenter's page follows the room by itself (polling every 3 seconds).
    expect(presenter.get_by_text("3 answers so far")).to_be_visible(timeout=10_000)
    assert count_of(presenter, RIGHT) == "2 (67%)" and count_of(presenter, WRONG) == "1 (33%)"
    # Ana changes her mind: the counts follow, though the number of answers does not change.
    choose(ana, WRONG)
    expect(presenter.locator(".bars li").filter(has_text=TEXTS[WRONG])).to_contain_text(
        "2 (67%)", timeout=10_000
    )
    assert "Mentor Ana" not in presenter.content()

    # A made-up participant id is refused and counts for nothing.
    forged = local_page(browser, base)
    forged.context.add_cookies(
        [{"name": "mentor_course_participant", "value": "forged", "url": base}]
    )
    refused = forged.request.post(
        f"{base}/live/{code}/answer",
        form={"question_id": FIRST.id, "choice": RIGHT},
        headers={"Origin": base},
    )
    assert refused.status == 403
    with Store.open(store) as opened:
        assert opened.live_tallies(code, FIRST.id) == {RIGHT: 1, WRONG: 2}

    # A presentation clicker sends Page Down: the room moves on, and "Answer sent" goes.
    presenter.keyboard.press("PageDown")
    expect(
        presenter.get_by_role("heading", name=f"Question 2 of {len(QUIZ.questions)}")
    ).to_be_visible()
    expect(guest.get_by_text(f"Question 2 of {len(QUIZ.questions)}")).to_be_visible(timeout=10_000)
    expect(guest.get_by_text("Answer sent")).to_have_count(0)
    presenter.keyboard.press("ArrowRight")
    expect(
        presenter.get_by_role("heading", name=f"Question 3 of {len(QUIZ.questions)}")
    ).to_be_visible()
    presenter.keyboard.press("ArrowLeft")
    expect(
        presenter.get_by_role("heading", name=f"Question 2 of {len(QUIZ.questions)}")
    ).to_be_visible()
    presenter.keyboard.press("b")
    assert "live-blank" in (presenter.locator("body").get_attribute("class") or "")
    presenter.keyboard.press("b")
    presenter.keyboard.press("PageUp")
    expect(
        presenter.get_by_role("heading", name=f"Question 1 of {len(QUIZ.questions)}")
    ).to_be_visible()
    presenter.keyboard.press("r")
    expect(presenter.get_by_text(f"Answer: {TEXTS[RIGHT]}")).to_be_visible()
    assert serious_violations(presenter) == []

    presenter.get_by_role("button", name="End check-in").click()
    expect(presenter.get_by_role("heading", name=re.compile("Check-in summary"))).to_be_visible()
    expect(presenter.get_by_text("3 phones joined; 2 enrolled mentors attended")).to_be_visible()
    assert "Mentor Ana" not in presenter.content()
    assert serious_violations(presenter) == []
    printed = presenter.pdf(path=str(tmp_path / "summary.pdf"))  # Chromium's print layout
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", printed)) <= 2, tmp_path / "summary.pdf"
    expect(guest.get_by_text("This check-in has ended")).to_be_visible(timeout=10_000)
    assert serious_violations(guest) == []
