"""Shared fixtures: copies of the course to build, and one strict build per session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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
