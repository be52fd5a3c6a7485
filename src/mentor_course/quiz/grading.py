"""Grading: one function, `grade()`, used by the notebook widget and the course server.

Scoring rules (documented in `quizzes/README.md`; mirrored in JavaScript by
`widgets/static/grading.js`; both checked against `tests/grading_vectors.json`):
single and true_false score 1 or 0; multiple scores (right picks - wrong picks)
/ number of correct choices, floored at 0; match and order score the share of
items placed right. An attempt is graded on the questions it showed (drawn from
the pool by `QuizBank.draw`), an unanswered one scoring 0; the attempt's score is
their mean, and passing means score >= pass_mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel

from mentor_course.quiz.model import QuizBank
from mentor_course.quiz.types import AnswerError, Feedback, Question

Verdict = Literal["correct", "partial", "incorrect", "unanswered"]
__all__ = ["AnswerError", "Feedback", "GradeResult", "QuestionResult", "grade", "grade_question"]


class QuestionResult(BaseModel):
    id: str
    score: float
    verdict: Verdict
    feedback: list[Feedback]
    explanation: str
    cite: list[str]


class GradeResult(BaseModel):
    bank_id: str
    score: float
    points: float
    max_points: int
    passed: bool
    pass_mark: float
    questions: list[QuestionResult]


def _is_empty(answer: Any) -> bool:
    return answer is None or answer == "" or answer == [] or answer == {}


def grade_question(question: Question, answer: Any) -> QuestionResult:
    score, feedback = (0.0, []) if _is_empty(answer) else question.grade(answer)
    verdict: Verdict
    if _is_empty(answer):
        verdict = "unanswered"
    elif score == 1:
        verdict = "correct"
    elif score == 0:
        verdict = "incorrect"
    else:
        verdict = "partial"
    return QuestionResult(
        id=question.id,
        score=score,
        verdict=verdict,
        feedback=feedback,
        explanation=question.explanation,
        cite=list(question.cite),
    )


def grade(bank: QuizBank, answers: dict[str, Any], shown: Sequence[str]) -> GradeResult:
    """Grade `answers` ({question id: answer}) to the questions `shown` (ids in `bank`, usually
    `bank.draw(attempt_id)`); raise `AnswerError` if an answer is malformed."""
    if not isinstance(answers, dict):
        raise AnswerError("answers must map question ids to answers")
    known = {q.id for q in bank.questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise AnswerError(f"unknown question id {unknown[0]!r} for quiz {bank.id!r}")
    unasked = sorted(set(answers) - set(shown))
    if unasked:
        raise AnswerError(f"question {unasked[0]!r} was not shown in this attempt")
    results = [grade_question(q, answers.get(q.id)) for q in bank.questions if q.id in shown]
    points = sum(r.score for r in results)
    score = points / len(results)
    return GradeResult(
        bank_id=bank.id,
        score=score,
        points=points,
        max_points=len(results),
        passed=score >= bank.pass_mark,
        pass_mark=bank.pass_mark,
        questions=results,
    )
