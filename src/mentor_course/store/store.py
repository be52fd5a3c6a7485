"""The progress store's one API, `Store`: every checked quiz attempt, and who made it.

`Store` is a facade. Each group of its methods is implemented by one
aggregate, in its own module, over the one transaction helper
(`database.Transactions`):

- learners.py: learners, cohorts, privacy export and delete
- attempts.py: recording and reading attempts, quiz versions and titles
- accounts.py: coordinators, enrollment links, browser sessions
- live.py: live group check-ins, their answers and attendance
- outreach.py: emails sent to learners, certificates, the server's address

Where the store is and how its schema is kept is in database.py; the errors
are in errors.py. Import these names from the package, `mentor_course.store`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Literal, NamedTuple

from sqlalchemy import Engine, text

from mentor_course.store.accounts import (
    ENROLLMENT_LIFETIME,
    SESSION_LIFETIME,
    Accounts,
    LinkRecord,
    LinkState,
    SignedIn,
)
from mentor_course.store.attempts import Attempts, BatchWriter, Outcome
from mentor_course.store.database import (
    Transactions,
    open_engine,
)
from mentor_course.store.errors import StoreError
from mentor_course.store.learners import LearnerRef, Learners
from mentor_course.store.live import LiveCheckIns, LiveSession, LiveSummary
from mentor_course.store.outreach import Outreach, Verified
from mentor_course.store.records import AttemptRecord, CohortSummary, LearnerSummary

__all__ = ["Enrollment", "Store"]


class Enrollment(NamedTuple):
    token: str  # shown once: only its hash is kept
    learner_id: int


class Store:
    """The progress store. Use as a context manager, or call `close()`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._transaction = Transactions(engine)
        self._learners = Learners(self._transaction)
        self._attempts = Attempts(self._transaction)
        self._accounts = Accounts(self._transaction)
        self._live = LiveCheckIns(self._transaction)
        self._outreach = Outreach(self._transaction)

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open the store, creating it at the newest schema if it is new and empty."""
        return cls(open_engine(url))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----- learners and cohorts: learners.py -----

    def add_learner(
        self,
        name: str,
        *,
        email: str | None = None,
        cohort: str | None = None,
        external_id: str | None = None,
    ) -> int:
        """The learner `name` (in `cohort`) means, added if new (`learners.resolve_learner`),
        with the details given; returns their id."""
        return self._learners.add_learner(name, email=email, cohort=cohort, external_id=external_id)

    def learners_named(self, name: str) -> list[LearnerSummary]:
        """Everyone whose name matches `name` (compared by `fields.match_key`)."""
        return self._learners.learners_named(name)

    def learner(self, who: LearnerRef) -> LearnerSummary:
        """A learner by id, or by a name only one learner has (`UnknownLearner`, `SameName`)."""
        return self._learners.learner(who)

    def move_learner(self, who: LearnerRef, cohort: str | None) -> None:
        self._learners.move_learner(who, cohort)

    def export_learner(self, who: LearnerRef) -> dict[str, Any]:
        """Everything stored about one learner: their own row ("learner") and their rows in
        every table that refers to learners, keyed by its name ("attempts", "attendance",
        ...); sign-in links and sessions by their dates only."""
        details = self._learners.learner_details(who)
        learner_id = details["learner"]["id"]
        attempts = [a.model_dump(mode="json") for a in self.attempts(learner_id)]
        return {"learner": details.pop("learner"), "attempts": attempts, **details}

    def delete_learner(self, who: LearnerRef) -> int:
        """Remove a learner and all their attempts; return how many attempts went."""
        return self._learners.delete_learner(who)

    def cohort_names(self) -> list[str]:
        return self._learners.cohort_names()

    def cohorts(self) -> list[CohortSummary]:
        """Every cohort with its due date and number of learners, by name."""
        return self._learners.cohorts()

    def cohort(self, name: str) -> CohortSummary | None:
        """The cohort `name` means, in any case."""
        return self._learners.cohort(name)

    def add_cohort(self, name: str, due_on: dt.date | None = None) -> str:
        """Add a cohort (or set an existing one's due date); returns its name as stored."""
        return self._learners.add_cohort(name, due_on)

    def rename_cohort(self, old: str, new: str) -> None:
        self._learners.rename_cohort(old, new)

    def set_cohort_due(self, name: str, due_on: dt.date | None) -> None:
        self._learners.set_cohort_due(name, due_on)

    # ----- attempts and quiz versions: attempts.py -----

    def record_attempt(self, record: AttemptRecord) -> Outcome:
        """Store `record` once. The same attempt again is a "duplicate" and changes nothing;
        the same id with a different payload raises `AttemptConflict`."""
        return self._attempts.record_attempt(record)

    def record_attempts(self, records: Sequence[AttemptRecord]) -> list[Outcome | StoreError]:
        """Store many attempts in one transaction, so one disk sync covers them all.

        Each gets the outcome `record_attempt` would give it, in order; an error
        (`AttemptConflict`, or `UnknownLearner` for a served attempt whose learner
        was deleted meanwhile) is returned, not raised, and does not stop the others.
        """
        return self._attempts.record_attempts(records)

    def importing(self) -> AbstractContextManager[BatchWriter]:
        """One write transaction for many batches of attempts (`mentor-course import`): the
        `BatchWriter` it gives stores a batch as `record_attempts` would; nothing is kept
        unless the block ends without an error."""
        return self._attempts.importing()

    def attempts(self, learner: LearnerRef | None = None) -> Iterator[AttemptRecord]:
        """Every stored attempt (of one learner, if given), oldest first."""
        return self._attempts.attempts(learner)

    def quiz_titles(self) -> dict[str, str]:
        """The newest title stored for each quiz bank id."""
        return self._attempts.quiz_titles()

    # ----- the course server's accounts: accounts.py -----

    def add_coordinator(self, name: str, password_hash: str) -> None:
        """Add a coordinator, or set a new password hash for an existing one."""
        self._accounts.add_coordinator(name, password_hash)

    def coordinator_password_hash(self, name: str) -> str | None:
        return self._accounts.coordinator_password_hash(name)

    def create_enrollment(
        self,
        name: str,
        *,
        email: str | None = None,
        cohort: str | None = None,
        valid_for: dt.timedelta = ENROLLMENT_LIFETIME,
        person: int | Literal["new"] | None = None,
    ) -> Enrollment:
        """A new single-use enrollment link for a learner; its token is shown once.

        `person` says who: an existing learner's id (a new link for them), "new" (somebody
        new, even if others share the name), or None (somebody new when nobody has the
        name; `SameName`, listing who does, otherwise): people are never merged.
        """
        token, learner_id = self._accounts.create_enrollment(
            name, email=email, cohort=cohort, valid_for=valid_for, person=person
        )
        return Enrollment(token, learner_id)

    def enrollment_link(self, token: str, *, opening: bool = False) -> LinkState | None:
        """Whose link `token` is and whether it still works, without using it up; `opening`
        notes that its page was shown."""
        return self._accounts.enrollment_link(token, opening=opening)

    def redeem_enrollment(self, token: str) -> int | None:
        """The learner's id if `token` is a link that still works; it is then used up."""
        return self._accounts.redeem_enrollment(token)

    def links_of(self, who: LearnerRef) -> list[LinkRecord]:
        """A learner's enrollment links, newest first, by their dates and status."""
        return self._accounts.links_of(who)

    def revoke_links(self, who: LearnerRef) -> int:
        """Withdraw the learner's links that still work; returns how many."""
        return self._accounts.revoke_links(who)

    def start_session(
        self,
        *,
        learner: LearnerRef | None = None,
        coordinator: str | None = None,
        valid_for: dt.timedelta = SESSION_LIFETIME,
    ) -> tuple[str, str]:
        """A new browser session for a learner or a coordinator: (token, CSRF token)."""
        return self._accounts.start_session(
            learner=learner, coordinator=coordinator, valid_for=valid_for
        )

    def session_for(self, token: str) -> SignedIn | None:
        """Who holds session `token`, if it is current."""
        return self._accounts.session_for(token)

    def end_session(self, token: str) -> None:
        self._accounts.end_session(token)

    def remove_coordinator(self, name: str) -> bool:
        """Remove coordinator `name` and end their sessions; False if there is none."""
        return self._accounts.remove_coordinator(name)

    def purge_expired(
        self, keep_links_for: dt.timedelta = dt.timedelta(days=90)
    ) -> tuple[int, int]:
        """Delete ended sessions and long-expired enrollment links: (sessions, links)."""
        return self._accounts.purge_expired(keep_links_for)

    # ----- emails, certificates, the server's address: outreach.py -----

    def record_email(self, learner_id: int, kind: str, address: str, problem: str | None) -> None:
        """Note an email sent to a learner (`problem`: why the mail server refused it)."""
        self._outreach.record_email(learner_id, kind, address, problem)

    def certificate_code(
        self, learner_id: int, completed_on: dt.date, new_code: Callable[[], str]
    ) -> str:
        """The learner's certificate verification code (made by `new_code` the first time)."""
        return self._outreach.certificate_code(learner_id, completed_on, new_code)

    def verify_certificate(self, code: str) -> Verified | None:
        """Whose certificate `code` is and when they completed, if it is one."""
        return self._outreach.verify(code)

    def server_address(self) -> str | None:
        """The address `serve` last said it serves at, for the links the CLI prints."""
        return self._outreach.server_address()

    def set_server_address(self, url: str) -> None:
        self._outreach.set_server_address(url)

    # ----- live group check-ins: live.py -----

    def start_group_session(self, bank_id: str, cohort: str | None = None) -> str:
        """A new live session for quiz `bank_id`; returns its short join code."""
        return self._live.start_group_session(bank_id, cohort)

    def group_session(self, code: str) -> LiveSession | None:
        """The live session with join code `code` (in any case), if there is one."""
        return self._live.group_session(code)

    def set_live_question(self, code: str, index: int) -> None:
        self._live.set_live_question(code, index)

    def record_live_answer(
        self, code: str, participant: str, question_id: str, choices: list[str]
    ) -> None:
        """Keep a participant's latest answer to a question (answering again replaces it)."""
        self._live.record_live_answer(code, participant, question_id, choices)

    def live_tallies(self, code: str, question_id: str) -> dict[str, int]:
        """How many participants chose each choice id (counts only, never who)."""
        return self._live.live_tallies(code, question_id)

    def end_group_session(self, code: str) -> None:
        """Close session `code` to new answers and joins; its summary stays."""
        self._live.end_group_session(code)

    def join_live(self, code: str) -> str:
        """Issue a participant for running session `code`: the token its browser keeps."""
        return self._live.join(code)

    def live_participant(self, code: str, token: str) -> str | None:
        """The participant id behind `token`, if this server issued it for session `code`."""
        return self._live.participant(code, token)

    def live_answer_of(self, code: str, participant: str, question_id: str) -> list[str] | None:
        """A participant's current answer to a question, to show it back to them."""
        return self._live.answer_of(code, participant, question_id)

    def live_summary(self, code: str) -> LiveSummary:
        """Counts per question and choice, participants and attendance (never who chose what)."""
        return self._live.summary(code)

    def mark_attendance(self, code: str, learner: int) -> None:
        """Note that enrolled learner #`learner` joined live session `code` (once; an
        unknown learner is ignored)."""
        self._live.mark_attendance(code, learner)

    # ----- checks -----

    def check_writable(self) -> None:
        """Write one row back unchanged, or raise `StoreUnwritable`: a full or read-only
        store opens and reads as usual, and fails only at its first write."""
        with self._transaction(writes=True) as session:
            session.execute(text("UPDATE alembic_version SET version_num = version_num"))

    def integrity_ok(self) -> bool:
        """SQLite's integrity check (other databases check themselves)."""
        if self.engine.dialect.name != "sqlite":
            return True
        with self._transaction() as session:
            return session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
