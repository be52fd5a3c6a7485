"""The program self-assessment's content (`org_assessment.yml`) as a typed model.

It is scored in the page (`widgets/static/org-assessment.js`), where staff also turn
its gaps into an action plan to print or save; nothing reaches Python, a store or a
server.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from mentor_course.checkin.model import Step
from mentor_course.errors import CheckInError
from mentor_course.yamlsource import load_model

ORG_ASSESSMENT = Path(__file__).with_name("org_assessment.yml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Statement(_Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)


class OrgArea(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    items: list[Statement] = Field(min_length=2)


class OrgAssessment(_Strict):
    scale: list[Step] = Field(min_length=2)
    areas: list[OrgArea] = Field(min_length=1)


@cache
def org_assessment() -> OrgAssessment:
    """The course's program self-assessment; a broken file names its line and field."""
    return load_model(ORG_ASSESSMENT, OrgAssessment, CheckInError)
