"""Quiz banks: the typed model, the YAML loader, and grading."""

from mentor_course.quiz.grading import AnswerError, GradeResult, QuestionResult, grade
from mentor_course.quiz.loader import find_banks, load_bank, validate_banks
from mentor_course.quiz.model import SCHEMA_VERSION, QuizBank

__all__ = [
    "SCHEMA_VERSION",
    "AnswerError",
    "GradeResult",
    "QuestionResult",
    "QuizBank",
    "find_banks",
    "grade",
    "load_bank",
    "validate_banks",
]
