"""Load quiz banks from YAML; every problem names the file, line, field and fix."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mentor_course.errors import MentorCourseError, QuizBankError, SourceError, SourceErrors
from mentor_course.quiz.model import QuizBank
from mentor_course.references import load_references
from mentor_course.yamlsource import load_model


def load_bank(path: Path, bibliography: Path) -> QuizBank:
    """The bank at `path`, checked against the keys in `bibliography`; raises `SourceErrors`."""
    if not bibliography.is_file():
        raise MentorCourseError(
            f"{bibliography}: the bibliography is missing; quiz citations are checked against it"
        )
    citations = set(load_references(bibliography.resolve()))
    return load_model(path, QuizBank, QuizBankError, context={"citations": citations})


def find_banks(paths: Iterable[Path]) -> list[Path]:
    """Every `*.yml` bank in the given files and folders, sorted."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise MentorCourseError(f"{path}: no such file or folder")
        found.extend(sorted(path.glob("*.yml")) if path.is_dir() else [path])
    return found


def validate_banks(banks: Iterable[Path], bibliography: Path) -> list[SourceError]:
    """Every problem in the bank files `banks` (an empty list means all are valid)."""
    problems: list[SourceError] = []
    for bank in banks:
        try:
            load_bank(bank, bibliography)
        except SourceErrors as exc:
            problems.extend(exc.errors)
    return problems
