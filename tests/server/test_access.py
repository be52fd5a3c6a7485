"""Every route against an access matrix: anonymous, mentor A, mentor B, coordinator."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from tests.server.conftest import Server, csrf

ROLES = ["anonymous", "mentor_a", "mentor_b", "coordinator"]
# (method, path, expected status per role in ROLES order)
MATRIX = [
    ("GET", "/", [200, 200, 200, 200]),
    ("GET", "/book/practice.html", [200, 200, 200, 200]),
    ("GET", "/api/session", [200, 200, 200, 200]),
    ("GET", "/api/quizzes/practice", [200, 200, 200, 200]),
    ("POST", "/api/quizzes/practice/check", [200, 200, 200, 200]),
    ("GET", "/api/quizzes/practice/presenter", [401, 401, 401, 200]),
    ("POST", "/api/attempts", [401, 200, 200, 403]),
    ("GET", "/api/me/attempts", [401, 200, 200, 403]),
    ("GET", "/me", [401, 200, 200, 401]),
    ("GET", "/coordinator/login", [200, 200, 200, 200]),
    ("GET", "/coordinator", [401, 401, 401, 200]),
    ("GET", "/coordinator/report.csv", [401, 401, 401, 200]),
    ("GET", "/coordinator/learners/Mentor%20A", [401, 401, 401, 200]),
    ("POST", "/coordinator/enroll", [401, 401, 401, 200]),
    ("POST", "/coordinator/logout", [401, 401, 401, 303]),
]


@pytest.fixture
def clients(server: Server) -> dict[str, TestClient]:
    return {
        "anonymous": server.client(),
        "mentor_a": server.mentor("Mentor A"),
        "mentor_b": server.mentor("Mentor B"),
        "coordinator": server.coordinator(),
    }


def request(client: TestClient, method: str, path: str) -> int:
    token = client.get("/api/session").json()["csrf"] or ""
    if method == "GET":
        return client.get(path, follow_redirects=False).status_code
    if path == "/api/attempts":
        body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
        return client.post(path, json=body, headers={"X-CSRF-Token": token}).status_code
    if path.startswith("/api/"):
        return client.post(path, json={"answers": {}}).status_code
    form = {"csrf": token, "name": "New Mentor", "cohort": "Spring"}
    return client.post(path, data=form, follow_redirects=False).status_code


@pytest.mark.parametrize(("method", "path", "expected"), MATRIX, ids=[m[1] for m in MATRIX])
def test_route_access(
    clients: dict[str, TestClient], method: str, path: str, expected: list[int]
) -> None:
    got = [request(clients[role], method, path) for role in ROLES]
    assert got == expected


def test_a_mentor_reads_only_their_own_attempts(server: Server) -> None:
    a, b = server.mentor("Mentor A"), server.mentor("Mentor B")
    body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
    assert a.post("/api/attempts", json=body, headers=csrf(a)).status_code == 200
    assert [x["id"] for x in a.get("/api/me/attempts").json()] == [body["attempt_id"]]
    assert b.get("/api/me/attempts").json() == []
    assert "Mentor A" not in b.get("/me").text


def test_every_api_route_is_in_the_matrix(server: Server) -> None:
    spec = server.client().get("/openapi.json").json()
    listed = {(m, p) for m, p, _ in MATRIX}
    for path, operations in spec["paths"].items():
        concrete = path.replace("{bank_id}", "practice")
        for method in operations:
            assert (method.upper(), concrete) in listed, (method, path)


def test_the_coordinator_csv_lists_every_mentor(server: Server) -> None:
    mentor = server.mentor("Mentor A")
    body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
    assert mentor.post("/api/attempts", json=body, headers=csrf(mentor)).status_code == 200
    server.enroll("Mentor B")
    response = server.coordinator().get("/coordinator/report.csv")
    assert response.headers["content-type"].startswith("text/csv")
    header, *rows = [line.split(",") for line in response.text.splitlines()]
    practice = header.index("practice attempts")
    assert [(row[0], row[practice]) for row in rows] == [("Mentor A", "1"), ("Mentor B", "0")]
