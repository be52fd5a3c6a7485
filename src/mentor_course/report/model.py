"""The completion report model: per learner and quiz, attempts, best score, first pass.

Aggregation happens in SQL (one GROUP BY learner, quiz), and the rows can be
streamed to a renderer, so memory does not grow with attempts or learners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, TypeVar

from sqlalchemy import Select, String, case, func, select, type_coerce

from mentor_course.fields import match_key
from mentor_course.store import Store
from mentor_course.store.records import utc
from mentor_course.store.tables import Attempt, Attendance, Cohort, Learner

Status = Literal["not attempted", "attempted", "passed"]

# Any select, whatever its columns (Select is generic over a tuple of column types).
AnySelect = TypeVar("AnySelect", bound=Select)


@dataclass(frozen=True)
class QuizColumn:
    id: str
    title: str


# Cells and rows are named tuples: a large report makes millions of them, and
# a tuple is made several times faster than a frozen dataclass.
class Cell(NamedTuple):
    attempts: int = 0
    best_score: float | None = None
    passed_on: dt.date | None = None

    @property
    def status(self) -> Status:
        if self.passed_on is not None:
            return "passed"
        return "attempted" if self.attempts else "not attempted"


class Row(NamedTuple):
    learner: str
    cohort: str | None
    cells: tuple[Cell, ...]  # one per report quiz, in the report's order
    sessions_attended: int = 0
    learner_id: int = 0  # two learners may share a name; never their id

    @property
    def passed(self) -> int:
        return sum(cell.passed_on is not None for cell in self.cells)

    @property
    def completion(self) -> float:
        return self.passed / len(self.cells) if self.cells else 0.0

    @property
    def completed_on(self) -> dt.date | None:
        """The day the last of the quizzes was passed, once all of them are."""
        days = [cell.passed_on for cell in self.cells]
        if not days or None in days:
            return None
        return max(day for day in days if day is not None)


@dataclass(frozen=True)
class QuizTotal:
    quiz: QuizColumn
    attempted: int
    passed: int


@dataclass(frozen=True)
class CompletionReport:
    """The report. `rows` is a tuple, or (built with `stream=True`) a `ReportRows` that
    reads the store as it is iterated, so a report of any size fits in the same memory.
    The learner count and name lengths come from one small query of their own."""

    generated_at: dt.datetime
    cohort: str | None
    quizzes: tuple[QuizColumn, ...]
    rows: Iterable[Row]
    learners: int
    longest_learner_name: int = 0
    longest_cohort_name: int = 0

    @property
    def totals(self) -> tuple[QuizTotal, ...]:
        """Per quiz, how many learners tried it and passed it. Streamed rows count
        them as they are read, so a renderer asking after the rows costs nothing."""
        if isinstance(self.rows, ReportRows):
            return self.rows.totals()
        return _totals(self.quizzes, self.rows)


def _totals(quizzes: tuple[QuizColumn, ...], rows: Iterable[Row]) -> tuple[QuizTotal, ...]:
    tally = _Tally(quizzes)
    for row in rows:
        tally.count(row)
    return tally.totals()


class _Tally:
    """Per quiz, learners who tried it and learners who passed it, counted row by row."""

    def __init__(self, quizzes: tuple[QuizColumn, ...]) -> None:
        self.quizzes = quizzes
        self.attempted, self.passed = [0] * len(quizzes), [0] * len(quizzes)

    def count(self, row: Row) -> Row:
        for i, cell in enumerate(row.cells):
            self.attempted[i] += cell.attempts > 0
            self.passed[i] += cell.passed_on is not None
        return row

    def totals(self) -> tuple[QuizTotal, ...]:
        counts = zip(self.quizzes, self.attempted, self.passed, strict=True)
        return tuple(QuizTotal(*quiz_counts) for quiz_counts in counts)


class ReportRows:
    """The report's rows, read from the store each time they are iterated.

    One GROUP BY (learner, quiz) query does the counting; its rows arrive in
    learner order through a streaming cursor and are folded into one `Row`
    per learner, so nothing holds more than one learner at a time.
    """

    def __init__(self, store: Store, query: Select[Any], columns: list[QuizColumn]) -> None:
        self.store, self.query, self.columns = store, query, tuple(columns)
        self.index = {quiz.id: i for i, quiz in enumerate(columns)}
        self._totals: tuple[QuizTotal, ...] | None = None

    def totals(self) -> tuple[QuizTotal, ...]:
        """The totals of the last full reading (reading the rows once if there was none)."""
        if self._totals is None:
            for _ in self:
                pass
        assert self._totals is not None
        return self._totals

    def __iter__(self) -> Iterator[Row]:
        tally = _Tally(self.columns)
        for row in self._read():
            yield tally.count(row)
        self._totals = tally.totals()

    def _read(self) -> Iterator[Row]:
        empty = (Cell(),) * len(self.index)
        with self.store.engine.connect() as connection:
            result = connection.execution_options(stream_results=True, yield_per=2000).execute(
                self.query
            )
            current: tuple[int, str, str | None, int] | None = None
            cells: list[Cell] = []
            for part in result.partitions():
                for learner_id, name, cohort, attended, bank_id, count, best, passed_at in part:
                    if current is None or learner_id != current[0]:
                        if current is not None:
                            yield _row(current, cells)
                        current, cells = (learner_id, name, cohort, attended), list(empty)
                    if bank_id in self.index:
                        passed_on = None if passed_at is None else _utc_date(passed_at)
                        cells[self.index[bank_id]] = Cell(count, best, passed_on)
            if current is not None:
                yield _row(current, cells)


def _row(learner: tuple[int, str, str | None, int], cells: list[Cell]) -> Row:
    learner_id, name, cohort, attended = learner
    return Row(name, cohort, tuple(cells), attended, learner_id)


def build_report(
    store: Store,
    quizzes: list[QuizColumn] | None = None,
    cohort: str | None = None,
    learner: int | None = None,
    *,
    stream: bool = False,
) -> CompletionReport:
    """The report for every learner (of `cohort`, or only learner #`learner`, if given).

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

    def in_scope(query: AnySelect) -> AnySelect:
        if cohort is not None:
            query = query.where(Cohort.name_key == match_key(cohort))
        if learner is not None:
            query = query.where(Learner.id == learner)
        return query

    learners_in_scope = in_scope(
        select(Learner.id).outerjoin(Cohort, Learner.cohort_id == Cohort.id)
    )
    # Attempts are counted per (learner, quiz) on their own, in the order of that index,
    # then joined to the learners in name order; the first pass is read as it comes
    # (text from SQLite), since only its UTC date is wanted and parsing a million
    # datetimes costs more than the query.
    per_quiz = select(
        Attempt.learner_id,
        Attempt.bank_id,
        func.count().label("attempts"),
        func.max(Attempt.score).label("best"),
        type_coerce(func.min(case((Attempt.passed, Attempt.finished_at))), String).label(
            "passed_at"
        ),
    ).group_by(Attempt.learner_id, Attempt.bank_id)
    if cohort is not None or learner is not None:
        per_quiz = per_quiz.where(Attempt.learner_id.in_(learners_in_scope))
    counted = per_quiz.subquery()
    sessions = (
        select(func.count())
        .where(Attendance.learner_id == Learner.id)
        .correlate(Learner)
        .scalar_subquery()
    )
    rows_query = in_scope(
        select(
            Learner.id,
            Learner.name,
            Cohort.name,
            sessions,
            counted.c.bank_id,
            counted.c.attempts,
            counted.c.best,
            counted.c.passed_at,
        )
        .outerjoin(Cohort, Learner.cohort_id == Cohort.id)
        .outerjoin(counted, counted.c.learner_id == Learner.id)
        .order_by(Learner.name, Learner.id)
    )
    summary_query = in_scope(
        select(
            func.count(Learner.id),
            func.max(func.length(Learner.name)),
            func.max(func.length(Cohort.name)),
        ).outerjoin(Cohort, Learner.cohort_id == Cohort.id)
    )
    with store.engine.connect() as connection:
        learners, longest_name, longest_cohort = connection.execute(summary_query).one()
    rows: Iterable[Row] = ReportRows(store, rows_query, columns)
    return CompletionReport(
        generated_at=dt.datetime.now(dt.UTC),
        cohort=cohort,
        quizzes=tuple(columns),
        rows=rows if stream else tuple(rows),
        learners=learners,
        longest_learner_name=longest_name or 0,
        longest_cohort_name=longest_cohort or 0,
    )


def _utc_date(value: dt.datetime | str) -> dt.date:
    if isinstance(value, str):
        # SQLite hands back an aggregate of a DATETIME column as text, in UTC.
        return dt.date.fromisoformat(value[:10])
    return utc(value).date()
