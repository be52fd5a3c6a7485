"""A mentor's own routes: the enrollment link that signs them in, the attempts API, /me and
signing out.

/enroll/{token} is for whoever holds a valid link (it is the mentor's credential): its page
shows a "Start the course" button, and only that POST uses the link up. The rest are for a
signed-in mentor only, each reading or writing that mentor's own attempts; the attempts API
refuses coordinators, and its writes need the session's CSRF header (sign-out, its field).
"""

# FastAPI reads the routes' annotations at run time, so this module does not use
# `from __future__ import annotations`.

import asyncio
import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from mentor_course.quiz import GradeResult
from mentor_course.report import build_report
from mentor_course.server import pages
from mentor_course.server.deps import Mentor, State, Who, graded
from mentor_course.server.security import same_origin
from mentor_course.server.state import COOKIE
from mentor_course.store import AttemptConflict, AttemptRecord, UnknownLearner

router = APIRouter()


class AttemptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    attempt_id: uuid.UUID
    bank_id: str = Field(min_length=1, max_length=80)
    answers: dict[str, Any]
    started_at: dt.datetime | None = None


class AttemptOut(BaseModel):
    stored: bool = Field(description="False when this attempt id was already stored.")
    result: GradeResult


class AttemptSummary(BaseModel):
    id: str
    bank_id: str
    score: float
    passed: bool
    finished_at: dt.datetime


@router.post("/api/attempts", response_model=AttemptOut)
async def submit(body: AttemptIn, who: Mentor, state: State) -> AttemptOut:
    """Grade and record one attempt; the same attempt id again is stored once.

    Grading takes microseconds, so it runs on the event loop; the attempt waits
    for the writer thread's next commit, with other mentors' attempts.
    """
    quiz = state.bank(body.bank_id)
    result = graded(quiz, body.attempt_id, body.answers)
    record = AttemptRecord.from_grade(
        attempt_id=str(body.attempt_id),
        learner=who.name,
        learner_id=who.id,
        bank=quiz,
        result=result,
        source="served",
        started_at=body.started_at,
    )
    try:
        outcome = await asyncio.wrap_future(state.writer.submit(record))
    except AttemptConflict as exc:
        raise HTTPException(409, str(exc)) from None
    except UnknownLearner:
        raise HTTPException(401, "your enrollment has ended; ask your coordinator") from None
    return AttemptOut(stored=outcome == "stored", result=result)


@router.get("/api/me/attempts", response_model=list[AttemptSummary])
def my_attempts(who: Mentor, state: State) -> list[AttemptSummary]:
    return [
        AttemptSummary(
            id=a.id,
            bank_id=a.bank_id,
            score=a.score,
            passed=a.passed,
            finished_at=a.finished_at,
        )
        for a in state.store.attempts(who.id)
    ]


@router.api_route("/enroll/{token}", methods=["GET", "HEAD"], include_in_schema=False)
def start_page(token: str, who: Who, state: State) -> Response:
    """The link's page, which never uses the link up: a GET or HEAD may be a mail scanner."""
    link = state.store.enrollment_link(token, opening=True)
    if link is None:
        return HTMLResponse(pages.unknown_link_page(), status_code=404)
    mentor = who if who is not None and who.role == "mentor" else None
    if mentor is not None and mentor.id == link.learner_id:
        return HTMLResponse(pages.already_signed_in_page(mentor.name, mentor.csrf))
    if not link.works:
        return HTMLResponse(pages.spent_link_page(link.status), status_code=410)
    return HTMLResponse(pages.start_page(token, link.learner, mentor.name if mentor else None))


@router.post("/enroll/{token}", include_in_schema=False)
def start_course(token: str, request: Request, who: Who, state: State) -> Response:
    """The "Start the course" button: uses the link up and signs this browser in."""
    same_origin(request)
    link = state.store.enrollment_link(token)
    if who is not None and who.role == "mentor" and link is not None and who.id == link.learner_id:
        return RedirectResponse("/", status_code=303)  # pressed twice, or from two tabs
    learner_id = state.store.redeem_enrollment(token)
    if learner_id is None:
        if link is None:
            return HTMLResponse(pages.unknown_link_page(), status_code=404)
        return HTMLResponse(pages.spent_link_page(link.status), status_code=410)
    state.end_session(request)  # whoever was signed in on this browser before
    lifetime = state.settings.mentor_session
    session_token, _ = state.store.start_session(learner=learner_id, valid_for=lifetime)
    # Redirected, so the single-use token leaves the address bar and the history.
    response = RedirectResponse("/", status_code=303)
    state.set_session(response, request, session_token, lifetime)
    return response


@router.post("/me/sign-out", include_in_schema=False)
def sign_out(
    request: Request, who: Who, state: State, csrf: Annotated[str, Form(max_length=100)] = ""
) -> Response:
    if who is None or who.role != "mentor":
        raise HTTPException(401, "this browser is not signed in as a mentor")
    same_origin(request)
    if csrf != who.csrf:
        raise HTTPException(403, "the page is out of date; reload it and sign out again")
    state.end_session(request)
    response = RedirectResponse("/me/signed-out", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/me/signed-out", include_in_schema=False, response_class=HTMLResponse)
def signed_out() -> str:
    return pages.signed_out_page()


@router.get("/me", include_in_schema=False, response_class=HTMLResponse)
def progress(who: Who, state: State) -> str:
    # Not the `Mentor` dependency, which answers a signed-in coordinator 403: this page answers
    # 401 to anyone but a mentor.
    if who is None or who.role != "mentor":
        raise HTTPException(401, "open the course with your enrollment link first")
    report = build_report(state.store, state.quiz_columns, learner=who.id)
    return pages.progress_page(report, who.name, who.csrf)
