"""A mentor's phone on the served course: signed in visibly on every page, and the course
working through an outage, on a real server process that is stopped and started again
(Playwright's offline switch does not reach a service worker's requests)."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from mentor_course.book import BuildResult
from mentor_course.server import passwords
from mentor_course.store import Store
from tests.attempts import bank
from tests.browser.test_quiz_static import serious_violations, shown_ids
from tests.browser.test_served_course import (  # noqa: F401 - fixtures
    answer_everything,
    course_server,
    local_page,
    served_book,
    sign_in,
)
from tests.server.conftest import COORDINATOR, PASSWORD
from tests.server.test_durability import free_port, start
from tests.test_content import ALL_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    if server.stderr:
        server.stderr.close()


def new_store(tmp_path: Path) -> str:
    store = str(tmp_path / "course.sqlite3")
    with Store.open(store) as opened:
        opened.add_coordinator(COORDINATOR, passwords.hash(PASSWORD))
    return store


def enrolled(store: str, name: str) -> str:
    with Store.open(store) as opened:
        return opened.create_enrollment(name, cohort="Spring").token


def kept_for_offline(page: Page) -> str:
    """Waits until the service worker controls the page and holds the whole course; its cache."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    return page.evaluate(
        """async () => {
          const script = await (await fetch("/sw.js")).text();
          const wanted = JSON.parse(script.match(/const MANIFEST = (\\{.*?\\});/)[1]);
          for (;;) {
            const key = `mentor-course-${wanted.version}`;
            if ((await caches.keys()).includes(key)) {
              const held = await (await caches.open(key)).keys();
              if (held.length >= wanted.urls.length) return key;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }"""
    )


def account(page: Page) -> str:
    return page.get_by_role("navigation", name="Your account").inner_text()


def test_a_signed_in_mentor_sees_it_on_every_page_and_signs_out(
    browser: Browser,
    course_server: tuple[str, str],  # noqa: F811 - the fixture imported above
) -> None:
    base, store = course_server
    page = local_page(browser, base)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    for name in ALL_PAGES:  # a visitor: no bar, no errors
        page.goto(f"{base}/book/{name}.html")
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("navigation", name="Your account").count() == 0
    sign_in(page, f"{base}/enroll/{enrolled(store, 'Mentor Ana')}")
    for name in ALL_PAGES:
        page.goto(f"{base}/book/{name}.html")
        bar = page.get_by_role("navigation", name="Your account")
        bar.get_by_role("button", name="Sign out").wait_for(timeout=10_000)
        assert "Signed in as Mentor Ana" in account(page), name
    assert serious_violations(page) == []
    page.get_by_role("link", name="My progress").click()
    page.wait_for_url(f"{base}/me")
    assert "Signed in as Mentor Ana" in page.content()
    page.go_back()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{base}/me/signed-out")
    assert "You are signed out" in page.content()
    page.goto(f"{base}/book/intro.html")
    page.wait_for_function("() => !document.querySelector('.mc-account')")
    assert errors == []
    assert page.goto(f"{base}/me").status == 401  # type: ignore[union-attr]


def test_the_course_works_through_an_outage_and_sends_what_waited(
    browser: Browser,
    served_book: BuildResult,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    port = free_port()
    server = start(store, served_book, port)
    base = f"http://127.0.0.1:{port}"
    try:
        page = local_page(browser, base)
        sign_in(page, f"{base}/enroll/{enrolled(store, 'Mentor Ana')}")
        kept_for_offline(page)
    finally:
        stop(server)  # the network is gone

    try:
        page.goto(f"{base}/book/stress-and-secondary-exposure.html")
        page.get_by_role("heading", level=1).wait_for()
        assert "Offline" in account(page)
        page.goto(f"{base}/book/self-care-plan.html")
        page.locator(".mc-plan-builder-host[data-ready='true']").wait_for(timeout=10_000)
        page.goto(f"{base}/book/self-check-in.html")
        page.locator(".mc-self-check-in-host[data-ready='true']").wait_for(timeout=10_000)
        page.goto(f"{base}/search.html?q=burnout")
        page.locator("ul.search li").first.wait_for(timeout=15_000)

        page.goto(f"{base}/book/practice.html")
        quiz = bank("practice")
        answer_everything(page, quiz)
        shown = shown_ids(page)
        page.get_by_role("button", name="Check answers").click()
        page.locator(".mc-saved").filter(has_text="waiting to send").wait_for(timeout=10_000)
        page.get_by_role("navigation", name="Your account").filter(
            has_text="1 attempt waiting to send"
        ).wait_for()
        page.goto(f"{base}/book/intro.html")  # still waiting, on every page
        page.get_by_role("navigation", name="Your account").filter(
            has_text="1 attempt waiting to send"
        ).wait_for()
        with Store.open(store) as opened:
            assert list(opened.attempts("Mentor Ana")) == []
    finally:
        server = start(store, served_book, port)  # the network is back
    try:
        # Nothing tells the page that a stopped server is back: it asks again now and then.
        page.wait_for_function(
            "() => !document.querySelector('.mc-account-waiting')?.textContent", timeout=45_000
        )
        page.goto(f"{base}/book/practice.html")
        page.locator(".mc-standing").filter(has_text="You passed this check on").wait_for(
            timeout=15_000
        )
        with Store.open(store) as opened:
            (stored,) = opened.attempts("Mentor Ana")  # stored once
        assert stored.passed and [q.id for q in stored.results] == shown
    finally:
        stop(server)


def test_a_new_version_of_the_course_replaces_the_saved_one(
    browser: Browser,
    served_book: BuildResult,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    root = served_book.html_dir.parents[3]
    shutil.copytree(root, tmp_path / "course", ignore=shutil.ignore_patterns(".doctrees"))
    html = tmp_path / "course" / served_book.html_dir.relative_to(root)
    book = BuildResult(html_dir=html, index=html / "index.html")
    store = new_store(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(store, book, port)
    try:
        page = local_page(browser, base)
        page.goto(f"{base}/book/intro.html")
        first = kept_for_offline(page)
    finally:
        stop(server)

    intro = html / "book" / "intro.html"
    text = intro.read_text(encoding="utf-8")
    edited = text.replace(
        'Welcome<a class="headerlink"', 'Welcome (second edition)<a class="headerlink"'
    )
    assert edited != text
    intro.write_text(edited, encoding="utf-8")
    server = start(store, book, port)
    try:
        page.goto(f"{base}/book/intro.html")
        assert "(second edition)" in page.get_by_role("heading", level=1).inner_text()
        second = kept_for_offline(page)
        assert second != first
        page.wait_for_function(
            f"() => caches.keys().then(k => k.length === 1 && k[0] === {second!r})"
        )
    finally:
        stop(server)
    page.reload()  # offline again: the new copy answers
    assert "(second edition)" in page.get_by_role("heading", level=1).inner_text()
