"""Attempts and the quiz versions they refer to: recording them (one by one, or batched in one
multi-row INSERT for the common case) and reading them back as `AttemptRecord`s.

An attempt is stored once: the same attempt again is a "duplicate" and
changes nothing; the same id with a different payload is an `AttemptConflict`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from mentor_course.fields import match_key
from mentor_course.store.database import Transactions
from mentor_course.store.errors import AttemptConflict, SameName, StoreError, UnknownLearner
from mentor_course.store.learners import LearnerRef, existing_learner, resolve_learner
from mentor_course.store.records import AttemptRecord, QuestionScore, utc
from mentor_course.store.tables import Attempt, Learner, QuizVersion

Outcome = Literal["stored", "duplicate"]
# Stores a batch of attempts in an open transaction: each one's outcome or error, in order.
BatchWriter = Callable[[Sequence[AttemptRecord]], list[Outcome | StoreError]]


def _attempt_row(record: AttemptRecord, learner_id: int) -> dict[str, Any]:
    return {
        "id": record.id,
        "learner_id": learner_id,
        "bank_id": record.bank_id,
        "bank_version": record.bank_version,
        "results": [q.model_dump() for q in record.results],
        "score": record.score,
        "passed": record.passed,
        "started_at": record.started_at,
        "finished_at": record.finished_at,
        "source": record.source,
    }


def _as_record(attempt: Attempt, version: QuizVersion) -> AttemptRecord:
    return AttemptRecord(
        id=attempt.id,
        learner=attempt.learner.name,
        cohort=attempt.learner.cohort.name if attempt.learner.cohort else None,
        bank_id=attempt.bank_id,
        bank_version=attempt.bank_version,
        bank_title=version.title,
        pass_mark=version.pass_mark,
        results=[QuestionScore(**q) for q in attempt.results],
        score=attempt.score,
        passed=attempt.passed,
        started_at=utc(attempt.started_at) if attempt.started_at else None,
        finished_at=utc(attempt.finished_at),
        source=attempt.source,
    )


def _add_version(session: Session, record: AttemptRecord) -> None:
    session.add(
        QuizVersion(
            bank_id=record.bank_id,
            version=record.bank_version,
            title=record.bank_title,
            pass_mark=record.pass_mark,
        )
    )
    session.flush()


class _Learners:
    """The learners a batch of attempts names, read in one query and resolved once per name
    and cohort (or learner id): `resolve_learner`'s rules, without a query per attempt."""

    def __init__(self, session: Session, records: Sequence[AttemptRecord]) -> None:
        self.session = session
        keys = {match_key(record.learner) for record in records if record.learner_id is None}
        self.named: dict[str, list[Learner]] = {key: [] for key in keys}
        for learner in session.scalars(
            select(Learner).options(joinedload(Learner.cohort)).where(Learner.name_key.in_(keys))
        ):
            self.named[learner.name_key].append(learner)
        ids = {record.learner_id for record in records if record.learner_id is not None}
        self.ids = set(session.scalars(select(Learner.id).where(Learner.id.in_(ids))))
        self.resolved: dict[tuple[str, str | None], int] = {}

    def known(self, record: AttemptRecord) -> int | None:
        """The learner's id if the record names exactly one existing learner, as it is."""
        if record.learner_id is not None:
            return record.learner_id if record.learner_id in self.ids else None
        pair = (match_key(record.learner), match_key(record.cohort) if record.cohort else None)
        if pair in self.resolved:
            return self.resolved[pair]
        name, cohort = pair
        matches = [
            one
            for one in self.named[name]
            if cohort is None or (one.cohort and one.cohort.name_key == cohort)
        ]
        if len(matches) == 1:
            self.resolved[pair] = matches[0].id
            return matches[0].id
        return None

    def resolve(self, record: AttemptRecord) -> int | StoreError:
        """The learner's id, adding or placing the learner if the rules say so."""
        if record.learner_id is not None:
            if record.learner_id not in self.ids:
                return UnknownLearner(f"there is no learner #{record.learner_id}")
            return record.learner_id
        if record.source == "served" and not self.named[match_key(record.learner)]:
            # The course server only takes attempts from enrolled learners: one deleted
            # while signed in must not come back.
            return UnknownLearner(f"no learner named {record.learner!r} in the store")
        try:
            learner = resolve_learner(self.session, record.learner, record.cohort)
        except SameName as exc:
            return exc
        named = self.named[learner.name_key]
        if learner not in named:
            named.append(learner)
        return learner.id


