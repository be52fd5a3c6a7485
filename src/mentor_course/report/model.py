"""The completion report model: per learner and quiz, attempts, best score, first pass.

Aggregation happens in SQL (one GROUP BY learner, quiz), so the report's size
follows the number of learners, not the number of attempts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import case, func, select

from mentor_course.store import Store
from mentor_course.store.records import utc
from mentor_course.store.tables import Attempt, Attendance, Cohort, Learner

Status = Literal["not attempted", "attempted", "passed"]


@dataclass(frozen=True)
class QuizColumn:
    id: str
    title: str


@dataclass(frozen=True)
class Cell:
    attempts: int = 0
    best_score: float | None = None
    passed_on: dt.date | None = None

    @property
    def status(self) -> Status:
        if self.passed_on is not None:
            return "passed"
        return "attempted" if self.attempts else "not attempted"


@dataclass(frozen=True)
class Row:
    learner: str
    cohort: str | None
    cells: tuple[Cell, ...]  # one per report quiz, in the report's order
    sessions_attended: int = 0

    @property
    def passed(self) -> int:
        return sum(cell.status == "passed" for cell in self.cells)

    @property
    def completion(self) -> float:
        return self.passed / len(self.cells) if self.cells else 0.0


@dataclass(frozen=True)
class QuizTotal:
    quiz: QuizColumn
    attempted: int
    passed: int


@dataclass(frozen=True)
class CompletionReport:
    generated_at: dt.datetime
    cohort: str | None
    quizzes: tuple[QuizColumn, ...]
    rows: tuple[Row, ...]

    @property
    def totals(self) -> tuple[QuizTotal, ...]:
        return tuple(
            QuizTotal(
                quiz=quiz,
                attempted=sum(row.cells[i].attempts > 0 for row in self.rows),
                passed=sum(row.cells[i].status == "passed" for row in self.rows),
            )
            for i, quiz in enumerate(self.quizzes)
        )


def build_report(
    store: Store,
    quizzes: list[QuizColumn] | None = None,
    cohort: str | None = None,
    learner: str | None = None,
) -> CompletionReport:
    """The report for every learner (of `cohort`, or only `learner`, if given).

    `quizzes` are the course's quizzes, in chapter order, so a quiz nobody has
    tried still gets its column; quizzes found only in the store follow.
    """
    columns = list(quizzes or [])
    known = {quiz.id for quiz in columns}
    columns += [
        QuizColumn(bank_id, title)
        for bank_id, title in sorted(store.quiz_titles().items())
        if bank_id not in known
    ]
    index = {quiz.id: i for i, quiz in enumerate(columns)}
    first_pass = func.min(case((Attempt.passed, Attempt.finished_at)))
    query = (
        select(
            Learner.name,
            Cohort.name,
            Attempt.bank_id,
            func.count(Attempt.id),
            func.max(Attempt.score),
            first_pass,
        )
        .outerjoin(Cohort, Learner.cohort_id == Cohort.id)
        .outerjoin(Attempt, Attempt.learner_id == Learner.id)
        .group_by(Learner.id, Learner.name, Cohort.name, Attempt.bank_id)
        .order_by(Learner.name)
    )
    if cohort is not None:
        query = query.where(Cohort.name == cohort)
    if learner is not None:
        query = query.where(Learner.name == learner)
    attended_query = (
        select(Learner.name, func.count(Attendance.session_id))
        .join(Attendance, Attendance.learner_id == Learner.id)
        .group_by(Learner.name)
    )
    rows: list[Row] = []
    with store.engine.connect() as connection:
        attended = {name: count for name, count in connection.execute(attended_query)}
        current: tuple[str, str | None] | None = None
        cells: list[Cell] = []
        for name, cohort_name, bank_id, count, best, passed_at in connection.execute(query):
            if (name, cohort_name) != current:
                if current is not None:
                    rows.append(Row(*current, tuple(cells), attended.get(current[0], 0)))
                current, cells = (name, cohort_name), [Cell() for _ in columns]
            if bank_id is not None and bank_id in index:
                passed_on = _as_datetime(passed_at).date() if passed_at is not None else None
                cells[index[bank_id]] = Cell(count, best, passed_on)
        if current is not None:
            rows.append(Row(*current, tuple(cells), attended.get(current[0], 0)))
    return CompletionReport(
        generated_at=dt.datetime.now(dt.UTC),
        cohort=cohort,
        quizzes=tuple(columns),
        rows=tuple(rows),
    )


def _as_datetime(value: dt.datetime | str) -> dt.datetime:
    # SQLite hands back an aggregate of a DATETIME column as text.
    return utc(dt.datetime.fromisoformat(value) if isinstance(value, str) else value)
