"""Typed errors. The CLI catches `MentorCourseError` once and prints it as one line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class MentorCourseError(Exception):
    """A problem the user can fix; `str()` is the one line shown to them."""


class SourceError(MentorCourseError):
    """A problem at a place in a content or configuration file."""

    def __init__(self, path: Path | str, line: int | None, field: str, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class QuizBankError(SourceError):
    """A quiz bank that cannot be used; nothing is rendered or recorded from it."""


class ProgramConfigError(SourceError):
    """A malformed `program.yml` (the program's own contacts and crisis lines)."""


class CheckInError(SourceError):
    """A malformed check-in content file (`checkin/check_in.yml`, `checkin/org_assessment.yml`)."""


class BuildError(MentorCourseError):
    """The book did not build."""


class SourceErrors(MentorCourseError):
    """Every problem found in one file, each a `SourceError`, shown one per line."""

    def __init__(self, errors: Sequence[SourceError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in errors))


class ImportFileError(SourceError):
    """A row of an attempts file (`mentor-course import`) that cannot be read."""


class FileReadError(SourceError):
    """A file given to a command that cannot be read as text (missing, a folder, not UTF-8)."""


class FileWriteError(MentorCourseError):
    """A file a command was asked to write that could not be written; nothing was left there."""
