"""Time to a usable quiz: from navigation start until the first question can be answered.

Our quiz page (the static book from `file://`, and the served book from a real
`mentor-course serve` process) beside a jupyterquiz page of one question built
the same way: a one-notebook Jupyter Book 1 executed at build time, whose cell
calls `jupyterquiz.display_quiz` with the question inline (no network), opened
from `file://` and from a plain static HTTP server.

Each page load runs in a fresh Chromium context (empty cache, new renderer)
with the network cut: the browser's only proxy is a closed loopback port, so
nothing but `file:`, `blob:`, `data:` and the local servers (loopback, which
bypasses the proxy) can load; any other request is listed in the row's note.
Unlike Playwright's request routing, the proxy also holds a service worker's
requests, and adds no round trip through Playwright to each request.
An init script, run before any script of the page, notes `performance.now()`
(whose origin is the navigation's start) at the first moment a control of the
first question exists, is visible and is enabled, checked on every DOM mutation
and every animation frame. That instant, median of `--runs` loads, is the
figure. The load event and first contentful paint are noted for context.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from playwright.sync_api import Browser, Request, sync_playwright

from benchmarks.measure import CHROMIUM, CHROMIUM_ARGS, ROOT, Options, Result, median
from benchmarks.plain_book import copy_course, jupyter_book_build
from benchmarks.servers import course_server, static_server
from mentor_course.book import build_book
from mentor_course.quiz import load_bank

TITLE = "Time to a usable quiz"
TARGET = "no later than jupyterquiz"
CHAPTER = "stress-and-secondary-exposure"  # a chapter with a quiz; its first question is measured
LOCAL_SCHEMES = ("file:", "blob:", "data:", "http://127.0.0.1:")
# The network cut: every request off this machine goes to a closed port; the local
# servers (127.0.0.1) are reached directly.
DEAD_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}
PAGE_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class QuizPage:
    """Where a quiz page is, and how to find its first question's controls."""

    name: str
    url: str
    question: str  # CSS selector of the first question
    controls: str = "input, button, select, textarea"


# Runs before any script of the page. "Usable": a control of the first question is
# enabled, and it (or, for a visually hidden input, its label) takes up room on screen.
# performance.now() counts from the navigation's start (the document's time origin).
READY_SCRIPT = """
(() => {
  const config = %s;
  const marks = (window.__quizReady = { ready: null, load: null, fcp: null });
  const shown = (el) => !!el && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
    && el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1;
  const usable = () => {
    const question = document.querySelector(config.question);
    if (!question) return false;  // cheap test first: no layout until the question exists
    const labelled = (control) => shown(control.closest("label"))
      || [...(control.labels || [])].some(shown);
    return [...question.querySelectorAll(config.controls)].some(
      (control) => !control.disabled && (shown(control) || labelled(control)));
  };
  const check = () => {
    if (marks.ready === null && usable()) {
      marks.ready = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  const poll = () => { check(); if (marks.ready === null) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
  addEventListener("load", () => { check(); marks.load = performance.now(); });
  new PerformanceObserver((list) => {
    const paint = list.getEntriesByName("first-contentful-paint")[0];
    if (paint) marks.fcp = paint.startTime;
  }).observe({ type: "paint", buffered: true });
})();
"""


