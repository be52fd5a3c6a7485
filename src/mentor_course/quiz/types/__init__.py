"""The question types, registered in one place.

To add a type: write its module here (model and the four methods of
`QuestionBase`), add its class to `Question` below, and write its browser
twin `widgets/static/types/<type>.js` and register it in
`widgets/static/types/index.js`. See CONTRIBUTING.md.
"""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import Field

from mentor_course.quiz.types.base import AnswerError, Choice, Feedback, QuestionBase
from mentor_course.quiz.types.match import Category, MatchItem, MatchQuestion
from mentor_course.quiz.types.multiple import MultipleQuestion
from mentor_course.quiz.types.order import OrderItem, OrderQuestion
from mentor_course.quiz.types.single import SingleQuestion
from mentor_course.quiz.types.true_false import TrueFalseQuestion

# The registry. pydantic picks the class by `type`; an unknown type is refused
# when the bank loads, naming the types it knows.
Question = Annotated[
    SingleQuestion | MultipleQuestion | TrueFalseQuestion | MatchQuestion | OrderQuestion,
    Field(discriminator="type"),
]
QUESTION_TYPES: tuple[type[QuestionBase], ...] = get_args(get_args(Question)[0])
TYPE_NAMES: tuple[str, ...] = tuple(
    get_args(cls.model_fields["type"].annotation)[0] for cls in QUESTION_TYPES
)

__all__ = [
    "QUESTION_TYPES",
    "TYPE_NAMES",
    "AnswerError",
    "Category",
    "Choice",
    "Feedback",
    "MatchItem",
    "MatchQuestion",
    "MultipleQuestion",
    "OrderItem",
    "OrderQuestion",
    "Question",
    "QuestionBase",
    "SingleQuestion",
    "TrueFalseQuestion",
]
