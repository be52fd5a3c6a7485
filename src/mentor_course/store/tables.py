"""The progress store's tables (SQLAlchemy 2).

What is stored: learners and cohorts, the quiz bank versions attempts refer
to, and attempts. What is not: there is no column for a self-care plan or a
reflection, by design.

A learner is a person, known by their id: two people may share a name, in one
cohort or two. `name_key` (the name as `fields.match_key` compares it) finds
the learners a name could mean; cohorts are matched the same way and their
keys are unique, so "spring 2027" is the cohort "Spring 2027".
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from mentor_course.fields import match_key

SOURCES = ("notebook", "served", "imported")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: DateTime(timezone=True),
        dt.date: Date,
    }


def _key_of_name(context: DefaultExecutionContext) -> str:
    """A new row's `name_key`, from the name it is inserted with."""
    return match_key(context.get_current_parameters()["name"])


class Cohort(Base):
    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("name_key", name="uq_cohorts_name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_key: Mapped[str] = mapped_column(String(200), default=_key_of_name)
    # Mentors of the cohort who have not passed every knowledge check by then are overdue.
    due_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Learner(Base):
    __tablename__ = "learners"
    __table_args__ = (Index("ix_learners_name_key", "name_key", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), default=_key_of_name)
    email: Mapped[str | None] = mapped_column(String(320))
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())

    cohort: Mapped[Cohort | None] = relationship()


class QuizVersion(Base):
    """One version of a quiz bank, as attempts saw it (the version is a content hash)."""

    __tablename__ = "quiz_versions"

    bank_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    pass_mark: Mapped[float] = mapped_column(Float)
    first_seen: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Attempt(Base):
    __tablename__ = "attempts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["bank_id", "bank_version"], ["quiz_versions.bank_id", "quiz_versions.version"]
        ),
        Index("ix_attempts_learner_bank", "learner_id", "bank_id"),
    )

    # Made by the client, so a retried submission is recognised, never double-counted.
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    bank_id: Mapped[str] = mapped_column(String(80))
    bank_version: Mapped[str] = mapped_column(String(64))
    # Per question: id, score, verdict. Feedback text is not kept; the bank has it.
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool]
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime]
    source: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())

    learner: Mapped[Learner] = relationship()


class Coordinator(Base):
    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class EnrollmentLink(Base):
    """A single-use link for one learner; only a hash of its token is kept."""

    __tablename__ = "enrollment_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    expires_at: Mapped[dt.datetime]
    # First shown (the start page; a mail scanner may be the one that opened it).
    opened_at: Mapped[dt.datetime | None]
    used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())

    learner: Mapped[Learner] = relationship()


class WebSession(Base):
    """A signed-in browser: a mentor (from an enrollment link) or a coordinator."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="CASCADE")
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class GroupSession(Base):
    """A live check-in during a group session: one quiz shown a question at a time."""

    __tablename__ = "group_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    bank_id: Mapped[str] = mapped_column(String(80))
    cohort: Mapped[str | None] = mapped_column(String(200))
    question_index: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    ended_at: Mapped[dt.datetime | None] = mapped_column()


class LiveParticipant(Base):
    """A phone that joined a live check-in; its browser holds the token, we keep its hash."""

    __tablename__ = "live_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("group_sessions.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class LiveAnswer(Base):
    """One participant's current answer to one question; anonymous by design (no learner)."""

    __tablename__ = "live_answers"
    __table_args__ = (UniqueConstraint("session_id", "participant", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("group_sessions.id", ondelete="CASCADE"))
    participant: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str] = mapped_column(String(80))
    choices: Mapped[list[str]] = mapped_column(JSON)


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (Index("ix_attendance_learner", "learner_id"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )


class SentEmail(Base):
    """A record of one email to a learner: what kind, to which address, when, and whether the
    mail server took it. Never its text or its link."""

    __tablename__ = "sent_emails"
    __table_args__ = (Index("ix_sent_emails_learner", "learner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # "invitation" or "reminder"
    address: Mapped[str] = mapped_column(String(320))
    sent_at: Mapped[dt.datetime]
    problem: Mapped[str | None] = mapped_column(String(500))


class CertificateRecord(Base):
    """A learner's certificate of completion: its verification code and the day they
    passed their last knowledge check. Deleted with the learner."""

    __tablename__ = "certificates"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), unique=True
    )
    completed_on: Mapped[dt.date]
    issued_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Setting(Base):
    """A value the course server keeps for the CLI, such as the address it serves at."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(1000))
