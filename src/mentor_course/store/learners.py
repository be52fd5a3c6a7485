"""Learners and cohorts: adding and updating them, and the privacy requests (export, delete).

`find_or_add_learner` is how every other aggregate names a learner, so a
learner is created, and moved to a cohort, in one way only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mentor_course.store.database import Transactions
from mentor_course.store.errors import UnknownLearner
from mentor_course.store.records import utc
from mentor_course.store.tables import (
    Attempt,
    Attendance,
    Cohort,
    EnrollmentLink,
    GroupSession,
    Learner,
    WebSession,
)


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


def _when(moment: dt.datetime | None) -> str | None:
    return utc(moment).isoformat() if moment is not None else None


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
        """For a privacy export: the learner's own row ("learner") and their rows in every
        other table but attempts, keyed by the table's name; raises `UnknownLearner`.

        Sign-in links and sessions are shown by their dates only: a token, or its hash,
        would let a copy of the export sign in.
        """
        with self._transaction() as session:
            learner = _existing(session, name)
            live_check_ins = session.scalars(
                select(GroupSession)
                .join(Attendance, Attendance.session_id == GroupSession.id)
                .where(Attendance.learner_id == learner.id)
                .order_by(GroupSession.started_at)
            )
            links = session.scalars(
                select(EnrollmentLink)
                .where(EnrollmentLink.learner_id == learner.id)
                .order_by(EnrollmentLink.created_at)
            )
            web_sessions = session.scalars(
                select(WebSession)
                .where(WebSession.learner_id == learner.id)
                .order_by(WebSession.created_at)
            )
            return {
                "learner": {
                    "name": learner.name,
                    "email": learner.email,
                    "external_id": learner.external_id,
                    "cohort": learner.cohort.name if learner.cohort else None,
                    "created_at": _when(learner.created_at),
                },
                "attendance": [
                    {
                        "live_check_in": live.code,
                        "quiz": live.bank_id,
                        "cohort": live.cohort,
                        "started_at": _when(live.started_at),
                        "ended_at": _when(live.ended_at),
                    }
                    for live in live_check_ins
                ],
                "enrollment_links": [
                    {
                        "created_at": _when(link.created_at),
                        "expires_at": _when(link.expires_at),
                        "used_at": _when(link.used_at),
                    }
                    for link in links
                ],
                "web_sessions": [
                    {"created_at": _when(web.created_at), "expires_at": _when(web.expires_at)}
                    for web in web_sessions
                ],
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
