"""The private self-check-in's content (`check_in.yml`) as a typed model.

Only its words and rules live here: the check-in is scored in the browser
(`widgets/static/self-check-in.js`) and its answers never reach Python, a store or a
server.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mentor_course.errors import CheckInError
from mentor_course.yamlsource import load_model

CHECK_IN = Path(__file__).with_name("check_in.yml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanSign(_Strict):
    """The self-care plan's own warning sign an item matches (plan/guide.json "signs")."""

    kind: Literal["compassion_fatigue", "burnout"]
    text: str = Field(min_length=1)


class Item(_Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    plan_sign: PlanSign | None = None


class Area(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    strain: bool  # a higher total is a warning (compassion satisfaction is not)
    items: list[Item] = Field(min_length=2)


class Step(_Strict):
    value: int = Field(ge=0)
    label: str = Field(min_length=1)


class CheckIn(_Strict):
    period: str = Field(min_length=1)
    scale: list[Step] = Field(min_length=2)
    talk_at: int = Field(ge=1)
    areas: list[Area] = Field(min_length=1)

    @model_validator(mode="after")
    def _signs_are_the_plans(self) -> CheckIn:
        from mentor_course.plan import guide

        signs = guide()["signs"]
        for area in self.areas:
            for item in area.items:
                sign = item.plan_sign
                if sign and sign.text not in signs[sign.kind]:
                    raise ValueError(
                        f"item {item.id!r}: {sign.text!r} is not one of the plan's "
                        f"{sign.kind} signs in plan/guide.json"
                    )
        return self


@cache
def check_in() -> CheckIn:
    """The course's check-in; a broken file names its line and field."""
    return load_model(CHECK_IN, CheckIn, CheckInError)
