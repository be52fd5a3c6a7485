"""Every route against an access matrix: anonymous, mentor A, mentor B, coordinator."""

from __future__ import annotations

import csv
import uuid
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from mentor_course.store import Store
from tests.attempts import bank
from tests.server.conftest import COORDINATOR, PASSWORD, Server, csrf

FIRST = bank("practice").questions[0]

ROLES = ["anonymous", "mentor_a", "mentor_b", "coordinator"]
# (method, path, expected status per role in ROLES order). A path is the route's own, as in
# the app's route table; `{...}` is filled in with values that exist (see `values`). The book
# mount is listed as GET /, with one of its pages besides.
MATRIX = [
    ("GET", "/", [200, 200, 200, 200]),
    ("GET", "/book/practice.html", [200, 200, 200, 200]),
    ("GET", "/openapi.json", [200, 200, 200, 200]),
    ("GET", "/api/session", [200, 200, 200, 200]),
    ("GET", "/api/quizzes/{bank_id}", [200, 200, 200, 200]),
    ("POST", "/api/quizzes/{bank_id}/check", [200, 200, 200, 200]),
    ("GET", "/api/quizzes/{bank_id}/presenter", [401, 401, 401, 200]),
    ("POST", "/api/attempts", [401, 200, 200, 403]),
    ("GET", "/api/me/attempts", [401, 200, 200, 403]),
    ("GET", "/enroll/{token}", [200, 200, 200, 200]),
    ("POST", "/enroll/{token}", [303, 303, 303, 303]),
    ("GET", "/me", [401, 200, 200, 401]),
    ("POST", "/me/sign-out", [401, 303, 303, 401]),
    ("GET", "/me/signed-out", [200, 200, 200, 200]),
    ("GET", "/coordinator/login", [200, 200, 200, 200]),
    ("POST", "/coordinator/login", [303, 303, 303, 303]),
    ("GET", "/coordinator", [401, 401, 401, 200]),
    ("GET", "/coordinator/report.csv", [401, 401, 401, 200]),
    ("GET", "/coordinator/report", [401, 401, 401, 200]),
    ("GET", "/coordinator/cohorts", [401, 401, 401, 200]),
    ("POST", "/coordinator/cohorts", [401, 401, 401, 200]),
    ("POST", "/coordinator/cohorts/rename", [401, 401, 401, 200]),
    ("POST", "/coordinator/cohorts/due", [401, 401, 401, 200]),
    ("GET", "/coordinator/learners/{learner_id}", [401, 401, 401, 200]),
    ("POST", "/coordinator/learners/{learner_id}/link", [401, 401, 401, 200]),
    ("POST", "/coordinator/learners/{learner_id}/revoke", [401, 401, 401, 200]),
    ("POST", "/coordinator/learners/{learner_id}/cohort", [401, 401, 401, 200]),
    ("GET", "/coordinator/learners/{learner_id}/export.json", [401, 401, 401, 200]),
    ("GET", "/coordinator/learners/{learner_id}/certificate.pdf", [401, 401, 401, 404]),
    ("GET", "/coordinator/learners/{learner_id}/remove", [401, 401, 401, 200]),
    ("POST", "/coordinator/learners/{learner_id}/remove", [401, 401, 401, 200]),
    ("POST", "/coordinator/enroll", [401, 401, 401, 200]),
    ("POST", "/coordinator/roster", [401, 401, 401, 200]),
    ("POST", "/coordinator/roster/enroll", [401, 401, 401, 200]),
    ("GET", "/coordinator/reminders", [401, 401, 401, 200]),
    # Without SMTP settings there is nothing to send reminders with.
    ("POST", "/coordinator/reminders", [401, 401, 401, 409]),
    ("GET", "/coordinator/certificates.zip", [401, 401, 401, 200]),
    ("GET", "/coordinator.js", [200, 200, 200, 200]),
    ("GET", "/me/certificate.pdf", [401, 404, 404, 401]),
    ("GET", "/verify/{code}", [404, 404, 404, 404]),
    ("POST", "/coordinator/logout", [401, 401, 401, 303]),
    ("POST", "/coordinator/live", [401, 401, 401, 303]),
    ("GET", "/coordinator/live/{code}", [401, 401, 401, 200]),
    ("POST", "/coordinator/live/{code}/question", [401, 401, 401, 303]),
    ("POST", "/coordinator/live/{code}/end", [401, 401, 401, 303]),
    ("GET", "/coordinator/live/{code}/summary", [401, 401, 401, 200]),
    ("GET", "/join", [200, 200, 200, 200]),
    ("POST", "/join", [303, 303, 303, 303]),
    ("GET", "/live/{code}", [200, 200, 200, 200]),
    ("GET", "/live/{code}/state", [200, 200, 200, 200]),
    ("POST", "/live/{code}/answer", [303, 303, 303, 303]),
    ("GET", "/live.js", [200, 200, 200, 200]),
    ("GET", "/sw.js", [200, 200, 200, 200]),
    ("GET", "/favicon.ico", [301, 301, 301, 301]),
]
# What each form is posted with (values filled in as in paths); other forms get FORM.
FORM = {"name": "New Mentor", "cohort": "Spring"}
FORMS = {
    "/coordinator/login": {"name": COORDINATOR, "password": PASSWORD},
    "/coordinator/live": {"quiz": "practice"},
    "/coordinator/live/{code}/question": {"index": "1"},
    "/coordinator/cohorts/rename": {"name": "Spring", "new_name": "Spring evenings"},
    "/coordinator/cohorts/due": {"name": "Spring", "due_on": "2027-03-01"},
    "/coordinator/roster/enroll": {"roster": "name,cohort\nRoster Mentor,Spring\n"},
    "/join": {"code": "{code}"},
    "/live/{code}/answer": {"question_id": FIRST.id, "choice": FIRST.choices[0].id},
}


