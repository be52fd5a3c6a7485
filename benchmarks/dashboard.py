"""The coordinator's dashboard at scale: the first page, and a search, for a large program.

A synthetic program of 10,000 learners in 20 cohorts, each with an email and an
enrollment link, and 3 attempts at each of 8 quizzes (240,000 attempts), on SQLite and
PostgreSQL. Timed: what the server does for the page (the people query and the page's
HTML), from the request's query to the finished HTML. The floor, in the same process:
the page's rows read by hand-written SQL through the same driver (the first 50 learners
by name with their passed count, last activity and link state), nothing rendered.
"""

from __future__ import annotations

import sys
from functools import partial

from sqlalchemy import text

from benchmarks.measure import Options, Result, median_seconds
from benchmarks.report import QUIZZES, fill
from mentor_course.report.people import PeopleQuery, people_page
from mentor_course.server.coordinator_pages import dashboard_page
from mentor_course.store import Store

TITLE = "Dashboard at scale"
TARGET_SECONDS = 0.2
QUIZ_IDS = [quiz.id for quiz in QUIZZES]

FLOOR_SQL = """
SELECT l.id, l.name, l.email, c.name,
  (SELECT count(DISTINCT a.bank_id) FROM attempts a
     WHERE a.learner_id = l.id AND a.passed AND a.bank_id IN ({quizzes})),
  (SELECT max(a.finished_at) FROM attempts a WHERE a.learner_id = l.id),
  EXISTS (SELECT 1 FROM enrollment_links e
     WHERE e.learner_id = l.id AND (e.opened_at IS NOT NULL OR e.used_at IS NOT NULL))
FROM learners l LEFT JOIN cohorts c ON c.id = l.cohort_id
{where}
ORDER BY l.name_key, l.id LIMIT 50
"""


def run(options: Options) -> list[Result]:
    learners = 1_000 if options.quick else 10_000
    stores = {"SQLite": f"sqlite:///{options.work / 'dashboard.sqlite3'}"}
    if options.postgres_url:
        stores["PostgreSQL"] = options.postgres_url
    results = []
    cases = {
        "first page": (PeopleQuery(), ""),
        "a search by name": (
            PeopleQuery(search="learner 00042"),
            "WHERE l.name_key LIKE '%learner 00042%' OR lower(l.email) LIKE '%learner 00042%'",
        ),
    }
    for label, url in stores.items():
        print(f"   {label}: filling {learners:,} learners", file=sys.stderr)
        fill(url, learners)
        add_cohorts_emails_and_links(url)
        attempts = f"{learners:,} learners, {learners * len(QUIZZES) * 3:,} attempts"
        # Open once, as the server keeps its store open between requests.
        with Store.open(url) as store:
            results += measure(store, label, attempts, cases, options.runs)
    return results


def measure(
    store: Store,
    label: str,
    attempts: str,
    cases: dict[str, tuple[PeopleQuery, str]],
    runs: int,
) -> list[Result]:
    results = []
    for case, (query, where) in cases.items():
        floor = median_seconds(partial(floor_page, store, where), runs)
        ours = median_seconds(partial(dashboard, store, query), runs)
        results.append(
            Result(
                TITLE,
                f"{label}, {attempts}: {case}",
                ours * 1000,
                "ms",
                "raw SQL of the page's rows",
                floor * 1000,
                f"≤ {TARGET_SECONDS * 1000:.0f} ms",
                ours <= TARGET_SECONDS,
                "people query and HTML, 50 a page",
            )
        )
    # For context: filtering by progress reads every learner's progress.
    query = PeopleQuery(status="not finished", sort="progress")
    ours = median_seconds(partial(dashboard, store, query), runs)
    floor = median_seconds(partial(floor_page, store, ""), runs)
    results.append(
        Result(
            TITLE,
            f"{label}, {attempts}: not finished, by progress",
            ours * 1000,
            "ms",
            "raw SQL of the first page's rows",
            floor * 1000,
            note="reads every learner's progress",
        )
    )
    return results


def add_cohorts_emails_and_links(url: str) -> None:
    """The program's learners in 20 cohorts, each with an email and one link (half opened)."""
    with Store.open(url) as store, store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM enrollment_links")
        connection.exec_driver_sql("UPDATE learners SET cohort_id = NULL")
        connection.exec_driver_sql("DELETE FROM cohorts")
        for n in range(20):
            connection.exec_driver_sql(
                "INSERT INTO cohorts (id, name, name_key) VALUES "
                f"({n + 1}, 'Cohort {n:02d}', 'cohort {n:02d}')"
            )
        connection.execute(
            text(
                "UPDATE learners SET cohort_id = (id % 20) + 1, "
                "email = 'learner' || id || '@example.org'"
            )
        )
        connection.execute(
            text(
                "INSERT INTO enrollment_links (token_hash, learner_id, expires_at, opened_at) "
                "SELECT 'hash-' || id, id, CURRENT_TIMESTAMP, "
                "CASE WHEN id % 2 = 0 THEN CURRENT_TIMESTAMP END FROM learners"
            )
        )
        if url.startswith("postgresql"):
            connection.exec_driver_sql("ANALYZE")


def dashboard(store: Store, query: PeopleQuery) -> None:
    """What GET /coordinator does with the store: the page's people, then its HTML."""
    people = people_page(store, QUIZ_IDS, query)
    assert people.people, "the benchmark's page must show someone"
    dashboard_page(people, store.cohorts(), [(q.id, q.title) for q in QUIZZES], "K", "x")


def floor_page(store: Store, where: str) -> None:
    quizzes = ", ".join(f"'{quiz_id}'" for quiz_id in QUIZ_IDS)
    connection = store.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(FLOOR_SQL.format(quizzes=quizzes, where=where))
        assert cursor.fetchall()
    finally:
        connection.close()
