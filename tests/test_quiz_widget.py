"""QuizWidget in plain pytest: the test plays the front end by setting state as it would."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from mentor_course.course import Course
from mentor_course.identity import current_learner, set_learner
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
    w.set_state({"submission": {"attempt_id": str(uuid.uuid4()), "answers": right_answers(w.quiz)}})
    assert w.result is not None and stored() == []


def test_a_wrong_then_right_attempt_is_graded_by_the_kernel() -> None:
    w = widget()
    first = w.quiz.questions[0]
    wrong = {first.id: {i.id: "cf" if i.category != "cf" else "bo" for i in first.items}}
    w.set_state({"answers": wrong, "submission": {"attempt_id": "a-1", "answers": wrong}})
    assert w.result is not None
    assert w.result["attempt_id"] == "a-1"
    assert w.result["passed"] is False
    assert w.result["questions"][0]["verdict"] == "incorrect"

    w.set_state({"result": None, "submission": None})  # "Try again"
    assert w.result is None

    answers = right_answers(w.quiz)
    w.set_state({"submission": {"attempt_id": "a-2", "answers": answers}})
    assert w.result["attempt_id"] == "a-2"
    assert w.result["score"] == 1.0 and w.result["passed"] is True
    assert all(q["verdict"] == "correct" for q in w.result["questions"])


def test_a_malformed_submission_is_reported_not_raised() -> None:
    w = widget()
    w.set_state({"submission": {"attempt_id": "x", "answers": {"no-such-question": "a"}}})
    assert w.result is None
    assert "could not be checked" in w.status_note


def stored() -> list[AttemptRecord]:
    with Store.open() as store:
        return list(store.attempts())


def test_a_checked_attempt_is_recorded_for_the_current_learner() -> None:
    set_learner("Ann Lee")
    w = widget(record=True)
    assert w.recording and w.learner == "Ann Lee"
    answers = right_answers(w.quiz)
    w.set_state({"submission": {"attempt_id": str(uuid.uuid4()), "answers": answers}})
    (attempt,) = stored()
    assert (attempt.learner, attempt.bank_id, attempt.passed) == ("Ann Lee", w.quiz.id, True)
    assert attempt.source == "notebook" and attempt.bank_version == w.quiz.version
    assert attempt.id == w.result["attempt_id"]
    assert w.status_note == "Saved to your progress as Ann Lee."


def test_the_same_submission_twice_is_recorded_once() -> None:
    set_learner("Ann Lee")
    w = widget(record=True)
    submission = {"attempt_id": str(uuid.uuid4()), "answers": right_answers(w.quiz)}
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
