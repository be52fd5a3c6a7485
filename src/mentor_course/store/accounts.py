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
from mentor_course.store.learners import find_or_add_learner
from mentor_course.store.records import utc
from mentor_course.store.tables import Coordinator, EnrollmentLink, Learner, WebSession

ENROLLMENT_LIFETIME = dt.timedelta(days=14)
SESSION_LIFETIME = dt.timedelta(days=30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LinkState:
    """What an enrollment link is, read without using it up: whose, and whether it still works."""

    learner: str
    status: Literal["ready", "used", "expired"]


@dataclass(frozen=True)
class SignedIn:
    role: Literal["mentor", "coordinator"]
    name: str
    csrf: str


def _signed_in(session: Session, web: WebSession) -> SignedIn:
    if web.learner_id is not None:
        name = session.scalar(select(Learner.name).where(Learner.id == web.learner_id))
        return SignedIn(role="mentor", name=name or "", csrf=web.csrf_token)
    name = session.scalar(select(Coordinator.name).where(Coordinator.id == web.coordinator_id))
    return SignedIn(role="coordinator", name=name or "", csrf=web.csrf_token)


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
        self, name: str, *, email: str | None, cohort: str | None, valid_for: dt.timedelta
    ) -> str:
        token = secrets.token_urlsafe(32)
        with self._transaction(writes=True) as session:
            learner = find_or_add_learner(session, name, cohort)
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

    def enrollment_link(self, token: str) -> LinkState | None:
        with self._transaction() as session:
            link = session.scalar(
                select(EnrollmentLink).where(EnrollmentLink.token_hash == token_hash(token))
            )
            if link is None:
                return None
            if link.used_at is not None:
                return LinkState(link.learner.name, "used")
            if utc(link.expires_at) <= dt.datetime.now(dt.UTC):
                return LinkState(link.learner.name, "expired")
            return LinkState(link.learner.name, "ready")

    def redeem_enrollment(self, token: str) -> str | None:
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
        self, *, learner: str | None, coordinator: str | None, valid_for: dt.timedelta
    ) -> tuple[str, str]:
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._transaction(writes=True) as session:
            web = WebSession(
                token_hash=token_hash(token),
                csrf_token=csrf,
                expires_at=dt.datetime.now(dt.UTC) + valid_for,
            )
            if learner is not None:
                web.learner_id = find_or_add_learner(session, learner).id
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
