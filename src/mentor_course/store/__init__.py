"""The progress store: SQLAlchemy tables, the Store API, Alembic migrations."""

from mentor_course.store.accounts import LinkState, SignedIn, token_hash
from mentor_course.store.attempts import Outcome
from mentor_course.store.database import ENV_VAR, database_url, describe, upgrade
from mentor_course.store.errors import (
    AttemptConflict,
    StoreError,
    StoreUnwritable,
    UnknownLearner,
)
from mentor_course.store.live import LiveSession, LiveSummary
from mentor_course.store.records import AttemptRecord, QuestionScore
from mentor_course.store.store import Store
from mentor_course.store.writer import AttemptWriter

__all__ = [
    "ENV_VAR",
    "AttemptConflict",
    "AttemptRecord",
    "AttemptWriter",
    "LinkState",
    "LiveSession",
    "LiveSummary",
    "Outcome",
    "QuestionScore",
    "SignedIn",
    "Store",
    "StoreError",
    "StoreUnwritable",
    "UnknownLearner",
    "database_url",
    "describe",
    "token_hash",
    "upgrade",
]
