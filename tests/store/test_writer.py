"""The group-commit writer: concurrent submissions, batched, answered only once committed."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from sqlalchemy import event, func, select

from mentor_course.store import AttemptConflict, AttemptWriter, Outcome, Store
from mentor_course.store.tables import Attempt
from tests.attempts import attempt, bank


def test_concurrent_attempts_are_committed_before_they_are_answered(store_url: str) -> None:
    quiz = bank()
    records = [attempt(f"Mentor {n % 8}", quiz, cohort="Spring") for n in range(300)]
    seen_by_another_connection: list[bool] = []
    with Store.open(store_url) as store, Store.open(store_url) as reader:
        commits = []
        event.listen(store.engine, "commit", lambda _: commits.append(1))
        writer = AttemptWriter(store)

        def visible(record_id: str) -> bool:
            with reader.engine.connect() as connection:
                query = select(func.count()).select_from(Attempt).where(Attempt.id == record_id)
                return connection.scalar(query) == 1

        def submit(n: int) -> Future[Outcome]:
            future = writer.submit(records[n])
            future.add_done_callback(
                lambda _: seen_by_another_connection.append(visible(records[n].id))
            )
            return future

        with ThreadPoolExecutor(16) as pool:
            futures = list(pool.map(submit, range(len(records))))
        outcomes = [future.result(timeout=60) for future in futures]
        writer.close()
        stored = {a.id for a in store.attempts()}
    assert outcomes == ["stored"] * len(records)
    assert stored == {r.id for r in records}
    assert len(seen_by_another_connection) == len(records) and all(seen_by_another_connection)
    assert len(commits) < len(records)  # batched: fewer transactions than attempts


def test_a_conflict_fails_only_its_own_submission(store_url: str) -> None:
    quiz = bank()
    first = attempt("Ann", quiz)
    changed = attempt("Ann", quiz, right=1).model_copy(update={"id": first.id})
    other = attempt("Ben", quiz)
    with Store.open(store_url) as store:
        store.record_attempt(first)
        writer = AttemptWriter(store)
        futures = [writer.submit(changed), writer.submit(other), writer.submit(first)]
        writer.close()
        with pytest.raises(AttemptConflict):
            futures[0].result(timeout=0)
        assert [f.result(timeout=0) for f in futures[1:]] == ["stored", "duplicate"]


def test_closing_stores_what_is_still_waiting(store_url: str) -> None:
    records = [attempt("Ann") for _ in range(50)]
    with Store.open(store_url) as store:
        writer = AttemptWriter(store)
        futures = [writer.submit(record) for record in records]
        writer.close()
        assert all(future.done() for future in futures)
        assert len(list(store.attempts("Ann"))) == len(records)
