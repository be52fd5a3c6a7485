"""A served book built once, and a course server app per test on its own store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mentor_course.book import BuildResult, build_book
from mentor_course.course import Course
from mentor_course.server import Settings, create_app, passwords
from mentor_course.store import Store
from tests.conftest import copy_course

COORDINATOR, PASSWORD = "Coordinator Kim", "a long enough password"


@pytest.fixture(scope="session")
def served_book(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = copy_course(tmp_path_factory.mktemp("served") / "course")
    return build_book(root, served=True, fresh=True)


@dataclass
class Server:
    url: str
    settings: Settings
    clients: list[TestClient] = field(default_factory=list)

    def client(self, **kwargs: object) -> TestClient:
        """A client (a browser) with its own cookies; closed when the test ends."""
        client = TestClient(create_app(self.settings), **kwargs)  # type: ignore[arg-type]
        client.__enter__()
        self.clients.append(client)
        return client

    def enroll(self, name: str, cohort: str | None = "Spring") -> str:
        with Store.open(self.url) as store:
            named = store.learners_named(name)  # a new link for the same person
            person = named[0].id if named else None
            return store.create_enrollment(name, cohort=cohort, person=person).token

    def mentor(self, name: str, cohort: str | None = "Spring") -> TestClient:
        """A client signed in as a mentor, through an enrollment link, as a browser would."""
        client = self.client()
        response = client.post(f"/enroll/{self.enroll(name, cohort)}", follow_redirects=False)
        assert response.status_code == 303
        return client

    def coordinator(self) -> TestClient:
        client = self.client()
        response = client.post(
            "/coordinator/login",
            data={"name": COORDINATOR, "password": PASSWORD},
            follow_redirects=False,
        )
        assert response.status_code == 303
        return client


@pytest.fixture
def server(served_book: BuildResult, tmp_path: Path) -> Iterator[Server]:
    url = str(tmp_path / "server.sqlite3")
    with Store.open(url) as store:
        store.add_coordinator(COORDINATOR, passwords.hash(PASSWORD))
    course = Course(served_book.html_dir.parents[3])  # <root>/_build/served/_build/html
    running = Server(url, Settings(url, served_book.html_dir, course))
    yield running
    for client in running.clients:
        client.__exit__(None, None, None)


def csrf(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/session").json()["csrf"] or ""}
