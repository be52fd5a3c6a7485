"""Load quiz banks from YAML; every problem names the file, line, field and fix."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mentor_course.errors import MentorCourseError, QuizBankError, SourceErrors
from mentor_course.quiz.model import QuizBank
from mentor_course.references import load_references
from mentor_course.yamlsource import load_model


def _bank_error(path: Path, line: int | None, field: str, message: str) -> QuizBankError:
    return QuizBankError(path, line, field, message)


def load_bank(path: Path, bibliography: Path) -> QuizBank:
    """The bank at `path`, checked against the keys in `bibliography`; raises `SourceErrors`."""
    if not bibliography.is_file():
        raise MentorCourseError(
            f"{bibliography}: the bibliography is missing; quiz citations are checked against it"
        )
    citations = set(load_references(bibliography.resolve()))
    return load_model(path, QuizBank, _bank_error, context={"citations": citations})


def find_banks(paths: Iterable[Path]) -> list[Path]:
    """Every `*.yml` bank in the given files and folders, sorted."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise MentorCourseError(f"{path}: no such file or folder")
        found.extend(sorted(path.glob("*.yml")) if path.is_dir() else [path])
    return found


def validate_paths(paths: Iterable[Path], bibliography: Path) -> list[QuizBankError]:
    """Every problem in every bank under `paths` (an empty list means all are valid)."""
    problems: list[QuizBankError] = []
    for bank in find_banks(paths):
        try:
            load_bank(bank, bibliography)
        except SourceErrors as exc:
            problems.extend(e for e in exc.errors if isinstance(e, QuizBankError))
    return problems
