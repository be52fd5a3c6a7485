"""Server processes for the benchmarks: `mentor-course serve` and a plain static server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def process(command: list[str], port: int, cwd: Path, log: Path) -> Iterator[str]:
    """Run a server process (its stderr to `log`) until it answers on `port`; yield its
    base URL, then stop it."""
    with log.open("w", encoding="utf-8") as stderr:
        server = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx2.get(f"{base}/", timeout=1)
                    break
                except httpx2.TransportError:
                    if server.poll() is not None:
                        raise SystemExit(f"{command[2:4]} did not start; see {log}") from None
                    if time.monotonic() > deadline:
                        raise SystemExit(f"{command} did not answer in 60 s; see {log}") from None
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def course_server(root: Path, db: str, log: Path) -> AbstractContextManager[str]:
    """`mentor-course serve` on the served book of `root`, on the store `db`."""
    port = free_port()
    command = [sys.executable, "-c", "from mentor_course.cli import app; app()", "serve"]
    command += ["--root", str(root), "--port", str(port), "--db", db]
    return process(command, port, root, log)


def static_server(directory: Path, log: Path) -> AbstractContextManager[str]:
    """A plain static HTTP server on `directory`."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    return process([*command, "--directory", str(directory)], port, directory, log)
