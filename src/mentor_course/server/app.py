"""The course server: the served book, a JSON API for quizzes, and coordinator pages.

Identity: a coordinator makes a single-use enrollment link per mentor
(`mentor-course enroll` or the coordinator page); opening it starts a
session cookie and redirects to the course without the token. Quiz answers
are graded here with the same `grade()` as the notebook, from banks whose
keys never reach the browser. A self-care plan never reaches this server.
"""

# FastAPI reads the annotations of the routes defined inside create_app at run
# time, so this module does not use `from __future__ import annotations`.

import asyncio
import datetime as dt
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from fastapi import Depends, FastAPI, Form, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    RedirectResponse,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from mentor_course.course import Course
from mentor_course.quiz import AnswerError, GradeResult, QuizBank, grade
from mentor_course.references import load_references
from mentor_course.report import QuizColumn, build_report
from mentor_course.report.render import csv_chunks
from mentor_course.server import pages
from mentor_course.server.security import BodyLimit, LoginLimiter, SecurityHeaders, same_origin
from mentor_course.server.sessions import SessionCache
from mentor_course.store import (
    AttemptConflict,
    AttemptRecord,
    AttemptWriter,
    Store,
    UnknownLearner,
)
from mentor_course.store.store import LiveSession, SignedIn

STATIC = Path(__file__).with_name("static")
COOKIE = "mentor_course_session"
PARTICIPANT = "mentor_course_participant"  # an anonymous id for live check-in answers
passwords = PasswordHasher()


@dataclass(frozen=True)
class Settings:
    store_url: str | None
    book_dir: Path
    course: Course
    max_body: int = 64 * 1024
    secure_cookies: bool = False


class SessionOut(BaseModel):
    role: Literal["anonymous", "mentor", "coordinator"]
    name: str | None = None
    csrf: str | None = None


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    attempt_id: uuid.UUID | None = None
    bank_id: str | None = None
    answers: dict[str, Any] = Field(default_factory=dict)


class AttemptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    attempt_id: uuid.UUID
    bank_id: str = Field(min_length=1, max_length=80)
    answers: dict[str, Any]
    started_at: dt.datetime | None = None


class CheckOut(BaseModel):
    result: GradeResult


class AttemptOut(BaseModel):
    stored: bool = Field(description="False when this attempt id was already stored.")
    result: GradeResult


class AttemptSummary(BaseModel):
    id: str
    bank_id: str
    score: float
    passed: bool
    finished_at: dt.datetime


