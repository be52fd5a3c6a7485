"""How the server answers a refusal: JSON for the API (scripts read `detail`), and for every
page a person opens an HTML page in the server's look that says what went wrong and what to
do next, never a raw JSON body."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from mentor_course.server import pages
from mentor_course.server.security import log
from mentor_course.store import StoreUnwritable

UNWRITABLE = (
    "the course server cannot save anything right now (its store is full, read-only or "
    "unreachable); what you did is kept on your device, so try again later"
)
TITLES = {
    400: "That request could not be read",
    401: "Please sign in first",
    403: "That is not allowed from here",
    404: "There is no such page",
    405: "That is not allowed from here",
    409: "That has changed meanwhile",
    410: "That is no longer available",
    413: "That is too large",
    422: "Something in the form was not right",
    429: "Please wait a moment",
    503: "The course cannot save right now",
}


def for_people(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def next_step(request: Request, status: int) -> str:
    """A link to where the person can go from here."""
    path = request.url.path
    if status == 401 and path.startswith("/coordinator"):
        return '<a href="/coordinator/login">Sign in as a coordinator</a>'
    if status == 401:
        return (
            "Open the course with the enrollment link your coordinator sent you, or "
            '<a href="/">read the course</a> without signing in.'
        )
    if status in {400, 403, 409, 422}:
        return "Go back, reload the page and try again."
    return '<a href="/">Go to the start of the course</a> or <a href="/search.html">search it</a>.'


def human_page(request: Request, status: int, reason: str) -> HTMLResponse:
    title = TITLES.get(status, "Something went wrong")
    return HTMLResponse(pages.problem_page(title, reason, next_step(request, status)), status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if not for_people(request):
        return await http_exception_handler(request, exc)
    reason = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
    if exc.status_code == 404 and reason == "Not Found":
        reason = "the address may be mistyped, or the page was moved"
    response = human_page(request, exc.status_code, reason)
    response.headers.update(exc.headers or {})
    return response


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if not for_people(request):
        return await request_validation_exception_handler(request, exc)
    # Which field and why, never the value sent (it may be huge, or not printable).
    problems = "; ".join(
        f"{'.'.join(str(part) for part in e['loc'][1:]) or 'the request'}: {e['msg'].lower()}"
        for e in exc.errors()
    )
    return human_page(request, 422, problems)


def _store_unwritable(request: Request, exc: Exception) -> Response:
    """A full or read-only disk, or a lost database server: 503 with the reason, logged as
    one line; nothing was stored, and the browser keeps what it could not send."""
    log.error("%s %s: %s", request.method, request.url.path, exc)
    if not for_people(request):
        return JSONResponse({"detail": UNWRITABLE}, status_code=503)
    return human_page(request, 503, UNWRITABLE)


def answer_errors(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StoreUnwritable, _store_unwritable)
