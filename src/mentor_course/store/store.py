"""The progress store: every checked quiz attempt, and who made it.

One setting picks the database everywhere: `MENTOR_COURSE_DB`, a SQLAlchemy
URL or a file path (SQLite). Without it, a SQLite file in the user's data
folder. SQLite runs in WAL mode with a busy timeout, and every write
transaction starts with BEGIN IMMEDIATE, so concurrent writers queue for the
lock instead of failing half-way. Schema changes go through Alembic; a store
at an older schema is refused until `mentor-course db upgrade`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from mentor_course.errors import MentorCourseError
from mentor_course.store.records import AttemptRecord, QuestionScore, utc
from mentor_course.store.tables import (
    Attempt,
    Attendance,
    Cohort,
    Coordinator,
    EnrollmentLink,
    GroupSession,
    Learner,
    LiveAnswer,
    QuizVersion,
    WebSession,
)

Outcome = Literal["stored", "duplicate"]
ENV_VAR = "MENTOR_COURSE_DB"
FILE_ENV_VAR = "MENTOR_COURSE_DB_FILE"  # a file holding the URL, for URLs with a password
MIGRATIONS = Path(__file__).with_name("migrations")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    role: Literal["mentor", "coordinator"]
    name: str
    csrf: str


@dataclass(frozen=True)
class LiveSession:
    code: str
    bank_id: str
    cohort: str | None
    question_index: int


class StoreError(MentorCourseError):
    """The store cannot be opened or used as asked."""


class AttemptConflict(StoreError, ValueError):
    """An attempt id already stored with a different payload."""


class UnknownLearner(StoreError, LookupError):
    """No learner by that name."""


def _secret_file(path: Path) -> str:
    """The database URL kept in `path`, which only its owner may read (it may hold a password)."""
    try:
        mode = path.stat().st_mode
        url = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the database URL file ({exc.strerror})") from None
    if mode & 0o077:
        raise StoreError(
            f"{path} can be read by other users; it may hold a password. Run: chmod 600 {path}"
        )
    return url


def database_url(value: str | None = None) -> str:
    """A SQLAlchemy URL from `value`, `MENTOR_COURSE_DB`, the file named by
    `MENTOR_COURSE_DB_FILE`, or the default SQLite file."""
    if not value and not os.environ.get(ENV_VAR) and (secret := os.environ.get(FILE_ENV_VAR)):
        value = _secret_file(Path(secret))
    value = value or os.environ.get(ENV_VAR)
    if value and "://" in value:
        return value
    path = Path(value) if value else Path(platformdirs.user_data_dir("mentor-course"))
    if not value:
        path = path / "progress.sqlite3"
    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver; transactions begin in `_begin` below.
        dbapi_connection.isolation_level = None
        for pragma in (
            "journal_mode=WAL",
            "busy_timeout=60000",
            "foreign_keys=ON",
            "synchronous=FULL",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get("writes", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)


def _alembic(connection: Connection) -> tuple[Config, ScriptDirectory]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config, ScriptDirectory.from_config(config)


def describe(url: str) -> str:
    """The URL without its password, safe to print."""
    return make_url(url).render_as_string(hide_password=True)


def _unreachable(url: str, error: OperationalError) -> StoreError:
    return StoreError(f"cannot open the store at {describe(url)}: {error.orig}")


def upgrade(url: str | None = None) -> tuple[str | None, str]:
    """Bring the store to the newest schema; return (revision before, revision after)."""
    url = database_url(url)
    engine = make_engine(url)
    try:
        with engine.execution_options(writes=True).begin() as connection:
            config, scripts = _alembic(connection)
            before = MigrationContext.configure(connection).get_current_revision()
            command.upgrade(config, "head")
            return before, scripts.get_current_head() or ""
    except OperationalError as exc:
        raise _unreachable(url, exc) from None
    finally:
        engine.dispose()


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


class Store:
    """The progress store. Use as a context manager, or call `close()`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(writes=True)

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open the store, creating it at the newest schema if it is new and empty."""
        url = database_url(url)
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                _, scripts = _alembic(connection)
                current = MigrationContext.configure(connection).get_current_revision()
                has_tables = inspect(connection).has_table("attempts")
            head = scripts.get_current_head()
        except OperationalError as exc:
            engine.dispose()
            raise _unreachable(url, exc) from None
        if current is None and not has_tables:
            engine.dispose()
            upgrade(url)
            return cls(make_engine(url))
        if current != head:
            engine.dispose()
            known = {script.revision for script in scripts.walk_revisions()}
            if current in known:
                raise StoreError(
                    f"the store at {describe(url)} is at schema {current}, older than this "
                    f"mentor-course ({head}); run: mentor-course db upgrade"
                )
            raise StoreError(
                f"the store at {describe(url)} is at schema {current}, which this "
                "mentor-course does not know; upgrade mentor-course"
            )
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, writes: bool = False) -> Iterator[Session]:
        """The one place sessions begin, commit and roll back."""
        with Session(self._writer if writes else self.engine) as session, session.begin():
            yield session

    # ----- learners and cohorts -----

    @staticmethod
    def _cohort(session: Session, name: str | None) -> Cohort | None:
        if not name:
            return None
        cohort = session.scalar(select(Cohort).where(Cohort.name == name))
        if cohort is None:
            cohort = Cohort(name=name)
            session.add(cohort)
            session.flush()
        return cohort

    def _learner(self, session: Session, name: str, cohort: str | None = None) -> Learner:
        learner = session.scalar(select(Learner).where(Learner.name == name))
        if learner is None:
            learner = Learner(name=name, cohort=self._cohort(session, cohort))
            session.add(learner)
            session.flush()
        elif cohort and (learner.cohort is None or learner.cohort.name != cohort):
            learner.cohort = self._cohort(session, cohort)
        return learner

    def add_learner(
        self,
        name: str,
        *,
        email: str | None = None,
        cohort: str | None = None,
        external_id: str | None = None,
    ) -> None:
        """Add a learner, or update the details given for an existing one."""
        with self._transaction(writes=True) as session:
            learner = self._learner(session, name, cohort)
            if email is not None:
                learner.email = email
            if external_id is not None:
                learner.external_id = external_id

    # ----- attempts -----

    def record_attempt(self, record: AttemptRecord) -> Outcome:
        """Store `record` once. The same attempt again is a "duplicate" and changes nothing;
        the same id with a different payload raises `AttemptConflict`."""
        (outcome,) = self.record_attempts([record])
        if isinstance(outcome, StoreError):
            raise outcome
        return outcome

    def record_attempts(self, records: Sequence[AttemptRecord]) -> list[Outcome | StoreError]:
        """Store many attempts in one transaction, so one disk sync covers them all.

        Each gets the outcome `record_attempt` would give it, in order; an error
        (`AttemptConflict`, or `UnknownLearner` for a served attempt whose learner
        was deleted meanwhile) is returned, not raised, and does not stop the others.
        """
        for _ in range(3):
            try:
                with self._transaction(writes=True) as session:
                    return self._store_batch(session, records)
            except IntegrityError:
                # Another writer stored one of these attempts, learners or quiz versions
                # first (PostgreSQL lets writers overlap): look again.
                continue
        raise StoreError(f"{len(records)} attempts could not be stored; try again")

    def _store_batch(
        self, session: Session, records: Sequence[AttemptRecord]
    ) -> list[Outcome | StoreError]:
        """The common case (a new attempt by a known learner, no cohort change) goes in
        one multi-row INSERT; anything else takes the careful path, one by one."""
        ids = [record.id for record in records]
        stored = set(session.scalars(select(Attempt.id).where(Attempt.id.in_(ids))))
        names = {record.learner for record in records}
        learner_ids = dict(
            session.execute(select(Learner.name, Learner.id).where(Learner.name.in_(names))).all()
        )
        versions = {
            (bank_id, version)
            for bank_id, version in session.execute(
                select(QuizVersion.bank_id, QuizVersion.version)
            )
        }
        outcomes: list[Outcome | StoreError] = []
        rows: list[dict[str, Any]] = []
        for record in records:
            if record.id in stored or record.learner not in learner_ids or record.cohort:
                if rows:  # so the careful path sees what this batch stored already
                    session.execute(insert(Attempt), rows)
                    rows = []
                outcome = self._store_one(session, record)
                outcomes.append(outcome)
                if outcome == "stored":
                    versions.add((record.bank_id, record.bank_version))
                    if record.learner not in learner_ids:
                        learner_ids[record.learner] = self._learner(session, record.learner).id
            else:
                if (record.bank_id, record.bank_version) not in versions:
                    self._add_version(session, record)
                    versions.add((record.bank_id, record.bank_version))
                rows.append(_attempt_row(record, learner_ids[record.learner]))
                outcomes.append("stored")
            stored.add(record.id)
        if rows:
            session.execute(insert(Attempt), rows)
        return outcomes

    def _store_one(self, session: Session, record: AttemptRecord) -> Outcome | StoreError:
        existing = session.get(Attempt, record.id)
        # The course server only takes attempts from enrolled learners: one deleted
        # while signed in must not come back.
        if (
            existing is None
            and record.source == "served"
            and session.scalar(select(Learner.id).where(Learner.name == record.learner)) is None
        ):
            return UnknownLearner(f"no learner named {record.learner!r} in the store")
        if existing is None:
            learner = self._learner(session, record.learner, record.cohort)
            if session.get(QuizVersion, (record.bank_id, record.bank_version)) is None:
                self._add_version(session, record)
            session.execute(insert(Attempt), [_attempt_row(record, learner.id)])
            return "stored"
        version = session.get(QuizVersion, (existing.bank_id, existing.bank_version))
        if version is None or not record.same_attempt(self._record(existing, version)):
            return AttemptConflict(f"attempt {record.id} is already stored with different answers")
        return "duplicate"

    @staticmethod
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

    @staticmethod
    def _record(attempt: Attempt, version: QuizVersion) -> AttemptRecord:
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
            source=attempt.source,  # type: ignore[arg-type]
        )

    def attempts(self, learner: str | None = None) -> Iterator[AttemptRecord]:
        """Every stored attempt (of one learner, if named), oldest first."""
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
                query = query.where(Learner.name == learner)
            for attempt, version in session.execute(query):
                yield self._record(attempt, version)

    # ----- privacy requests -----

    def export_learner(self, name: str) -> dict[str, Any]:
        """Everything stored about one learner."""
        with self._transaction() as session:
            learner = session.scalar(select(Learner).where(Learner.name == name))
            if learner is None:
                raise UnknownLearner(f"no learner named {name!r} in the store")
            details = {
                "name": learner.name,
                "email": learner.email,
                "external_id": learner.external_id,
                "cohort": learner.cohort.name if learner.cohort else None,
                "created_at": utc(learner.created_at).isoformat(),
            }
        attempts = [a.model_dump(mode="json") for a in self.attempts(name)]
        return {"learner": details, "attempts": attempts}

    def delete_learner(self, name: str) -> int:
        """Remove a learner and all their attempts; return how many attempts went."""
        with self._transaction(writes=True) as session:
            learner = session.scalar(select(Learner).where(Learner.name == name))
            if learner is None:
                raise UnknownLearner(f"no learner named {name!r} in the store")
            removed = session.query(Attempt).filter(Attempt.learner_id == learner.id).delete()
            session.delete(learner)
            return removed

    # ----- the course server: coordinators, enrollment links, sessions -----
    # Tokens are random (256 bits) and only their SHA-256 is stored, so a copy
    # of the database cannot be used to sign in.

    def add_coordinator(self, name: str, password_hash: str) -> None:
        with self._transaction(writes=True) as session:
            existing = session.scalar(select(Coordinator).where(Coordinator.name == name))
            if existing is None:
                session.add(Coordinator(name=name, password_hash=password_hash))
            else:
                existing.password_hash = password_hash

    def coordinator_password_hash(self, name: str) -> str | None:
        with self._transaction() as session:
            return session.scalar(select(Coordinator.password_hash).where(Coordinator.name == name))

    def create_enrollment(
        self,
        name: str,
        *,
        email: str | None = None,
        cohort: str | None = None,
        valid_for: dt.timedelta = dt.timedelta(days=14),
    ) -> str:
        """A new single-use enrollment token for `name` (created if new). Shown once."""
        token = secrets.token_urlsafe(32)
        with self._transaction(writes=True) as session:
            learner = self._learner(session, name, cohort)
            if email:
                learner.email = email
            session.add(
                EnrollmentLink(
                    token_hash=token_hash(token),
                    learner=learner,
                    expires_at=dt.datetime.now(dt.UTC) + valid_for,
                )
            )
        return token

    def redeem_enrollment(self, token: str) -> str | None:
        """The learner's name if `token` is a valid, unused, unexpired link; it is then used up."""
        now = dt.datetime.now(dt.UTC)
        with self._transaction(writes=True) as session:
            link = session.scalar(
                select(EnrollmentLink).where(EnrollmentLink.token_hash == token_hash(token))
            )
            if link is None or link.used_at is not None or utc(link.expires_at) <= now:
                return None
            link.used_at = now
            return link.learner.name

    def start_session(
        self,
        *,
        learner: str | None = None,
        coordinator: str | None = None,
        valid_for: dt.timedelta = dt.timedelta(days=30),
    ) -> tuple[str, str]:
        """A new browser session for a learner or a coordinator: (token, CSRF token)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._transaction(writes=True) as session:
            web = WebSession(
                token_hash=token_hash(token),
                csrf_token=csrf,
                expires_at=dt.datetime.now(dt.UTC) + valid_for,
            )
            if learner is not None:
                web.learner_id = self._learner(session, learner).id
            elif coordinator is not None:
                web.coordinator_id = session.scalar(
                    select(Coordinator.id).where(Coordinator.name == coordinator)
                )
            session.add(web)
        return token, csrf

    def session_for(self, token: str) -> SignedIn | None:
        """Who holds session `token`, if it is current."""
        with self._transaction() as session:
            web = session.scalar(
                select(WebSession).where(WebSession.token_hash == token_hash(token))
            )
            if web is None or utc(web.expires_at) <= dt.datetime.now(dt.UTC):
                return None
            if web.learner_id is not None:
                name = session.scalar(select(Learner.name).where(Learner.id == web.learner_id))
                role = "mentor"
            else:
                name = session.scalar(
                    select(Coordinator.name).where(Coordinator.id == web.coordinator_id)
                )
                role = "coordinator"
            return SignedIn(role=role, name=name or "", csrf=web.csrf_token)

    def end_session(self, token: str) -> None:
        with self._transaction(writes=True) as session:
            session.query(WebSession).filter(WebSession.token_hash == token_hash(token)).delete()

    # ----- live group check-ins -----
    # Answers are tied to a random per-browser participant id, never to a learner;
    # attendance is recorded separately, for enrolled mentors who join.

    def start_group_session(self, bank_id: str, cohort: str | None = None) -> str:
        """A new live session for quiz `bank_id`; returns its short join code."""
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
        for _ in range(10):
            code = "".join(secrets.choice(alphabet) for _ in range(6))
            try:
                with self._transaction(writes=True) as session:
                    session.add(GroupSession(code=code, bank_id=bank_id, cohort=cohort))
                return code
            except IntegrityError:
                continue
        raise StoreError("could not find a free join code; try again")

    def group_session(self, code: str) -> LiveSession | None:
        with self._transaction() as session:
            found = session.scalar(select(GroupSession).where(GroupSession.code == code.upper()))
            if found is None:
                return None
            return LiveSession(found.code, found.bank_id, found.cohort, found.question_index)

    def set_live_question(self, code: str, index: int) -> None:
        with self._transaction(writes=True) as session:
            live = session.scalar(select(GroupSession).where(GroupSession.code == code))
            if live is not None:
                live.question_index = index

    def record_live_answer(
        self, code: str, participant: str, question_id: str, choices: list[str]
    ) -> None:
        """Keep a participant's latest answer to a question (answering again replaces it)."""
        with self._transaction(writes=True) as session:
            live = session.scalar(select(GroupSession).where(GroupSession.code == code))
            if live is None:
                raise StoreError(f"no live session {code!r}")
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
        """How many participants chose each choice id (counts only, never who)."""
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

    def mark_attendance(self, code: str, learner: str) -> None:
        with self._transaction(writes=True) as session:
            live = session.scalar(select(GroupSession).where(GroupSession.code == code))
            person = session.scalar(select(Learner).where(Learner.name == learner))
            if live is None or person is None:
                return
            if session.get(Attendance, (live.id, person.id)) is None:
                session.add(Attendance(session_id=live.id, learner_id=person.id))

    # ----- reports and checks -----

    def quiz_titles(self) -> dict[str, str]:
        """The newest title stored for each quiz bank id."""
        with self._transaction() as session:
            rows = session.execute(
                select(QuizVersion.bank_id, QuizVersion.title).order_by(QuizVersion.first_seen)
            )
            return {bank_id: title for bank_id, title in rows}

    def cohort_names(self) -> list[str]:
        with self._transaction() as session:
            return list(session.scalars(select(Cohort.name).order_by(Cohort.name)))

    def integrity_ok(self) -> bool:
        """SQLite's integrity check (other databases check themselves)."""
        if self.engine.dialect.name != "sqlite":
            return True
        with self.engine.connect() as connection:
            return connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
