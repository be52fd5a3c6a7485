"""A chapter's quiz in the static book, from file://, offline, by keyboard only; and axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Frame, Page

from mentor_course.book import BuildResult
from mentor_course.quiz import load_bank
from mentor_course.quiz.types import SingleQuestion
from tests.browser.conftest import OfflinePage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
BANK = load_bank(REPO / "quizzes" / "practice.yml", REPO / "book" / "references.bib")


def open_quiz(built_book: BuildResult, page: Page, chapter: str = "practice") -> list[str]:
    """Open a chapter's quiz; the ids of the questions its attempt drew, in page order."""
    page.goto((built_book.html_dir / "book" / f"{chapter}.html").as_uri())
    page.locator(".mc-quiz-host[data-ready='true']").wait_for(timeout=10_000)
    return shown_ids(page)


def shown_ids(page: Page | Frame) -> list[str]:
    return page.locator(".mc-block").evaluate_all("blocks => blocks.map(b => b.dataset.question)")


def tab_to(page: Page, name: str, limit: int = 150) -> None:
    """Press Tab until the focused element's text is `name`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"could not reach {name!r} with Tab")


def tab_into(page: Page, question_id: str, limit: int = 150) -> None:
    """Press Tab until focus is in question `question_id`'s radio group."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name || ''").endswith(f"-{question_id}"):
            return
    raise AssertionError(f"could not reach question {question_id!r} with Tab")


def pick_by_keyboard(page: Page, index: int) -> None:
    """With focus on the first radio of a group, select the radio at `index`."""
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")


def first_single(shown: list[str]) -> SingleQuestion:
    return next(q for q in (BANK.question(i) for i in shown) if isinstance(q, SingleQuestion))


def choice_order(page: Page, question_id: str) -> list[str]:
    return page.locator(f"[data-question='{question_id}'] input").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )


def check_anyway(page: Page, blanks: int, of: int) -> None:
    """Press Check answers with blanks: the quiz asks first; go on by keyboard."""
    tab_to(page, "Check answers")
    page.keyboard.press("Enter")
    confirm = page.locator(".mc-confirm")
    assert confirm.inner_text().startswith(f"{blanks} of {of} questions are not answered.")
    assert "count as wrong" in confirm.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('mc-confirm')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check anyway"
    page.keyboard.press("Enter")


