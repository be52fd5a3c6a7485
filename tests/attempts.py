"""Real attempts for store and report tests: graded from the course's own banks."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from mentor_course.quiz import QuizBank, grade, load_bank
from mentor_course.store import AttemptRecord
from tests.chapters import REPO


def bank(name: str = "practice") -> QuizBank:
    return load_bank(REPO / "quizzes" / f"{name}.yml", REPO / "book" / "references.bib")


def right_answers(quiz: QuizBank, attempt_id: str, how_many: int | None = None) -> dict[str, Any]:
    """The right answer to the first `how_many` questions attempt `attempt_id` shows (all by
    default)."""
    return dict(list(quiz.right_answers(quiz.draw(attempt_id)).items())[:how_many])


def attempt(
    learner: str,
    quiz: QuizBank | None = None,
    *,
    right: int | None = None,
    finished_at: dt.datetime | None = None,
    cohort: str | None = None,
    attempt_id: str | None = None,
) -> AttemptRecord:
    """An attempt at `quiz` with the first `right` questions right (all by default)."""
    quiz = quiz or bank()
    attempt_id = attempt_id or str(uuid.uuid4())
    record = AttemptRecord.from_grade(
        attempt_id=attempt_id,
        learner=learner,
        bank=quiz,
        result=grade(quiz, right_answers(quiz, attempt_id, right), quiz.draw(attempt_id)),
        source="notebook",
        finished_at=finished_at,
    )
    return record.model_copy(update={"cohort": cohort})
