"""Several writer processes at once, and a writer killed mid-loop, on one SQLite file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from mentor_course.store import Store
from tests.chapters import REPO
from tests.store.writer import SHARED_IDS


def writer(url: str, learner: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", url, learner, str(count)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_concurrent_writers_lose_nothing_and_count_nothing_twice(tmp_path: Path) -> None:
    url = str(tmp_path / "shared.sqlite3")
    Store.open(url).close()  # created once, as `mentor-course db upgrade` would
    writers = [writer(url, f"Writer {n}", 120) for n in range(4)]
    acknowledged: set[str] = set()
    for process in writers:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        acknowledged |= set(stdout.split())
    assert len(acknowledged) == 4 * 120
    with Store.open(url) as store:
        stored = list(store.attempts())
        assert store.integrity_ok()
    ids = [a.id for a in stored]
    assert len(ids) == len(set(ids)) == 4 * 120 + len(SHARED_IDS)
    assert acknowledged <= set(ids)


def test_a_killed_writer_loses_no_acknowledged_attempt(tmp_path: Path) -> None:
    url = str(tmp_path / "crash.sqlite3")
    Store.open(url).close()
    acknowledged = []
    with writer(url, "Crashy", 1_000_000) as process:
        assert process.stdout is not None
        while len(acknowledged) < 150:
            line = process.stdout.readline()
            assert line, "the writer ended before it was killed"
            acknowledged.append(line.strip())
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with Store.open(url) as store:
        assert store.integrity_ok()
        stored = {a.id for a in store.attempts()}
    assert set(acknowledged) <= stored
