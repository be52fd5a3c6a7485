"""The completion report at scale: table and CSV for programs of growing size.

Synthetic programs of 1,000 / 10,000 / 100,000 learners, each with 3 attempts
at each of 8 quizzes (24,000 / 240,000 / 2,400,000 attempts), on SQLite and
PostgreSQL. The report (model and writer, streamed to a file) is timed in the
same process as its floor: one raw SQL GROUP BY learner, quiz through the same
driver, written with `csv.writer`. Memory is the peak resident size of a fresh
process making the CSV report, against the same at the smallest size.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import uuid
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from benchmarks.measure import ROOT, Options, Result, median_seconds
from mentor_course.report import QuizColumn, build_report, write
from mentor_course.store import Store, upgrade
from mentor_course.store.tables import Attempt, Learner, QuizVersion

TITLE = "Report at scale"
QUIZZES = [QuizColumn(f"quiz-{n}", f"Quiz {n}") for n in range(1, 9)]
ATTEMPTS_EACH = 3
TARGET_RATIO = 2.0
MEMORY_GROWTH = 1.2  # peak memory at the largest size, as a multiple of the smallest

FLOOR_SQL = """
SELECT learners.name, attempts.bank_id, count(*), max(attempts.score),
       min(CASE WHEN attempts.passed THEN attempts.finished_at END)
FROM attempts JOIN learners ON learners.id = attempts.learner_id
GROUP BY learners.id, learners.name, attempts.bank_id
"""


def run(options: Options) -> list[Result]:
    sizes = [100, 1_000] if options.quick else [1_000, 10_000, 100_000]
    stores = {"SQLite": f"sqlite:///{options.work / 'report.sqlite3'}"}
    if options.postgres_url:
        stores["PostgreSQL"] = options.postgres_url
    results = []
    for label, url in stores.items():
        smallest_memory = None
        for learners in sizes:
            print(f"   {label}: filling {learners * 8 * ATTEMPTS_EACH:,} attempts", file=sys.stderr)
            fill(url, learners)
            attempts = f"{learners * len(QUIZZES) * ATTEMPTS_EACH:,} attempts"
            out = options.work / "report.out"
            floor = median_seconds(partial(floor_csv, url, out), options.runs)
            for fmt in ("csv", "table"):
                ours = median_seconds(partial(report, url, fmt, out), options.runs)
                results.append(
                    Result(
                        TITLE,
                        f"{label}, {attempts}: report as {fmt}",
                        ours,
                        "s",
                        "raw SQL GROUP BY + csv.writer",
                        floor,
                        f"≤ {TARGET_RATIO:.0f}x the floor",
                        ours <= TARGET_RATIO * floor,
                        f"{learners:,} learners, {len(QUIZZES)} quizzes",
                    )
                )
            memory = peak_memory_mb(url, out)
            smallest_memory = smallest_memory or memory
            results.append(
                Result(
                    TITLE,
                    f"{label}, {attempts}: peak memory of `report --format csv`",
                    memory,
                    "MB",
                    f"same at {sizes[0] * len(QUIZZES) * ATTEMPTS_EACH:,} attempts",
                    smallest_memory,
                    f"≤ {MEMORY_GROWTH}x the smallest",
                    memory <= MEMORY_GROWTH * smallest_memory,
                    "resident set of a fresh process",
                )
            )
    return results


def fill(url: str, learners: int) -> None:
    """An empty store, then `learners` learners with 3 attempts at each of 8 quizzes."""
    upgrade(url)
    with Store.open(url) as store, store.engine.begin() as connection:
        if url.startswith("postgresql"):
            connection.exec_driver_sql(
                "TRUNCATE attempts, attendance, web_sessions, enrollment_links, learners, "
                "cohorts, quiz_versions CASCADE"
            )
        else:
            for table in ("attempts", "learners", "quiz_versions"):
                connection.exec_driver_sql(f"DELETE FROM {table}")
        connection.execute(
            insert(QuizVersion),
            [
                {"bank_id": q.id, "version": "v1", "title": q.title, "pass_mark": 0.75}
                for q in QUIZZES
            ],
        )
        connection.execute(
            insert(Learner), [{"id": n + 1, "name": f"Learner {n:06d}"} for n in range(learners)]
        )
        batch: list[dict[str, Any]] = []
        for row in _attempts(learners):
            batch.append(row)
            if len(batch) == 50_000:
                connection.execute(insert(Attempt), batch)
                batch = []
        if batch:
            connection.execute(insert(Attempt), batch)
        if url.startswith("postgresql"):
            connection.exec_driver_sql("ANALYZE")


def _attempts(learners: int) -> Iterator[dict[str, Any]]:
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    for learner in range(1, learners + 1):
        for q, quiz in enumerate(QUIZZES):
            for tries in range(ATTEMPTS_EACH):
                score = ((learner + q + tries) % 11) / 10
                yield {
                    "id": str(uuid.UUID(int=(learner * 64 + q * 4 + tries))),
                    "learner_id": learner,
                    "bank_id": quiz.id,
                    "bank_version": "v1",
                    "results": [{"id": "q1", "score": score, "verdict": "partial"}],
                    "score": score,
                    "passed": score >= 0.75,
                    "started_at": None,
                    "finished_at": start + dt.timedelta(days=q, hours=tries, minutes=learner % 60),
                    "source": "served",
                }


def report(url: str, fmt: str, out: Path) -> None:
    """What `mentor-course report --format FMT --output OUT` does."""
    with Store.open(url) as store, out.open("w", encoding="utf-8", newline="") as file:
        write(build_report(store, QUIZZES, stream=True), fmt, file)


def floor_csv(url: str, out: Path) -> None:
    """The least a report could do: one GROUP BY through the driver, rows to CSV."""
    with Store.open(url) as store:
        connection = store.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(FLOOR_SQL)
            with out.open("w", encoding="utf-8", newline="") as file:
                writer = csv.writer(file, lineterminator="\n")
                while rows := cursor.fetchmany(2000):
                    writer.writerows(rows)
        finally:
            connection.close()


def peak_memory_mb(url: str, out: Path) -> float:
    """Peak resident memory of a fresh process writing the CSV report.

    Read from VmHWM: `ru_maxrss` would carry over this (larger) parent's peak
    through fork and exec.
    """
    code = (
        "import sys; from pathlib import Path; from benchmarks.report import report; "
        "report(sys.argv[1], 'csv', Path(sys.argv[2])); "
        "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, url, str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return int(done.stdout.strip()) / 1024  # kB
