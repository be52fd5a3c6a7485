"""Sign-in that cannot be bypassed and sessions that end: the limiter per account and per
client, forwarded headers believed only from named proxies, the same time for known and
unknown names, a password change or removal ending a coordinator's sessions, lifetimes,
the purge of ended sessions and links, and HSTS under --https."""

from __future__ import annotations

import datetime as dt
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx2
import pytest
from typer.testing import CliRunner

from mentor_course.book import BuildResult
from mentor_course.cli import app
from mentor_course.server import passwords
from mentor_course.server.security import LoginLimiter
from mentor_course.server.state import COOKIE
from mentor_course.store import Store
from tests.server.conftest import COORDINATOR, PASSWORD, Server
from tests.server.test_durability import free_port, serving

WRONG = {"name": COORDINATOR, "password": "not the password"}
RIGHT = {"name": COORDINATOR, "password": PASSWORD}


def test_a_locked_coordinator_waits_seconds_not_minutes(server: Server) -> None:
    client = server.client()
    for _ in range(5):
        assert client.post("/coordinator/login", data=WRONG).status_code == 401
    locked = client.post("/coordinator/login", data=RIGHT, follow_redirects=False)
    assert locked.status_code == 429 and locked.headers["retry-after"] == "1"
    time.sleep(1.1)
    assert client.post("/coordinator/login", data=RIGHT, follow_redirects=False).status_code == 303


def test_the_wait_doubles_to_a_minute_at_most_and_memory_is_bounded() -> None:
    limiter = LoginLimiter(max_keys=100)
    for _ in range(30):
        limiter.failed("Kim", "10.0.0.1")
    assert 59 < limiter.wait("Kim") <= 60
    for n in range(20_000):
        limiter.failed(f"name {n}", f"10.1.{n // 250}.{n % 250}")
    assert len(limiter.accounts) <= 100 and len(limiter.clients.events) <= 100
    limiter.succeeded("name 19999")
    assert limiter.wait("name 19999") == 0


def test_unknown_and_known_names_take_the_same_time(server: Server) -> None:
    client = server.client()
    limiter = client.app.state.server.limiter  # type: ignore[attr-defined]
    known, unknown = [], []
    for n in range(8):
        for times, name in [(known, COORDINATOR), (unknown, f"Nobody {n}")]:
            started = time.perf_counter()
            response = client.post("/coordinator/login", data={"name": name, "password": "x"})
            times.append(time.perf_counter() - started)
            assert response.status_code == 401
            limiter.succeeded(name)  # timing, not the limiter, is under test
    # Before the stand-in hash an unknown name answered 60 times faster.
    assert statistics.median(unknown) > 0.5 * statistics.median(known)


