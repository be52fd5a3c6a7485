"""The program configuration (`program.yml`) a mentoring program edits.

It names the program, lists its own contacts (coordinator, clinical
supervisor, employee assistance program...) and may replace the national
crisis lines with a local list. The defaults ship in `crisis_lines.yml`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mentor_course.errors import ProgramConfigError, SourceErrors
from mentor_course.yamlsource import load_model

DEFAULT_CRISIS_LINES = Path(__file__).with_name("crisis_lines.yml")
# What the shipped program.yml holds until a program puts in its own contacts.
PLACEHOLDER = re.compile(r"\(000\) 000-0000|example\.(org|com)|^\(", re.IGNORECASE)
NOT_SET = (
    "Your program has not set its contacts yet. Ask the person who gave you this course how "
    "to reach your coordinator; in a crisis, use the crisis lines."
)


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

    @property
    def is_placeholder(self) -> bool:
        """Whether this is still the shipped example: "(000) 000-0000", "...@example.org"."""
        fields = [self.name, self.phone, self.email]
        return any(value and PLACEHOLDER.search(value) for value in fields)


class CrisisLine(_Strict):
    """A crisis or advice line: how to reach it, what it offers, how private it is."""

    name: str = Field(min_length=1)
    call: str | None = Field(default=None, description="A number to call, as it is dialed.")
    text: str | None = Field(default=None, description="A number to text.")
    text_word: str | None = Field(default=None, description="The word to text, if any.")
    online: str | None = Field(default=None, description="Where to reach it online, as written.")
    what: str = Field(min_length=1, description="What it is for, in a sentence.")
    privacy: str = Field(min_length=1, description="What it keeps private, and its limits.")

    @model_validator(mode="after")
    def _reachable(self) -> CrisisLine:
        if not (self.call or self.text or self.online):
            raise ValueError("a line needs a way to reach it: call, text or online")
        return self

    @property
    def how(self) -> str:
        """How to reach it, in words: "Call 988, text 988 or go to 988lifeline.org (chat)"."""
        ways = [f"call {self.call}"] if self.call else []
        if self.text:
            ways.append(
                f"text {self.text_word} to {self.text}" if self.text_word else f"text {self.text}"
            )
        if self.online:
            ways.append(f"go to {self.online}")
        words = ways[0] if len(ways) == 1 else f"{', '.join(ways[:-1])} or {ways[-1]}"
        return words[0].upper() + words[1:]


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
    course_hours: float = Field(
        default=3,
        gt=0,
        le=100,
        description="Hours a mentor spends on the course, as their certificate states.",
    )

    @property
    def contacts_set(self) -> bool:
        """Whether the program has put in its own contacts (none is still the shipped example)."""
        return bool(self.contacts) and not any(c.is_placeholder for c in self.contacts)


def contacts_warning(path: Path) -> str | None:
    """What to tell whoever builds or serves the course while `program.yml` still holds the
    shipped example contacts (a broken file is the build's to report)."""
    try:
        config = load_model(path, ProgramConfig, ProgramConfigError)
    except SourceErrors:
        return None
    if config.contacts_set:
        return None
    return (
        f"warning: {path.name} still holds the example contacts, so the support page and the "
        "plan builder say your program has not set its contacts; put in your own before you "
        "share the course"
    )


def load_program_config(path: Path) -> tuple[ProgramConfig, CrisisLines]:
    """The program's configuration and the crisis lines to show (its own or the defaults)."""
    config = load_model(path, ProgramConfig, ProgramConfigError)
    lines = config.crisis_lines or load_model(DEFAULT_CRISIS_LINES, CrisisLines, ProgramConfigError)
    return config, lines
