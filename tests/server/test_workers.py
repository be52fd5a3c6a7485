"""Several server processes on one store, as behind a reverse proxy (README, "Scaling")."""

from __future__ import annotations

import signal
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx2

from mentor_course.book import BuildResult
from mentor_course.report import build_report
from mentor_course.store import Store
from tests.server.test_durability import free_port, mentors, start


def test_two_workers_share_sessions_and_store_each_attempt_once(
    served_book: BuildResult, store_url: str
) -> None:
    everyone = mentors(store_url, 4)
    ports = [free_port(), free_port()]
    workers = [start(store_url, served_book, port) for port in ports]
    try:
        attempts = [
            (headers, {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}})
            for headers in everyone
            for _ in range(5)
        ]

        def send_to_both(attempt: tuple[dict[str, str], dict[str, object]]) -> list[int]:
            # A retry that a proxy routes to the other worker: the same attempt, twice.
            headers, body = attempt
            return [
                httpx2.post(
                    f"http://127.0.0.1:{port}/api/attempts", json=body, headers=headers
                ).status_code
                for port in ports
            ]

        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(send_to_both, attempts))
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
            if worker.stderr:
                worker.stderr.close()
    assert statuses == [[200, 200]] * len(attempts)
    with Store.open(store_url) as store:
        stored = sorted(a.id for a in store.attempts())
        report = build_report(store)
    assert stored == sorted(str(body["attempt_id"]) for _, body in attempts)
    assert [row.cells[0].attempts for row in report.rows] == [5, 5, 5, 5]
