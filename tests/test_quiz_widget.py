"""QuizWidget in plain pytest: the test plays the front end by setting state as it would."""

from __future__ import annotations

import json
from pathlib import Path

from mentor_course.course import Course
from mentor_course.widgets import QuizWidget
from mentor_course.widgets.quiz import STATIC

REPO = Path(__file__).resolve().parent.parent


def widget() -> QuizWidget:
    return QuizWidget.from_bank("compassion-fatigue-vs-burnout", Course(REPO))


def right_answers(w: QuizWidget) -> dict[str, object]:
    answers: dict[str, object] = {}
    for q in w.quiz.questions:
        if q.type in {"single", "true_false"}:
            answers[q.id] = next(c.id for c in q.choices if c.correct)
        elif q.type == "multiple":
            answers[q.id] = [c.id for c in q.choices if c.correct]
        elif q.type == "match":
            answers[q.id] = {i.id: i.category for i in q.items}
        else:
            answers[q.id] = [i.id for i in q.items]
    return answers


def test_assets_sit_beside_the_widget() -> None:
    assert (STATIC / "quiz.js").is_file() and (STATIC / "quiz.css").is_file()


def test_no_answer_key_reaches_the_front_end_before_checking() -> None:
    w = widget()
    synced = json.dumps({k: v for k, v in w.get_state().items() if k not in {"_esm", "_css"}})
    for secret in ['"correct"', '"feedback"', '"explanation"', '"category"']:
        assert secret not in synced
    assert w.result is None


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

    answers = right_answers(w)
    w.set_state({"submission": {"attempt_id": "a-2", "answers": answers}})
    assert w.result["attempt_id"] == "a-2"
    assert w.result["score"] == 1.0 and w.result["passed"] is True
    assert all(q["verdict"] == "correct" for q in w.result["questions"])


def test_a_malformed_submission_is_reported_not_raised() -> None:
    w = widget()
    w.set_state({"submission": {"attempt_id": "x", "answers": {"no-such-question": "a"}}})
    assert w.result is None
    assert "could not be checked" in w.status_note
