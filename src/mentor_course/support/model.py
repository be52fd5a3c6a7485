"""The program configuration (`program.yml`) a mentoring program edits.

It names the program, lists its own contacts (coordinator, clinical
supervisor, employee assistance program...) and may replace the national
crisis lines with a local list. The defaults ship in `crisis_lines.yml`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mentor_course.errors import ProgramConfigError
from mentor_course.yamlsource import load_model

DEFAULT_CRISIS_LINES = Path(__file__).with_name("crisis_lines.yml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Contact(_Strict):
    """A person or service at the program a mentor can reach."""

    role: str = Field(min_length=1)
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    hours: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phone or self.email):
            raise ValueError("a contact needs a phone or an email so a mentor can reach it")
        return self


class CrisisLine(_Strict):
    """A crisis or advice line, with how to reach it."""

    name: str = Field(min_length=1)
    how: str = Field(min_length=1, description="How to reach it: call, text, chat.")
    what: str = Field(min_length=1, description="What it is for, in a sentence.")


class CrisisLines(_Strict):
    """A list of lines with the date someone last checked every number."""

    last_checked: dt.date
    region: str = "United States"
    lines: list[CrisisLine] = Field(min_length=1)


class ProgramConfig(_Strict):
    """`program.yml`: everything about support that a program decides."""

    program: str = Field(min_length=1, description="The program's name as mentors know it.")
    contacts: list[Contact] = Field(default_factory=list)
    crisis_lines: CrisisLines | None = Field(
        default=None, description="Replaces the national list when set."
    )


def load_program_config(path: Path) -> tuple[ProgramConfig, CrisisLines]:
    """The program's configuration and the crisis lines to show (its own or the defaults)."""
    config = load_model(path, ProgramConfig, ProgramConfigError)
    lines = config.crisis_lines or load_model(DEFAULT_CRISIS_LINES, CrisisLines, ProgramConfigError)
    return config, lines
