"""`single`: one right choice among several. Scores 1 or 0."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import model_validator

from mentor_course.quiz.types.base import AnswerError, Choice, Feedback
from mentor_course.quiz.types.choices import ChoiceListQuestion
from mentor_course.yamlsource import At


def grade_one_choice(question_id: str, choices: list[Choice], answer: Any) -> list[Feedback]:
    """Feedback on the one choice id `answer`; shared with `true_false`."""
    by_id = {c.id: c for c in choices}
    if not isinstance(answer, str) or answer not in by_id:
        raise AnswerError(f"question {question_id!r}: the answer must be one choice id")
    return [Feedback(target=answer, correct=by_id[answer].correct, text=by_id[answer].feedback)]


class SingleQuestion(ChoiceListQuestion):
    type: Literal["single"]

    @model_validator(mode="after")
    def _one_correct(self) -> SingleQuestion:
        if sum(c.correct for c in self.choices) != 1:
            raise At(
                "a single-answer question needs exactly one choice with correct: true", "choices"
            )
        return self

    def grade(self, answer: Any) -> tuple[float, list[Feedback]]:
        feedback = grade_one_choice(self.id, self.choices, answer)
        return (1.0 if feedback[0].correct else 0.0), feedback

    def right_answer(self) -> Any:
        return next(c.id for c in self.choices if c.correct)
