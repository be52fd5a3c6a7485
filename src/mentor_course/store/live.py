"""Live group check-ins: a session with a join code (`LiveSession`), the question on show,
the participants the server issued, their answers and tallies, attendance, and the end.

Answers are tied to a participant the server made when a phone joined (the
browser keeps a random token; only its hash is stored), never to a learner;
attendance is recorded separately, for enrolled mentors who join.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mentor_course.store.accounts import token_hash
from mentor_course.store.database import Transactions
from mentor_course.store.errors import StoreError
from mentor_course.store.tables import (
    Attendance,
    GroupSession,
    Learner,
    LiveAnswer,
    LiveParticipant,
)

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


@dataclass(frozen=True)
class LiveSession:
    code: str
    bank_id: str
    cohort: str | None
    question_index: int
    ended: bool = False


@dataclass(frozen=True)
class LiveSummary:
    """A finished (or running) check-in in numbers: counts only, never who."""

    tallies: dict[str, dict[str, int]]  # question id -> choice id -> participants
    participants: int
    attendance: int


def _by_code(session: Session, code: str) -> GroupSession | None:
    return session.scalar(select(GroupSession).where(GroupSession.code == code))


class LiveCheckIns:
    def __init__(self, transaction: Transactions) -> None:
        self._transaction = transaction

    def start_group_session(self, bank_id: str, cohort: str | None) -> str:
        for _ in range(10):
            code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(6))
            try:
                with self._transaction(writes=True) as session:
                    session.add(GroupSession(code=code, bank_id=bank_id, cohort=cohort))
                return code
            except IntegrityError:  # the code is taken: draw another
                continue
        raise StoreError("could not find a free join code; try again")

    def group_session(self, code: str) -> LiveSession | None:
        with self._transaction() as session:
            found = _by_code(session, code.upper())
            if found is None:
                return None
            return LiveSession(
                found.code,
                found.bank_id,
                found.cohort,
                found.question_index,
                ended=found.ended_at is not None,
            )

    def set_live_question(self, code: str, index: int) -> None:
        with self._transaction(writes=True) as session:
            live = _by_code(session, code)
            if live is not None:
                live.question_index = index

    def end_group_session(self, code: str) -> None:
        with self._transaction(writes=True) as session:
            live = _by_code(session, code)
            if live is not None and live.ended_at is None:
                live.ended_at = dt.datetime.now(dt.UTC)

    def join(self, code: str) -> str:
        """A new participant of running session `code`: the token its browser keeps."""
        token = secrets.token_urlsafe(24)
        with self._transaction(writes=True) as session:
            live = _by_code(session, code)
            if live is None or live.ended_at is not None:
                raise StoreError(f"no running live session {code!r}")
            session.add(LiveParticipant(session_id=live.id, token_hash=token_hash(token)))
        return token

    def participant(self, code: str, token: str) -> str | None:
        """The participant id behind `token`, if the server issued it for session `code`."""
        with self._transaction() as session:
            found = session.scalar(
                select(LiveParticipant.id)
                .join(GroupSession)
                .where(GroupSession.code == code, LiveParticipant.token_hash == token_hash(token))
            )
            return None if found is None else str(found)

    def answer_of(self, code: str, participant: str, question_id: str) -> list[str] | None:
        with self._transaction() as session:
            return session.scalar(
                select(LiveAnswer.choices)
                .join(GroupSession)
                .where(
                    GroupSession.code == code,
                    LiveAnswer.participant == participant,
                    LiveAnswer.question_id == question_id,
                )
            )

    def summary(self, code: str) -> LiveSummary:
        tallies: dict[str, dict[str, int]] = {}
        with self._transaction() as session:
            live = _by_code(session, code)
            if live is None:
                raise StoreError(f"no live session {code!r}")
            for question_id, choices in session.execute(
                select(LiveAnswer.question_id, LiveAnswer.choices).where(
                    LiveAnswer.session_id == live.id
                )
            ):
                counts = tallies.setdefault(question_id, {})
                for choice in choices:
                    counts[choice] = counts.get(choice, 0) + 1
            participants = session.scalar(
                select(func.count()).where(LiveParticipant.session_id == live.id)
            )
            attendance = session.scalar(
                select(func.count()).where(Attendance.session_id == live.id)
            )
        return LiveSummary(tallies, participants or 0, attendance or 0)

    def record_live_answer(
        self, code: str, participant: str, question_id: str, choices: list[str]
    ) -> None:
        with self._transaction(writes=True) as session:
            live = _by_code(session, code)
            if live is None or live.ended_at is not None:
                raise StoreError(f"no running live session {code!r}")
            session.query(LiveAnswer).filter_by(
                session_id=live.id, participant=participant, question_id=question_id
            ).delete()
            session.add(
                LiveAnswer(
                    session_id=live.id,
                    participant=participant,
                    question_id=question_id,
                    choices=choices,
                )
            )

    def live_tallies(self, code: str, question_id: str) -> dict[str, int]:
        tallies: dict[str, int] = {}
        with self._transaction() as session:
            rows = session.scalars(
                select(LiveAnswer.choices)
                .join(GroupSession)
                .where(GroupSession.code == code, LiveAnswer.question_id == question_id)
            )
            for choices in rows:
                for choice in choices:
                    tallies[choice] = tallies.get(choice, 0) + 1
        return tallies

    def mark_attendance(self, code: str, learner: int) -> None:
        with self._transaction(writes=True) as session:
            live = _by_code(session, code)
            person = session.get(Learner, learner)
            if live is None or person is None:
                return
            if session.get(Attendance, (live.id, person.id)) is None:
                session.add(Attendance(session_id=live.id, learner_id=person.id))
