"""Shared fixtures: copies of the course to build, and one strict build per session."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mentor_course.book import BuildResult, build_book

REPO = Path(__file__).resolve().parent.parent
COURSE_FILES = ["_config.yml", "_toc.yml", "program.yml", "book", "quizzes"]


def copy_course(target: Path) -> Path:
    """A copy of the course content at `target`, safe to break."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("_build"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def course_copy(tmp_path: Path) -> Callable[[], Path]:
    return lambda: copy_course(tmp_path / "course")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real course, built strictly once for the whole session."""
    return build_book(copy_course(tmp_path_factory.mktemp("built") / "course"), fresh=True)


@pytest.fixture(autouse=True)
def isolated_learner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no learner set and its own empty progress store."""
    monkeypatch.setenv("MENTOR_COURSE_DB", str(tmp_path / "progress.sqlite3"))
    monkeypatch.setenv("MENTOR_COURSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


POSTGRES_ENV = "MENTOR_COURSE_TEST_POSTGRES"
POSTGRES_DEFAULT = "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """A PostgreSQL server URL; skipped with a reason when none answers (CI requires one)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    url = os.environ.get(POSTGRES_ENV, POSTGRES_DEFAULT)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except OperationalError as exc:
        if os.environ.get("MENTOR_COURSE_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"no PostgreSQL server at {POSTGRES_ENV} or {POSTGRES_DEFAULT}: {exc.orig}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"mentor_course_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a real SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def node() -> str:
    """Node's path, for the JavaScript tests; skipped when missing (CI requires it)."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("MENTOR_COURSE_REQUIRE_NODE"):
            pytest.fail("MENTOR_COURSE_REQUIRE_NODE is set but node is not on PATH")
        pytest.skip("node is not installed")
    return found
