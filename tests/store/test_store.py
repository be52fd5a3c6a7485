"""The progress store on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from mentor_course.store import AttemptConflict, Store, StoreError, UnknownLearner, upgrade
from mentor_course.store.database import MIGRATIONS, alembic_config, database_url, make_engine
from mentor_course.store.tables import Base
from tests.attempts import attempt, bank

HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_a_new_store_is_created_at_the_newest_schema(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.connect() as connection:
        _, scripts = alembic_config(connection)
        revision = MigrationContext.configure(connection).get_current_revision()
        assert revision == scripts.get_current_head()


def test_migrations_build_exactly_the_tables_the_code_uses(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_no_column_could_hold_a_plan_or_reflection(store_url: str) -> None:
    with Store.open(store_url) as store:
        inspector = inspect(store.engine)
        columns = {
            column["name"] for table in inspector.get_table_names()
            for column in inspector.get_columns(table)
        }  # fmt: skip
    assert not {c for c in columns if any(w in c for w in ("plan", "reflect", "note", "text"))}


def test_an_attempt_is_stored_once_however_often_it_is_sent(store_url: str) -> None:
    record = attempt("Ann", right=5, cohort="Spring")
    with Store.open(store_url) as store:
        assert store.record_attempt(record) == "stored"
        assert store.record_attempt(record) == "duplicate"
        stored = list(store.attempts())
    assert len(stored) == 1
    assert stored[0].same_attempt(record)
    assert stored[0].cohort == "Spring"
    assert stored[0].score == pytest.approx(5 / len(record.results))


def test_the_same_id_with_different_answers_is_rejected(store_url: str) -> None:
    first = attempt("Ann", right=2)
    changed = attempt("Ann", right=9, attempt_id=first.id)
    with Store.open(store_url) as store:
        store.record_attempt(first)
        with pytest.raises(AttemptConflict, match=first.id):
            store.record_attempt(changed)
        assert [a.score for a in store.attempts()] == [first.score]


def test_a_retry_that_arrives_later_is_the_same_attempt(store_url: str) -> None:
    record = attempt("Ann")
    two_minutes_on = record.finished_at + dt.timedelta(minutes=2)
    retried = record.model_copy(update={"finished_at": two_minutes_on})
    with Store.open(store_url) as store:
        assert store.record_attempt(record) == "stored"
        assert store.record_attempt(retried) == "duplicate"
        assert [a.finished_at for a in store.attempts()] == [record.finished_at]


def test_a_batch_gives_each_attempt_its_own_outcome(store_url: str) -> None:
    quiz = bank()
    first = attempt("Ann", quiz, cohort="Spring")
    changed = attempt("Ann", quiz, right=2).model_copy(update={"id": first.id})
    again_by_ann = attempt("Ann", quiz, right=3)
    by_new_learner = attempt("Ben", quiz, cohort="Autumn")
    with Store.open(store_url) as store:
        assert store.record_attempt(first) == "stored"
        outcomes = store.record_attempts(
            [again_by_ann, first, changed, by_new_learner, again_by_ann]
        )
        stored = {a.id: a for a in store.attempts()}
    assert outcomes[:2] == ["stored", "duplicate"]
    assert isinstance(outcomes[2], AttemptConflict)
    assert outcomes[3:] == ["stored", "duplicate"]
    assert set(stored) == {first.id, again_by_ann.id, by_new_learner.id}
    assert stored[again_by_ann.id].same_attempt(again_by_ann)
    assert stored[again_by_ann.id].cohort == "Spring"
    assert stored[by_new_learner.id].cohort == "Autumn"


def test_a_served_attempt_needs_a_learner_still_in_the_store(store_url: str) -> None:
    served = attempt("Ann").model_copy(update={"source": "served"})
    with Store.open(store_url) as store:
        with pytest.raises(UnknownLearner):
            store.record_attempt(served)
        store.add_learner("Ann")
        assert store.record_attempt(served) == "stored"


def test_export_and_delete_a_learner(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_learner("Ann", email="ann@example.org", cohort="Spring")
        store.record_attempt(attempt("Ann"))
        store.record_attempt(attempt("Ann", bank("organizations")))
        store.record_attempt(attempt("Bo"))
        exported = store.export_learner("Ann")
        assert exported["learner"]["email"] == "ann@example.org"
        assert {a["bank_id"] for a in exported["attempts"]} == {"practice", "organizations"}
        assert store.delete_learner("Ann") == 2
        with pytest.raises(UnknownLearner):
            store.export_learner("Ann")
        assert [a.learner for a in store.attempts()] == ["Bo"]


def test_an_older_store_is_refused_until_upgraded(store_url: str) -> None:
    url = database_url(store_url)
    engine = make_engine(url)
    with engine.execution_options(writes=True).begin() as connection:
        config, _ = alembic_config(connection)
        command.upgrade(config, "0001")
    engine.dispose()
    with pytest.raises(
        StoreError, match=r"older than this mentor-course.*mentor-course db upgrade"
    ):
        Store.open(store_url)
    assert upgrade(store_url) == ("0001", HEAD)
    with Store.open(store_url) as store:
        store.record_attempt(attempt("Ann"))


def test_times_come_back_in_utc(store_url: str) -> None:
    finished = dt.datetime(2026, 3, 4, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with Store.open(store_url) as store:
        store.record_attempt(attempt("Ann", finished_at=finished))
        (stored,) = store.attempts()
    assert stored.finished_at == finished
    assert stored.finished_at.tzinfo == dt.UTC


def test_a_database_url_file_must_be_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "db-url"
    secret.write_text(f"sqlite:///{tmp_path}/from-file.sqlite3\n", encoding="utf-8")
    monkeypatch.delenv("MENTOR_COURSE_DB")
    monkeypatch.setenv("MENTOR_COURSE_DB_FILE", str(secret))
    secret.chmod(0o644)
    with pytest.raises(StoreError, match=r"can be read by other users.*chmod 600"):
        Store.open()
    secret.chmod(0o600)
    with Store.open() as store:
        store.record_attempt(attempt("Ann"))
    assert (tmp_path / "from-file.sqlite3").is_file()
