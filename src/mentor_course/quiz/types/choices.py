"""What the choice-list types (`single`, `multiple`) share: their choices, shown to a
learner and to a room in one shuffled order, and their right answers in words."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from mentor_course.quiz.types.base import Choice, QuestionBase, RoomPoll, stable_shuffle, unique


class ChoiceListQuestion(QuestionBase):
    choices: list[Choice] = Field(min_length=2)
    many: ClassVar[bool] = False  # checkboxes (choose all that apply) rather than radio buttons

    @model_validator(mode="after")
    def _unique_choices(self) -> ChoiceListQuestion:
        unique([c.id for c in self.choices], "choice", "choices")
        return self

    def public_view(self, seed: str) -> dict[str, Any]:
        # Authors tend to write the right answer first; learners see a fixed shuffle.
        return {
            "choices": [{"id": c.id, "text": c.text} for c in stable_shuffle(self.choices, seed)]
        }

    def answer_in_words(self) -> list[str]:
        return [c.text for c in self.choices if c.correct]

    def room_poll(self, seed: str) -> RoomPoll:
        return RoomPoll(self.public_view(seed)["choices"], many=self.many)