@pytest.fixture
def clients(server: Server) -> dict[str, TestClient]:
    return {
        "anonymous": server.client(),
        "mentor_a": server.mentor("Mentor A"),
        "mentor_b": server.mentor("Mentor B"),
        "coordinator": server.coordinator(),
    }


@pytest.fixture
def values(server: Server) -> dict[str, str]:
    """Path values that exist: a quiz, a learner (enrolled by `clients`), a live check-in."""
    with Store.open(server.url) as store:
        code = store.start_group_session("practice")
        learner_id = store.learner("Mentor A").id
    return {"bank_id": "practice", "learner_id": str(learner_id), "code": code}


def request(
    server: Server, client: TestClient, method: str, path: str, values: dict[str, str]
) -> int:
    if "{token}" in path:  # an enrollment link works once: a new one for each request
        values = {**values, "token": server.enroll("New Mentor")}
    url = path.format(**{key: quote(value) for key, value in values.items()})
    token = client.get("/api/session").json()["csrf"] or ""
    if method == "GET":
        return client.get(url, follow_redirects=False).status_code
    if path == "/api/attempts":
        body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
        return client.post(url, json=body, headers={"X-CSRF-Token": token}).status_code
    if path.startswith("/api/"):
        return client.post(url, json={"attempt_id": str(uuid.uuid4()), "answers": {}}).status_code
    if path == "/live/{code}/answer":
        # An answer needs the participant cookie that opening the check-in page sets.
        client.get(url.removesuffix("/answer"))
    fields = {key: value.format(**values) for key, value in FORMS.get(path, FORM).items()}
    form = {"csrf": token, **fields}
    if path == "/coordinator/roster":  # an upload
        upload = {"roster": ("roster.csv", b"name,email\nUploaded Mentor,\n", "text/csv")}
        return client.post(url, data={"csrf": token}, files=upload).status_code
    return client.post(url, data=form, follow_redirects=False).status_code


@pytest.mark.parametrize(
    ("method", "path", "expected"), MATRIX, ids=[f"{m[0]} {m[1]}" for m in MATRIX]
)
def test_route_access(
    server: Server,
    clients: dict[str, TestClient],
    values: dict[str, str],
    method: str,
    path: str,
    expected: list[int],
) -> None:
    got = [request(server, clients[role], method, path, values) for role in ROLES]
    assert got == expected


def test_a_mentor_reads_only_their_own_attempts(server: Server) -> None:
    a, b = server.mentor("Mentor A"), server.mentor("Mentor B")
    body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
    assert a.post("/api/attempts", json=body, headers=csrf(a)).status_code == 200
    assert [x["id"] for x in a.get("/api/me/attempts").json()] == [body["attempt_id"]]
    assert b.get("/api/me/attempts").json() == []
    assert "Mentor A" not in b.get("/me").text


def route_table(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route in the app's own route table; the book mount as GET /."""
    table: set[tuple[str, str]] = set()
    # iter_route_contexts, not app.routes alone: an included router is one entry there.
    for context in iter_route_contexts(app.routes):
        route, path = context.original_route, context.path or ""
        if isinstance(route, Mount):
            table.add(("GET", f"{path}/"))
        elif isinstance(route, Route):
            # Starlette answers HEAD wherever it answers GET; it is not a route of its own.
            table |= {(method, path) for method in (context.methods or set()) - {"HEAD"}}
        else:
            raise AssertionError(f"no access check knows a {type(route).__name__} route yet")
    return table


def test_every_route_is_in_the_matrix(server: Server) -> None:
    app = server.client().app
    assert isinstance(app, FastAPI)
    missing = sorted(route_table(app) - {(method, path) for method, path, _ in MATRIX})
    assert not missing, f"add these (method, path) to MATRIX, with the status per role: {missing}"


def test_the_coordinator_csv_lists_every_mentor(server: Server) -> None:
    mentor = server.mentor("Mentor A")
    body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
    assert mentor.post("/api/attempts", json=body, headers=csrf(mentor)).status_code == 200
    server.enroll("Mentor B")
    response = server.coordinator().get("/coordinator/report.csv")
    assert response.headers["content-type"].startswith("text/csv")
    header, *rows = list(csv.reader(response.text.splitlines()))
    practice = header.index(f"{bank('practice').title}: attempts")
    assert [(row[1], row[practice]) for row in rows] == [("Mentor A", "1"), ("Mentor B", "0")]
