"""The progress store: SQLAlchemy tables, the Store API, Alembic migrations."""

from mentor_course.store.accounts import LinkRecord, LinkState, LinkStatus, SignedIn, token_hash
from mentor_course.store.attempts import Outcome
from mentor_course.store.database import ENV_VAR, database_url, describe, upgrade
from mentor_course.store.errors import (
    AttemptConflict,
    SameName,
    StoreError,
    StoreUnwritable,
    UnknownLearner,
)
from mentor_course.store.learners import LearnerRef
from mentor_course.store.live import LiveSession, LiveSummary
from mentor_course.store.outreach import Verified
from mentor_course.store.records import AttemptRecord, CohortSummary, LearnerSummary, QuestionScore
from mentor_course.store.store import Enrollment, Store
from mentor_course.store.writer import AttemptWriter

__all__ = [
    "ENV_VAR",
    "AttemptConflict",
    "AttemptRecord",
    "AttemptWriter",
    "CohortSummary",
    "Enrollment",
    "LearnerRef",
    "LearnerSummary",
    "LinkRecord",
    "LinkState",
    "LinkStatus",
    "LiveSession",
    "LiveSummary",
    "Outcome",
    "QuestionScore",
    "SameName",
    "SignedIn",
    "Store",
    "StoreError",
    "StoreUnwritable",
    "UnknownLearner",
    "Verified",
    "database_url",
    "describe",
    "token_hash",
    "upgrade",
]
