"""What every question type shares, and the contract each type module fills in.

A question type is one module in this package: its pydantic model (the YAML
shape), how it grades an answer, what a learner's browser may see of it, and
its answer for a presenter. `mentor_course.quiz.types` registers them; the
browser's twin of each module is `widgets/static/types/<type>.js`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from mentor_course.errors import MentorCourseError
from mentor_course.yamlsource import At

Id = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=80)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ModelT = TypeVar("ModelT", bound=BaseModel)


class AnswerError(MentorCourseError, ValueError):
    """An answer that does not fit its question (unknown id, wrong shape)."""


class Feedback(BaseModel):
    target: str
    correct: bool
    text: str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    id: Id
    text: Text
    correct: bool
    feedback: Text


def stable_shuffle(items: list[ModelT], seed: str) -> list[ModelT]:
    """`items` in an order fixed by `seed`, so every page and widget shows the same order."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return shuffled


def unique(ids: list[str], what: str, field: str) -> None:
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


def id_list(answer: Any, question_id: str, allowed: set[str], kind: str) -> list[str]:
    """`answer` as a list of distinct known ids, or an `AnswerError` saying what is wrong."""
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise AnswerError(f"question {question_id!r}: the answer must be a list of {kind} ids")
    unknown = [a for a in answer if a not in allowed]
    if unknown:
        raise AnswerError(f"question {question_id!r}: unknown {kind} id {unknown[0]!r}")
    if len(set(answer)) != len(answer):
        raise AnswerError(f"question {question_id!r}: the same {kind} id appears twice")
    return answer


@dataclass(frozen=True)
class RoomPoll:
    """How a room answers a question on phones in a live check-in."""

    choices: list[dict[str, str]]  # {id, text}, in the order the room's screen and phones show
    many: bool  # checkboxes (choose all that apply) rather than one radio button


class QuestionBase(Strict):
    """The fields every question has, and the four things every type must do."""

    id: Id
    objective: Id  # the bank's learning objective this question tests
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

    def grade(self, answer: Any) -> tuple[float, list[Feedback]]:
        """The score (0 to 1) of a non-empty `answer`, and feedback on what was picked."""
        raise NotImplementedError

    def public_view(self, seed: str) -> dict[str, Any]:
        """The type's own fields as a learner's browser may see them: no key, no feedback."""
        raise NotImplementedError

    def answer_in_words(self) -> list[str]:
        """The right answer as lines of text, for a presenter."""
        raise NotImplementedError

    def right_answer(self) -> Any:
        """An answer that scores full marks, shaped as a learner's browser sends it."""
        raise NotImplementedError

    def room_poll(self, seed: str) -> RoomPoll | None:
        """The choices a room answers on phones; None: the question is for discussion."""
        return None
