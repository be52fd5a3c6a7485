"""`multiple`: choose all that apply. Scores (right picks - wrong picks) / correct choices, >= 0."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from mentor_course.quiz.types.base import (
    Choice,
    Feedback,
    QuestionBase,
    RoomPoll,
    id_list,
    stable_shuffle,
    unique,
)
from mentor_course.yamlsource import At


class MultipleQuestion(QuestionBase):
    type: Literal["multiple"]
    choices: list[Choice] = Field(min_length=2)

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleQuestion:
        unique([c.id for c in self.choices], "choice", "choices")
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

    def public_view(self, seed: str) -> dict[str, Any]:
        return {
            "choices": [{"id": c.id, "text": c.text} for c in stable_shuffle(self.choices, seed)]
        }

    def answer_in_words(self) -> list[str]:
        return [c.text for c in self.choices if c.correct]

    def right_answer(self) -> Any:
        return [c.id for c in self.choices if c.correct]

    def room_poll(self, seed: str) -> RoomPoll:
        return RoomPoll(self.public_view(seed)["choices"], many=True)
