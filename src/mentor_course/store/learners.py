"""Learners and cohorts: adding, finding and moving them, and the privacy requests (export,
delete).

A learner is a person with an id; two may share a name. Names and cohorts are compared by
`fields.match_key`. Where only a name is known (a notebook attempt, an import file),
`resolve_learner` finds the person it means, or a new one, and never moves anybody to
another cohort: a different cohort means a different person. A name that could be
more than one person raises `SameName`, listing them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mentor_course.fields import match_key
from mentor_course.store.database import Transactions
from mentor_course.store.errors import SameName, StoreError, UnknownLearner
from mentor_course.store.records import CohortSummary, LearnerSummary, utc
from mentor_course.store.tables import (
    Attempt,
    Attendance,
    CertificateRecord,
    Cohort,
    EnrollmentLink,
    GroupSession,
    Learner,
    SentEmail,
    WebSession,
)

# Who a store call is about: a learner's id, or a name only one learner has.
LearnerRef = int | str


def find_cohort(session: Session, name: str) -> Cohort | None:
    return session.scalar(select(Cohort).where(Cohort.name_key == match_key(name)))


def find_or_add_cohort(session: Session, name: str | None) -> Cohort | None:
    if not name:
        return None
    cohort = find_cohort(session, name)
    if cohort is None:
        cohort = Cohort(name=name, name_key=match_key(name))
        session.add(cohort)
        session.flush()
    return cohort


def summary(learner: Learner) -> LearnerSummary:
    cohort = learner.cohort.name if learner.cohort else None
    return LearnerSummary(learner.id, learner.name, learner.email, cohort, learner.created_at)


def learners_named(session: Session, name: str) -> list[Learner]:
    return list(
        session.scalars(
            select(Learner).where(Learner.name_key == match_key(name)).order_by(Learner.id)
        )
    )


def add_learner(session: Session, name: str, cohort: str | None) -> Learner:
    cohort_row = find_or_add_cohort(session, cohort)
    learner = Learner(name=name, name_key=match_key(name), cohort=cohort_row)
    session.add(learner)
    session.flush()
    return learner


def resolve_learner(session: Session, name: str, cohort: str | None) -> Learner:
    """The learner a notebook attempt or an import row means by `name` (and `cohort`), added
    if there is none; `SameName` if it could be more than one.

    With a cohort: the one learner of that name in it, or the one of that name in no cohort
    yet (who is placed in it), or else somebody new. Without: the one learner of that name.
    """
    named = learners_named(session, name)
    if cohort:
        key = match_key(cohort)
        in_cohort = [one for one in named if one.cohort and one.cohort.name_key == key]
        unplaced = [one for one in named if one.cohort is None]
        if len(in_cohort) == 1:
            return in_cohort[0]
        if not in_cohort and len(unplaced) == 1:
            unplaced[0].cohort = find_or_add_cohort(session, cohort)
            return unplaced[0]
        if not in_cohort and not unplaced:
            return add_learner(session, name, cohort)
        candidates = in_cohort or unplaced
    else:
        if len(named) == 1:
            return named[0]
        if not named:
            return add_learner(session, name, None)
        candidates = named
    raise SameName(name, [summary(one) for one in candidates], "name the cohort or the id")


MAX_LEARNER_ID = 2**31 - 1  # the key's range on PostgreSQL (INTEGER)


def existing_learner(session: Session, who: LearnerRef) -> Learner:
    """The learner `who` is (an id, or a name only one learner has); `UnknownLearner` if none."""
    if isinstance(who, int):
        # An id no key can hold is nobody, not a query the database refuses.
        learner = session.get(Learner, who) if 0 < who <= MAX_LEARNER_ID else None
        if learner is None:
            raise UnknownLearner(f"there is no learner #{who}")
        return learner
    named = learners_named(session, who)
    if not named:
        raise UnknownLearner(f"no learner named {who!r} in the store")
    if len(named) > 1:
        raise SameName(who, [summary(one) for one in named], "give the learner's id (#N)")
    return named[0]


def _when(moment: dt.datetime | None) -> str | None:
    return utc(moment).isoformat() if moment is not None else None


class Learners:
    def __init__(self, transaction: Transactions) -> None:
        self._transaction = transaction

    def add_learner(
        self, name: str, *, email: str | None, cohort: str | None, external_id: str | None
    ) -> int:
        with self._transaction(writes=True) as session:
            learner = resolve_learner(session, name, cohort)
            if email is not None:
                learner.email = email
            if external_id is not None:
                learner.external_id = external_id
            return learner.id

    def learners_named(self, name: str) -> list[LearnerSummary]:
        with self._transaction() as session:
            return [summary(one) for one in learners_named(session, name)]

    def learner(self, who: LearnerRef) -> LearnerSummary:
        with self._transaction() as session:
            return summary(existing_learner(session, who))

    def move_learner(self, who: LearnerRef, cohort: str | None) -> None:
        with self._transaction(writes=True) as session:
            existing_learner(session, who).cohort = find_or_add_cohort(session, cohort)

    def learner_details(self, who: LearnerRef) -> dict[str, Any]:
        """For a privacy export: the learner's own row ("learner") and their rows in every
        other table but attempts, keyed by the table's name; raises `UnknownLearner`.

        Sign-in links and sessions are shown by their dates only: a token, or its hash,
        would let a copy of the export sign in. Emails by kind, address and date: their
        text is never kept.
        """
        with self._transaction() as session:
            learner = existing_learner(session, who)
            live_check_ins = session.scalars(
                select(GroupSession)
                .join(Attendance, Attendance.session_id == GroupSession.id)
                .where(Attendance.learner_id == learner.id)
                .order_by(GroupSession.started_at)
            )
            links = session.scalars(
                select(EnrollmentLink)
                .where(EnrollmentLink.learner_id == learner.id)
                .order_by(EnrollmentLink.created_at, EnrollmentLink.id)
            )
            web_sessions = session.scalars(
                select(WebSession)
                .where(WebSession.learner_id == learner.id)
                .order_by(WebSession.created_at)
            )
            emails = session.scalars(
                select(SentEmail)
                .where(SentEmail.learner_id == learner.id)
                .order_by(SentEmail.sent_at, SentEmail.id)
            )
            certificate = learner_certificate(session, learner.id)
            return {
                "learner": {
                    "id": learner.id,
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
                        "opened_at": _when(link.opened_at),
                        "used_at": _when(link.used_at),
                        "revoked_at": _when(link.revoked_at),
                    }
                    for link in links
                ],
                "web_sessions": [
                    {"created_at": _when(web.created_at), "expires_at": _when(web.expires_at)}
                    for web in web_sessions
                ],
                "sent_emails": [
                    {
                        "kind": sent.kind,
                        "address": sent.address,
                        "sent_at": _when(sent.sent_at),
                        "problem": sent.problem,
                    }
                    for sent in emails
                ],
                "certificates": [certificate] if certificate else [],
            }

    def delete_learner(self, who: LearnerRef) -> int:
        with self._transaction(writes=True) as session:
            learner = existing_learner(session, who)
            # Attempts are deleted here to count them; links, sessions, attendance, sent
            # emails and certificates go with the learner by ON DELETE CASCADE.
            removed = session.query(Attempt).filter(Attempt.learner_id == learner.id).delete()
            session.delete(learner)
            return removed

    # ----- cohorts -----

    def cohort_names(self) -> list[str]:
        with self._transaction() as session:
            return list(session.scalars(select(Cohort.name).order_by(Cohort.name_key)))

    def cohorts(self) -> list[CohortSummary]:
        with self._transaction() as session:
            rows = session.execute(
                select(Cohort.name, Cohort.due_on, func.count(Learner.id))
                .outerjoin(Learner, Learner.cohort_id == Cohort.id)
                .group_by(Cohort.id, Cohort.name, Cohort.due_on)
                .order_by(Cohort.name_key)
            )
            return [CohortSummary(name, due_on, count) for name, due_on, count in rows]

    def cohort(self, name: str) -> CohortSummary | None:
        """The cohort `name` means (in any case), if there is one."""
        key = match_key(name)
        return next((c for c in self.cohorts() if match_key(c.name) == key), None)

    def add_cohort(self, name: str, due_on: dt.date | None) -> str:
        """Add cohort `name` (or give an existing one of that name the due date); returns the
        cohort's name as stored."""
        with self._transaction(writes=True) as session:
            cohort = find_or_add_cohort(session, name)
            assert cohort is not None
            if due_on is not None:
                cohort.due_on = due_on
            return cohort.name

    def rename_cohort(self, old: str, new: str) -> None:
        with self._transaction(writes=True) as session:
            cohort = find_cohort(session, old)
            if cohort is None:
                raise StoreError(f"there is no cohort {old!r}")
            other = find_cohort(session, new)
            if other is not None and other.id != cohort.id:
                raise StoreError(
                    f"there is a cohort {other.name!r} already; move its learners, or choose "
                    "another name"
                )
            # Live check-ins name their cohort as text: they follow the rename.
            session.query(GroupSession).filter(GroupSession.cohort == cohort.name).update(
                {GroupSession.cohort: new}
            )
            cohort.name, cohort.name_key = new, match_key(new)

    def set_cohort_due(self, name: str, due_on: dt.date | None) -> None:
        with self._transaction(writes=True) as session:
            cohort = find_cohort(session, name)
            if cohort is None:
                raise StoreError(f"there is no cohort {name!r}")
            cohort.due_on = due_on


def learner_certificate(session: Session, learner_id: int) -> dict[str, Any] | None:
    found = session.scalar(
        select(CertificateRecord).where(CertificateRecord.learner_id == learner_id)
    )
    if found is None:
        return None
    return {"code": found.code, "completed_on": found.completed_on.isoformat()}
