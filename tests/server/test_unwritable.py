"""A store that cannot be written: `serve` refuses to start on one, and a store that fills up
while serving answers 503 with a reason and the security headers, logs one line per
refusal (no traceback), and loses no acknowledged attempt.

The disk fills for real: the server process runs with a file-size limit (RLIMIT_FSIZE,
with SIGXFSZ ignored), so SQLite's writes past it fail as on a full disk."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx2

from mentor_course.book import BuildResult
from mentor_course.store import Store
from tests.server.test_durability import free_port, mentors, start


def file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_serve_refuses_a_store_it_cannot_write(served_book: BuildResult, tmp_path: Path) -> None:
    """A store SQLite opens read-only (as for a file the server's user may not write) reads
    as usual: only a write finds it out, so `serve` tries one before it starts."""
    store = tmp_path / "course.sqlite3"
    Store.open(str(store)).close()
    root = served_book.html_dir.parents[3]
    command = [sys.executable, "-c", "from mentor_course.cli import app; app()", "serve"]
    ran = subprocess.run(
        [*command, "--root", str(root), "--port", str(free_port())],
        env={**os.environ, "MENTOR_COURSE_DB": f"sqlite:///file:{store}?mode=ro&uri=true"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 1
    assert ran.stderr == (
        "error: the store cannot save anything now: attempt to write a readonly database; "
        "serve needs a store it can write to: check the file's permissions and the free disk "
        "space\n"
    )


def test_a_store_that_fills_up_answers_503_and_loses_nothing_acknowledged(
    served_book: BuildResult, tmp_path: Path
) -> None:
    store = str(tmp_path / "course.sqlite3")
    (headers,) = mentors(store, 1)
    port = free_port()
    # The shared-memory index takes 32 KiB; a few attempts more fill the rest.
    server = start(store, served_book, port, preexec_fn=file_size_limit(48 * 1024))
    acknowledged, refused = [], None
    try:
        for _ in range(200):
            body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
            answer = httpx2.post(
                f"http://127.0.0.1:{port}/api/attempts", json=body, headers=headers, timeout=30
            )
            if answer.status_code == 200:
                acknowledged.append(body["attempt_id"])
                continue
            refused = answer
            break
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert server.stderr is not None
    logged = server.stderr.read().decode("utf-8", "replace")
    server.stderr.close()
    assert refused is not None, "the store never filled up"
    assert refused.status_code == 503
    assert "cannot save anything right now" in refused.json()["detail"]
    assert refused.headers["x-content-type-options"] == "nosniff"
    assert refused.headers["cache-control"] == "no-store"
    assert "Traceback" not in logged and "store cannot save anything now" in logged
    with Store.open(store) as opened:
        stored = {a.id for a in opened.attempts("Mentor 0")}
        assert opened.integrity_ok()
    assert set(acknowledged) <= stored
