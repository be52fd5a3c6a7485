"""Who may use the course server: coordinator accounts, single-use enrollment links for
learners, and signed-in browser sessions (`SignedIn`).

Tokens are random (256 bits) and only their SHA-256 (`token_hash`) is stored,
so a copy of the database cannot be used to sign in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mentor_course.store.database import Transactions
from mentor_course.store.errors import SameName
from mentor_course.store.learners import (
    LearnerRef,
    add_learner,
    existing_learner,
    learners_named,
    summary,
)
from mentor_course.store.records import utc
from mentor_course.store.tables import Coordinator, EnrollmentLink, Learner, WebSession

ENROLLMENT_LIFETIME = dt.timedelta(days=14)
SESSION_LIFETIME = dt.timedelta(days=30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


LinkStatus = Literal["sent", "opened", "used", "expired", "revoked"]


@dataclass(frozen=True)
class LinkState:
    """What an enrollment link is, read without using it up: whose, and whether it still
    works ("sent" or "opened": it does)."""

    learner: str
    learner_id: int
    status: LinkStatus

    @property
    def works(self) -> bool:
        return self.status in ("sent", "opened")


@dataclass(frozen=True)
class LinkRecord:
    """One of a learner's links, for the coordinator's page: dates only, never the token."""

    id: int
    status: LinkStatus
    created_at: dt.datetime
    expires_at: dt.datetime
    opened_at: dt.datetime | None
    used_at: dt.datetime | None


def link_status(link: EnrollmentLink, now: dt.datetime) -> LinkStatus:
    if link.revoked_at is not None:
        return "revoked"
    if link.used_at is not None:
        return "used"
    if utc(link.expires_at) <= now:
        return "expired"
    return "opened" if link.opened_at is not None else "sent"


@dataclass(frozen=True)
class SignedIn:
    role: Literal["mentor", "coordinator"]
    name: str
    csrf: str
    id: int  # the learner's or the coordinator's


def _signed_in(session: Session, web: WebSession) -> SignedIn:
    if web.learner_id is not None:
        name = session.scalar(select(Learner.name).where(Learner.id == web.learner_id))
        return SignedIn("mentor", name or "", web.csrf_token, web.learner_id)
    name = session.scalar(select(Coordinator.name).where(Coordinator.id == web.coordinator_id))
    return SignedIn("coordinator", name or "", web.csrf_token, web.coordinator_id or 0)


class Accounts:
    def __init__(self, transaction: Transactions) -> None:
        self._transaction = transaction

    def add_coordinator(self, name: str, password_hash: str) -> None:
        with self._transaction(writes=True) as session:
            existing = session.scalar(select(Coordinator).where(Coordinator.name == name))
            if existing is None:
                session.add(Coordinator(name=name, password_hash=password_hash))
            else:
                # A new password ends every sign-in made with the old one.
                existing.password_hash = password_hash
                session.execute(delete(WebSession).where(WebSession.coordinator_id == existing.id))

    def remove_coordinator(self, name: str) -> bool:
        """Remove the account and end its sessions; False when there is no such coordinator."""
        with self._transaction(writes=True) as session:
            found = session.scalar(select(Coordinator).where(Coordinator.name == name))
            if found is None:
                return False
            session.execute(delete(WebSession).where(WebSession.coordinator_id == found.id))
            session.delete(found)
            return True

    def purge_expired(self, keep_links_for: dt.timedelta) -> tuple[int, int]:
        """Delete sessions past their end, and links `keep_links_for` past theirs (kept that
        long so a mentor opening an old link is told it was used, not that it is unknown);
        returns (sessions, links) deleted."""
        now = dt.datetime.now(dt.UTC)
        with self._transaction(writes=True) as session:
            sessions = session.execute(delete(WebSession).where(WebSession.expires_at <= now))
            links = session.execute(
                delete(EnrollmentLink).where(EnrollmentLink.expires_at <= now - keep_links_for)
            )
            return sessions.rowcount, links.rowcount  # type: ignore[attr-defined]

    def coordinator_password_hash(self, name: str) -> str | None:
        with self._transaction() as session:
            return session.scalar(select(Coordinator.password_hash).where(Coordinator.name == name))

    def create_enrollment(
        self,
        name: str,
        *,
        email: str | None,
        cohort: str | None,
        valid_for: dt.timedelta,
        person: int | Literal["new"] | None,
    ) -> tuple[str, int]:
        """A new link (token, learner id) for `person`: an existing learner's id (a new link
        for them: their name and cohort stay), "new" (somebody new, whoever shares the
        name), or None (somebody new if nobody has the name; else `SameName`)."""
        token = secrets.token_urlsafe(32)
        with self._transaction(writes=True) as session:
            if isinstance(person, int):
                learner = existing_learner(session, person)
            else:
                named = learners_named(session, name)
                if named and person is None:
                    raise SameName(
                        name,
                        [summary(one) for one in named],
                        "say whether this is the same person (a new link for them) or somebody new",
                    )
                learner = add_learner(session, name, cohort)
            if email:
                learner.email = email
            session.add(
                EnrollmentLink(
                    token_hash=token_hash(token),
                    learner=learner,
                    expires_at=dt.datetime.now(dt.UTC) + valid_for,
                )
            )
            session.flush()
            return token, learner.id

    def enrollment_link(self, token: str, *, opening: bool = False) -> LinkState | None:
        """The link's state; `opening` notes the first time its page was shown."""
        now = dt.datetime.now(dt.UTC)
        with self._transaction(writes=opening) as session:
            link = session.scalar(
                select(EnrollmentLink).where(EnrollmentLink.token_hash == token_hash(token))
            )
            if link is None:
                return None
            status = link_status(link, now)
            if opening and status == "sent":
                link.opened_at, status = now, "opened"
            return LinkState(link.learner.name, link.learner_id, status)

    def redeem_enrollment(self, token: str) -> int | None:
        """The learner's id if `token` is a link that works; it is then used up."""
        now = dt.datetime.now(dt.UTC)
        with self._transaction(writes=True) as session:
            link = session.scalar(
                select(EnrollmentLink).where(EnrollmentLink.token_hash == token_hash(token))
            )
            if link is None or link_status(link, now) not in ("sent", "opened"):
                return None
            link.used_at = now
            return link.learner_id

    def links_of(self, who: LearnerRef) -> list[LinkRecord]:
        now = dt.datetime.now(dt.UTC)
        with self._transaction() as session:
            learner = existing_learner(session, who)
            links = session.scalars(
                select(EnrollmentLink)
                .where(EnrollmentLink.learner_id == learner.id)
                .order_by(EnrollmentLink.created_at.desc(), EnrollmentLink.id.desc())
            )
            return [
                LinkRecord(
                    link.id,
                    link_status(link, now),
                    utc(link.created_at),
                    utc(link.expires_at),
                    utc(link.opened_at) if link.opened_at else None,
                    utc(link.used_at) if link.used_at else None,
                )
                for link in links
            ]

    def revoke_links(self, who: LearnerRef) -> int:
        """Withdraw every link of the learner's that still works; returns how many."""
        now = dt.datetime.now(dt.UTC)
        with self._transaction(writes=True) as session:
            learner = existing_learner(session, who)
            revoked = 0
            for link in session.scalars(
                select(EnrollmentLink).where(EnrollmentLink.learner_id == learner.id)
            ):
                if link_status(link, now) in ("sent", "opened"):
                    link.revoked_at = now
                    revoked += 1
            return revoked

    def start_session(
        self, *, learner: LearnerRef | None, coordinator: str | None, valid_for: dt.timedelta
    ) -> tuple[str, str]:
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._transaction(writes=True) as session:
            web = WebSession(
                token_hash=token_hash(token),
                csrf_token=csrf,
                expires_at=dt.datetime.now(dt.UTC) + valid_for,
            )
            if learner is not None:
                web.learner_id = existing_learner(session, learner).id
            elif coordinator is not None:
                web.coordinator_id = session.scalar(
                    select(Coordinator.id).where(Coordinator.name == coordinator)
                )
            session.add(web)
        return token, csrf

    def session_for(self, token: str) -> SignedIn | None:
        with self._transaction() as session:
            web = session.scalar(
                select(WebSession).where(WebSession.token_hash == token_hash(token))
            )
            if web is None or utc(web.expires_at) <= dt.datetime.now(dt.UTC):
                return None
            return _signed_in(session, web)

    def end_session(self, token: str) -> None:
        with self._transaction(writes=True) as session:
            session.query(WebSession).filter(WebSession.token_hash == token_hash(token)).delete()
