"""The server as a process: it refuses a readable secret file, and logs no tokens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import httpx2
import pytest
from typer.testing import CliRunner

from mentor_course.book import BuildResult
from mentor_course.cli import app
from mentor_course.store import Store
from tests.server.test_durability import free_port, mentors, serving, start


def test_serve_refuses_a_database_url_file_others_can_read(
    served_book: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "db-url"
    secret.write_text("postgresql+psycopg://course:hunter22@127.0.0.1/course\n", encoding="utf-8")
    secret.chmod(0o640)
    monkeypatch.delenv("MENTOR_COURSE_DB")
    monkeypatch.setenv("MENTOR_COURSE_DB_FILE", str(secret))
    root = served_book.html_dir.parents[3]
    result = CliRunner().invoke(app, ["serve", "--root", str(root), "--port", str(free_port())])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {secret} can be read by other users")
    assert "hunter22" not in result.output


def test_the_server_logs_no_tokens(served_book: BuildResult, tmp_path: Path) -> None:
    store = str(tmp_path / "logs.sqlite3")
    (headers,) = mentors(store, 1)
    with Store.open(store) as opened:
        link_token = opened.create_enrollment("Ann").token
    port = free_port()
    server = start(store, served_book, port)
    base = f"http://127.0.0.1:{port}"
    httpx2.post(f"{base}/enroll/{link_token}")
    body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
    assert httpx2.post(f"{base}/api/attempts", json=body, headers=headers).status_code == 200
    httpx2.post(f"{base}/coordinator/login", data={"name": "x", "password": "secret-pw"})
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    assert server.stderr is not None
    logged = server.stderr.read().decode("utf-8", "replace")
    server.stderr.close()
    session_token = headers["Cookie"].split("=", 1)[1]
    for secret in [link_token, session_token, headers["X-CSRF-Token"], "secret-pw"]:
        assert secret not in logged
    assert os.path.exists(store)


def test_serve_warns_while_program_yml_holds_the_example_contacts(
    served_book: BuildResult, tmp_path: Path
) -> None:
    """The real command, as a program runs it: the warning comes once the store opens."""
    root = served_book.html_dir.parents[3]  # a copy of the course, with the shipped program.yml
    port = free_port()
    env = {**os.environ, "MENTOR_COURSE_DB": str(tmp_path / "course.sqlite3")}
    command = [sys.executable, "-c", "from mentor_course.cli import app; app()"]
    server = subprocess.Popen(
        [*command, "serve", "--root", str(root), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        serving(server, port)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert server.stderr is not None
    said = server.stderr.read().decode("utf-8", "replace")
    server.stderr.close()
    assert "warning: program.yml still holds the example contacts" in said
    with Store.open(env["MENTOR_COURSE_DB"]) as store:  # where enroll's links will point
        assert store.server_address() == f"http://127.0.0.1:{port}"
