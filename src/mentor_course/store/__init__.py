"""The progress store: SQLAlchemy tables, the Store API, Alembic migrations."""

from mentor_course.store.records import AttemptRecord, QuestionScore
from mentor_course.store.store import (
    ENV_VAR,
    AttemptConflict,
    Store,
    StoreError,
    UnknownLearner,
    database_url,
    describe,
    upgrade,
)
from mentor_course.store.writer import AttemptWriter

__all__ = [
    "ENV_VAR",
    "AttemptConflict",
    "AttemptRecord",
    "AttemptWriter",
    "QuestionScore",
    "Store",
    "StoreError",
    "UnknownLearner",
    "database_url",
    "describe",
    "upgrade",
]
