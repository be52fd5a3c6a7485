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

__all__ = [
    "ENV_VAR",
    "AttemptConflict",
    "AttemptRecord",
    "QuestionScore",
    "Store",
    "StoreError",
    "UnknownLearner",
    "database_url",
    "describe",
    "upgrade",
]
