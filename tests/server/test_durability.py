"""A real server process on 127.0.0.1 under concurrent submissions, then killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx2

from mentor_course.book import BuildResult
from mentor_course.server.state import COOKIE
from mentor_course.store import Store
from tests.chapters import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    store: str,
    served_book: BuildResult,
    port: int,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.Popen[bytes]:
    """A course server process on `port`; `preexec_fn` runs in it first (to set limits)."""
    root = served_book.html_dir.parents[3]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.server.run_server", store, str(served_book.html_dir),
         str(root), str(port)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=preexec_fn,
    )  # fmt: skip
    return serving(process, port)


def serving(process: subprocess.Popen[bytes], port: int) -> subprocess.Popen[bytes]:
    """`process`, once it answers on `port` (a minute at most, failing if it dies first)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx2.get(f"http://127.0.0.1:{port}/api/session", timeout=1)
            return process
        except httpx2.TransportError:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


def mentors(store: str, count: int) -> list[dict[str, str]]:
    headers = []
    with Store.open(store) as opened:
        for n in range(count):
            token, csrf = opened.start_session(learner=opened.add_learner(f"Mentor {n}"))
            headers.append({"Cookie": f"{COOKIE}={token}", "X-CSRF-Token": csrf})
    return headers


def submit_forever(
    port: int, headers: dict[str, str], acknowledged: list[str], stop: threading.Event
) -> None:
    """Send attempts, each twice (a retry), and note every id the server acknowledged."""
    with httpx2.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=10) as client:
        while not stop.is_set():
            body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
            for _ in range(2):
                try:
                    response = client.post("/api/attempts", json=body)
                except httpx2.TransportError:
                    return  # the server is gone
                if response.status_code == 200:
                    acknowledged.append(body["attempt_id"])


def test_concurrent_submissions_count_once_and_a_killed_server_loses_nothing(
    served_book: BuildResult, tmp_path: Path
) -> None:
    store = str(tmp_path / "served.sqlite3")
    clients = mentors(store, 6)
    port = free_port()
    server = start(store, served_book, port)
    acknowledged: list[str] = []
    stop = threading.Event()
    threads = [
        threading.Thread(target=submit_forever, args=(port, h, acknowledged, stop)) for h in clients
    ]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 300 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.send_signal(signal.SIGKILL)  # mid-load, with requests in flight
        server.wait(timeout=30)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        if server.poll() is None:
            server.kill()
        if server.stderr:
            server.stderr.close()
    assert len(acknowledged) >= 300
    with Store.open(store) as opened:
        assert opened.integrity_ok()
        stored = [a.id for a in opened.attempts()]
    assert len(stored) == len(set(stored))  # nothing double-counted
    assert set(acknowledged) <= set(stored)  # nothing acknowledged was lost
