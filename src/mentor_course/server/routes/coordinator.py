"""The coordinator's routes: sign-in and sign-out, the completion report (page and CSV),
enrolling a mentor, one learner's attempts, and the presenter API.

Coordinators only, except the sign-in form and its post. Every form that changes something
carries the session's CSRF field (`CoordinatorForm`).
"""

# FastAPI reads the routes' annotations at run time, so this module does not use
# `from __future__ import annotations`.

from typing import Annotated, Any

from argon2.exceptions import InvalidHashError, VerifyMismatchError
from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse

from mentor_course import fields
from mentor_course.fields import COHORT, COORDINATOR_NAME, LEARNER_NAME, FieldError
from mentor_course.report import build_report
from mentor_course.report.render import csv_chunks
from mentor_course.server import pages
from mentor_course.server.deps import Bank, Coordinator, CoordinatorForm, State
from mentor_course.server.security import client_address, dummy_hash, passwords, same_origin
from mentor_course.server.state import COOKIE

router = APIRouter()


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
def matrix(who: Coordinator, state: State, cohort: str = "") -> str:
    report = build_report(state.store, state.quiz_columns, _cohort(cohort))
    return pages.coordinator_page(report, state.store.cohort_names(), who.name, who.csrf)


@router.get("/coordinator/report.csv", include_in_schema=False)
def matrix_csv(who: Coordinator, state: State, cohort: str = "") -> Response:
    # Streamed: a program's whole report is never held in memory at once.
    report = build_report(state.store, state.quiz_columns, _cohort(cohort), stream=True)
    return StreamingResponse(
        csv_chunks(report),
        media_type="text/csv",
        headers={"content-disposition": 'attachment; filename="completion.csv"'},
    )


@router.post("/coordinator/enroll", include_in_schema=False, response_class=HTMLResponse)
def enroll_form(
    request: Request,
    who: CoordinatorForm,
    state: State,
    name: Annotated[str, Form(max_length=1000)],
    email: Annotated[str, Form(max_length=1000)] = "",
    cohort: Annotated[str, Form(max_length=1000)] = "",
) -> HTMLResponse:
    store = state.store
    try:
        learner, address = LEARNER_NAME.required_clean(name), fields.email(email)
        group = COHORT.clean(cohort)
    except FieldError as exc:
        report = build_report(store, state.quiz_columns, None)
        page = pages.coordinator_page(
            report, store.cohort_names(), who.name, who.csrf, problem=str(exc)
        )
        return HTMLResponse(page, 422)
    token = store.create_enrollment(learner, email=address, cohort=group)
    link = f"{request.url.scheme}://{request.url.netloc}/enroll/{token}"
    report = build_report(store, state.quiz_columns, group)
    return HTMLResponse(
        pages.coordinator_page(report, store.cohort_names(), who.name, who.csrf, (learner, link))
    )


@router.get("/coordinator/learners/{name}", include_in_schema=False, response_class=HTMLResponse)
def learner_detail(name: str, who: Coordinator, state: State) -> str:
    return pages.learner_page(name, list(state.store.attempts(name)), who.name, who.csrf)


def _cohort(value: str) -> str | None:
    """The `?cohort=` asked for, or a 422 naming what is wrong with it."""
    try:
        return COHORT.clean(value)
    except FieldError as exc:
        raise HTTPException(422, str(exc)) from None
