"""QuizWidget in plain pytest: the test plays the front end by setting state as it would."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from mentor_course.course import Course
from mentor_course.identity import current_learner, set_learner
from mentor_course.quiz.types import Question
from mentor_course.store import AttemptRecord, Store
from mentor_course.widgets import QuizWidget
from mentor_course.widgets.assets import STATIC
from tests.attempts import right_answers
from tests.chapters import REPO


def widget(record: bool = False) -> QuizWidget:
    return QuizWidget.from_bank("compassion-fatigue-vs-burnout", Course(REPO), record=record)


def test_assets_sit_beside_the_widget() -> None:
    assert (STATIC / "quiz.js").is_file() and (STATIC / "quiz.css").is_file()


def test_no_answer_key_reaches_the_front_end_before_checking() -> None:
    w = widget()
    synced = json.dumps({k: v for k, v in w.get_state().items() if k not in {"_esm", "_css"}})
    for secret in ['"correct"', '"feedback"', '"explanation"', '"category"']:
        assert secret not in synced
    assert w.result is None and w.presenter == []


def test_a_facilitator_widget_carries_the_answers_and_records_nothing() -> None:
    set_learner("Facilitator")
    w = QuizWidget.from_bank("practice", Course(REPO), presenting=True)
    assert not w.recording
    first = w.quiz.questions[0]
    assert w.presenter[0]["id"] == first.id
    assert w.presenter[0]["answer"] == [c.text for c in first.choices if c.correct]
    attempt_id = str(uuid.uuid4())
    answers = right_answers(w.quiz, attempt_id)
    w.set_state({"submission": {"attempt_id": attempt_id, "answers": answers}})
    assert w.result is not None and stored() == []


def wrong_answer(question: Question) -> object:
    """An answer to `question` that scores little: 0, or for an order question its reverse."""
    if question.type == "true_false":
        return "false" if question.answer else "true"
    if question.type == "match":
        other = {c.id: question.categories[n - 1].id for n, c in enumerate(question.categories)}
        return {i.id: other[i.category] for i in question.items}
    if question.type == "order":
        return [i.id for i in reversed(question.items)]
    wrong = next(c.id for c in question.choices if not c.correct)
    return [wrong] if question.type == "multiple" else wrong


def test_a_wrong_then_right_attempt_is_graded_by_the_kernel_on_its_own_draw() -> None:
    w = widget()
    first = str(uuid.uuid4())
    w.set_state({"attempt": first})  # the front end starts an attempt
    shown = w.quiz.draw(first)
    wrong = {q: wrong_answer(w.quiz.question(q)) for q in shown}
    w.set_state({"answers": wrong, "submission": {"attempt_id": first, "answers": wrong}})
    assert w.result is not None
    assert w.result["attempt_id"] == first
    assert w.result["passed"] is False
    assert [q["id"] for q in w.result["questions"]] == shown
    assert len(shown) == w.quiz.per_attempt < len(w.quiz.questions)

    second = str(uuid.uuid4())  # "Try again": a fresh draw, nothing chosen
    w.set_state({"result": None, "submission": None, "answers": {}, "attempt": second})
    assert w.result is None

    answers = right_answers(w.quiz, second)
    w.set_state({"submission": {"attempt_id": second, "answers": answers}})
    assert w.result["attempt_id"] == second
    assert w.result["score"] == 1.0 and w.result["passed"] is True
    assert [q["id"] for q in w.result["questions"]] == w.quiz.draw(second)


def test_an_answer_to_a_question_the_attempt_did_not_show_is_refused() -> None:
    w = widget()
    attempt_id = str(uuid.uuid4())
    hidden = next(q for q in w.quiz.questions if q.id not in w.quiz.draw(attempt_id))
    answers = {hidden.id: hidden.right_answer()}
    w.set_state({"submission": {"attempt_id": attempt_id, "answers": answers}})
    assert w.result is None
    assert "was not shown in this attempt" in w.status_note


def test_a_malformed_submission_is_reported_not_raised() -> None:
    w = widget()
    attempt_id = str(uuid.uuid4())
    w.set_state({"submission": {"attempt_id": attempt_id, "answers": {"no-such-question": "a"}}})
    assert w.result is None
    assert "could not be checked" in w.status_note


def stored() -> list[AttemptRecord]:
    with Store.open() as store:
        return list(store.attempts())


def test_a_checked_attempt_is_recorded_for_the_current_learner() -> None:
    set_learner("Ann Lee")
    w = widget(record=True)
    assert w.recording and w.learner == "Ann Lee"
    attempt_id = str(uuid.uuid4())
    answers = right_answers(w.quiz, attempt_id)
    w.set_state({"submission": {"attempt_id": attempt_id, "answers": answers}})
    (attempt,) = stored()
    assert (attempt.learner, attempt.bank_id, attempt.passed) == ("Ann Lee", w.quiz.id, True)
    assert attempt.source == "notebook" and attempt.bank_version == w.quiz.version
    assert attempt.id == w.result["attempt_id"]
    assert [q.id for q in attempt.results] == w.quiz.draw(attempt_id)  # what was shown
    assert w.status_note == "Checked attempts are saved to your progress as Ann Lee."
    assert w.saved_note.startswith("Saved at ")
    assert w.standing.startswith("You passed this check on ")


def test_the_same_submission_twice_is_recorded_once() -> None:
    set_learner("Ann Lee")
    w = widget(record=True)
    attempt_id = str(uuid.uuid4())
    submission = {"attempt_id": attempt_id, "answers": right_answers(w.quiz, attempt_id)}
    w.set_state({"submission": submission})
    w.set_state({"submission": None})
    w.set_state({"submission": submission})
    assert len(stored()) == 1


def test_with_no_learner_the_widget_asks_and_saves_once_named() -> None:
    w = widget(record=True)
    assert w.learner == "" and "Enter your name" in w.status_note
    w.set_state({"submission": {"attempt_id": str(uuid.uuid4()), "answers": {}}})
    assert w.result is not None and stored() == []
    w.set_state({"learner": "Bo Chen"})  # typed into the name field
    assert [a.learner for a in stored()] == ["Bo Chen"]
    assert current_learner() == "Bo Chen"  # remembered for the next notebook


def test_jupyterhub_user_is_the_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-mentor")
    w = widget(record=True)
    w.set_state({"submission": {"attempt_id": str(uuid.uuid4()), "answers": {}}})
    assert [a.learner for a in stored()] == ["hub-mentor"]
    with Store.open() as store:
        assert store.export_learner("hub-mentor")["learner"]["external_id"] == "hub-mentor"


def test_a_store_problem_is_shown_and_the_grade_kept(tmp_path: Path) -> None:
    set_learner("Ann Lee")
    w = QuizWidget.from_bank(
        "practice", Course(REPO), store_url=f"sqlite:///{tmp_path}/missing/dir/x.db"
    )
    w.set_state({"submission": {"attempt_id": str(uuid.uuid4()), "answers": {}}})
    assert w.result is not None
    assert w.status_note.startswith("Checked, but not saved to your progress:")
