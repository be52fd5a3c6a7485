"""The self-care plan: a typed, versioned model of everything the builder asks.

Every field is optional: a mentor may fill in one section or all of them. The
plan lives on the mentor's device (the browser, or a JSON file they keep);
nothing here is ever written to the progress store or sent to the server.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from mentor_course.errors import MentorCourseError

SCHEMA_VERSION: Final = 1
DOMAINS = ("body", "mind", "emotions", "relationships", "spirit", "work")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

Domain = Literal["body", "mind", "emotions", "relationships", "spirit", "work"]
Day = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Lines = list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Coping(_Part):
    helpful: Lines = []
    unhelpful: Lines = []
    reduce: Text = ""


class WarningSigns(_Part):
    compassion_fatigue: Lines = []
    burnout: Lines = []
    own: Lines = []


class DomainPlan(_Part):
    now: Text = ""
    add: Text = ""
    how_often: Text = ""


class Weekly(_Part):
    activity: Text = ""
    day: Day | None = None
    time: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None = None
    minutes: int = Field(default=30, ge=5, le=600)


class Breaks(_Part):
    every_minutes: int | None = Field(default=None, ge=30, le=240)
    what: Text = ""


class Barrier(_Part):
    barrier: Text = ""
    plan: Text = ""


class Person(_Part):
    name: Text = ""
    how: Text = ""


class Supports(_Part):
    people: list[Person] = []
    program_contacts: bool = True
    crisis_lines: bool = True


class BadDay(_Part):
    do: Lines = []
    tell_myself: Lines = []
    avoid: Lines = []


class SelfCarePlan(_Part):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    name: Text = ""
    coping: Coping = Coping()
    warning_signs: WarningSigns = WarningSigns()
    maintenance: dict[Domain, DomainPlan] = {}
    weekly: Weekly = Weekly()
    breaks: Breaks = Breaks()
    barriers: list[Barrier] = []
    supports: Supports = Supports()
    bad_day: BadDay = BadDay()
    boundaries: Lines = []
    review_date: dt.date | None = None

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def plan_template() -> dict[str, Any]:
    """An empty plan as JSON, which the builder's front end copies for each new plan.

    `id` is null, not a random id every copy would share; it stays in place so a
    plan the front end saves keeps the key order of `SelfCarePlan.to_json()`.
    """
    return SelfCarePlan().model_dump(mode="json") | {"id": None}


class PlanFileError(MentorCourseError, ValueError):
    """A plan file that cannot be loaded; the message names the field and the fix."""


def load_plan(text: str, source: str = "the plan") -> SelfCarePlan:
    """A plan from its JSON, or `PlanFileError` naming what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            f"{source}: line {exc.lineno}: not valid JSON ({exc.msg}); "
            "use the .json file the plan builder saved"
        ) from None
    except (ValueError, RecursionError):  # a number of thousands of digits; deep nesting
        raise PlanFileError(
            f"{source}: not a plan the builder saves (too deeply nested, or a number too "
            "long to read); use the .json file the plan builder saved"
        ) from None
    if isinstance(data, dict) and data.get("schema_version") not in (None, SCHEMA_VERSION):
        raise PlanFileError(
            f"{source}: schema_version {data.get('schema_version')!r} is not one this "
            f"mentor-course reads ({SCHEMA_VERSION}); upgrade mentor-course"
        )
    try:
        return SelfCarePlan.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(the whole file)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        message = re.sub(r"^Value error, ", "", first["msg"])
        raise PlanFileError(f"{source}: {field}: {message.lower()}{more}") from None