@pytest.fixture
def serve(served_book: BuildResult, tmp_path: Path) -> Iterator[object]:
    """Starts the real `mentor-course serve` with extra options; yields (base URL) makers."""
    started: list[subprocess.Popen[bytes]] = []
    store = str(tmp_path / "course.sqlite3")
    with Store.open(store) as opened:
        opened.add_coordinator(COORDINATOR, passwords.hash(PASSWORD))

    def start(*options: str) -> str:
        port = free_port()
        command = [sys.executable, "-c", "from mentor_course.cli import app; app()", "serve"]
        root = served_book.html_dir.parents[3]
        process = subprocess.Popen(
            [*command, "--root", str(root), "--port", str(port), *options],
            env={**os.environ, "MENTOR_COURSE_DB": store},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append(serving(process, port))
        return f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()


def test_a_forwarded_address_is_ignored_unless_the_proxy_is_trusted(serve: object) -> None:
    base = serve()  # type: ignore[operator]
    # A new X-Forwarded-For per guess: still one client, and one account.
    answers = [
        httpx2.post(
            f"{base}/coordinator/login", data=WRONG, headers={"X-Forwarded-For": f"10.1.{n}.1"}
        ).status_code
        for n in range(6)
    ]
    assert answers == [401] * 5 + [429]
    sprayed = [
        httpx2.post(
            f"{base}/coordinator/login",
            data={"name": f"guess {n}", "password": "x"},
            headers={"X-Forwarded-For": f"10.2.{n}.1"},
        ).status_code
        for n in range(30)
    ]
    assert (
        sprayed[-1] == 429
        and "from here"
        in httpx2.post(f"{base}/coordinator/login", data={"name": "another", "password": "x"}).text
    )


def test_behind_a_trusted_proxy_each_client_is_counted_apart(serve: object) -> None:
    base = serve("--trusted-proxy", "127.0.0.1")  # type: ignore[operator]
    for n in range(30):
        httpx2.post(
            f"{base}/coordinator/login",
            data={"name": f"guess {n}", "password": "x"},
            headers={"X-Forwarded-For": "10.0.0.66"},
        )
    sprayer = {"X-Forwarded-For": "10.0.0.66"}
    refused = httpx2.post(f"{base}/coordinator/login", data=RIGHT, headers=sprayer)
    assert refused.status_code == 429
    coordinator = {"X-Forwarded-For": "10.0.0.7"}
    signed_in = httpx2.post(f"{base}/coordinator/login", data=RIGHT, headers=coordinator)
    assert signed_in.status_code == 303


def _cookie_for(server: Server, token: str) -> object:
    fresh = server.client()  # another app: no session cached
    fresh.cookies.set(COOKIE, token)
    return fresh


def test_a_new_password_or_removal_ends_a_coordinators_sessions(server: Server) -> None:
    token = server.coordinator().cookies[COOKIE]
    assert _cookie_for(server, token).get("/coordinator").status_code == 200  # type: ignore[attr-defined]
    with Store.open(server.url) as store:
        store.add_coordinator(COORDINATOR, passwords.hash("another long password"))
    assert _cookie_for(server, token).get("/coordinator").status_code == 401  # type: ignore[attr-defined]

    with Store.open(server.url) as store:
        store.add_coordinator(COORDINATOR, passwords.hash(PASSWORD))
    token = server.coordinator().cookies[COOKIE]
    runner = CliRunner()
    removed = runner.invoke(app, ["coordinator", "remove", COORDINATOR, "--db", server.url])
    assert removed.exit_code == 0, removed.output
    assert _cookie_for(server, token).get("/coordinator").status_code == 401  # type: ignore[attr-defined]
    again = runner.invoke(app, ["coordinator", "remove", COORDINATOR, "--db", server.url])
    assert again.exit_code == 1
    assert again.output == f"error: there is no coordinator named '{COORDINATOR}'\n"
    assert runner.invoke(app, ["coordinator", "remove", "--help"]).exit_code == 0


def test_a_weak_password_is_refused() -> None:
    result = CliRunner().invoke(app, ["coordinator", "add", "Kim"], input="aaaaaaaaaa\n" * 2)
    assert result.exit_code == 1 and "at least 5 different" in result.output


def test_sessions_last_as_long_as_the_settings_say(server: Server) -> None:
    coordinator = server.client().post("/coordinator/login", data=RIGHT, follow_redirects=False)
    assert "max-age=43200" in coordinator.headers["set-cookie"].lower()  # a working day
    short = Server(server.url, replace(server.settings, mentor_session=dt.timedelta(days=1)))
    mentor = short.client().post(f"/enroll/{server.enroll('Ann')}", follow_redirects=False)
    assert "max-age=86400" in mentor.headers["set-cookie"].lower()
    with Store.open(server.url) as store:
        token = mentor.cookies[COOKIE]
        assert store.session_for(token) is not None
    for client in short.clients:
        client.__exit__(None, None, None)


def test_ended_sessions_and_old_links_are_purged(server: Server) -> None:
    with Store.open(server.url) as store:
        current, _ = store.start_session(learner=store.add_learner("Ann"))
        store.start_session(learner="Ann", valid_for=dt.timedelta(seconds=-1))
        fresh = store.create_enrollment("Ann", person=store.learner("Ann").id).token
        store.create_enrollment("Bo", valid_for=dt.timedelta(days=-100))
        assert store.purge_expired() == (1, 1)
        assert store.session_for(current) is not None
        assert store.enrollment_link(fresh) is not None


def test_hsts_only_under_https(server: Server) -> None:
    assert "strict-transport-security" not in server.client().get("/").headers
    secure = Server(server.url, replace(server.settings, secure_cookies=True))
    for path in ["/", "/api/session", "/coordinator/login", "/nope"]:
        assert secure.client().get(path).headers["strict-transport-security"] == "max-age=31536000"
    for client in secure.clients:
        client.__exit__(None, None, None)
