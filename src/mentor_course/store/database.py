"""Where the store lives and how it is reached: the URL, the engine, the schema, transactions.

One setting picks the database everywhere: `MENTOR_COURSE_DB`, a SQLAlchemy
URL or a file path (SQLite). Without it, a SQLite file in the user's data
folder. SQLite runs in WAL mode with a busy timeout, and every write
transaction starts with BEGIN IMMEDIATE, so concurrent writers queue for the
lock instead of failing half-way. Schema changes go through Alembic; a store
at an older schema is refused until `mentor-course db upgrade`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from mentor_course.store.errors import StoreError, StoreUnwritable

ENV_VAR = "MENTOR_COURSE_DB"
FILE_ENV_VAR = "MENTOR_COURSE_DB_FILE"  # a file holding the URL, for URLs with a password
MIGRATIONS = Path(__file__).with_name("migrations")


def _secret_file(path: Path) -> str:
    """The database URL kept in `path`, which only its owner may read (it may hold a password)."""
    try:
        mode = path.stat().st_mode
        url = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the database URL file ({exc.strerror})") from None
    if mode & 0o077:
        raise StoreError(
            f"{path} can be read by other users; it may hold a password. Run: chmod 600 {path}"
        )
    return url


def database_url(value: str | None = None) -> str:
    """A SQLAlchemy URL from `value`, `MENTOR_COURSE_DB`, the file named by
    `MENTOR_COURSE_DB_FILE`, or the default SQLite file."""
    if not value and not os.environ.get(ENV_VAR) and (secret := os.environ.get(FILE_ENV_VAR)):
        value = _secret_file(Path(secret))
    value = value or os.environ.get(ENV_VAR)
    if value and "://" in value:
        return value
    path = Path(value) if value else Path(platformdirs.user_data_dir("mentor-course"))
    if not value:
        path = path / "progress.sqlite3"
    path = path.expanduser().resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"{path.parent}: cannot make the store's folder ({exc.strerror}); "
            f"set {ENV_VAR} to a file in a folder you can write to"
        ) from None
    return f"sqlite:///{path}"


def _parsed(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError):  # not echoed: it may hold a password
        raise StoreError(
            f"the store's URL in {ENV_VAR} or --db cannot be read; write it as "
            "postgresql+psycopg://user:password@host:port/database, or give a SQLite file path"
        ) from None


def describe(url: str) -> str:
    """The URL without its password, safe to print."""
    return _parsed(url).render_as_string(hide_password=True)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver; transactions begin in `_begin` below.
        dbapi_connection.isolation_level = None
        for pragma in (
            "journal_mode=WAL",
            "busy_timeout=60000",
            "foreign_keys=ON",
            "synchronous=FULL",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get("writes", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    """An engine for `url`; `StoreError` for a kind of database or driver that is not here."""
    parsed = _parsed(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True)
    except NoSuchModuleError:
        problem = f"{parsed.drivername!r} is not a database SQLAlchemy knows"
    except ImportError as exc:
        problem = f"its driver, the Python package {exc.name!r}, is not installed"
    except ArgumentError:
        problem = "SQLAlchemy cannot use this URL"
    raise StoreError(
        f"cannot open the store at {describe(url)}: {problem}; mentor-course keeps its store "
        "in a SQLite file (a path) or in PostgreSQL (postgresql+psycopg://...)"
    )


def alembic_config(connection: Connection) -> tuple[Config, ScriptDirectory]:
    """The project's migrations, set to run on `connection` (there is no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config, ScriptDirectory.from_config(config)


def _unreachable(url: str, error: DatabaseError) -> StoreError:
    # A DatabaseError that is not an OperationalError: SQLite's "file is not a database" and
    # "database disk image is malformed".
    hint = (
        ""
        if isinstance(error, OperationalError)
        else "; name the store's own file, or restore it from a backup if it is damaged"
    )
    return StoreError(f"cannot open the store at {describe(url)}: {error.orig}{hint}")


def upgrade(url: str | None = None) -> tuple[str | None, str]:
    """Bring the store to the newest schema; return (revision before, revision after)."""
    url = database_url(url)
    engine = make_engine(url)
    try:
        with engine.execution_options(writes=True).begin() as connection:
            config, scripts = alembic_config(connection)
            before = MigrationContext.configure(connection).get_current_revision()
            command.upgrade(config, "head")
            return before, scripts.get_current_head() or ""
    except DatabaseError as exc:
        raise _unreachable(url, exc) from None
    finally:
        engine.dispose()


def open_engine(url: str | None = None) -> Engine:
    """An engine on the store at the newest schema, creating the store if it is new and empty;
    a store at any other schema is refused, saying what to upgrade."""
    url = database_url(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _, scripts = alembic_config(connection)
            current = MigrationContext.configure(connection).get_current_revision()
            has_tables = inspect(connection).has_table("attempts")
        head = scripts.get_current_head()
    except DatabaseError as exc:
        engine.dispose()
        raise _unreachable(url, exc) from None
    if current is None and not has_tables:
        engine.dispose()
        upgrade(url)
        return make_engine(url)
    if current != head:
        engine.dispose()
        known = {script.revision for script in scripts.walk_revisions()}
        if current in known:
            raise StoreError(
                f"the store at {describe(url)} is at schema {current}, older than this "
                f"mentor-course ({head}); run: mentor-course db upgrade"
            )
        raise StoreError(
            f"the store at {describe(url)} is at schema {current}, which this "
            "mentor-course does not know; upgrade mentor-course"
        )
    return engine


class Transactions:
    """The one place ORM sessions begin, commit and roll back; every aggregate uses it.

    `transaction(writes=True)` is for anything that writes: on SQLite it takes
    the write lock up front (BEGIN IMMEDIATE), so a writer waits its turn
    rather than failing when it first writes.
    """

    def __init__(self, engine: Engine) -> None:
        self._reader = engine
        self._writer = engine.execution_options(writes=True)

    @contextmanager
    def __call__(self, writes: bool = False) -> Iterator[Session]:
        try:
            with Session(self._writer if writes else self._reader) as session, session.begin():
                yield session
        except OperationalError as exc:
            if not writes:
                raise
            # The reason, not the statement: its parameters may hold tokens' hashes.
            raise StoreUnwritable(f"the store cannot save anything now: {exc.orig}") from None
