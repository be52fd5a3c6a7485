"""The store's errors, all `StoreError`s, so the CLI prints any of them as one line."""

from __future__ import annotations

from collections.abc import Sequence

from mentor_course.errors import MentorCourseError
from mentor_course.store.records import LearnerSummary


class StoreError(MentorCourseError):
    """The store cannot be opened or used as asked."""


class AttemptConflict(StoreError, ValueError):
    """An attempt id already stored with a different payload."""


class UnknownLearner(StoreError, LookupError):
    """No learner by that name."""


class SameName(StoreError, LookupError):
    """A name that more than one learner could be: the caller must say which (or that this is
    somebody new). `candidates` are the learners it could mean."""

    def __init__(self, name: str, candidates: Sequence[LearnerSummary], hint: str) -> None:
        self.name, self.candidates = name, list(candidates)
        who = "; ".join(c.detail() for c in self.candidates)
        many = "learners are" if len(self.candidates) > 1 else "learner is"
        super().__init__(f"{len(self.candidates)} {many} called {name!r} ({who}); {hint}")


class StoreUnwritable(StoreError):
    """The store refused a write: its disk is full or read-only, or its server is gone."""
