"""The quiz bank model (schema version 1), as described in `quizzes/README.md`.

Validation needs two facts from outside the file, passed as pydantic context:
`path` (the bank id must equal the file name) and `citations` (the keys of
`book/references.bib`).
"""

from __future__ import annotations

import hashlib
import json
import random
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from mentor_course.yamlsource import At

SCHEMA_VERSION = 1
ModelT = TypeVar("ModelT", bound=BaseModel)

Id = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=80)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def stable_shuffle(items: list[ModelT], seed: str) -> list[ModelT]:
    """`items` in an order fixed by `seed`, so every page and widget shows the same order."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return shuffled


def _unique(ids: list[str], what: str, field: str) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise At(
                f"the {what} id {item_id!r} is used twice; give each a unique id",
                field,
                index,
                "id",
            )
        seen.add(item_id)


class Choice(_Strict):
    id: Id
    text: Text
    correct: bool
    feedback: Text


class Category(_Strict):
    id: Id
    text: Text


class MatchItem(_Strict):
    id: Id
    text: Text
    category: Id
    feedback: Text


class OrderItem(_Strict):
    id: Id
    text: Text


class _Question(_Strict):
    id: Id
    prompt: Text
    scenario: Text | None = None
    explanation: Text
    cite: list[str] = Field(min_length=1)

    @field_validator("cite")
    @classmethod
    def _known_citations(cls, keys: list[str], info: ValidationInfo) -> list[str]:
        known = (info.context or {}).get("citations")
        if known is not None:
            unknown = [key for key in keys if key not in known]
            if unknown:
                raise ValueError(
                    f"citation key {unknown[0]!r} is not in book/references.bib; "
                    "add the source there or fix the key"
                )
        return keys


class SingleQuestion(_Question):
    type: Literal["single"]
    choices: list[Choice] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_correct(self) -> SingleQuestion:
        _unique([c.id for c in self.choices], "choice", "choices")
        if sum(c.correct for c in self.choices) != 1:
            raise At(
                "a single-answer question needs exactly one choice with correct: true", "choices"
            )
        return self


class MultipleQuestion(_Question):
    type: Literal["multiple"]
    choices: list[Choice] = Field(min_length=2)

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleQuestion:
        _unique([c.id for c in self.choices], "choice", "choices")
        if not any(c.correct for c in self.choices):
            raise At("a multiple-answer question needs at least one correct choice", "choices")
        return self


class TrueFalseQuestion(_Question):
    type: Literal["true_false"]
    answer: bool
    feedback_true: Text
    feedback_false: Text

    @property
    def choices(self) -> list[Choice]:
        """The two answers as choices, so every front end treats this like `single`."""
        return [
            Choice(id="true", text="True", correct=self.answer, feedback=self.feedback_true),
            Choice(id="false", text="False", correct=not self.answer, feedback=self.feedback_false),
        ]


class MatchQuestion(_Question):
    type: Literal["match"]
    categories: list[Category] = Field(min_length=2)
    items: list[MatchItem] = Field(min_length=2)

    @model_validator(mode="after")
    def _items_in_categories(self) -> MatchQuestion:
        _unique([c.id for c in self.categories], "category", "categories")
        _unique([i.id for i in self.items], "item", "items")
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


class OrderQuestion(_Question):
    type: Literal["order"]
    items: list[OrderItem] = Field(min_length=3)

    @model_validator(mode="after")
    def _unique_items(self) -> OrderQuestion:
        _unique([i.id for i in self.items], "item", "items")
        return self

    def shuffled(self) -> list[OrderItem]:
        """The items in a fixed shuffled order that is never the answer."""
        items = stable_shuffle(self.items, self.id)
        if items == list(self.items):
            items = items[1:] + items[:1]
        return items


Question = Annotated[
    SingleQuestion | MultipleQuestion | TrueFalseQuestion | MatchQuestion | OrderQuestion,
    Field(discriminator="type"),
]


class QuizBank(_Strict):
    schema_version: int
    id: Id
    title: Text
    chapter: Id
    pass_mark: float = Field(gt=0, le=1)
    questions: list[Question] = Field(min_length=1)

    @field_validator("schema_version")
    @classmethod
    def _supported_version(cls, version: int) -> int:
        if version < SCHEMA_VERSION:
            raise ValueError(
                f"schema version {version} is too old: this mentor-course reads version "
                f"{SCHEMA_VERSION}; update the bank to the shape in quizzes/README.md"
            )
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"schema version {version} is too new: this mentor-course reads version "
                f"{SCHEMA_VERSION}; upgrade mentor-course"
            )
        return version

    @field_validator("pass_mark", mode="before")
    @classmethod
    def _pass_mark_is_a_fraction(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not 0 < value <= 1:
            raise ValueError(
                f"pass_mark {value} is out of range: write a fraction above 0 and at most 1, "
                "such as 0.75"
            )
        return value

    @field_validator("id")
    @classmethod
    def _id_is_file_name(cls, bank_id: str, info: ValidationInfo) -> str:
        path: Path | None = (info.context or {}).get("path")
        if path is not None and path.stem != bank_id:
            raise ValueError(
                f"the bank id {bank_id!r} must equal the file name {path.stem!r}; rename one"
            )
        return bank_id

    @model_validator(mode="after")
    def _unique_questions(self) -> QuizBank:
        _unique([q.id for q in self.questions], "question", "questions")
        return self

    @cached_property  # the bank is frozen, and a busy server asks for every attempt
    def version(self) -> str:
        """A short hash of the bank's content: attempts record which version they answered."""
        canonical = json.dumps(self.answer_key(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def public(self, citations: dict[str, str]) -> dict[str, Any]:
        """What a learner's front end may see before checking: no keys, no feedback."""
        questions = []
        for q in self.questions:
            shown: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
            if q.scenario:
                shown["scenario"] = q.scenario
            if isinstance(q, TrueFalseQuestion):
                shown["choices"] = [{"id": c.id, "text": c.text} for c in q.choices]
            elif isinstance(q, SingleQuestion | MultipleQuestion):
                # Authors tend to write the right answer first; learners see a fixed shuffle.
                choices = stable_shuffle(q.choices, f"{self.id}/{q.id}")
                shown["choices"] = [{"id": c.id, "text": c.text} for c in choices]
            elif isinstance(q, MatchQuestion):
                shown["categories"] = [c.model_dump() for c in q.categories]
                items = stable_shuffle(q.items, f"{self.id}/{q.id}")
                shown["items"] = [{"id": i.id, "text": i.text} for i in items]
            else:
                shown["items"] = [i.model_dump() for i in q.shuffled()]
            questions.append(shown)
        cited = {key for q in self.questions for key in q.cite}
        return {
            "id": self.id,
            "title": self.title,
            "pass_mark": self.pass_mark,
            "questions": questions,
            "citations": {key: citations.get(key, key) for key in sorted(cited)},
        }

    def reveal(self, citations: dict[str, str]) -> list[dict[str, Any]]:
        """For a presenter: each question's right answer in words, explanation and sources."""
        revealed = []
        for q in self.questions:
            if isinstance(q, SingleQuestion | MultipleQuestion | TrueFalseQuestion):
                answer = [c.text for c in q.choices if c.correct]
            elif isinstance(q, MatchQuestion):
                names = {c.id: c.text for c in q.categories}
                answer = [f"{i.text}: {names[i.category]}" for i in q.items]
            else:
                answer = [i.text for i in q.items]
            revealed.append(
                {
                    "id": q.id,
                    "answer": answer,
                    "explanation": q.explanation,
                    "sources": "; ".join(citations.get(key, key) for key in q.cite),
                }
            )
        return revealed

    def right_answers(self) -> dict[str, Any]:
        """Answers that score full marks, shaped as a learner's browser sends them."""
        answers: dict[str, Any] = {}
        for q in self.questions:
            if isinstance(q, SingleQuestion | TrueFalseQuestion):
                answers[q.id] = next(c.id for c in q.choices if c.correct)
            elif isinstance(q, MultipleQuestion):
                answers[q.id] = [c.id for c in q.choices if c.correct]
            elif isinstance(q, MatchQuestion):
                answers[q.id] = {i.id: i.category for i in q.items}
            else:
                answers[q.id] = [i.id for i in q.items]
        return answers

    def answer_key(self) -> dict[str, Any]:
        """The whole bank as JSON, for the static book's in-page self-check grader."""
        return self.model_dump(mode="json")
