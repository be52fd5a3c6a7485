"""The quiz in a real JupyterLab: the kernel grades, asks for a name, records the attempt.

Starts `jupyter lab` on a free loopback port with its own store and learner
settings, drives it in Chromium, then reads the store the way a coordinator
would. Requests anywhere but that local server are blocked.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from mentor_course.report import QuizColumn, build_report
from mentor_course.store import Store
from tests.attempts import bank
from tests.browser.test_quiz_static import first_single, shown_ids
from tests.chapters import REPO
from tests.conftest import copy_course

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed")
    port, store = free_port(), tmp_path / "progress.sqlite3"
    # A copy, so nothing JupyterLab saves (autosave, checkpoints) touches the repository.
    course = copy_course(tmp_path / "course")
    shutil.copytree(REPO / "notebooks", course / "notebooks")
    env = {
        **os.environ,
        "MENTOR_COURSE_DB": str(store),
        "MENTOR_COURSE_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    command = [
        sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser",
        f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={course}", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
        "jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    with subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as server:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "JupyterLab did not start"
                    time.sleep(0.5)
            yield url, store
        finally:
            server.terminate()
            server.wait(timeout=30)


def offline_page(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """A page that may reach the local JupyterLab and nothing else."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    blocked: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context.new_page(), blocked


def run_widget_cell(page: Page, url: str, notebook: str, widget: str) -> None:
    """Open `notebook` and run its first code cell until `widget` shows."""
    page.goto(f"{url}/lab/tree/notebooks/{notebook}?token={TOKEN}")
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)
    # A run sent while the kernel's connection is still settling can be dropped
    # by JupyterLab; a person would press Shift+Enter again, and so does this test.
    for _ in range(4):
        page.locator(".jp-CodeCell .jp-InputArea-editor").first.click()
        page.keyboard.press("Shift+Enter")
        try:
            page.locator(widget).wait_for(timeout=15_000)
            return
        except PlaywrightTimeout:
            continue
    page.locator(widget).wait_for(timeout=5_000)


def test_mentor_names_themselves_checks_and_is_recorded(
    browser: Browser, lab: tuple[str, Path]
) -> None:
    url, store_path = lab
    page, blocked = offline_page(browser, url)
    run_widget_cell(page, url, "quiz-practice.ipynb", ".mc-note")
    assert "Enter your name" in page.locator(".mc-note").inner_text()

    page.get_by_label("Your name, as your coordinator knows you").fill("Lab Mentor")
    page.get_by_role("button", name="Save my name").click()
    page.locator(".mc-learner").wait_for(state="hidden")

    quiz = bank("practice")
    first = first_single(shown_ids(page))
    right = next(c.id for c in first.choices if c.correct)
    page.locator(f"[data-question='{first.id}'] input[value='{right}']").check()
    page.get_by_role("button", name="Check answers").click()
    page.get_by_role("button", name="Check anyway").click()  # the others are blank
    score = int(100 / quiz.per_attempt + 0.5)
    page.locator(".mc-summary").filter(has_text=f"Your score: {score}%").wait_for(timeout=30_000)
    page.locator(".mc-saved").filter(has_text="Saved at ").wait_for()
    assert "saved to your progress as Lab Mentor" in page.locator(".mc-note").inner_text()
    page.context.close()
    assert blocked == []

    with Store.open(str(store_path)) as store:
        report = build_report(store, [QuizColumn(quiz.id, quiz.title)])
    (row,) = report.rows
    assert row.learner == "Lab Mentor"
    assert (row.cells[0].status, row.cells[0].attempts) == ("attempted", 1)
    assert row.cells[0].best_score == pytest.approx(1 / quiz.per_attempt)


def test_plan_builder_runs_in_the_notebook_and_stores_nothing(
    browser: Browser, lab: tuple[str, Path]
) -> None:
    url, store_path = lab
    page, blocked = offline_page(browser, url)
    run_widget_cell(page, url, "self-care-plan.ipynb", ".mc-plan")
    page.get_by_label("Habits that help me (one per line)").fill("Evening walks")
    for _ in range(9):
        page.get_by_role("button", name="Next →").click()
    assert "Helps me: Evening walks" in page.locator(".mc-plan-preview").inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download as text (.md)").click()
    assert "- **Helps me:** Evening walks" in Path(info.value.path()).read_text(encoding="utf-8")
    page.context.close()
    assert blocked == []
    assert not store_path.exists()  # the plan builder never opens the progress store
