"""The coordinator's list of mentors, a page at a time: who they are, where each one is in
the course, searchable, filtered, sorted and paged in SQL, so a program of any size
answers as fast as a small one.

A mentor's status, from what the store knows:

- "finished": passed every knowledge check of the course;
- "in progress": has taken at least one;
- "not started": opened their link (or was never sent one: a notebook learner);
- "link not opened": has a link and has not opened it yet.

"not finished" filters the first three; "overdue" is a flag on top: not finished, in a
cohort whose due date has passed.

The common page (sorted by name, cohort, email or enrollment, without a status filter) is
read in two steps: the page's 50 learners by an index, then their progress, so the work
does not grow with the store. Sorting or filtering by status or progress needs every
learner's progress, and reads it in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)

from mentor_course.fields import match_key
from mentor_course.store import Store
from mentor_course.store.records import utc
from mentor_course.store.tables import Attempt, Cohort, EnrollmentLink, Learner

Status = Literal["link not opened", "not started", "in progress", "finished"]
STATUSES: tuple[Status, ...] = get_args(Status)
Filter = Literal[
    "", "link not opened", "not started", "in progress", "not finished", "finished", "overdue"
]
FILTERS: tuple[Filter, ...] = get_args(Filter)
SortKey = Literal["name", "cohort", "email", "status", "progress", "activity", "enrolled"]
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)
PAGE_SIZE = 50


@dataclass(frozen=True)
class PeopleQuery:
    """What the coordinator asked for; every field comes from the page's address."""

    search: str = ""  # part of a name or an email, in any case
    cohort: str | None = None
    status: Filter = ""
    sort: SortKey = "name"
    descending: bool = False
    page: int = 1


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    email: str | None
    cohort: str | None
    status: Status
    passed: int
    last_activity: dt.datetime | None
    overdue: bool
    due_on: dt.date | None


@dataclass(frozen=True)
class PeoplePage:
    query: PeopleQuery
    people: list[Person]
    matching: int  # learners matching the search, cohort and status, on every page
    quizzes: int  # knowledge checks in the course: passing them all is "finished"
    today: dt.date
    page_size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.matching // self.page_size))


class _Progress:
    """Per-learner expressions over attempts and links. Correlated to `Learner` for a page
    of known learners (each one's rows read by index); `aggregated` when every learner's
    progress is needed (a status filter or sort), as two grouped reads of the attempts and
    links joined once, which is many times faster than a correlated read per learner."""

    def __init__(self, quiz_ids: Sequence[str], today: dt.date, aggregated: bool) -> None:
        self.quizzes = len(quiz_ids)
        counted = and_(Attempt.passed, Attempt.bank_id.in_(list(quiz_ids)))
        opened_link = or_(
            EnrollmentLink.opened_at.is_not(None), EnrollmentLink.used_at.is_not(None)
        )
        self._joins: list[tuple[Any, ColumnElement[bool]]] = []
        if aggregated:
            attempts = (
                select(
                    Attempt.learner_id.label("learner_id"),
                    func.count(func.distinct(case((counted, Attempt.bank_id)))).label("passed"),
                    func.max(Attempt.finished_at).label("last_activity"),
                )
                .group_by(Attempt.learner_id)
                .subquery()
            )
            links = (
                select(
                    EnrollmentLink.learner_id.label("learner_id"),
                    func.max(case((opened_link, 1), else_=0)).label("opened"),
                )
                .group_by(EnrollmentLink.learner_id)
                .subquery()
            )
            self._joins = [
                (attempts, attempts.c.learner_id == Learner.id),
                (links, links.c.learner_id == Learner.id),
            ]
            self.passed: Any = func.coalesce(attempts.c.passed, 0)
            self.last_activity: Any = attempts.c.last_activity
            attempted: Any = attempts.c.learner_id.is_not(None)
            has_link: Any = links.c.learner_id.is_not(None)
            opened: Any = links.c.opened == 1
        else:
            mine = Attempt.learner_id == Learner.id
            self.passed = (
                select(func.count(func.distinct(Attempt.bank_id)))
                .where(mine, counted)
                .correlate(Learner)
                .scalar_subquery()
            )
            self.last_activity = (
                select(func.max(Attempt.finished_at))
                .where(mine)
                .correlate(Learner)
                .scalar_subquery()
            )
            attempted = exists().where(mine).correlate(Learner)
            links_of = EnrollmentLink.learner_id == Learner.id
            has_link = exists().where(links_of).correlate(Learner)
            opened = exists().where(links_of, opened_link).correlate(Learner)
        finished = self.passed >= self.quizzes if self.quizzes else literal(False)
        self.status = case(
            (finished, literal("finished")),
            (attempted, literal("in progress")),
            (or_(opened, ~has_link), literal("not started")),
            else_=literal("link not opened"),
        )
        self.overdue = and_(Cohort.due_on.is_not(None), Cohort.due_on < today, ~finished)
        # Status in the order a coordinator reads it: who needs a nudge first.
        self.status_rank = case(
            {status: rank for rank, status in enumerate(STATUSES)}, value=self.status
        )

    def joined(self, select_: Select[Any]) -> Select[Any]:
        """`select_` with the grouped reads its expressions need (none when correlated)."""
        for table, on in self._joins:
            select_ = select_.outerjoin(table, on)
        return select_


