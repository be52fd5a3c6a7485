"""Learners and cohorts: adding and updating them, and the privacy requests (export, delete).

`find_or_add_learner` is how every other aggregate names a learner, so a
learner is created, and moved to a cohort, in one way only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mentor_course.store.database import Transactions
from mentor_course.store.errors import UnknownLearner
from mentor_course.store.records import utc
from mentor_course.store.tables import Attempt, Cohort, Learner


def _find_or_add_cohort(session: Session, name: str | None) -> Cohort | None:
    if not name:
        return None
    cohort = session.scalar(select(Cohort).where(Cohort.name == name))
    if cohort is None:
        cohort = Cohort(name=name)
        session.add(cohort)
        session.flush()
    return cohort


def find_or_add_learner(session: Session, name: str, cohort: str | None = None) -> Learner:
    """The learner called `name`, added if new; moved to `cohort` if one is given."""
    learner = session.scalar(select(Learner).where(Learner.name == name))
    if learner is None:
        learner = Learner(name=name, cohort=_find_or_add_cohort(session, cohort))
        session.add(learner)
        session.flush()
    elif cohort and (learner.cohort is None or learner.cohort.name != cohort):
        learner.cohort = _find_or_add_cohort(session, cohort)
    return learner


def _existing(session: Session, name: str) -> Learner:
    learner = session.scalar(select(Learner).where(Learner.name == name))
    if learner is None:
        raise UnknownLearner(f"no learner named {name!r} in the store")
    return learner


class Learners:
    def __init__(self, transaction: Transactions) -> None:
        self._transaction = transaction

    def add_learner(
        self, name: str, *, email: str | None, cohort: str | None, external_id: str | None
    ) -> None:
        with self._transaction(writes=True) as session:
            learner = find_or_add_learner(session, name, cohort)
            if email is not None:
                learner.email = email
            if external_id is not None:
                learner.external_id = external_id

    def learner_details(self, name: str) -> dict[str, Any]:
        """The learner's own row, for a privacy export; raises `UnknownLearner`."""
        with self._transaction() as session:
            learner = _existing(session, name)
            return {
                "name": learner.name,
                "email": learner.email,
                "external_id": learner.external_id,
                "cohort": learner.cohort.name if learner.cohort else None,
                "created_at": utc(learner.created_at).isoformat(),
            }

    def delete_learner(self, name: str) -> int:
        with self._transaction(writes=True) as session:
            learner = _existing(session, name)
            # Attempts are deleted here to count them; enrollment links, web sessions and
            # attendance go with the learner by ON DELETE CASCADE.
            removed = session.query(Attempt).filter(Attempt.learner_id == learner.id).delete()
            session.delete(learner)
            return removed

    def cohort_names(self) -> list[str]:
        with self._transaction() as session:
            return list(session.scalars(select(Cohort.name).order_by(Cohort.name)))
