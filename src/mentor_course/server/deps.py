"""What the routes depend on, defined once for every router: the app's state, who is asking,
and the quiz asked for.

Each dependency has an `Annotated` alias (`State`, `Who`, `Mentor`, `Coordinator`,
`CoordinatorForm`, `Bank`) so a route's signature says what it needs. FastAPI solves a
route's dependencies in the order of its parameters, before it validates the query, the form
and the body: a route that checks who is asking lists that dependency before `Bank`, so a
stranger is refused before an unknown quiz is reported.
"""

# FastAPI reads these functions' annotations at run time to build each route's dependency
# graph, so this module does not use `from __future__ import annotations`.

import uuid
from typing import Annotated, Any

from fastapi import Depends, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from mentor_course.quiz import AnswerError, GradeResult, QuizBank, grade
from mentor_course.server.security import same_origin
from mentor_course.server.state import COOKIE, ServerState
from mentor_course.store import SignedIn


def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


State = Annotated[ServerState, Depends(server_state)]


async def signed_in(request: Request, state: State) -> SignedIn | None:
    """Who holds the request's session cookie, if anyone."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    return state.sessions.cached(token) or await run_in_threadpool(state.sessions.lookup, token)


Who = Annotated[SignedIn | None, Depends(signed_in)]


async def mentor(request: Request, who: Who) -> SignedIn:
    """A signed-in mentor; a write must also come from our page with the session's CSRF token."""
    if who is None:
        raise HTTPException(401, "open the course with your enrollment link first")
    if who.role != "mentor":
        raise HTTPException(403, "only mentors submit and read their own attempts")
    same_origin(request)
    if request.method != "GET" and request.headers.get("x-csrf-token") != who.csrf:
        raise HTTPException(403, "missing or wrong X-CSRF-Token header; reload the page")
    return who


Mentor = Annotated[SignedIn, Depends(mentor)]


def coordinator(who: Who) -> SignedIn:
    if who is None or who.role != "coordinator":
        raise HTTPException(401, "coordinators only: sign in at /coordinator/login")
    return who


Coordinator = Annotated[SignedIn, Depends(coordinator)]


def coordinator_form(request: Request, who: Who, csrf: Annotated[str, Form()] = "") -> SignedIn:
    """A coordinator posting one of our forms: same origin, with the session's CSRF field."""
    signed = coordinator(who)
    same_origin(request)
    if csrf != signed.csrf:
        raise HTTPException(403, "the form is out of date; reload the page")
    return signed


CoordinatorForm = Annotated[SignedIn, Depends(coordinator_form)]


def quiz_bank(bank_id: str, state: State) -> QuizBank:
    return state.bank(bank_id)


Bank = Annotated[QuizBank, Depends(quiz_bank)]


def graded(quiz: QuizBank, attempt_id: uuid.UUID, answers: dict[str, Any]) -> GradeResult:
    """`grade()` on the questions attempt `attempt_id` showed, with answers that do not fit
    them refused as a 422."""
    try:
        return grade(quiz, answers, quiz.draw(str(attempt_id)))
    except AnswerError as exc:
        raise HTTPException(422, str(exc)) from None
