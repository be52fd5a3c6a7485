"""Reaching learners beyond the course pages: the record of emails sent to them, their
certificates of completion, and the address the course server says it serves at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mentor_course.store.database import Transactions
from mentor_course.store.learners import existing_learner
from mentor_course.store.tables import CertificateRecord, Learner, SentEmail, Setting


@dataclass(frozen=True)
class SentRecord:
    kind: str
    address: str
    sent_at: dt.datetime
    problem: str | None


@dataclass(frozen=True)
class Verified:
    """What `/verify/CODE` confirms, and nothing more."""

    learner: str
    completed_on: dt.date


class Outreach:
    def __init__(self, transaction: Transactions) -> None:
        self._transaction = transaction

    def record_email(self, learner_id: int, kind: str, address: str, problem: str | None) -> None:
        with self._transaction(writes=True) as session:
            session.add(
                SentEmail(
                    learner_id=learner_id,
                    kind=kind,
                    address=address,
                    sent_at=dt.datetime.now(dt.UTC),
                    problem=problem[:500] if problem else None,
                )
            )

    def certificate_code(
        self, learner_id: int, completed_on: dt.date, new_code: Callable[[], str]
    ) -> str:
        """The learner's certificate code, made (with `new_code`) the first time it is asked
        for; a later completion date (they passed a changed quiz again) updates it."""
        for _ in range(3):
            try:
                with self._transaction(writes=True) as session:
                    existing_learner(session, learner_id)
                    found = session.scalar(
                        select(CertificateRecord).where(CertificateRecord.learner_id == learner_id)
                    )
                    if found is None:
                        found = CertificateRecord(
                            code=new_code(), learner_id=learner_id, completed_on=completed_on
                        )
                        session.add(found)
                    found.completed_on = completed_on
                    return found.code
            except IntegrityError:
                continue  # two requests at once, or (60 random bits) a code taken: again
        raise RuntimeError("no certificate code could be stored")

    def verify(self, code: str) -> Verified | None:
        with self._transaction() as session:
            row = session.execute(
                select(Learner.name, CertificateRecord.completed_on)
                .join(Learner, Learner.id == CertificateRecord.learner_id)
                .where(CertificateRecord.code == code)
            ).first()
            return Verified(row[0], row[1]) if row else None

    def server_address(self) -> str | None:
        with self._transaction() as session:
            return session.scalar(select(Setting.value).where(Setting.key == "base_url"))

    def set_server_address(self, url: str) -> None:
        with self._transaction(writes=True) as session:
            found = session.get(Setting, "base_url")
            if found is None:
                session.add(Setting(key="base_url", value=url))
            else:
                found.value = url
