"""No input makes a 5xx or a logged traceback: every route of the access matrix, as a
visitor, a mentor and a coordinator, with each class of hostile value in each place a
request carries one (path, query, form fields, JSON body, cookies), on SQLite and on
PostgreSQL (which, unlike SQLite, refuses NUL bytes and over-long values)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from mentor_course.book import BuildResult
from mentor_course.course import Course
from mentor_course.report import build_report
from mentor_course.server import Settings, passwords
from mentor_course.store import Store
from tests.server.conftest import COORDINATOR, PASSWORD, Server
from tests.server.test_access import FORM, FORMS, MATRIX

# Text a person could type or a client could forge, each where a string goes.
TEXTS = {
    "nul": "a\x00b",
    "long": "x" * 10_000,  # far over any column, within what a URL may hold
    "blank": "   ",
    "controls": "\x1b[31m\x07name",
    "bidi": "\u202eevil",
    "path-like": "../../etc/passwd",
}
# Raw JSON bodies: not valid for Python's json.dumps, so written by hand.
JSON_BODIES = {
    "nan": b'{"attempt_id": "6f1b1f7e-1111-4222-8333-444455556666", "answers": {"q": NaN}}',
    "infinity": b'{"attempt_id": "6f1b1f7e-1111-4222-8333-444455556666", "answers": -Infinity}',
    "surrogate": b'{"attempt_id": "6f1b1f7e-1111-4222-8333-444455556666", "bank_id": "\\ud800"}',
    "nul": b'{"attempt_id": "6f1b1f7e-1111-4222-8333-444455556666", "bank_id": "a\\u0000"}',
    "deep": b'{"answers": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "wrong-types": b'{"attempt_id": 5, "bank_id": {}, "answers": [], "started_at": true}',
    "huge-number": b'{"attempt_id": "6f1b1f7e-1111-4222-8333-444455556666", "answers": 1e400}',
    "not-an-object": b"[1, 2, 3]",
    "long-key": json.dumps({"answers": {"k" * 60_000: "v"}}).encode(),
}
# A NUL and an invalid UTF-8 sequence as they arrive percent-encoded in a form or a query.
ENCODED = {"nul": "a%00b", "bad-utf8": "%ED%A0%80", "long": "x" * 20_000}


@pytest.fixture
def any_server(served_book: BuildResult, store_url: str) -> Iterator[Server]:
    with Store.open(store_url) as store:
        store.add_coordinator(COORDINATOR, passwords.hash(PASSWORD))
    course = Course(served_book.html_dir.parents[3])
    running = Server(store_url, Settings(store_url, served_book.html_dir, course))
    yield running
    for client in running.clients:
        client.__exit__(None, None, None)


def requests_for(method: str, path: str) -> Iterator[tuple[str, dict[str, object]]]:
    """(url, httpx request arguments) for one route, each with one hostile value."""
    holes = re.findall(r"\{(\w+)\}", path)
    for text in TEXTS.values():
        for hole in holes:
            yield path.replace(f"{{{hole}}}", quote(text, safe="")), {}
    filled = path.replace("{bank_id}", "practice").replace("{name}", "Mentor")
    filled = re.sub(r"\{\w+\}", "ABCDEF", filled)
    for encoded in ENCODED.values():
        yield f"{filled}?cohort={encoded}&code={encoded}", {}
    if method == "GET":
        return
    fields = [*FORMS.get(path, FORM), "csrf", "email", "choice", "index"]
    for encoded in ENCODED.values():
        for field in fields:
            body = "&".join(f"{f}={encoded if f == field else 'x'}" for f in fields)
            content_type = "application/x-www-form-urlencoded"
            yield filled, {"content": body, "headers": {"content-type": content_type}}
    for body in JSON_BODIES.values():
        yield filled, {"content": body, "headers": {"content-type": "application/json"}}


def test_no_input_makes_a_server_error(
    any_server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    clients = {
        "visitor": any_server.client(),
        "mentor": any_server.mentor("Mentor"),
        "coordinator": any_server.coordinator(),
    }
    forged = any_server.client()
    forged.cookies.set("mentor_course_session", "s" * 5_000)
    forged.cookies.set("mentor_course_participant", "p%00%E2%80%AE" * 1_000)
    clients["forged cookies"] = forged
    errors: list[str] = []
    caplog.set_level(logging.ERROR)
    for method, path, _ in MATRIX:
        for url, arguments in requests_for(method, path):
            for role, client in clients.items():
                response = client.request(method, url, follow_redirects=False, **arguments)  # type: ignore[arg-type]
                if response.status_code >= 500:
                    errors.append(f"{role} {method} {url[:80]}: {response.status_code}")
    assert errors == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_refusal_says_why(server: Server) -> None:
    client = server.client()
    for name, body in JSON_BODIES.items():
        response = client.post(
            "/api/quizzes/practice/check",
            content=body,
            headers={"content-type": "application/json"},
        )
        assert 400 <= response.status_code < 500, name
        assert response.json()["detail"], name
    nan = client.post(
        "/api/quizzes/practice/check",
        content=JSON_BODIES["nan"],
        headers={"content-type": "application/json"},
    )
    assert nan.status_code == 400 and "NaN is not a JSON number" in nan.json()["detail"]
    nul = client.get("/coordinator/learners/a%00b")
    assert nul.status_code == 400 and "NUL character" in nul.text and "<h1>" in nul.text


def test_enrolling_a_name_the_store_cannot_keep_is_refused_on_the_page(
    any_server: Server,
) -> None:
    coordinator = any_server.coordinator()
    token = coordinator.get("/api/session").json()["csrf"]
    for name, problem in [("   ", "is empty"), ("n" * 201, "at most 200"), ("\x1bx", "control")]:
        page = coordinator.post("/coordinator/enroll", data={"csrf": token, "name": name})
        assert page.status_code == 422 and problem in page.text, name
        assert 'role="alert"' in page.text
    with Store.open(any_server.url) as store:
        assert not build_report(store, []).rows  # nobody was enrolled


def test_an_unexpected_failure_answers_a_short_500_with_the_headers(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    """A store file overwritten under a running server is no input's fault: the person sees
    a short message (with the security headers), the log gets the traceback."""
    mentor = server.mentor("Mentor")
    Path(server.url).write_bytes(b"\0" * 8192)
    response = mentor.get("/api/me/attempts")
    assert response.status_code == 500
    assert response.text.startswith("Something went wrong") and "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert any("unexpected error" in r.getMessage() for r in caplog.records)