def create_app(settings: Settings) -> FastAPI:
    store = Store.open(settings.store_url)
    banks: dict[str, QuizBank] = {bank.id: bank for bank in settings.course.banks()}
    citations = load_references(settings.course.bibliography)
    quiz_columns = [QuizColumn(b.id, b.title) for b in banks.values()]
    limiter = LoginLimiter()
    sessions = SessionCache(store)
    writer = AttemptWriter(store)

    app = FastAPI(
        title="mentor-course server",
        description="Quizzes, attempts and completion for the mentor self-care course.",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.router.lifespan_context = _closing(store, writer)

    # ----- who is asking -----

    async def signed_in(request: Request) -> SignedIn | None:
        token = request.cookies.get(COOKIE)
        if not token:
            return None
        return sessions.cached(token) or await run_in_threadpool(sessions.lookup, token)

    Who = Annotated[SignedIn | None, Depends(signed_in)]

    async def mentor(request: Request, who: Who) -> SignedIn:
        if who is None:
            raise HTTPException(401, "open the course with your enrollment link first")
        if who.role != "mentor":
            raise HTTPException(403, "only mentors submit and read their own attempts")
        same_origin(request)
        if request.method != "GET" and request.headers.get("x-csrf-token") != who.csrf:
            raise HTTPException(403, "missing or wrong X-CSRF-Token header; reload the page")
        return who

    def coordinator(who: Who) -> SignedIn:
        if who is None or who.role != "coordinator":
            raise HTTPException(401, "coordinators only: sign in at /coordinator/login")
        return who

    def coordinator_form(request: Request, who: Who, csrf: Annotated[str, Form()] = "") -> SignedIn:
        signed = coordinator(who)
        same_origin(request)
        if csrf != signed.csrf:
            raise HTTPException(403, "the form is out of date; reload the page")
        return signed

    def bank(bank_id: str) -> QuizBank:
        if bank_id not in banks:
            raise HTTPException(404, f"no quiz {bank_id!r}")
        return banks[bank_id]

    def graded(quiz: QuizBank, answers: dict[str, Any]) -> GradeResult:
        try:
            return grade(quiz, answers)
        except AnswerError as exc:
            raise HTTPException(422, str(exc)) from None

    def set_session(response: Response, request: Request, token: str) -> None:
        response.set_cookie(
            COOKIE,
            token,
            httponly=True,
            samesite="lax",
            secure=settings.secure_cookies or request.url.scheme == "https",
            max_age=30 * 24 * 3600,
        )

    # ----- the JSON API -----

    @app.get("/api/session", response_model=SessionOut)
    def session_info(who: Who) -> SessionOut:
        if who is None:
            return SessionOut(role="anonymous")
        return SessionOut(role=who.role, name=who.name, csrf=who.csrf)

    @app.get("/api/quizzes/{bank_id}")
    def quiz(bank_id: str) -> dict[str, Any]:
        """The quiz as a learner may see it: no answer key, no feedback."""
        return bank(bank_id).public(citations)

    @app.get("/api/quizzes/{bank_id}/presenter")
    def presenter(
        bank_id: str, who: Annotated[SignedIn, Depends(coordinator)]
    ) -> list[dict[str, Any]]:
        """The right answers, for a coordinator presenting the quiz to a group."""
        return bank(bank_id).reveal(citations)

    @app.post("/api/quizzes/{bank_id}/check", response_model=CheckOut)
    def check(bank_id: str, body: CheckIn, request: Request) -> CheckOut:
        """Grade answers without recording them (a self-check for visitors)."""
        same_origin(request)
        return CheckOut(result=graded(bank(bank_id), body.answers))

    @app.post("/api/attempts", response_model=AttemptOut)
    async def submit(body: AttemptIn, who: Annotated[SignedIn, Depends(mentor)]) -> AttemptOut:
        """Grade and record one attempt; the same attempt id again is stored once.

        Grading takes microseconds, so it runs on the event loop; the attempt waits
        for the writer thread's next commit, with other mentors' attempts.
        """
        quiz = bank(body.bank_id)
        result = graded(quiz, body.answers)
        record = AttemptRecord.from_grade(
            attempt_id=str(body.attempt_id),
            learner=who.name,
            bank=quiz,
            result=result,
            source="served",
            started_at=body.started_at,
        )
        try:
            outcome = await asyncio.wrap_future(writer.submit(record))
        except AttemptConflict as exc:
            raise HTTPException(409, str(exc)) from None
        except UnknownLearner:
            raise HTTPException(401, "your enrollment has ended; ask your coordinator") from None
        return AttemptOut(stored=outcome == "stored", result=result)

    @app.get("/api/me/attempts", response_model=list[AttemptSummary])
    def my_attempts(who: Annotated[SignedIn, Depends(mentor)]) -> list[AttemptSummary]:
        return [
            AttemptSummary(
                id=a.id,
                bank_id=a.bank_id,
                score=a.score,
                passed=a.passed,
                finished_at=a.finished_at,
            )
            for a in store.attempts(who.name)
        ]

    # ----- mentors -----

    @app.get("/enroll/{token}", include_in_schema=False)
    def enroll(token: str, request: Request) -> Response:
        name = store.redeem_enrollment(token)
        if name is None:
            return HTMLResponse(
                pages.message_page(
                    "This link does not work",
                    "It has expired or was already used. Ask your coordinator for a new one.",
                ),
                status_code=404,
            )
        session_token, _ = store.start_session(learner=name)
        response = RedirectResponse("/", status_code=303)
        set_session(response, request, session_token)
        return response

    @app.get("/me", include_in_schema=False, response_class=HTMLResponse)
    def progress(who: Who) -> str:
        if who is None or who.role != "mentor":
            raise HTTPException(401, "open the course with your enrollment link first")
        return pages.progress_page(build_report(store, quiz_columns, learner=who.name))

    # ----- coordinators -----

    @app.get("/coordinator/login", include_in_schema=False, response_class=HTMLResponse)
    def login_form() -> str:
        return pages.login_page()

    @app.post("/coordinator/login", include_in_schema=False)
    def login(
        request: Request,
        name: Annotated[str, Form(max_length=200)],
        password: Annotated[str, Form(max_length=1000)],
    ) -> Response:
        same_origin(request)
        address = request.client.host if request.client else "unknown"
        limiter.check(name, address)
        stored_hash = store.coordinator_password_hash(name)
        try:
            if stored_hash is None:
                raise VerifyMismatchError
            passwords.verify(stored_hash, password)
        except (VerifyMismatchError, InvalidHashError):
            limiter.failed(name, address)
            return HTMLResponse(pages.login_page("That name and password do not match."), 401)
        limiter.succeeded(name, address)
        token, _ = store.start_session(coordinator=name)
        response = RedirectResponse("/coordinator", status_code=303)
        set_session(response, request, token)
        return response

    @app.post("/coordinator/logout", include_in_schema=False)
    def logout(request: Request, who: Annotated[SignedIn, Depends(coordinator_form)]) -> Response:
        token = request.cookies.get(COOKIE, "")
        sessions.forget(token)
        store.end_session(token)
        response = RedirectResponse("/coordinator/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/coordinator", include_in_schema=False, response_class=HTMLResponse)
    def matrix(who: Annotated[SignedIn, Depends(coordinator)], cohort: str = "") -> str:
        report = build_report(store, quiz_columns, cohort or None)
        return pages.coordinator_page(report, store.cohort_names(), who.name, who.csrf)

    @app.get("/coordinator/report.csv", include_in_schema=False)
    def matrix_csv(who: Annotated[SignedIn, Depends(coordinator)], cohort: str = "") -> Response:
        # Streamed: a program's whole report is never held in memory at once.
        report = build_report(store, quiz_columns, cohort or None, stream=True)
        return StreamingResponse(
            csv_chunks(report),
            media_type="text/csv",
            headers={"content-disposition": 'attachment; filename="completion.csv"'},
        )

    @app.post("/coordinator/enroll", include_in_schema=False, response_class=HTMLResponse)
    def enroll_form(
        request: Request,
        who: Annotated[SignedIn, Depends(coordinator_form)],
        name: Annotated[str, Form(min_length=1, max_length=200)],
        email: Annotated[str, Form(max_length=320)] = "",
        cohort: Annotated[str, Form(max_length=200)] = "",
    ) -> str:
        token = store.create_enrollment(name.strip(), email=email or None, cohort=cohort or None)
        link = f"{request.url.scheme}://{request.url.netloc}/enroll/{token}"
        report = build_report(store, quiz_columns, cohort or None)
        return pages.coordinator_page(
            report, store.cohort_names(), who.name, who.csrf, (name.strip(), link)
        )

    @app.get("/coordinator/learners/{name}", include_in_schema=False, response_class=HTMLResponse)
    def learner_detail(name: str, who: Annotated[SignedIn, Depends(coordinator)]) -> str:
        return pages.learner_page(name, list(store.attempts(name)), who.name, who.csrf)

    # ----- live group check-ins -----

    def live(code: str) -> tuple[LiveSession, QuizBank]:
        found = store.group_session(code)
        if found is None or found.bank_id not in banks:
            raise HTTPException(404, "no group check-in with that code")
        return found, banks[found.bank_id]

    @app.post("/coordinator/live", include_in_schema=False)
    def live_start(
        who: Annotated[SignedIn, Depends(coordinator_form)],
        quiz: Annotated[str, Form(max_length=80)],
        cohort: Annotated[str, Form(max_length=200)] = "",
    ) -> Response:
        code = store.start_group_session(bank(quiz).id, cohort or None)
        return RedirectResponse(f"/coordinator/live/{code}", status_code=303)

    @app.get("/coordinator/live/{code}", include_in_schema=False, response_class=HTMLResponse)
    def live_presenter(
        code: str,
        request: Request,
        who: Annotated[SignedIn, Depends(coordinator)],
        reveal: bool = False,
    ) -> str:
        found, quiz = live(code)
        question = quiz.questions[found.question_index]
        join_url = f"{request.url.scheme}://{request.url.netloc}/join"
        tallies = store.live_tallies(found.code, question.id)
        answer = quiz.reveal(citations)[found.question_index] if reveal else None
        return pages.live_presenter_page(
            found.code, join_url, quiz, found.question_index, tallies, who.name, who.csrf, answer
        )

    @app.post("/coordinator/live/{code}/question", include_in_schema=False)
    def live_step(
        code: str,
        who: Annotated[SignedIn, Depends(coordinator_form)],
        index: Annotated[int, Form(ge=0)],
    ) -> Response:
        found, quiz = live(code)
        store.set_live_question(found.code, min(index, len(quiz.questions) - 1))
        return RedirectResponse(f"/coordinator/live/{found.code}", status_code=303)

    @app.get("/join", include_in_schema=False, response_class=HTMLResponse)
    def join_form() -> str:
        return pages.join_page()

    @app.post("/join", include_in_schema=False)
    def join(request: Request, code: Annotated[str, Form(max_length=12)]) -> Response:
        same_origin(request)
        found = store.group_session(code.strip())
        if found is None:
            return HTMLResponse(
                pages.join_page("No check-in has that code. Check the screen."), 404
            )
        return RedirectResponse(f"/live/{found.code}", status_code=303)

    @app.get("/live/{code}", include_in_schema=False)
    def live_participant(code: str, request: Request, who: Who, sent: bool = False) -> Response:
        found, quiz = live(code)
        if who is not None and who.role == "mentor":
            store.mark_attendance(found.code, who.name)
        response = HTMLResponse(
            pages.live_participant_page(found.code, quiz, found.question_index, sent)
        )
        if PARTICIPANT not in request.cookies:
            response.set_cookie(
                PARTICIPANT, str(uuid.uuid4()), httponly=True, samesite="lax",
                secure=settings.secure_cookies or request.url.scheme == "https",
            )  # fmt: skip
        return response

    @app.get("/live/{code}/state", include_in_schema=False)
    def live_state(code: str) -> dict[str, int]:
        """Where the room is: the question shown, and how many answers it has (counts only)."""
        found, quiz = live(code)
        question = quiz.questions[found.question_index]
        answers = sum(store.live_tallies(found.code, question.id).values())
        return {"question_index": found.question_index, "answers": answers}

    @app.get("/live.js", include_in_schema=False)
    def live_script() -> FileResponse:
        return FileResponse(STATIC / "live.js", media_type="text/javascript")

    @app.post("/live/{code}/answer", include_in_schema=False)
    def live_answer(
        code: str,
        request: Request,
        question_id: Annotated[str, Form(max_length=80)],
        choice: Annotated[list[str] | None, Form(max_length=20)] = None,
    ) -> Response:
        same_origin(request)
        found, quiz = live(code)
        participant = request.cookies.get(PARTICIPANT)
        if not participant:
            raise HTTPException(400, "open the check-in page first, then answer")
        try:
            question = quiz.question(question_id)
        except KeyError:
            raise HTTPException(422, f"no question {question_id!r} in this quiz") from None
        known = {c.id for c in getattr(question, "choices", [])}
        picked = [c for c in (choice or []) if c in known]
        if len(picked) != len(choice or []) or not picked:
            raise HTTPException(422, "choose one of the answers shown")
        store.record_live_answer(found.code, participant, question.id, picked)
        return RedirectResponse(f"/live/{found.code}?sent=true", status_code=303)

    # ----- the book -----

    app.mount("/", StaticFiles(directory=settings.book_dir, html=True), name="book")
    app.add_middleware(BodyLimit, limit=settings.max_body)  # type: ignore[arg-type]
    app.add_middleware(SecurityHeaders)  # type: ignore[arg-type]
    return app


def _closing(store: Store, writer: AttemptWriter) -> Any:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        writer.close()
        store.close()

    return lifespan
