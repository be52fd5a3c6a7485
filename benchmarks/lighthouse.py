"""Lighthouse on a phone: the served course's pages, against stock Jupyter Book 1.

Lighthouse 12.2.3 (pinned in benchmarks/package-lock.json, installed with
`npm ci` into benchmarks/node_modules when missing; Lighthouse 13 needs Node 22)
runs its default mobile preset: a phone's screen, simulated slow 4G and a 4x
slower CPU. Each run starts its own headless Chromium (`/usr/bin/chromium`,
fresh profile, cache and storage cleared), one run at a time.

Ours: a real `mentor-course serve` process on the served build of a copy of
the course; a chapter, a quiz page, the plan page, and the coordinator
dashboard signed in (a coordinator's session cookie, sent with
`--extra-headers`, over a cohort with some attempts). Baseline, in the same
run: the stock Jupyter Book 1 page of the same chapter (our directives and
extension removed, `jupyter-book build`), served by `python -m http.server`;
the dashboard, which stock Jupyter Book has no counterpart for, is set beside
the stock chapter page. Runs are interleaved page by page, so drifting load on
the machine hits every page alike.

Each page gets one row per figure: the performance, accessibility,
best-practices and SEO scores and the largest and first contentful paints,
each a median of `--runs` runs. A score row's note names the audits of that
category that failed (score below 0.9), with how many runs they failed in when
not all; fix those to raise it. `--quick` measures the chapter alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from benchmarks.measure import CHROMIUM, ROOT, Options, Result, median
from benchmarks.plain_book import copy_course, jupyter_book_build, plain_copy
from benchmarks.servers import course_server, static_server
from mentor_course.book import build_book
from mentor_course.quiz import load_bank
from mentor_course.store import Store

TITLE = "Lighthouse (mobile)"
TOOLS = ROOT / "benchmarks"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
CHROME_FLAGS = "--headless=new --no-sandbox"
RUN_TIMEOUT_S = 300
COOKIE = "mentor_course_session"  # mentor_course.server.state.COOKIE
COORDINATOR = "Benchmark Coordinator"
STOCK = "stock Jupyter Book 1"

# (case, path on the course server, the stock book's page of the same chapter)
PAGES = [
    ("chapter page (book/intro)", "book/intro.html", "book/intro.html"),
    (
        "quiz page (book/compassion-fatigue-vs-burnout)",
        "book/compassion-fatigue-vs-burnout.html",
        "book/compassion-fatigue-vs-burnout.html",
    ),
    ("plan page (book/self-care-plan)", "book/self-care-plan.html", "book/self-care-plan.html"),
    ("coordinator dashboard, signed in (/coordinator)", "coordinator", "book/intro.html"),
]
CATEGORIES = {  # Lighthouse's category id: its name in the table
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
PERFORMANCE_TARGET, PERFORMANCE_FLOOR = 100, 98
LCP_TARGET_S = 1.5
PASS = 0.9  # Lighthouse's own line between a passed audit and one to fix
RATED = {"binary", "numeric", "metricSavings"}  # audits that pass or fail (not informative)


@dataclass
class Run:
    """What one Lighthouse run found on one page."""

    scores: dict[str, float]  # category id: score out of 100
    lcp: float  # seconds
    fcp: float  # seconds
    failing: dict[str, list[str]]  # category id: ids of its failed audits
    errored: dict[str, list[str]]  # category id: ids of its audits that could not run
    why: dict[str, str] = field(default_factory=dict)  # failed audit id: what Lighthouse said
    lcp_element: str = ""
    benchmark_index: float = 0.0  # Lighthouse's measure of this machine's CPU speed
    warnings: list[str] = field(default_factory=list)


def summarize(report: dict[str, Any]) -> Run:
    """The figures of one Lighthouse JSON report (`lhr`)."""
    if report.get("runtimeError"):
        error = report["runtimeError"]
        raise SystemExit(f"Lighthouse could not measure {report.get('requestedUrl')}: {error}")
    audits = report["audits"]
    failing, errored = {}, {}
    for category in CATEGORIES:
        refs = report["categories"][category]["auditRefs"]
        weights = {ref["id"]: ref.get("weight", 0) for ref in refs}
        failed = [
            ref["id"]
            for ref in refs
            if audits[ref["id"]].get("scoreDisplayMode") in RATED
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < PASS
        ]
        # An audit of weight 0 is shown, but does not count towards the category's score.
        failing[category] = [a if weights[a] else f"{a} (unscored)" for a in failed]
        errored[category] = [
            ref["id"] for ref in refs if audits[ref["id"]].get("scoreDisplayMode") == "error"
        ]
    why = {
        audit: " ".join(
            text
            for text in [
                audits[audit].get("title", ""),
                audits[audit].get("displayValue", ""),
                audits[audit].get("explanation", ""),
                audits[audit].get("errorMessage", ""),
            ]
            if text
        )[:300]
        for ids in [*failing.values(), *errored.values()]
        for audit in (entry.removesuffix(" (unscored)") for entry in ids)
    }
    items = (audits.get("largest-contentful-paint-element", {}).get("details") or {}).get("items")
    element = ""
    if items:  # LH 12: a list of tables, the first naming the element
        first = items[0].get("items", [items[0]])[0] if isinstance(items[0], dict) else {}
        node = first.get("node", {})
        element = node.get("selector") or node.get("nodeLabel") or ""
    return Run(
        scores={c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES},
        lcp=audits["largest-contentful-paint"]["numericValue"] / 1000,
        fcp=audits["first-contentful-paint"]["numericValue"] / 1000,
        failing=failing,
        errored=errored,
        why=why,
        lcp_element=element,
        benchmark_index=report.get("environment", {}).get("benchmarkIndex", 0.0),
        warnings=list(report.get("runWarnings", [])),
    )


def lighthouse_installed() -> Path:
    """benchmarks/node_modules/.bin/lighthouse, installed from the lock file when missing."""
    if not LIGHTHOUSE.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm is missing: install Node.js 20 with npm to run Lighthouse")
        print("   npm ci (Lighthouse, from benchmarks/package-lock.json)", file=sys.stderr)
        subprocess.run([npm, "ci", "--silent"], cwd=TOOLS, check=True, timeout=600)
    found = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    if found.stdout.strip() != VERSION:
        raise SystemExit(f"benchmarks/node_modules has Lighthouse {found.stdout.strip()}, "
                         f"not {VERSION}: run `npm ci` in benchmarks/")  # fmt: skip
    return LIGHTHOUSE


def lighthouse(url: str, out: Path, headers: Path | None = None) -> Run:
    """One Lighthouse run on `url` (mobile preset, simulated throttling), its JSON kept at `out`."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    if headers is not None:
        command.append(f"--extra-headers={headers}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if done.returncode != 0 or not out.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"Lighthouse failed on {url} (exit {done.returncode}): {last}")
    return summarize(json.loads(out.read_text(encoding="utf-8")))


def seed_store(db: str, course: Path) -> str:
    """A coordinator's session token, on a store with a cohort of learners. Attempts are
    added through the running server (`add_attempts`), the way mentors make them."""
    with Store.open(db) as store:
        token, _csrf = store.start_session(coordinator=COORDINATOR)
        for n in range(24):
            store.add_learner(f"Mentor {n + 1:02}", cohort=("Spring", "Autumn")[n % 2])
    return token


def add_attempts(base: str, db: str, course: Path) -> None:
    """Each mentor's attempts: some passed, some not, some quizzes not yet taken."""
    banks = [
        load_bank(path, course / "book" / "references.bib")
        for path in sorted((course / "quizzes").glob("*.yml"))
    ]
    with Store.open(db) as store:
        sessions = [store.start_session(learner=f"Mentor {n + 1:02}") for n in range(24)]
    with httpx2.Client(base_url=base, timeout=30) as client:
        for n, (token, csrf) in enumerate(sessions):
            headers = {"Cookie": f"{COOKIE}={token}", "X-CSRF-Token": csrf}
            for b, bank in enumerate(banks[: 1 + n % len(banks)]):
                attempt = str(uuid.uuid4())
                passed = (n + b) % 3 != 0
                answers = bank.right_answers(bank.draw(attempt)) if passed else {}
                body = {"attempt_id": attempt, "bank_id": bank.id, "answers": answers}
                response = client.post("/api/attempts", json=body, headers=headers)
                if response.status_code != 200:
                    raise SystemExit(f"could not record an attempt: {response.status_code}")


def audits_note(runs: list[Run], category: str) -> str:
    """The category's failed audits, and those Lighthouse could not run, over all runs."""

    def listed(found: list[list[str]]) -> str:
        counts = Counter(audit for ids in found for audit in ids)
        return ", ".join(
            audit if count == len(runs) else f"{audit} ({count}/{len(runs)} runs)"
            for audit, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        )

    failed = listed([run.failing[category] for run in runs])
    note = f"failing: {failed}" if failed else "no audit failed"
    if errored := listed([run.errored[category] for run in runs]):
        note += f"; could not run: {errored}"
    return note


def page_rows(case: str, ours: list[Run], stock: list[Run], baseline: str) -> list[Result]:
    rows = []
    for category, name in CATEGORIES.items():
        samples = [run.scores[category] for run in ours]
        value = median(samples)
        if category == "performance":
            target = f"{PERFORMANCE_TARGET}, never below {PERFORMANCE_FLOOR}"
            met = value >= PERFORMANCE_TARGET and min(samples) >= PERFORMANCE_FLOOR
        else:
            target, met = "100", value >= 100
        spread = f"runs {min(samples):.0f}-{max(samples):.0f}; " if len(set(samples)) > 1 else ""
        rows.append(
            Result(
                TITLE,
                f"{case}: {name}",
                value,
                "/ 100",
                baseline,
                median([run.scores[category] for run in stock]),
                target,
                met,
                spread + audits_note(ours, category),
            )
        )
    lcp = median([run.lcp for run in ours])
    elements = Counter(run.lcp_element for run in ours if run.lcp_element)
    element = f"LCP element {elements.most_common(1)[0][0][:60]}" if elements else ""
    rows.append(
        Result(
            TITLE,
            f"{case}: largest contentful paint",
            lcp,
            "s",
            baseline,
            median([run.lcp for run in stock]),
            f"≤ {LCP_TARGET_S} s",
            lcp <= LCP_TARGET_S,
            element,
        )
    )
    rows.append(
        Result(
            TITLE,
            f"{case}: first contentful paint",
            median([run.fcp for run in ours]),
            "s",
            baseline,
            median([run.fcp for run in stock]),
            note="simulated slow 4G, 4x CPU slowdown; Lighthouse benchmark index of this "
            f"machine {median([run.benchmark_index for run in ours]):.0f}",
        )
    )
    return rows


def run(options: Options) -> list[Result]:
    lighthouse_installed()
    pages = PAGES[:1] if options.quick else PAGES
    course = copy_course(options.work / "course")
    build_book(course, served=True, fresh=True)  # where `mentor-course serve` looks for it
    stock_html = jupyter_book_build(plain_copy(options.work / "plain"))
    db = str(options.work / "course.sqlite3")
    headers = options.work / "coordinator-headers.json"
    headers.write_text(json.dumps({"Cookie": f"{COOKIE}={seed_store(db, course)}"}), "utf-8")
    reports = options.work / "reports"
    reports.mkdir()
    ours: dict[str, list[Run]] = {case: [] for case, _, _ in pages}
    stock: dict[str, list[Run]] = {path: [] for _, _, path in pages}
    with (
        course_server(course, db, options.work / "served.log") as base,
        static_server(stock_html, options.work / "stock.log") as plain,
    ):
        add_attempts(base, db, course)
        for n in range(options.runs):
            print(f"   Lighthouse run {n + 1} of {options.runs}", file=sys.stderr, flush=True)
            for i, (case, path, _) in enumerate(pages):
                signed_in = headers if path.startswith("coordinator") else None
                out = reports / f"ours-{i}-{n}.json"
                ours[case].append(lighthouse(f"{base}/{path}", out, signed_in))
            for i, stock_path in enumerate(stock):
                out = reports / f"stock-{i}-{n}.json"
                stock[stock_path].append(lighthouse(f"{plain}/{stock_path}", out))
    results = []
    for case, _path, stock_path in pages:
        baseline = f"{STOCK} ({stock_path.removesuffix('.html')})"
        results += page_rows(case, ours[case], stock[stock_path], baseline)
    said: dict[tuple[str, str], set[str]] = {}  # what Lighthouse said of each failed audit
    for case, runs in ours.items():
        for run in runs:
            for audit, text in run.why.items():
                said.setdefault((audit, text), set()).add(case.split(" (")[0])
    for (audit, text), cases in sorted(said.items()):
        print(f"   {audit} ({', '.join(sorted(cases))}): {text}", file=sys.stderr)
    warnings = sorted({w for runs in ours.values() for run in runs for w in run.warnings})
    for warning in warnings:
        print(f"   Lighthouse warning: {warning}", file=sys.stderr)
    return results
