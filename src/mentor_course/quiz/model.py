"""The quiz bank model (schema version 2), as described in `quizzes/README.md`.

The questions' own shapes live in `mentor_course.quiz.types`, one module per
type. Validation needs two facts from outside the file, passed as pydantic
context: `path` (the bank id must equal the file name) and `citations` (the
keys of `book/references.bib`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from mentor_course.quiz.draw import draw
from mentor_course.quiz.types import Question
from mentor_course.quiz.types.base import Id, Strict, Text, unique
from mentor_course.yamlsource import At

SCHEMA_VERSION = 2
POOL_FACTOR = 1.5  # a bank holds this many times the questions one attempt shows


class Objective(Strict):
    id: Id
    text: Text


class QuizBank(Strict):
    schema_version: int
    id: Id
    title: Text
    chapter: Id
    pass_mark: float = Field(gt=0, le=1)
    per_attempt: int = Field(ge=1)
    objectives: list[Objective] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)

    @field_validator("schema_version")
    @classmethod
    def _supported_version(cls, version: int) -> int:
        if version < SCHEMA_VERSION:
            raise ValueError(
                f"schema version {version} is too old: this mentor-course reads version "
                f"{SCHEMA_VERSION}; add per_attempt, objectives and each question's objective "
                "as quizzes/README.md shows"
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
        unique([q.id for q in self.questions], "question", "questions")
        return self

    @model_validator(mode="after")
    def _objectives_covered(self) -> QuizBank:
        unique([o.id for o in self.objectives], "objective", "objectives")
        known = [o.id for o in self.objectives]
        for index, question in enumerate(self.questions):
            if question.objective not in known:
                raise At(
                    f"objective {question.objective!r} is not one of the bank's objectives "
                    f"{known}; fix the id or add the objective",
                    "questions",
                    index,
                    "objective",
                )
        tested = {q.objective for q in self.questions}
        for index, objective in enumerate(self.objectives):
            if objective.id not in tested:
                raise At(
                    f"no question tests objective {objective.id!r}; add one or remove it",
                    "objectives",
                    index,
                )
        return self

    @model_validator(mode="after")
    def _pool_is_large_enough(self) -> QuizBank:
        if self.per_attempt < len(self.objectives):
            raise At(
                f"an attempt of {self.per_attempt} cannot cover the bank's "
                f"{len(self.objectives)} objectives; show at least {len(self.objectives)}",
                "per_attempt",
            )
        needed = math.ceil(POOL_FACTOR * self.per_attempt)
        if len(self.questions) < needed:
            raise At(
                f"the bank holds {len(self.questions)} questions, and attempts of "
                f"{self.per_attempt} need a pool of at least {needed} so that a retry shows "
                "fresh questions; add questions or lower per_attempt",
                "per_attempt",
            )
        return self

    @cached_property  # the bank is frozen, and a busy server asks for every attempt
    def version(self) -> str:
        """A short hash of the bank's content: attempts record which version they answered."""
        canonical = json.dumps(self.answer_key(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def draw(self, seed: str) -> list[str]:
        """The ids of the questions attempt `seed` shows, in the bank's order.

        The attempt id is the seed: the browser draws the same set (`static/draw.js`).
        """
        groups = [[q.id for q in self.questions if q.objective == o.id] for o in self.objectives]
        picked = draw(groups, self.per_attempt, seed)
        return [q.id for q in self.questions if q.id in picked]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def public(self, citations: dict[str, str]) -> dict[str, Any]:
        """The pool as a learner's front end may see it: no keys, no feedback.

        The front end draws each attempt's questions from it (`static/draw.js`).
        """
        questions = []
        for q in self.questions:
            shown: dict[str, Any] = {
                "id": q.id,
                "type": q.type,
                "objective": q.objective,
                "prompt": q.prompt,
            }
            if q.scenario:
                shown["scenario"] = q.scenario
            questions.append(shown | q.public_view(f"{self.id}/{q.id}"))
        cited = {key for q in self.questions for key in q.cite}
        return {
            "id": self.id,
            "title": self.title,
            "pass_mark": self.pass_mark,
            "per_attempt": self.per_attempt,
            "objectives": [o.model_dump() for o in self.objectives],
            "questions": questions,
            "citations": {key: citations.get(key, key) for key in sorted(cited)},
        }

    def reveal(self, citations: dict[str, str]) -> list[dict[str, Any]]:
        """For a presenter: each question's right answer in words, explanation and sources."""
        return [
            {
                "id": q.id,
                "answer": q.answer_in_words(),
                "explanation": q.explanation,
                "sources": "; ".join(citations.get(key, key) for key in q.cite),
            }
            for q in self.questions
        ]

    def right_answers(self, shown: Sequence[str]) -> dict[str, Any]:
        """Full-mark answers to the questions `shown`, shaped as a browser sends them."""
        return {q.id: q.right_answer() for q in self.questions if q.id in shown}

    def answer_key(self) -> dict[str, Any]:
        """The whole bank as JSON, for the static book's in-page self-check grader."""
        return self.model_dump(mode="json")
