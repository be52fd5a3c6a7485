"""What the store takes in and hands out: attempts as typed, validated records.

The same model checks attempts from the notebook widget, the course server
and `mentor-course import`, so an import file gets the same checks as a live
attempt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mentor_course.quiz import GradeResult, QuizBank

Source = Literal["notebook", "served", "imported"]


def utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC; a naive time (as SQLite returns) is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


class QuestionScore(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    score: float = Field(ge=0, le=1)
    verdict: Literal["correct", "partial", "incorrect", "unanswered"]


class AttemptRecord(BaseModel):
    """One checked attempt at one quiz by one learner."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    learner: str = Field(min_length=1, max_length=200)
    cohort: str | None = Field(default=None, max_length=200)
    # Set by the course server, which knows the signed-in learner; a notebook or import file
    # names a learner by name and cohort instead (see `learners.resolve_learner`). Never
    # dumped: a store's ids mean nothing in another store's files.
    learner_id: int | None = Field(default=None, exclude=True)
    bank_id: str = Field(min_length=1, max_length=80)
    bank_version: str = Field(min_length=1, max_length=64)
    bank_title: str = Field(min_length=1, max_length=300)
    pass_mark: float = Field(gt=0, le=1)
    results: list[QuestionScore]
    score: float = Field(ge=0, le=1)
    passed: bool
    started_at: dt.datetime | None = None
    finished_at: dt.datetime
    source: Source

    @field_validator("id")
    @classmethod
    def _is_uuid(cls, value: str) -> str:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise ValueError("the attempt id must be a UUID") from None

    @field_validator("started_at", "finished_at")
    @classmethod
    def _in_utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        return utc(value) if value is not None else None

    @classmethod
    def from_grade(
        cls,
        *,
        attempt_id: str,
        learner: str,
        bank: QuizBank,
        learner_id: int | None = None,
        result: GradeResult,
        source: Source,
        started_at: dt.datetime | None = None,
        finished_at: dt.datetime | None = None,
    ) -> AttemptRecord:
        return cls(
            id=attempt_id,
            learner=learner,
            learner_id=learner_id,
            bank_id=bank.id,
            bank_version=bank.version,
            bank_title=bank.title,
            pass_mark=bank.pass_mark,
            results=[
                QuestionScore(id=q.id, score=q.score, verdict=q.verdict) for q in result.questions
            ],
            score=result.score,
            passed=result.passed,
            started_at=started_at,
            finished_at=finished_at or dt.datetime.now(dt.UTC),
            source=source,
        )

    def same_attempt(self, other: AttemptRecord) -> bool:
        """Whether `other` is this attempt again (a retry or a re-import): the same
        learner, quiz version and graded answers under the same id.

        The source and cohort may differ (an imported copy of a notebook attempt), and
        so may the time: the course server stamps an attempt when it arrives, so a
        retry (perhaps through another server worker) arrives later.
        """

        def key(record: AttemptRecord) -> tuple[object, ...]:
            return (
                record.id,
                record.learner,
                record.bank_id,
                record.bank_version,
                record.results,
                record.score,
                record.passed,
            )

        return key(self) == key(other)


@dataclass(frozen=True)
class LearnerSummary:
    """Who a learner is, as a coordinator tells two people of the same name apart."""

    id: int
    name: str
    email: str | None
    cohort: str | None
    created_at: dt.datetime

    def detail(self) -> str:
        """One line that tells this learner from another of the same name."""
        parts = [f"#{self.id}", self.cohort or "no cohort"]
        if self.email:
            parts.append(self.email)
        parts.append(f"enrolled {utc(self.created_at):%Y-%m-%d}")
        return ", ".join(parts)


@dataclass(frozen=True)
class CohortSummary:
    name: str
    due_on: dt.date | None
    learners: int