def test_an_attempt_by_keyboard_then_a_fresh_draw(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    shown = open_quiz(built_book, page)
    assert len(shown) == BANK.per_attempt < len(BANK.questions)
    assert {BANK.question(q).objective for q in shown} == {o.id for o in BANK.objectives}
    meta = page.locator(".mc-meta").inner_text()
    assert meta.startswith(f"{BANK.per_attempt} questions, drawn from {len(BANK.questions)}.")

    # Clicking plain text only sets where Tab starts, like a reader who scrolled here.
    page.locator(".mc-quiz .mc-title").click()
    tab_to(page, "Show one question at a time")
    page.keyboard.press("Enter")
    assert page.locator(".mc-progress").inner_text() == f"Question 1 of {BANK.per_attempt}"
    page.keyboard.press("Enter")  # back to every question on the page

    first = first_single(shown)
    right = next(c.id for c in first.choices if c.correct)
    wrong = next(c for c in choice_order(page, first.id) if c != right)
    tab_into(page, first.id)
    pick_by_keyboard(page, choice_order(page, first.id).index(wrong))
    check_anyway(page, BANK.per_attempt - 1, BANK.per_attempt)

    question = page.locator(f"[data-question='{first.id}']")
    assert "Not quite" in question.locator(".mc-verdict").inner_text()
    feedback = question.locator(f"[data-target='{wrong}'] .mc-feedback")
    assert feedback.inner_text().startswith("✗Not this one.")
    summary = page.locator(".mc-summary")
    assert (
        f"Your score: 0%, 0 of {BANK.per_attempt} points: 0 fully right, 1 wrong, "
        f"{BANK.per_attempt - 1} not answered." in summary.inner_text()
    )
    assert "Not passed yet" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('mc-summary')")
    page.locator(".mc-live").filter(has_text="Not passed yet").wait_for()

    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Try again"
    page.keyboard.press("Enter")
    assert summary.is_hidden()
    # A fresh draw, nothing chosen, focus on its first question.
    again = shown_ids(page)
    assert len(again) == BANK.per_attempt and page.locator("input:checked").count() == 0
    assert (
        again[0] in page.evaluate("document.activeElement.name || ''")
        or page.evaluate("document.activeElement.closest('.mc-block').dataset.question") == again[0]
    )
    page.locator(".mc-live").filter(has_text="A fresh set of").wait_for()

    second = first_single(again)
    right = next(c.id for c in second.choices if c.correct)
    page.locator(".mc-quiz .mc-title").click()
    tab_into(page, second.id)
    pick_by_keyboard(page, choice_order(page, second.id).index(right))
    check_anyway(page, BANK.per_attempt - 1, BANK.per_attempt)
    answered = page.locator(f"[data-question='{second.id}']")
    assert "Correct" in answered.locator(".mc-verdict").inner_text()
    assert (
        answered.locator(f"[data-target='{right}'] .mc-feedback").inner_text().startswith("✓Right.")
    )
    score = int(100 / BANK.per_attempt + 0.5)  # as Math.round, not round-half-even
    assert f"Your score: {score}%, 1 of {BANK.per_attempt} points: 1 fully right" in (
        summary.inner_text()
    )
    assert offline.blocked == [] and offline.errors == []


def test_every_try_draws_afresh_and_shuffles_the_choices(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    draws, orders = set(), set()
    for _ in range(6):
        shown = open_quiz(built_book, page)
        draws.add(tuple(shown))
        first = first_single(shown)
        orders.add(tuple(choice_order(page, first.id)))
    assert len(draws) > 1
    assert len(orders) > 1 or len(draws) == 6


def open_until(built_book: BuildResult, page: Page, chapter: str, selector: str) -> None:
    """Open a quiz until its attempt draws a question that shows `selector` (a fresh draw
    each time): a question of one objective's pool is in about half of the draws."""
    for _ in range(30):
        open_quiz(built_book, page, chapter)
        if page.locator(selector).count():
            return
    raise AssertionError(f"no draw of {chapter} showed {selector}")


def test_order_question_moves_items_with_buttons(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    open_until(built_book, page, "mentoring-practice", "ol.mc-order")
    order = page.locator("ol.mc-order").first
    before = order.locator("li").evaluate_all("items => items.map(i => i.dataset.target)")
    order.locator("li").nth(1).get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    after = order.locator("li").evaluate_all("items => items.map(i => i.dataset.target)")
    assert after == [before[1], before[0], *before[2:]]
    page.locator(".mc-live").filter(has_text=f"moved to position 1 of {len(before)}.").wait_for()
    # The moved item is now first, so its Up button is disabled and focus moves to Down.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(
        "Move down:"
    )


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_quiz_page_has_no_serious_axe_violations(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    open_quiz(built_book, page)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Check answers").click()
    page.locator(".mc-confirm").wait_for()  # the question about blanks
    assert serious_violations(page) == []
    page.get_by_role("button", name="Check anyway").click()  # feedback states too
    page.locator(".mc-summary").wait_for()
    assert serious_violations(page) == []


def test_quiz_fits_a_320_pixel_screen(built_book: BuildResult, offline: OfflinePage) -> None:
    page = offline.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto((built_book.html_dir / "book" / "compassion-fatigue-vs-burnout.html").as_uri())
    page.locator(".mc-quiz-host[data-ready='true']").wait_for(timeout=10_000)
    quiz = page.locator(".mc-quiz")
    overflow = quiz.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 0
    box = quiz.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_mentors_reading_the_static_book_get_no_presenter_view(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    open_quiz(built_book, page)
    assert page.get_by_role("button", name="Presenter view").count() == 0
    page.locator(".mc-quiz .mc-title").click()
    page.keyboard.press("r")
    assert page.get_by_role("dialog").count() == 0
    assert "Answer:" not in page.locator("main").inner_text()