def _filtered(query: PeopleQuery, progress: _Progress, select_: Select[Any]) -> Select[Any]:
    select_ = progress.joined(select_.outerjoin(Cohort, Learner.cohort_id == Cohort.id))
    if query.search:
        needle = f"%{_like_escaped(match_key(query.search))}%"
        email_needle = f"%{_like_escaped(query.search.strip().lower())}%"
        select_ = select_.where(
            or_(
                Learner.name_key.like(needle, escape="\\"),
                func.lower(Learner.email).like(email_needle, escape="\\"),
            )
        )
    if query.cohort:
        select_ = select_.where(Cohort.name_key == match_key(query.cohort))
    if query.status == "overdue":
        select_ = select_.where(progress.overdue)
    elif query.status == "not finished":
        select_ = select_.where(progress.status != "finished")
    elif query.status:
        select_ = select_.where(progress.status == query.status)
    return select_


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _order(query: PeopleQuery, progress: _Progress) -> list[ColumnElement[Any]]:
    column: Any = {
        "name": Learner.name_key,
        "cohort": func.coalesce(Cohort.name_key, ""),
        "email": func.coalesce(func.lower(Learner.email), ""),
        "status": progress.status_rank,
        "progress": progress.passed,
        "activity": func.coalesce(progress.last_activity, dt.datetime(1970, 1, 1, tzinfo=dt.UTC)),
        "enrolled": Learner.created_at,
    }[query.sort]
    ties: list[Any] = [Learner.name_key, Learner.id]
    if query.descending:
        return [column.desc(), *(tie.desc() for tie in ties)]
    return [column, *ties]


def people_page(
    store: Store, quiz_ids: Sequence[str], query: PeopleQuery, today: dt.date | None = None
) -> PeoplePage:
    """One page of the coordinator's list of mentors, as `query` asks."""
    today = today or dt.date.today()
    needs_progress = query.status != "" or query.sort in ("status", "progress", "activity")
    progress = _Progress(quiz_ids, today, aggregated=needs_progress)
    per_learner = (
        Learner.id,
        Learner.name,
        Learner.email,
        Cohort.name,
        progress.status,
        progress.passed,
        progress.last_activity,
        progress.overdue,
        Cohort.due_on,
    )
    offset = (max(query.page, 1) - 1) * PAGE_SIZE
    with store.engine.connect() as connection:
        matching = connection.scalar(
            _filtered(query, progress, select(func.count(Learner.id)).select_from(Learner))
        )
        if needs_progress:
            rows = connection.execute(
                _filtered(query, progress, select(*per_learner))
                .order_by(*_order(query, progress))
                .limit(PAGE_SIZE)
                .offset(offset)
            ).all()
        else:
            page_ids = (
                _filtered(query, progress, select(Learner.id))
                .order_by(*_order(query, progress))
                .limit(PAGE_SIZE)
                .offset(offset)
                .subquery()
            )
            rows = connection.execute(
                select(*per_learner)
                .join(page_ids, page_ids.c.id == Learner.id)
                .outerjoin(Cohort, Learner.cohort_id == Cohort.id)
                .order_by(*_order(query, progress))
            ).all()
    people = [
        Person(
            id=row[0],
            name=row[1],
            email=row[2],
            cohort=row[3],
            status=row[4],
            passed=row[5] or 0,
            last_activity=_moment(row[6]),
            overdue=bool(row[7]),
            due_on=row[8],
        )
        for row in rows
    ]
    return PeoplePage(query, people, matching or 0, len(quiz_ids), today)


def everyone(
    store: Store, quiz_ids: Sequence[str], query: PeopleQuery, today: dt.date | None = None
) -> list[Person]:
    """Every learner `query` matches, on all its pages (for reminders and certificates)."""
    found: list[Person] = []
    page = 1
    while True:
        result = people_page(store, quiz_ids, replace(query, page=page), today)
        found += result.people
        if page >= result.pages:
            return found
        page += 1


def _moment(value: dt.datetime | str | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands back an aggregate of a DATETIME as text
        return utc(dt.datetime.fromisoformat(value))
    return utc(value)
