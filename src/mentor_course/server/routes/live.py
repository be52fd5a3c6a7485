"""Live group check-ins: a coordinator presents a quiz to a room, and the room answers.

The presenter's routes (/coordinator/live*) are for coordinators only. The room's routes
(/join, /live/*, /live.js) are for anyone with the join code on the screen, signed in or not:
answers are anonymous, kept for a participant the server issued when the phone joined (its
browser holds a random token; a made-up or another session's token counts for nothing), and
the room sees counts only. An enrolled mentor who opens the check-in is marked as attending.
"""

# FastAPI reads the routes' annotations at run time, so this module does not use
# `from __future__ import annotations`.

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from mentor_course.fields import COHORT, FieldError
from mentor_course.quiz import QuizBank
from mentor_course.server.deps import Coordinator, CoordinatorForm, State, Who
from mentor_course.server.live_pages import (
    Reveal,
    join_page,
    live_ended_page,
    live_participant_page,
    live_presenter_page,
    live_summary_page,
    poll_seed,
)
from mentor_course.server.room import tally_version
from mentor_course.server.security import client_address, same_origin
from mentor_course.store import LiveSession

STATIC = Path(__file__).parents[1] / "static"
PARTICIPANT = "mentor_course_participant"  # the token of a phone that joined a check-in

router = APIRouter()

# The check-in is looked up in each route's body (`state.live`), not by a dependency: a
# dependency would answer 404 for an unknown code before the form and query are validated.


