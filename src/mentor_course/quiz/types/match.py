"""`match`: sort items into categories. Scores the share of items placed right."""

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
    stable_shuffle,
    unique,
)
from mentor_course.yamlsource import At


class Category(Strict):
    id: Id
    text: Text


class MatchItem(Strict):
    id: Id
    text: Text
    category: Id
    feedback: Text


class MatchQuestion(QuestionBase):
    type: Literal["match"]
    categories: list[Category] = Field(min_length=2)
    items: list[MatchItem] = Field(min_length=2)

    @model_validator(mode="after")
    def _items_in_categories(self) -> MatchQuestion:
        unique([c.id for c in self.categories], "category", "categories")
        unique([i.id for i in self.items], "item", "items")
        known = {c.id for c in self.categories}
        for index, item in enumerate(self.items):
            if item.category not in known:
                raise At(
                    f"category {item.category!r} is not one of this question's categories "
                    f"{sorted(known)}",
                    "items",
                    index,
                    "category",
                )
        return self

    def grade(self, answer: Any) -> tuple[float, list[Feedback]]:
        if not isinstance(answer, dict):
            raise AnswerError(f"question {self.id!r}: the answer must map item ids to categories")
        items = {i.id for i in self.items}
        categories = {c.id for c in self.categories}
        for item_id, category in answer.items():
            if item_id not in items or not isinstance(category, str) or category not in categories:
                raise AnswerError(
                    f"question {self.id!r}: unknown item or category for item {item_id!r}"
                )
        feedback = [
            Feedback(target=i.id, correct=answer[i.id] == i.category, text=i.feedback)
            for i in self.items
            if i.id in answer
        ]
        return sum(f.correct for f in feedback) / len(self.items), feedback

    def public_view(self, seed: str) -> dict[str, Any]:
        return {
            "categories": [c.model_dump() for c in self.categories],
            "items": [{"id": i.id, "text": i.text} for i in stable_shuffle(self.items, seed)],
        }

    def answer_in_words(self) -> list[str]:
        names = {c.id: c.text for c in self.categories}
        return [f"{i.text}: {names[i.category]}" for i in self.items]

    def right_answer(self) -> Any:
        return {i.id: i.category for i in self.items}
