"""The store's errors, all `StoreError`s, so the CLI prints any of them as one line."""

from __future__ import annotations

from mentor_course.errors import MentorCourseError


class StoreError(MentorCourseError):
    """The store cannot be opened or used as asked."""


class AttemptConflict(StoreError, ValueError):
    """An attempt id already stored with a different payload."""


class UnknownLearner(StoreError, LookupError):
    """No learner by that name."""


class StoreUnwritable(StoreError):
    """The store refused a write: its disk is full or read-only, or its server is gone."""