@router.post("/coordinator/live", include_in_schema=False)
def live_start(
    who: CoordinatorForm,
    state: State,
    quiz: Annotated[str, Form(max_length=80)],
    cohort: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    try:
        room = COHORT.clean(cohort)
    except FieldError as exc:
        raise HTTPException(422, str(exc)) from None
    code = state.store.start_group_session(state.bank(quiz).id, room)
    return RedirectResponse(f"/coordinator/live/{code}", status_code=303)


def _reveals(state: State, quiz: QuizBank) -> list[Reveal]:
    return [
        Reveal(r["answer"], r["explanation"], r["sources"]) for r in quiz.reveal(state.citations)
    ]


@router.get("/coordinator/live/{code}", include_in_schema=False, response_class=HTMLResponse)
def live_presenter(
    code: str,
    request: Request,
    who: Coordinator,
    state: State,
    reveal: bool = False,
) -> Response:
    found, quiz = state.live(code)
    if found.ended:
        return RedirectResponse(f"/coordinator/live/{found.code}/summary", status_code=303)
    question = quiz.questions[found.question_index]
    join = state.public_address(request)
    tallies = state.store.live_tallies(found.code, question.id)
    shown = _reveals(state, quiz)[found.question_index] if reveal else None
    return HTMLResponse(live_presenter_page(found, join, quiz, tallies, who.name, who.csrf, shown))


@router.post("/coordinator/live/{code}/question", include_in_schema=False)
def live_step(
    code: str,
    who: CoordinatorForm,
    state: State,
    index: Annotated[int, Form(ge=0)],
) -> Response:
    found, quiz = state.live(code)
    state.store.set_live_question(found.code, min(index, len(quiz.questions) - 1))
    return RedirectResponse(f"/coordinator/live/{found.code}", status_code=303)


@router.post("/coordinator/live/{code}/end", include_in_schema=False)
def live_end(code: str, who: CoordinatorForm, state: State) -> Response:
    found, _ = state.live(code)
    state.store.end_group_session(found.code)
    return RedirectResponse(f"/coordinator/live/{found.code}/summary", status_code=303)


@router.get(
    "/coordinator/live/{code}/summary", include_in_schema=False, response_class=HTMLResponse
)
def live_summary(code: str, who: Coordinator, state: State) -> str:
    found, quiz = state.live(code)
    summary = state.store.live_summary(found.code)
    return live_summary_page(found, quiz, summary, _reveals(state, quiz), who.name, who.csrf)


@router.get("/join", include_in_schema=False, response_class=HTMLResponse)
def join_form(code: Annotated[str, Query(max_length=12)] = "") -> str:
    return join_page(code=code)


@router.post("/join", include_in_schema=False)
def join(request: Request, state: State, code: Annotated[str, Form(max_length=12)]) -> Response:
    same_origin(request)
    found = state.store.group_session(code.strip())
    if found is None:
        return HTMLResponse(join_page("No check-in has that code. Check the screen."), 404)
    return RedirectResponse(f"/live/{found.code}", status_code=303)


def _participant(request: Request, state: State, live: LiveSession) -> str | None:
    token = request.cookies.get(PARTICIPANT, "")
    return state.store.live_participant(live.code, token) if token else None


@router.get("/live/{code}", include_in_schema=False)
def live_participant(code: str, request: Request, who: Who, state: State) -> Response:
    found, quiz = state.live(code)
    if found.ended:
        return HTMLResponse(live_ended_page(quiz))
    if who is not None and who.role == "mentor":
        state.store.mark_attendance(found.code, who.id)
    participant = _participant(request, state, found)
    if participant is not None:
        question = quiz.questions[found.question_index]
        mine = state.store.live_answer_of(found.code, participant, question.id)
        return HTMLResponse(live_participant_page(found, quiz, mine))
    # A phone new to this check-in: the server issues its participant, a few per client a
    # minute, so nobody can stuff the counts with made-up participants.
    address = client_address(request)
    state.join_limiter.check(address)
    response = HTMLResponse(live_participant_page(found, quiz, None))
    response.set_cookie(
        PARTICIPANT, state.store.join_live(found.code), httponly=True, samesite="lax",
        secure=state.secure_cookies(request),
    )  # fmt: skip
    return response


@router.get("/live/{code}/state", include_in_schema=False)
def live_state(code: str, state: State) -> dict[str, int | str | bool]:
    """Where the room is: the question shown, how many answers it has (counts only), and a
    version that changes with any answer, so the presenter's page follows changed answers."""
    found, quiz = state.live(code)
    question = quiz.questions[found.question_index]
    tallies = state.store.live_tallies(found.code, question.id)
    return {
        "question_index": found.question_index,
        "answers": sum(tallies.values()),
        "ended": found.ended,
        "version": tally_version(found.question_index, tallies, found.ended),
    }


@router.get("/live.js", include_in_schema=False)
def live_script() -> FileResponse:
    return FileResponse(STATIC / "live.js", media_type="text/javascript")


def _refused(live: LiveSession, quiz: QuizBank, status: int, problem: str) -> HTMLResponse:
    return HTMLResponse(live_participant_page(live, quiz, None, problem), status)


@router.post("/live/{code}/answer", include_in_schema=False)
def live_answer(
    code: str,
    request: Request,
    state: State,
    question_id: Annotated[str, Form(max_length=80)],
    choice: Annotated[list[str] | None, Form(max_length=20)] = None,
) -> Response:
    same_origin(request)
    found, quiz = state.live(code)
    if found.ended:
        return HTMLResponse(live_ended_page(quiz), 410)
    if PARTICIPANT not in request.cookies:
        raise HTTPException(400, "open the check-in page first, then answer")
    participant = _participant(request, state, found)
    if participant is None:
        return _refused(found, quiz, 403, "This phone has not joined this check-in. "
                        "Open the join page and enter the code from the screen.")  # fmt: skip
    question = quiz.questions[found.question_index]
    if question_id != question.id:
        return _refused(found, quiz, 409, "The facilitator has moved on: here is the question "
                        "on the screen now.")  # fmt: skip
    poll = question.room_poll(poll_seed(found, question))
    picked = choice or []
    known = {c["id"] for c in poll.choices} if poll else set()
    if not picked:
        return _refused(found, quiz, 422, "Choose an answer first, then send it.")
    if poll is None or not set(picked) <= known or len(set(picked)) != len(picked):
        return _refused(found, quiz, 422, "Choose one of the answers shown.")
    if not poll.many and len(picked) != 1:
        return _refused(found, quiz, 422, "This question takes one answer: choose just one.")
    state.store.record_live_answer(found.code, participant, question.id, picked)
    return RedirectResponse(f"/live/{found.code}", status_code=303)