@dataclass
class Load:
    """One page load: ms from navigation start until usable, the load event and first
    contentful paint; requests that tried to leave the machine; page errors."""

    ready: float = 0.0
    load: float = 0.0
    fcp: float = 0.0
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def load_once(browser: Browser, page: QuizPage) -> Load:
    context = browser.new_context(viewport={"width": 390, "height": 844}, proxy=DEAD_PROXY)
    load = Load()

    def failed(request: Request) -> None:
        if not request.url.startswith(LOCAL_SCHEMES):
            load.blocked.append(request.url)

    context.add_init_script(
        READY_SCRIPT % json.dumps({"question": page.question, "controls": page.controls})
    )
    tab = context.new_page()
    tab.on("requestfailed", failed)
    tab.on("pageerror", lambda exc: load.errors.append(str(exc)))
    try:
        tab.goto(page.url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        tab.wait_for_function(
            "window.__quizReady.load !== null && window.__quizReady.ready !== null",
            timeout=PAGE_TIMEOUT_MS,
        )
        marks = tab.evaluate("window.__quizReady")
        load.ready, load.load, load.fcp = marks["ready"], marks["load"], marks["fcp"] or 0.0
    finally:
        context.close()
    return load


def measure(browser: Browser, pages: list[QuizPage], runs: int) -> dict[str, list[Load]]:
    """`runs` loads of every page, interleaved so drifting load on the machine hits all alike."""
    for page in pages:
        load_once(browser, page)  # warm-up: the browser's first page pays for starting up
    loads: dict[str, list[Load]] = {page.name: [] for page in pages}
    for _ in range(runs):
        for page in pages:
            loads[page.name].append(load_once(browser, page))
    return loads


def jupyterquiz_book(root: Path) -> Path:
    """A one-notebook Jupyter Book whose executed cell shows our first question with jupyterquiz."""
    bank = load_bank(ROOT / "quizzes" / f"{CHAPTER}.yml", ROOT / "book" / "references.bib")
    first = bank.questions[0]
    question = {
        "question": first.prompt,
        "type": "multiple_choice",
        "answers": [
            {"answer": c.text, "correct": c.correct, "feedback": c.feedback} for c in first.choices
        ],
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text(
        "title: jupyterquiz baseline\n"
        "only_build_toc_files: true\n"
        "exclude_patterns: [_build]\n"
        "execute:\n  execute_notebooks: force\n"
        "launch_buttons:\n  notebook_interface: none\n  thebe: false\n",
        encoding="utf-8",
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: quiz\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Check your understanding"),
        nbformat.v4.new_code_cell(
            f"from jupyterquiz import display_quiz\n\ndisplay_quiz({[question]!r})"
        ),
    ]
    nbformat.write(notebook, root / "quiz.ipynb")
    html = jupyter_book_build(root, fresh=True)
    # A stock build is not strict: a cell that failed leaves its traceback on the page.
    if "traceback" in (html / "quiz.html").read_text(encoding="utf-8"):
        raise SystemExit(
            f"the jupyterquiz baseline's cell failed (see {html / 'quiz.html'}); "
            "is jupyterquiz installed? pip install -e '.[bench]'"
        )
    return html


def ours(url: str) -> QuizPage:
    return QuizPage("mentor-course", url, ".mc-quiz-host [data-question]")


def theirs(url: str) -> QuizPage:
    # jupyterquiz: one `.Quiz` per question, each answer a visually hidden radio in a label.
    return QuizPage("jupyterquiz", url, ".Quiz", "input")


def result(case: str, loads: dict[str, list[Load]], note: str) -> Result:
    ours_, theirs_ = loads["mentor-course"], loads["jupyterquiz"]
    value, baseline = (median([load.ready for load in runs]) for runs in [ours_, theirs_])
    loaded, painted = (
        [median([getattr(load, mark) for load in runs]) for runs in [ours_, theirs_]]
        for mark in ("load", "fcp")
    )
    details = [
        note,
        f"first contentful paint {painted[0]:.0f} vs {painted[1]:.0f} ms, "
        f"load event {loaded[0]:.0f} vs {loaded[1]:.0f} ms",
    ]
    for name, runs in loads.items():
        blocked = sorted({url for load in runs for url in load.blocked})
        errors = sorted({error.splitlines()[0][:80] for load in runs for error in load.errors})
        if blocked:
            details.append(f"{name} tried the network: {', '.join(blocked)}")
        if errors:
            details.append(f"{name} page errors: {'; '.join(errors)}")
    return Result(
        benchmark=TITLE,
        case=case,
        value=value,
        unit="ms",
        baseline_name="jupyterquiz",
        baseline=baseline,
        target=TARGET,
        met=value <= baseline,
        note="; ".join(details),
    )


def run(options: Options) -> list[Result]:
    course = copy_course(options.work / "course")
    static = build_book(course, fresh=True).html_dir
    build_book(course, served=True, fresh=True)  # where `mentor-course serve` looks for it
    baseline = jupyterquiz_book(options.work / "jupyterquiz")
    page = f"book/{CHAPTER}.html"
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = [ours((static / page).as_uri()), theirs((baseline / "quiz.html").as_uri())]
            loads = measure(browser, pages, options.runs)
            results.append(result("file://", loads, f"{page}, offline; median of {options.runs}"))
            store = str(options.work / "served.sqlite3")
            with (
                course_server(course, store, options.work / "served.log") as base,
                static_server(baseline, options.work / "static.log") as plain,
            ):
                pages = [ours(f"{base}/{page}"), theirs(f"{plain}/quiz.html")]
                loads = measure(browser, pages, options.runs)
            results.append(
                result(
                    "served",
                    loads,
                    "mentor-course serve (anonymous visitor) vs jupyterquiz from "
                    f"python -m http.server; median of {options.runs}",
                )
            )
        finally:
            browser.close()
    return results
