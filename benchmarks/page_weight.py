"""Page weight: bytes a mentor's browser loads for a page, against stock Jupyter Book 1.

Both books are served by a local HTTP server that counts every byte it sends
(no compression, so the figures are uncompressed sizes). Each page is opened
in a fresh headless Chromium context (empty cache), and everything the page
requests until the network is idle is counted: HTML, CSS, JS, fonts, images.
Source maps are never requested (no devtools), so they are not counted.
Byte counts are deterministic: one load per page is enough, and `--runs` only
repeats it to confirm.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.measure import CHROMIUM, CHROMIUM_ARGS, Options, Result, median
from benchmarks.plain_book import copy_course, jupyter_book_build, plain_copy

TITLE = "Page weight"
# (case, page): a chapter with no widget, a chapter ending in a quiz, the plan builder.
PAGES = [
    ("chapter page (book/intro)", "book/intro"),
    ("quiz page (book/compassion-fatigue-vs-burnout)", "book/compassion-fatigue-vs-burnout"),
    ("plan page (book/self-care-plan)", "book/self-care-plan"),
]
PAGE_TARGET_KB = 400
WIDGET_TARGET_KB = 32  # see tests/test_page_weight.py
# Where our widget code is served from (see mentor_course/sphinx/host.py).
WIDGET_PREFIX = "/_static/mentor-course/"


@dataclass
class Counter:
    """Bytes sent per request path, since the last `reset`."""

    sent: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + size

    def reset(self) -> None:
        with self.lock:
            self.sent.clear()


class CountingHandler(SimpleHTTPRequestHandler):
    counter: Counter

    def __init__(self, *args: Any, counter: Counter, **kwargs: Any) -> None:
        self.counter = counter
        super().__init__(*args, **kwargs)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        # Count the body only: headers are the same few hundred bytes for either book.
        data = source.read()
        outputfile.write(data)
        self.counter.add(self.path.split("?")[0], len(data))

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the benchmark prints its own table


@contextmanager
def serve(html_dir: Path) -> Iterator[tuple[str, Counter]]:
    """A local HTTP server over `html_dir`: its base URL and its byte counter."""
    counter = Counter()
    handler = functools.partial(CountingHandler, directory=str(html_dir), counter=counter)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", counter
    finally:
        server.shutdown()
        server.server_close()


def load_bytes(browser: Any, base: str, counter: Counter, page_name: str) -> dict[str, int]:
    """Bytes per resource for one cold load of `page_name`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        counter.reset()
        page.goto(f"{base}/{page_name}.html", wait_until="networkidle")
        # Fonts and lazy assets are requested after first layout; let them settle.
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        return dict(counter.sent)
    finally:
        context.close()


def page_weights(html_dir: Path, runs: int) -> dict[str, tuple[float, dict[str, int]]]:
    """KB per page (median of `runs` cold loads) and the last load's bytes per resource."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with sync_playwright() as playwright, serve(html_dir) as (base, counter):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _, name in PAGES:
                loads = [load_bytes(browser, base, counter, name) for _ in range(max(runs, 1))]
                weights[name] = (median([sum(x.values()) / 1000 for x in loads]), loads[-1])
        finally:
            browser.close()
    return weights


def widget_bytes(resources: dict[str, int]) -> dict[str, int]:
    """Our widget files among a page's resources, with their sizes."""
    return {p: size for p, size in resources.items() if p.startswith(WIDGET_PREFIX)}


def run(options: Options) -> list[Result]:
    from mentor_course.book import build_book

    ours = build_book(copy_course(options.work / "course"), fresh=True).html_dir
    stock = jupyter_book_build(plain_copy(options.work / "plain"))
    our_weights, stock_weights = page_weights(ours, options.runs), page_weights(stock, 1)
    results = []
    for case, name in PAGES:
        value, resources = our_weights[name]
        largest = max(resources, key=lambda path: resources[path])
        results.append(
            Result(
                TITLE,
                case,
                value,
                "KB",
                "stock Jupyter Book 1",
                stock_weights[name][0],
                f"≤ {PAGE_TARGET_KB} KB",
                value <= PAGE_TARGET_KB,
                f"{len(resources)} requests, all uncompressed; largest {largest.lstrip('/')} "
                f"{resources[largest] / 1000:.0f} KB; bytes are deterministic, one load suffices",
            )
        )
    # Our code on each widget page (a page loads only its own widgets' modules), against
    # the same page's code in the stock book (its scripts and stylesheets).
    for case, name in PAGES[1:]:
        files = widget_bytes(our_weights[name][1])
        code = sum(files.values()) / 1000
        stock_code = sum(
            size for path, size in stock_weights[name][1].items() if path.endswith((".js", ".css"))
        )
        listed = ", ".join(
            f"{p.removeprefix(WIDGET_PREFIX)} {n / 1000:.1f}" for p, n in files.items()
        )
        results.append(
            Result(
                TITLE,
                f"our widget JS+CSS on the {case.split(' (')[0]}",
                code,
                "KB",
                "all JS+CSS of the stock page",
                stock_code / 1000,
                f"≤ {WIDGET_TARGET_KB} KB",
                code <= WIDGET_TARGET_KB,
                f"minified, uncompressed, KB: {listed}",
            )
        )
    return results
