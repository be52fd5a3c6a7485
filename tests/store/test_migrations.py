"""Every migration, run on a store that already holds data: each row reaches the newest schema.

The store starts at revision 0001 and goes up one revision at a time. After
each, rows go into the tables that revision added, by plain SQL, as the code
of that time would have written them. At the end, the `Store` API must hand
every row back with its values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Connection, Date, DateTime, Engine, bindparam, inspect, select, text

from mentor_course.store import (
    AttemptRecord,
    CohortSummary,
    LiveSession,
    QuestionScore,
    SignedIn,
    Store,
    database_url,
    token_hash,
)
from mentor_course.store.database import MIGRATIONS, alembic_config, make_engine
from mentor_course.store.records import utc
from mentor_course.store.tables import Attempt, Base

SCRIPTS = ScriptDirectory(str(MIGRATIONS))
REVISIONS = [script.revision for script in reversed(list(SCRIPTS.walk_revisions()))]
FAR_OFF = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)

ANN_FIRST = "0b6f6a8e-3c1d-4a57-9f2e-1d2c3b4a5e60"
ANN_SERVED = "5d0f9c7a-8e6b-4f3a-a1b2-c3d4e5f60718"
BO_IMPORTED = "9e8d7c6b-5a49-4382-b716-0f1e2d3c4b5a"


def moment(day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, minute, tzinfo=dt.UTC)


# When each attempt was taken in: a column the Store API does not hand out.
RECORDED_AT = {ANN_FIRST: moment(10, 9, 13), BO_IMPORTED: moment(20), ANN_SERVED: moment(12, 15)}


def insert(connection: Connection, table: str, **values: object) -> None:
    """One row by plain SQL; times and JSON bound as their column types store them."""
    types = {dt.datetime: DateTime(timezone=True), dt.date: Date(), list: JSON()}
    columns = ", ".join(values)
    params = ", ".join(f":{column}" for column in values)
    statement = text(f"INSERT INTO {table} ({columns}) VALUES ({params})").bindparams(
        *(bindparam(column, type_=types.get(type(value))) for column, value in values.items())
    )
    connection.execute(statement, values)


def row_id(connection: Connection, table: str, column: str, value: str) -> int:
    found = connection.scalar(
        text(f"SELECT id FROM {table} WHERE {column} = :value"), {"value": value}
    )
    assert isinstance(found, int)
    return found


def learners_and_attempts(connection: Connection) -> None:
    """0001: cohorts, learners, quiz versions, attempts."""
    insert(connection, "cohorts", name="Spring 2026", created_at=moment(5))
    spring = row_id(connection, "cohorts", "name", "Spring 2026")
    insert(
        connection,
        "learners",
        name="Ann",
        email="ann@example.org",
        external_id="ext-ann",
        cohort_id=spring,
        created_at=moment(6, 8),
    )
    insert(connection, "learners", name="Bo", created_at=moment(7))
    ann, bo = (row_id(connection, "learners", "name", name) for name in ("Ann", "Bo"))
    for bank_id, version, title, pass_mark, first_seen in [
        ("practice", "v1", "Practice quiz", 0.7, moment(1)),
        ("practice", "v2", "Practice quiz, revised", 0.8, moment(2)),
        ("organizations", "o1", "Organizations", 0.5, moment(1)),
    ]:
        insert(
            connection,
            "quiz_versions",
            bank_id=bank_id,
            version=version,
            title=title,
            pass_mark=pass_mark,
            first_seen=first_seen,
        )
    attempts: list[dict[str, object]] = [
        {
            "id": ANN_FIRST,
            "recorded_at": RECORDED_AT[ANN_FIRST],
            "learner_id": ann,
            "bank_id": "practice",
            "bank_version": "v1",
            "results": [
                {"id": "q1", "score": 1.0, "verdict": "correct"},
                {"id": "q2", "score": 0.5, "verdict": "partial"},
            ],
            "score": 0.75,
            "passed": True,
            "started_at": moment(10, 9),
            "finished_at": moment(10, 9, 12),
            "source": "notebook",
        },
        {
            "id": BO_IMPORTED,
            "recorded_at": RECORDED_AT[BO_IMPORTED],
            "learner_id": bo,
            "bank_id": "practice",
            "bank_version": "v2",
            "results": [{"id": "q1", "score": 0.0, "verdict": "unanswered"}],
            "score": 0.0,
            "passed": False,
            "started_at": None,
            "finished_at": moment(11),
            "source": "imported",
        },
        {
            "id": ANN_SERVED,
            "recorded_at": RECORDED_AT[ANN_SERVED],
            "learner_id": ann,
            "bank_id": "organizations",
            "bank_version": "o1",
            "results": [{"id": "o1", "score": 0.0, "verdict": "incorrect"}],
            "score": 0.0,
            "passed": False,
            "started_at": moment(12, 14),
            "finished_at": moment(12, 14, 3),
            "source": "served",
        },
    ]
    for row in attempts:
        insert(connection, "attempts", **row)


def server_accounts(connection: Connection) -> None:
    """0003: coordinators, enrollment links, browser sessions."""
    ann, bo = (row_id(connection, "learners", "name", name) for name in ("Ann", "Bo"))
    insert(
        connection,
        "coordinators",
        name="Dana",
        password_hash="$argon2id$dana",
        created_at=moment(4),
    )
    dana = row_id(connection, "coordinators", "name", "Dana")
    for token, learner, used_at in [("ann-link", ann, None), ("bo-link", bo, moment(8))]:
        insert(
            connection,
            "enrollment_links",
            token_hash=token_hash(token),
            learner_id=learner,
            expires_at=FAR_OFF,
            used_at=used_at,
            created_at=moment(6),
        )
    for token, learner, coordinator, csrf, expires_at in [
        ("ann-session", ann, None, "csrf-ann", FAR_OFF),
        ("dana-session", None, dana, "csrf-dana", FAR_OFF),
        ("old-session", bo, None, "csrf-old", moment(9)),
    ]:
        insert(
            connection,
            "web_sessions",
            token_hash=token_hash(token),
            learner_id=learner,
            coordinator_id=coordinator,
            csrf_token=csrf,
            expires_at=expires_at,
            created_at=moment(8),
        )


def group_sessions(connection: Connection) -> None:
    """0004: a live session, its answers, its attendance."""
    insert(
        connection,
        "group_sessions",
        code="ABC234",
        bank_id="practice",
        cohort="Spring 2026",
        question_index=2,
        started_at=moment(12),
    )
    live = row_id(connection, "group_sessions", "code", "ABC234")
    for participant, question_id, choices in [
        ("p1", "q1", ["a"]),
        ("p2", "q1", ["a", "c"]),
        ("p1", "q2", ["b"]),
    ]:
        insert(
            connection,
            "live_answers",
            session_id=live,
            participant=participant,
            question_id=question_id,
            choices=choices,
        )
    ann = row_id(connection, "learners", "name", "Ann")
    insert(connection, "attendance", session_id=live, learner_id=ann)


def live_participants(connection: Connection) -> None:
    """0006: a participant issued by the server (sessions gain an end time, left empty).

    And, as free-text cohorts allowed then, one cohort typed twice in different case."""
    live = row_id(connection, "group_sessions", "code", "ABC234")
    insert(connection, "live_participants", session_id=live, token_hash="f" * 64)
    insert(connection, "cohorts", name="SPRING 2026", created_at=moment(9))
    shouted = row_id(connection, "cohorts", "name", "SPRING 2026")
    insert(connection, "learners", name="Di", cohort_id=shouted, created_at=moment(9))


def people_and_cohorts(connection: Connection) -> None:
    """0007: a second Ann (names need not be unique now), a cohort with a due date, an
    opened link, a sent email, a certificate and a server setting."""
    insert(
        connection,
        "cohorts",
        name="Autumn 2026",
        name_key="autumn 2026",
        due_on=dt.date(2026, 12, 1),
    )
    autumn = row_id(connection, "cohorts", "name", "Autumn 2026")
    insert(
        connection,
        "learners",
        name="Ann",
        name_key="ann",
        email="ann.b@example.org",
        cohort_id=autumn,
        created_at=moment(20),
    )
    first_ann = row_id(connection, "learners", "email", "ann@example.org")
    connection.execute(
        text("UPDATE enrollment_links SET opened_at = :at WHERE token_hash = :hash").bindparams(
            bindparam("at", type_=DateTime(timezone=True))
        ),
        {"at": moment(7), "hash": token_hash("ann-link")},
    )
    insert(
        connection,
        "sent_emails",
        learner_id=first_ann,
        kind="invitation",
        address="ann@example.org",
        sent_at=moment(6, 9),
    )
    insert(
        connection,
        "certificates",
        code="7KQ2M9XD4T3B",
        learner_id=first_ann,
        completed_on=dt.date(2026, 1, 12),
    )
    insert(connection, "settings", key="base_url", value="http://192.0.2.7:8000")


ROWS_ADDED_AT: dict[str, Callable[[Connection], None]] = {
    "0001": learners_and_attempts,
    "0003": server_accounts,
    "0004": group_sessions,
    "0006": live_participants,
    "0007": people_and_cohorts,
}


def migrate_with_data(engine: Engine) -> None:
    writer = engine.execution_options(writes=True)
    for revision in REVISIONS:
        with writer.begin() as connection:
            config, _ = alembic_config(connection)
            command.upgrade(config, revision)
        if revision in ROWS_ADDED_AT:
            with writer.begin() as connection:
                ROWS_ADDED_AT[revision](connection)


def expected_attempts() -> list[AttemptRecord]:
    def scores(*rows: tuple[str, float, str]) -> list[QuestionScore]:
        return [QuestionScore(id=q, score=s, verdict=v) for q, s, v in rows]

    return [
        AttemptRecord(
            id=ANN_FIRST,
            learner="Ann",
            cohort="Spring 2026",
            bank_id="practice",
            bank_version="v1",
            bank_title="Practice quiz",
            pass_mark=0.7,
            results=scores(("q1", 1.0, "correct"), ("q2", 0.5, "partial")),
            score=0.75,
            passed=True,
            started_at=moment(10, 9),
            finished_at=moment(10, 9, 12),
            source="notebook",
        ),
        AttemptRecord(
            id=BO_IMPORTED,
            learner="Bo",
            cohort=None,
            bank_id="practice",
            bank_version="v2",
            bank_title="Practice quiz, revised",
            pass_mark=0.8,
            results=scores(("q1", 0.0, "unanswered")),
            score=0.0,
            passed=False,
            started_at=None,
            finished_at=moment(11),
            source="imported",
        ),
        AttemptRecord(
            id=ANN_SERVED,
            learner="Ann",
            cohort="Spring 2026",
            bank_id="organizations",
            bank_version="o1",
            bank_title="Organizations",
            pass_mark=0.5,
            results=scores(("o1", 0.0, "incorrect")),
            score=0.0,
            passed=False,
            started_at=moment(12, 14),
            finished_at=moment(12, 14, 3),
            source="served",
        ),
    ]


def test_every_revision_has_rows_for_the_tables_it_adds(store_url: str) -> None:
    engine = make_engine(database_url(store_url))
    try:
        migrate_with_data(engine)
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == REVISIONS[-1]
            tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
            empty = {
                table
                for table in tables
                if not connection.scalar(text(f"SELECT COUNT(*) FROM {table}"))
            }
    finally:
        engine.dispose()
    assert REVISIONS[0] == "0001"
    assert tables == set(Base.metadata.tables)
    assert empty == set(), "give these tables rows in the revision that adds them"


def test_a_store_full_of_data_keeps_every_row_through_every_migration(store_url: str) -> None:
    engine = make_engine(database_url(store_url))
    try:
        migrate_with_data(engine)
    finally:
        engine.dispose()

    with Store.open(store_url) as store:
        expected = expected_attempts()
        assert list(store.attempts()) == expected
        assert list(store.attempts("Bo")) == [expected[1]]
        first_ann, second_ann = store.learners_named("ann")
        exported = store.export_learner(first_ann.id)
        assert exported["learner"] == {
            "id": first_ann.id,
            "name": "Ann",
            "email": "ann@example.org",
            "external_id": "ext-ann",
            "cohort": "Spring 2026",
            "created_at": "2026-01-06T08:00:00+00:00",
        }
        assert [link["opened_at"] for link in exported["enrollment_links"]] == [
            "2026-01-07T09:00:00+00:00"
        ]
        assert exported["sent_emails"] == [
            {
                "kind": "invitation",
                "address": "ann@example.org",
                "sent_at": "2026-01-06T09:00:00+00:00",
                "problem": None,
            }
        ]
        assert exported["certificates"] == [{"code": "7KQ2M9XD4T3B", "completed_on": "2026-01-12"}]
        assert (second_ann.email, second_ann.cohort) == ("ann.b@example.org", "Autumn 2026")
        assert store.export_learner("Bo")["learner"]["cohort"] is None
        # The cohort typed in capitals became the one it differed from only in case.
        assert store.learner("Di").cohort == "Spring 2026"
        assert store.cohort_names() == ["Autumn 2026", "Spring 2026"]
        assert store.cohort("autumn 2026") == CohortSummary("Autumn 2026", dt.date(2026, 12, 1), 1)
        assert store.server_address() == "http://192.0.2.7:8000"
        assert store.quiz_titles() == {
            "practice": "Practice quiz, revised",  # the newer version, by first_seen
            "organizations": "Organizations",
        }

        assert store.coordinator_password_hash("Dana") == "$argon2id$dana"
        ann_session = SignedIn("mentor", "Ann", "csrf-ann", first_ann.id)
        assert store.session_for("ann-session") == ann_session
        dana = store.session_for("dana-session")
        assert dana is not None and (dana.role, dana.name, dana.csrf) == (
            "coordinator",
            "Dana",
            "csrf-dana",
        )
        assert store.session_for("old-session") is None
        assert store.redeem_enrollment("bo-link") is None  # used before the upgrade
        assert store.redeem_enrollment("ann-link") == first_ann.id
        assert store.redeem_enrollment("ann-link") is None

        assert store.group_session("abc234") == LiveSession("ABC234", "practice", "Spring 2026", 2)
        assert store.live_tallies("ABC234", "q1") == {"a": 2, "c": 1}
        assert store.live_tallies("ABC234", "q2") == {"b": 1}

        with store.engine.connect() as connection:
            recorded = dict(connection.execute(select(Attempt.id, Attempt.recorded_at)).all())
            attended = connection.execute(
                text(
                    "SELECT learners.name, group_sessions.code FROM attendance"
                    " JOIN learners ON learners.id = attendance.learner_id"
                    " JOIN group_sessions ON group_sessions.id = attendance.session_id"
                )
            ).all()
        assert {attempt_id: utc(at) for attempt_id, at in recorded.items()} == RECORDED_AT
        assert [tuple(row) for row in attended] == [("Ann", "ABC234")]

        # The migrated store takes new writes, and knows its old attempts when sent again.
        assert store.record_attempt(expected[0]) == "duplicate"
        store.add_learner("Cy", cohort="Autumn")
        assert store.cohort_names() == ["Autumn", "Autumn 2026", "Spring 2026"]
        # Deleting a learner still takes their links, sessions and attendance with them.
        assert store.delete_learner(first_ann.id) == 2
        assert store.session_for("ann-session") is None
        with store.engine.connect() as connection:
            assert connection.scalar(text("SELECT COUNT(*) FROM attendance")) == 0
            assert connection.scalar(text("SELECT COUNT(*) FROM enrollment_links")) == 1
