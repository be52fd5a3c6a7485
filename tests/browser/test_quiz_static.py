"""A chapter's quiz in the static book, from file://, offline, by keyboard only; and axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from mentor_course.book import BuildResult
from mentor_course.quiz import load_bank
from tests.browser.conftest import OfflinePage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
BANK = load_bank(REPO / "quizzes" / "practice.yml", REPO / "book" / "references.bib")


def open_quiz(built_book: BuildResult, page: Page) -> None:
    page.goto((built_book.html_dir / "book" / "practice.html").as_uri())
    page.locator(".mc-quiz-host[data-ready='true']").wait_for(timeout=10_000)


def tab_to(page: Page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element's text is `name`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"could not reach {name!r} with Tab")


def pick_by_keyboard(page: Page, index: int) -> None:
    """With focus on the first radio of a group, select the radio at `index`."""
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")


def test_wrong_then_right_with_the_keyboard_only(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    open_quiz(built_book, page)
    first = BANK.questions[0]
    assert first.type == "single"
    shown = page.locator(f"[data-question='{first.id}'] input").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )
    right = next(c.id for c in first.choices if c.correct)
    wrong = next(c for c in shown if c != right)

    # Clicking plain text only sets where Tab starts, like a reader who scrolled here.
    page.locator(".mc-quiz .mc-title").click()
    tab_to(page, "Show one question at a time")
    page.keyboard.press("Enter")
    assert page.locator(".mc-progress").inner_text() == f"Question 1 of {len(BANK.questions)}"
    for _ in range(5):  # on into the first question's radio group
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    pick_by_keyboard(page, shown.index(wrong))
    tab_to(page, "Check answers")
    page.keyboard.press("Enter")

    question = page.locator(f"[data-question='{first.id}']")
    assert "Not quite" in question.locator(".mc-verdict").inner_text()
    feedback = question.locator(f"[data-target='{wrong}'] .mc-feedback")
    assert feedback.inner_text().startswith("✗Not this one.")
    summary = page.locator(".mc-summary")
    assert "Not passed yet" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('mc-summary')")
    page.locator(".mc-live").filter(has_text="Not passed yet").wait_for()

    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Try again"
    page.keyboard.press("Enter")
    assert summary.is_hidden()
    # Focus is back on the first radio of the question that was not right.
    assert page.evaluate("document.activeElement.name").endswith(first.id)
    pick_by_keyboard(page, shown.index(right))
    tab_to(page, "Check answers")
    page.keyboard.press("Enter")

    assert "Correct" in question.locator(".mc-verdict").inner_text()
    assert (
        question.locator(f"[data-target='{right}'] .mc-feedback").inner_text().startswith("✓Right.")
    )
    score = round(100 / len(BANK.questions))
    assert f"Your score: {score}% (1 of {len(BANK.questions)}" in summary.inner_text()
    assert offline.blocked == [] and offline.errors == []


def test_order_question_moves_items_with_buttons(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    page = offline.page
    page.goto((built_book.html_dir / "book" / "self-care-and-mindfulness.html").as_uri())
    order = page.locator("ol.mc-order").first
    order.wait_for()
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
    page.get_by_role("button", name="Check answers").click()  # feedback states too
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


def test_presenter_view_by_keyboard(built_book: BuildResult, offline: OfflinePage) -> None:
    page = offline.page
    open_quiz(built_book, page)
    page.locator(".mc-quiz .mc-title").click()
    tab_to(page, "Presenter view")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    assert (
        dialog.locator(".mc-present-count").inner_text() == f"Question 1 of {len(BANK.questions)}"
    )
    page.keyboard.press("ArrowRight")
    assert dialog.locator(".mc-present-count").inner_text().startswith("Question 2 of")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("r")
    first = BANK.questions[0]
    right = next(c.text for c in first.choices if c.correct)
    assert f"Answer: {right}" in dialog.locator(".mc-present-answer").inner_text()
    assert first.explanation in dialog.inner_text()
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Presenter view"


def test_presenter_view_shows_only_what_each_question_has(
    built_book: BuildResult, offline: OfflinePage
) -> None:
    """No "null" on the projected screen where a question has no scenario or categories."""
    page = offline.page
    open_quiz(built_book, page)
    page.get_by_role("button", name="Presenter view").click()
    body = page.get_by_role("dialog").locator(".mc-present-body")
    for question in BANK.questions:
        text = body.inner_text()
        assert "null" not in text, question.id
        assert (question.scenario is not None) == (
            body.locator(".mc-present-scenario").count() == 1
        ), question.id
        page.keyboard.press("ArrowRight")
