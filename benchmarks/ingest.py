"""Server ingest: attempts recorded per second under 32 concurrent loopback clients.

The load comes from wrk (`apt-get install wrk`), a C load generator, so the
client takes little of the machine's CPU from the server it measures. Each
request is a mentor's full quiz attempt with a fresh attempt id, so every one
is graded on the server, checked against the mentor's session and CSRF token,
and written to the store. The baseline is the same server process returning a
small static file from the book. After each run the store is counted: every
acknowledged attempt must be there.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.measure import Options, Result, median
from benchmarks.plain_book import copy_course
from benchmarks.servers import course_server
from mentor_course.course import Course
from mentor_course.quiz import QuizBank
from mentor_course.store import Store, upgrade
from mentor_course.store.tables import Attempt

TITLE = "Server ingest"
CLIENTS = 32
MENTORS = 32
TARGET_RATE = 1000.0
TARGET_P99_MS = 100.0

# Attempt ids never repeat (a run number from the command line, a thread number
# from `setup`, a counter), so every request is a new attempt.
SCRIPT = """
local tokens = {%(tokens)s}
local bodies = {%(bodies)s}
local counter = 0
local run_id = 0
local next_id = 0
init = function(args)
  run_id = tonumber(args[1])
end
setup = function(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
end
request = function()
  counter = counter + 1
  local who = tokens[(counter %% #tokens) + 1]
  local attempt = string.format("%%08x-%%04x-4000-8000-%%012x", run_id, thread_id, counter)
  local body = string.gsub(bodies[(counter %% #bodies) + 1], "ATTEMPT_ID", attempt)
  return wrk.format("POST", "/api/attempts", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "mentor_course_session=" .. who[1],
    ["X-CSRF-Token"] = who[2],
    ["Sec-Fetch-Site"] = "same-origin",
  }, body)
end
"""


@dataclass(frozen=True)
class Load:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int
    output: str


def run(options: Options) -> list[Result]:
    if shutil.which("wrk") is None:
        raise SystemExit("the ingest benchmark needs wrk: apt-get install wrk")
    stores = {"SQLite": f"sqlite:///{options.work / 'ingest.sqlite3'}"}
    if options.postgres_url:
        stores["PostgreSQL"] = options.postgres_url
    seconds = 3 if options.quick else 10
    course = _course(options.work / "course")
    results = []
    for label, url in stores.items():
        _empty(url)
        with course_server(course, url, options.work / f"{label}.log") as base:
            tokens = _mentors(url)
            script = options.work / "attempts.lua"
            script.write_text(_script(tokens, Course(course).banks()), encoding="utf-8")
            _wrk(base, seconds=2, path="/probe.json")  # warm up both paths
            _wrk(base, seconds=2, script=script)
            static, attempts = [], []
            for _ in range(options.runs):
                static.append(_wrk(base, seconds, path="/probe.json"))
                before = _stored(url)
                load = _wrk(base, seconds, script=script)
                stored = _stored(url) - before
                # wrk stops counting at the deadline; requests still in flight are stored too.
                if load.failures or not load.requests <= stored <= load.requests + CLIENTS:
                    raise SystemExit(
                        f"{label}: {load.failures} failed requests, {stored} attempts stored "
                        f"for {load.requests} requests; see {options.work / f'{label}.log'}\n"
                        + load.output
                    )
                attempts.append(load)
        rate = median([a.requests_per_s for a in attempts])
        p99 = median([a.p99_ms for a in attempts])
        p50 = median([a.p50_ms for a in attempts])
        static_rate = median([s.requests_per_s for s in static])
        on_sqlite = label == "SQLite"
        results += [
            Result(
                TITLE,
                f"{label}: attempts recorded per second, {CLIENTS} clients",
                rate,
                "requests/s",
                "static file from the same server",
                static_rate,
                f"≥ {TARGET_RATE:,.0f} attempts/s" if on_sqlite else "",
                rate >= TARGET_RATE if on_sqlite else None,
                f"{sum(a.requests for a in attempts):,} attempts, all stored",
            ),
            Result(
                TITLE,
                f"{label}: p99 latency of an attempt",
                p99,
                "ms",
                "static file p99",
                median([s.p99_ms for s in static]),
                f"< {TARGET_P99_MS:.0f} ms" if on_sqlite else "",
                p99 < TARGET_P99_MS if on_sqlite else None,
                f"p50 {p50:.1f} ms (static p50 {median([s.p50_ms for s in static]):.1f} ms)",
            ),
        ]
    return results


def _course(root: Path) -> Path:
    """A copy of the course whose served "book" is one small static file."""
    copy_course(root)
    html = root / "_build" / "served" / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("<!doctype html><title>course</title>", encoding="utf-8")
    (html / "probe.json").write_text(json.dumps({"ok": True, "pad": "x" * 200}))
    return root


def _empty(url: str) -> None:
    """A store with no rows (PostgreSQL: drop what an earlier run left)."""
    upgrade(url)
    if url.startswith("postgresql"):
        with Store.open(url) as store, store.engine.begin() as connection:
            connection.exec_driver_sql(
                "TRUNCATE attempts, web_sessions, learners, quiz_versions CASCADE"
            )
    else:
        Store.open(url).close()


def _mentors(url: str) -> list[tuple[str, str]]:
    with Store.open(url) as store:
        return [store.start_session(learner=f"Mentor {n:02d}") for n in range(MENTORS)]


def _stored(url: str) -> int:
    with Store.open(url) as store, store.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Attempt)) or 0


def _script(tokens: list[tuple[str, str]], banks: list[QuizBank]) -> str:
    bodies = [
        json.dumps({"attempt_id": "ATTEMPT_ID", "bank_id": b.id, "answers": b.right_answers()})
        for b in banks
    ]
    return SCRIPT % {
        "tokens": ", ".join(f'{{"{t}", "{c}"}}' for t, c in tokens),
        "bodies": ", ".join(_lua_string(body) for body in bodies),
    }


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


RUNS = itertools.count(1)


def _wrk(base: str, seconds: int, *, path: str = "/", script: Path | None = None) -> Load:
    command = ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    command += ["-s", str(script), base, "--", str(next(RUNS))] if script else [base + path]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", output)[1])  # type: ignore[index]
    failures = sum(int(m[1]) for m in re.finditer(r"Non-2xx or 3xx responses: (\d+)", output))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failures += sum(int(n) for n in errors.groups()) if errors else 0
    return Load(
        requests_per_s=float(re.search(r"Requests/sec:\s*([\d.]+)", output)[1]),  # type: ignore[index]
        p50_ms=_ms(re.search(r"50%\s+([\d.]+\w+)", output)[1]),  # type: ignore[index]
        p99_ms=_ms(re.search(r"99%\s+([\d.]+\w+)", output)[1]),  # type: ignore[index]
        requests=requests,
        failures=failures,
        output=output,
    )


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
