"""The coordinator's routes: sign-in and sign-out, the list of mentors, the completion
report (page and CSV), cohorts, and the presenter API. A mentor's own page and its
actions are in people.py; rosters and reminders in outreach.py.

Coordinators only, except the sign-in form and its post. Every form that changes something
carries the session's CSRF field (`CoordinatorForm`).
"""

# FastAPI reads the routes' annotations at run time, so this module does not use
# `from __future__ import annotations`.

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import Annotated, Any, Literal

from argon2.exceptions import InvalidHashError, VerifyMismatchError
from fastapi import APIRouter, Form, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse

from mentor_course.fields import COHORT, COORDINATOR_NAME, FieldError
from mentor_course.report import build_report
from mentor_course.report.people import Filter, PeopleQuery, SortKey, people_page
from mentor_course.report.render import csv_chunks, csv_file_name
from mentor_course.server import coordinator_pages, pages
from mentor_course.server.deps import Bank, Coordinator, CoordinatorForm, State
from mentor_course.server.routes import attachment
from mentor_course.server.security import client_address, dummy_hash, passwords, same_origin
from mentor_course.server.state import COOKIE, ServerState
from mentor_course.store import SignedIn, StoreError

router = APIRouter()
FIRST_PAGE = PeopleQuery()


@router.get("/api/quizzes/{bank_id}/presenter")
def presenter(who: Coordinator, bank: Bank, state: State) -> list[dict[str, Any]]:
    """The right answers, for a coordinator presenting the quiz to a group."""
    return bank.reveal(state.citations)


@router.get("/coordinator/login", include_in_schema=False, response_class=HTMLResponse)
def login_form() -> str:
    return pages.login_page()


@router.post("/coordinator/login", include_in_schema=False)
def login(
    request: Request,
    state: State,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    same_origin(request)
    address = client_address(request)
    state.limiter.check(name, address)
    try:
        stored_hash = state.store.coordinator_password_hash(COORDINATOR_NAME.required_clean(name))
    except FieldError:
        stored_hash = None  # no coordinator has such a name
    try:
        # An unknown name is checked against a stand-in hash, so it fails as slowly as a
        # wrong password: neither the answer nor its timing names a coordinator.
        passwords.verify(stored_hash or dummy_hash(), password)
        if stored_hash is None:
            raise VerifyMismatchError
    except (VerifyMismatchError, InvalidHashError):
        state.limiter.failed(name, address)
        return HTMLResponse(pages.login_page("That name and password do not match."), 401)
    state.limiter.succeeded(name)
    token, _ = state.store.start_session(
        coordinator=name, valid_for=state.settings.coordinator_session
    )
    response = RedirectResponse("/coordinator", status_code=303)
    state.set_session(response, request, token, state.settings.coordinator_session)
    return response


@router.post("/coordinator/logout", include_in_schema=False)
def logout(request: Request, who: CoordinatorForm, state: State) -> Response:
    state.end_session(request)
    response = RedirectResponse("/coordinator/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/coordinator", include_in_schema=False, response_class=HTMLResponse)
def dashboard(
    who: Coordinator,
    state: State,
    q: Annotated[str, Query(max_length=200)] = "",
    cohort: Annotated[str, Query(max_length=200)] = "",
    status: Filter = "",
    sort: SortKey = "name",
    order: Literal["asc", "desc"] = "asc",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> str:
    query = PeopleQuery(q.strip(), cohort_param(cohort), status, sort, order == "desc", page)
    return dashboard_view(state, who, query)


def dashboard_view(
    state: ServerState,
    who: SignedIn,
    query: PeopleQuery = FIRST_PAGE,
    notice: str = "",
    problem: str | None = None,
) -> str:
    people = people_page(state.store, [q.id for q in state.quiz_columns], query)
    quizzes = [(q.id, q.title) for q in state.quiz_columns]
    return coordinator_pages.dashboard_page(
        people,
        state.store.cohorts(),
        quizzes,
        who.name,
        who.csrf,
        notice,
        problem,
        mail_ready=state.settings.mail is not None,
    )


@router.get("/coordinator/report", include_in_schema=False, response_class=HTMLResponse)
def matrix(who: Coordinator, state: State, cohort: str = "") -> str:
    report = build_report(state.store, state.quiz_columns, cohort_param(cohort))
    return coordinator_pages.report_page(report, state.store.cohorts(), who.name, who.csrf)


@router.get("/coordinator/report.csv", include_in_schema=False)
def matrix_csv(who: Coordinator, state: State, cohort: str = "") -> Response:
    # Streamed: a program's whole report is never held in memory at once.
    report = build_report(state.store, state.quiz_columns, cohort_param(cohort), stream=True)
    return StreamingResponse(
        csv_chunks(report),
        media_type="text/csv",
        headers=attachment(csv_file_name(report)),
    )


@router.get("/coordinator/cohorts", include_in_schema=False, response_class=HTMLResponse)
def cohorts(who: Coordinator, state: State) -> str:
    return coordinator_pages.cohorts_page(state.store.cohorts(), who.name, who.csrf)


@router.post("/coordinator/cohorts", include_in_schema=False, response_class=HTMLResponse)
def add_cohort(
    who: CoordinatorForm,
    state: State,
    name: Annotated[str, Form(max_length=1000)],
    due_on: Annotated[str, Form(max_length=20)] = "",
) -> HTMLResponse:
    def change() -> str:
        stored = state.store.add_cohort(COHORT.required_clean(name), _day(due_on))
        return f"Cohort {stored} is ready."

    return _cohort_change(who, state, change)


@router.post("/coordinator/cohorts/rename", include_in_schema=False, response_class=HTMLResponse)
def rename_cohort(
    who: CoordinatorForm,
    state: State,
    name: Annotated[str, Form(max_length=1000)],
    new_name: Annotated[str, Form(max_length=1000)],
) -> HTMLResponse:
    def change() -> str:
        new = COHORT.required_clean(new_name)
        state.store.rename_cohort(name, new)
        return f"Renamed {name} to {new}."

    return _cohort_change(who, state, change)


@router.post("/coordinator/cohorts/due", include_in_schema=False, response_class=HTMLResponse)
def cohort_due(
    who: CoordinatorForm,
    state: State,
    name: Annotated[str, Form(max_length=1000)],
    due_on: Annotated[str, Form(max_length=20)] = "",
) -> HTMLResponse:
    def change() -> str:
        day = _day(due_on)
        state.store.set_cohort_due(name, day)
        return f"{name} is due {day}." if day else f"{name} has no due date now."

    return _cohort_change(who, state, change)


def _cohort_change(who: SignedIn, state: ServerState, change: Callable[[], str]) -> HTMLResponse:
    try:
        done = change()
    except (FieldError, StoreError) as exc:
        page = coordinator_pages.cohorts_page(
            state.store.cohorts(), who.name, who.csrf, problem=str(exc)
        )
        return HTMLResponse(page, 422)
    notice = f'<p class="box" role="status">{escape(done)}</p>'
    return HTMLResponse(
        coordinator_pages.cohorts_page(state.store.cohorts(), who.name, who.csrf, notice)
    )


def _day(value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FieldError("due date", f"{value!r} is not a date (YYYY-MM-DD)") from None


def cohort_param(value: str) -> str | None:
    """The `?cohort=` asked for, or a 422 naming what is wrong with it."""
    try:
        return COHORT.clean(value)
    except FieldError as exc:
        raise HTTPException(422, str(exc)) from None