def _store_one(
    session: Session, record: AttemptRecord, learners: _Learners
) -> Outcome | StoreError:
    """The careful path: any attempt, checked against what is stored."""
    existing = session.get(Attempt, record.id)
    if existing is None:
        learner_id = learners.resolve(record)
        if isinstance(learner_id, StoreError):
            return learner_id
        if session.get(QuizVersion, (record.bank_id, record.bank_version)) is None:
            _add_version(session, record)
        session.execute(insert(Attempt), [_attempt_row(record, learner_id)])
        return "stored"
    version = session.get(QuizVersion, (existing.bank_id, existing.bank_version))
    if version is None or not record.same_attempt(_as_record(existing, version)):
        return AttemptConflict(f"attempt {record.id} is already stored with different answers")
    return "duplicate"


def _store_batch(session: Session, records: Sequence[AttemptRecord]) -> list[Outcome | StoreError]:
    """The common case (a new attempt by a learner the store knows, as named) goes in one
    multi-row INSERT; anything else takes the careful path, one by one."""
    ids = [record.id for record in records]
    # Loaded whole and held here, so the careful path finds a stored attempt (a duplicate, or
    # a conflict), its learner and its quiz version in the session's identity map instead of
    # with queries of its own.
    existing = list(
        session.scalars(
            select(Attempt)
            .where(Attempt.id.in_(ids))
            .options(joinedload(Attempt.learner).joinedload(Learner.cohort))
        )
    )
    stored = {attempt.id for attempt in existing}
    learners = _Learners(session, records)
    quiz_versions = list(session.scalars(select(QuizVersion)))  # held, as `existing` is
    versions = {(version.bank_id, version.version) for version in quiz_versions}
    outcomes: list[Outcome | StoreError] = []
    rows: list[dict[str, Any]] = []
    for record in records:
        learner_id = None if record.id in stored else learners.known(record)
        if learner_id is None:
            if rows:  # so the careful path sees what this batch stored already
                session.execute(insert(Attempt), rows)
                rows = []
            outcome = _store_one(session, record, learners)
            outcomes.append(outcome)
            if outcome == "stored":
                versions.add((record.bank_id, record.bank_version))
        else:
            if (record.bank_id, record.bank_version) not in versions:
                _add_version(session, record)
                versions.add((record.bank_id, record.bank_version))
            rows.append(_attempt_row(record, learner_id))
            outcomes.append("stored")
        stored.add(record.id)
    if rows:
        session.execute(insert(Attempt), rows)
    return outcomes


class Attempts:
    def __init__(self, transaction: Transactions) -> None:
        self._transaction = transaction

    def record_attempt(self, record: AttemptRecord) -> Outcome:
        (outcome,) = self.record_attempts([record])
        if isinstance(outcome, StoreError):
            raise outcome
        return outcome

    def record_attempts(self, records: Sequence[AttemptRecord]) -> list[Outcome | StoreError]:
        for _ in range(3):
            try:
                with self._transaction(writes=True) as session:
                    return _store_batch(session, records)
            except IntegrityError:
                # Another writer stored one of these attempts, learners or quiz versions
                # first (PostgreSQL lets writers overlap): look again.
                continue
        raise StoreError(f"{len(records)} attempts could not be stored; try again")

    @contextmanager
    def importing(self) -> Iterator[BatchWriter]:
        """One write transaction for batches of attempts; it keeps them only if the block
        ends without an error."""
        try:
            with self._transaction(writes=True) as session:
                yield lambda records: _store_batch(session, records)
        except IntegrityError:
            # PostgreSQL lets writers overlap: another one stored some of these meanwhile.
            raise StoreError(
                "another program stored some of these attempts at the same time; nothing was "
                "imported: run the import again"
            ) from None

    def attempts(self, learner: LearnerRef | None) -> Iterator[AttemptRecord]:
        with self._transaction() as session:
            query = (
                select(Attempt, QuizVersion)
                .join(Learner)
                .join(
                    QuizVersion,
                    (QuizVersion.bank_id == Attempt.bank_id)
                    & (QuizVersion.version == Attempt.bank_version),
                )
                .order_by(Attempt.finished_at, Attempt.id)
            )
            if learner is not None:
                query = query.where(Learner.id == existing_learner(session, learner).id)
            for attempt, version in session.execute(query):
                yield _as_record(attempt, version)

    def quiz_titles(self) -> dict[str, str]:
        with self._transaction() as session:
            rows = session.execute(
                select(QuizVersion.bank_id, QuizVersion.title).order_by(QuizVersion.first_seen)
            )
            return {bank_id: title for bank_id, title in rows}
