"""The completion report model: per learner and quiz, attempts, best score, first pass.

Aggregation happens in SQL (one GROUP BY learner, quiz), and the rows can be
streamed to a renderer, so memory does not grow with attempts or learners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Select, case, func, select

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
    """The report. `rows` is a tuple, or (built with `stream=True`) rows read from the
    store as they are iterated, so a report of any size fits in the same memory.
    The other fields come from their own small queries."""

    generated_at: dt.datetime
    cohort: str | None
    quizzes: tuple[QuizColumn, ...]
    rows: Iterable[Row]
    totals: tuple[QuizTotal, ...]
    learners: int
    longest_learner_name: int = 0
    longest_cohort_name: int = 0


class ReportRows:
    """The report's rows, read from the store each time they are iterated.

    One GROUP BY (learner, quiz) query does the counting; its rows arrive in
    learner order through a streaming cursor and are folded into one `Row`
    per learner, so nothing holds more than one learner at a time.
    """

    def __init__(self, store: Store, query: Select[Any], columns: list[QuizColumn]) -> None:
        self.store, self.query = store, query
        self.index = {quiz.id: i for i, quiz in enumerate(columns)}

    def __iter__(self) -> Iterator[Row]:
        empty = (Cell(),) * len(self.index)
        with self.store.engine.connect() as connection:
            result = connection.execution_options(stream_results=True, yield_per=2000).execute(
                self.query
            )
            current: tuple[str, str | None, int] | None = None
            cells: list[Cell] = []
            for name, cohort, attended, bank_id, count, best, passed_at in result:
                if current is None or name != current[0]:
                    if current is not None:
                        yield Row(current[0], current[1], tuple(cells), current[2])
                    current, cells = (name, cohort, attended), list(empty)
                if bank_id is not None and bank_id in self.index:
                    passed_on = _as_datetime(passed_at).date() if passed_at is not None else None
                    cells[self.index[bank_id]] = Cell(count, best, passed_on)
            if current is not None:
                yield Row(current[0], current[1], tuple(cells), current[2])


def build_report(
    store: Store,
    quizzes: list[QuizColumn] | None = None,
    cohort: str | None = None,
    learner: str | None = None,
    *,
    stream: bool = False,
) -> CompletionReport:
    """The report for every learner (of `cohort`, or only `learner`, if given).

    `quizzes` are the course's quizzes, in chapter order, so a quiz nobody has
    tried still gets its column; quizzes found only in the store follow. With
    `stream`, the rows are read while they are rendered: keep `store` open.
    """
    columns = list(quizzes or [])
    known = {quiz.id for quiz in columns}
    columns += [
        QuizColumn(bank_id, title)
        for bank_id, title in sorted(store.quiz_titles().items())
        if bank_id not in known
    ]

    def in_scope(query: Select[Any]) -> Select[Any]:
        if cohort is not None:
            query = query.where(Cohort.name == cohort)
        if learner is not None:
            query = query.where(Learner.name == learner)
        return query

    attended = (
        select(Attendance.learner_id, func.count(Attendance.session_id).label("sessions"))
        .group_by(Attendance.learner_id)
        .subquery()
    )
    sessions = func.coalesce(attended.c.sessions, 0)
    first_pass = func.min(case((Attempt.passed, Attempt.finished_at)))
    rows_query = in_scope(
        select(
            Learner.name,
            Cohort.name,
            sessions,
            Attempt.bank_id,
            func.count(Attempt.id),
            func.max(Attempt.score),
            first_pass,
        )
        .outerjoin(Cohort, Learner.cohort_id == Cohort.id)
        .outerjoin(attended, attended.c.learner_id == Learner.id)
        .outerjoin(Attempt, Attempt.learner_id == Learner.id)
        .group_by(Learner.id, Learner.name, Cohort.name, attended.c.sessions, Attempt.bank_id)
        .order_by(Learner.name)
    )
    summary_query = in_scope(
        select(
            func.count(Learner.id),
            func.max(func.length(Learner.name)),
            func.max(func.length(Cohort.name)),
        ).outerjoin(Cohort, Learner.cohort_id == Cohort.id)
    )
    totals_query = in_scope(
        select(
            Attempt.bank_id,
            func.count(Attempt.learner_id.distinct()),
            func.count(case((Attempt.passed, Attempt.learner_id)).distinct()),
        )
        .join(Learner, Attempt.learner_id == Learner.id)
        .outerjoin(Cohort, Learner.cohort_id == Cohort.id)
        .group_by(Attempt.bank_id)
    )
    with store.engine.connect() as connection:
        learners, longest_name, longest_cohort = connection.execute(summary_query).one()
        counted = {
            bank_id: (tried, passed) for bank_id, tried, passed in connection.execute(totals_query)
        }
    rows: Iterable[Row] = ReportRows(store, rows_query, columns)
    return CompletionReport(
        generated_at=dt.datetime.now(dt.UTC),
        cohort=cohort,
        quizzes=tuple(columns),
        rows=rows if stream else tuple(rows),
        totals=tuple(QuizTotal(quiz, *counted.get(quiz.id, (0, 0))) for quiz in columns),
        learners=learners,
        longest_learner_name=longest_name or 0,
        longest_cohort_name=longest_cohort or 0,
    )


def _as_datetime(value: dt.datetime | str) -> dt.datetime:
    # SQLite hands back an aggregate of a DATETIME column as text.
    return utc(dt.datetime.fromisoformat(value) if isinstance(value, str) else value)
