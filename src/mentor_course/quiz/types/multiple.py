"""`multiple`: choose all that apply. Scores (right picks - wrong picks) / correct choices, >= 0."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import model_validator

from mentor_course.quiz.types.base import Feedback, id_list
from mentor_course.quiz.types.choices import ChoiceListQuestion
from mentor_course.yamlsource import At


class MultipleQuestion(ChoiceListQuestion):
    type: Literal["multiple"]
    many: ClassVar[bool] = True

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleQuestion:
        if not any(c.correct for c in self.choices):
            raise At("a multiple-answer question needs at least one correct choice", "choices")
        return self

    def grade(self, answer: Any) -> tuple[float, list[Feedback]]:
        by_id = {c.id: c for c in self.choices}
        picked = id_list(answer, self.id, set(by_id), "choice")
        right = sum(by_id[p].correct for p in picked)
        total = sum(c.correct for c in self.choices)
        feedback = [
            Feedback(target=p, correct=by_id[p].correct, text=by_id[p].feedback) for p in picked
        ]
        return max(0.0, (right - (len(picked) - right)) / total), feedback

    def right_answer(self) -> Any:
        return [c.id for c in self.choices if c.correct]
