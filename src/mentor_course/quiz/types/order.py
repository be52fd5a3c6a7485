"""`order`: put items in order (written in the right order). Scores the share in place."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from mentor_course.quiz.types.base import (
    AnswerError,
    Feedback,
    Id,
    QuestionBase,
    Strict,
    Text,
    id_list,
    stable_shuffle,
    unique,
)


class OrderItem(Strict):
    id: Id
    text: Text


class OrderQuestion(QuestionBase):
    type: Literal["order"]
    items: list[OrderItem] = Field(min_length=3)

    @model_validator(mode="after")
    def _unique_items(self) -> OrderQuestion:
        unique([i.id for i in self.items], "item", "items")
        return self

    def shuffled(self) -> list[OrderItem]:
        """The items in a fixed shuffled order of which no rotation is the answer.

        Each attempt starts from a rotation of this order (`static/types/order.js`), so no
        attempt ever starts already solved.
        """
        answer = [i.id for i in self.items]
        rotations = [answer[k:] + answer[:k] for k in range(len(answer))]
        # With 3 or more items at most half of all orders are rotations: this ends quickly.
        tries = 0
        while True:
            items = stable_shuffle(self.items, f"{self.id}/{tries}")
            if [i.id for i in items] not in rotations:
                return items
            tries += 1

    def grade(self, answer: Any) -> tuple[float, list[Feedback]]:
        expected = [i.id for i in self.items]
        order = id_list(answer, self.id, set(expected), "item")
        if len(order) != len(expected):
            raise AnswerError(f"question {self.id!r}: the answer must list every item once")
        feedback = [
            Feedback(
                target=item_id,
                correct=item_id == expected[position],
                text=f"Belongs in position {expected.index(item_id) + 1}.",
            )
            for position, item_id in enumerate(order)
        ]
        return sum(f.correct for f in feedback) / len(expected), feedback

    def public_view(self, seed: str) -> dict[str, Any]:
        return {"items": [i.model_dump() for i in self.shuffled()]}

    def answer_in_words(self) -> list[str]:
        return [i.text for i in self.items]

    def right_answer(self) -> Any:
        return [i.id for i in self.items]
