"""The public routes: who is signed in, a quiz without its answers, a self-check, and the
service worker that keeps the book readable offline.

Anyone may use these, signed in or not: nothing here reads or records an attempt, and no
answer key leaves the server. A self-check reveals which answers were right, so each is a
whole attempt (its unanswered questions count as wrong) and each client has a few an hour:
rebuilding a key through it takes hours, while a mentor's attempts are all recorded.
"""

# FastAPI reads the routes' annotations at run time, so this module does not use
# `from __future__ import annotations`.

import uuid
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from mentor_course.quiz import GradeResult
from mentor_course.server.deps import Bank, State, Who, graded
from mentor_course.server.security import client_address, same_origin

router = APIRouter()


class SessionOut(BaseModel):
    role: Literal["anonymous", "mentor", "coordinator"]
    name: str | None = None
    csrf: str | None = None


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    attempt_id: uuid.UUID  # seeds the attempt's draw of questions, as on the page
    bank_id: str | None = None
    answers: dict[str, Any] = Field(default_factory=dict)


class CheckOut(BaseModel):
    result: GradeResult


@router.get("/api/session", response_model=SessionOut)
def session_info(who: Who) -> SessionOut:
    if who is None:
        return SessionOut(role="anonymous")
    return SessionOut(role=who.role, name=who.name, csrf=who.csrf)


@router.get("/api/quizzes/{bank_id}")
def quiz(bank: Bank, state: State) -> dict[str, Any]:
    """The quiz as a learner may see it: no answer key, no feedback."""
    return bank.public(state.citations)


@router.post("/api/quizzes/{bank_id}/check", response_model=CheckOut)
def check(bank_id: str, body: CheckIn, request: Request, state: State) -> CheckOut:
    """Grade answers without recording them (a self-check for visitors)."""
    # The quiz is looked up here, not through `Bank`: a dependency would answer 404 for an
    # unknown quiz before the body is validated and before the origin is checked.
    same_origin(request)
    quiz = state.bank(bank_id)
    state.check_limiter.check(client_address(request))
    return CheckOut(result=graded(quiz, body.attempt_id, body.answers))


@router.get("/sw.js", include_in_schema=False)
def service_worker(state: State) -> Response:
    # At the root, so its scope is the whole book; revalidated, so a new course is noticed.
    return Response(
        state.offline.current().service_worker(),
        media_type="text/javascript",
        headers={"cache-control": "no-cache"},
    )


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    # For what a browser shows that links no icon (a JSON answer, the book's redirect page).
    return RedirectResponse("/_static/favicon.svg", status_code=301)
