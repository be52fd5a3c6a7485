"""Grading: one function, `grade()`, used by the notebook widget and the course server.

Scoring rules (documented in `quizzes/README.md`; mirrored in JavaScript by
`widgets/static/grading.js`; both checked against `tests/grading_vectors.json`):
single and true_false score 1 or 0; multiple scores (right picks - wrong picks)
/ number of correct choices, floored at 0; match and order score the share of
items placed right. The bank score is the mean; passing means score >= pass_mark.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from mentor_course.errors import MentorCourseError
from mentor_course.quiz.model import (
    MatchQuestion,
    MultipleQuestion,
    OrderQuestion,
    Question,
    QuizBank,
    SingleQuestion,
    TrueFalseQuestion,
)

Verdict = Literal["correct", "partial", "incorrect", "unanswered"]


class AnswerError(MentorCourseError, ValueError):
    """An answer that does not fit its question (unknown id, wrong shape)."""


class Feedback(BaseModel):
    target: str
    correct: bool
    text: str


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


def _ids(answer: Any, question: Question, allowed: set[str], kind: str) -> list[str]:
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise AnswerError(f"question {question.id!r}: the answer must be a list of {kind} ids")
    unknown = [a for a in answer if a not in allowed]
    if unknown:
        raise AnswerError(f"question {question.id!r}: unknown {kind} id {unknown[0]!r}")
    if len(set(answer)) != len(answer):
        raise AnswerError(f"question {question.id!r}: a {kind} id appears twice")
    return answer


def _grade_choices(
    question: SingleQuestion | TrueFalseQuestion | MultipleQuestion, answer: Any
) -> tuple[float, list[Feedback]]:
    choices = {c.id: c for c in question.choices}
    if isinstance(question, MultipleQuestion):
        picked = _ids(answer, question, set(choices), "choice")
        right = sum(choices[p].correct for p in picked)
        wrong = len(picked) - right
        total = sum(c.correct for c in question.choices)
        score = max(0.0, (right - wrong) / total)
    else:
        if not isinstance(answer, str) or answer not in choices:
            raise AnswerError(f"question {question.id!r}: the answer must be one choice id")
        picked = [answer]
        score = 1.0 if choices[answer].correct else 0.0
    feedback = [
        Feedback(target=p, correct=choices[p].correct, text=choices[p].feedback) for p in picked
    ]
    return score, feedback


def _grade_match(question: MatchQuestion, answer: Any) -> tuple[float, list[Feedback]]:
    if not isinstance(answer, dict):
        raise AnswerError(f"question {question.id!r}: the answer must map item ids to categories")
    items = {i.id: i for i in question.items}
    categories = {c.id for c in question.categories}
    for item_id, category in answer.items():
        if item_id not in items or category not in categories:
            raise AnswerError(
                f"question {question.id!r}: unknown item or category {item_id!r}: {category!r}"
            )
    feedback = [
        Feedback(target=i.id, correct=answer[i.id] == i.category, text=i.feedback)
        for i in question.items
        if i.id in answer
    ]
    return sum(f.correct for f in feedback) / len(question.items), feedback


def _grade_order(question: OrderQuestion, answer: Any) -> tuple[float, list[Feedback]]:
    expected = [i.id for i in question.items]
    order = _ids(answer, question, set(expected), "item")
    if len(order) != len(expected):
        raise AnswerError(f"question {question.id!r}: the answer must list every item once")
    feedback = [
        Feedback(
            target=item_id,
            correct=item_id == expected[position],
            text=f"Belongs in position {expected.index(item_id) + 1}.",
        )
        for position, item_id in enumerate(order)
    ]
    return sum(f.correct for f in feedback) / len(expected), feedback


def _is_empty(answer: Any) -> bool:
    return answer is None or answer == "" or answer == [] or answer == {}


def grade_question(question: Question, answer: Any) -> QuestionResult:
    score, feedback = 0.0, []
    if not _is_empty(answer):
        if isinstance(question, MatchQuestion):
            score, feedback = _grade_match(question, answer)
        elif isinstance(question, OrderQuestion):
            score, feedback = _grade_order(question, answer)
        else:
            score, feedback = _grade_choices(question, answer)
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


def grade(bank: QuizBank, answers: dict[str, Any]) -> GradeResult:
    """Grade `answers` ({question id: answer}) against `bank`; raise `AnswerError` if malformed."""
    if not isinstance(answers, dict):
        raise AnswerError("answers must map question ids to answers")
    known = {q.id for q in bank.questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise AnswerError(f"unknown question id {unknown[0]!r} for quiz {bank.id!r}")
    results = [grade_question(q, answers.get(q.id)) for q in bank.questions]
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
