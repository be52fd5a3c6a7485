"""The rules for text a person types that the store keeps: names, cohorts, emails.

One rule per kind of value, sized to the store's column (`store/tables.py`), checked at
every edge (the CLI, the coordinator's forms, the API) before anything is written, so the
same value is refused the same way everywhere and on both databases: PostgreSQL refuses a
NUL byte and an over-long value with an error, where SQLite would keep them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from mentor_course.errors import MentorCourseError


class FieldError(MentorCourseError):
    """A value a person typed that the store cannot keep; `str()` says which and why."""

    def __init__(self, label: str, message: str) -> None:
        self.label, self.message = label, message
        super().__init__(f"{label}: {message}")


@dataclass(frozen=True)
class TextRule:
    label: str
    max_length: int
    required: bool = True

    def clean(self, value: str | None) -> str | None:
        """`value` trimmed and in Unicode NFC form, or None when it is empty and optional;
        `FieldError` when the store cannot keep it."""
        text = unicodedata.normalize("NFC", (value or "").strip()) if _encodable(value) else None
        if text is None:
            raise FieldError(self.label, "holds a broken character (an unpaired surrogate)")
        if not text:
            if self.required:
                raise FieldError(self.label, "is empty; type at least one letter")
            return None
        if any(unicodedata.category(c) == "Cc" for c in text):
            raise FieldError(self.label, "holds a control character (such as a NUL or ESC)")
        if len(text) > self.max_length:
            raise FieldError(
                self.label, f"is {len(text)} characters long; at most {self.max_length} fit"
            )
        return text

    def required_clean(self, value: str | None) -> str:
        """`clean` for a rule whose value may not be empty."""
        text = self.clean(value)
        assert text is not None, f"{self.label} is required"
        return text


def _encodable(value: str | None) -> bool:
    try:
        (value or "").encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


LEARNER_NAME = TextRule("name", 200)
COORDINATOR_NAME = TextRule("coordinator name", 200)
COHORT = TextRule("cohort", 200, required=False)
EMAIL = TextRule("email", 320, required=False)


def match_key(text: str) -> str:
    """`text` as names and cohorts are compared: Unicode-compatible (NFKC), case-folded, with
    runs of spaces as one, so "Alex  Rivera" and "alex rivera" are the same name."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def email(value: str | None) -> str | None:
    """An email address as the store keeps it: `EMAIL`, with one @ between two parts."""
    text = EMAIL.clean(value)
    if text is not None:
        local, at, domain = text.rpartition("@")
        if not at or not local or "." not in domain or any(c.isspace() for c in text):
            raise FieldError("email", f"{text!r} is not an email address (name@example.org)")
    return text
