"""`PlanBuilder`: the self-care plan builder in a notebook.

The whole builder runs in the front end (`static/plan-builder.js`); the
kernel only holds the synced `plan`, so a mentor can also save or export it
from Python (`builder.save("plan.json")`, `builder.export("md")`) in any of
the formats `mentor_course.plan.FORMATS` registers. Nothing is written to the
progress store or logged.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

import anywidget
import traitlets

from mentor_course.course import Course
from mentor_course.errors import SourceErrors
from mentor_course.plan import Resources, SelfCarePlan, builder_guide, export_format
from mentor_course.support import load_program_config
from mentor_course.widgets.assets import stylesheet
from mentor_course.widgets.linker import linked_module


def course_resources(course: Course) -> Resources:
    """The program's contacts and crisis lines, or none when `program.yml` is broken (the
    book build reports that; a notebook widget still opens)."""
    try:
        return Resources.from_program(*load_program_config(course.root / "program.yml"))
    except SourceErrors:
        return Resources()


class PlanBuilder(anywidget.AnyWidget):
    _esm = linked_module("plan-builder")
    _css = stylesheet("plan-builder.css")

    # The builder's words, the export formats' download list and an empty plan.
    guide = traitlets.Dict().tag(sync=True)
    resources = traitlets.Dict().tag(sync=True)
    plan = traitlets.Dict().tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)

    def __init__(self, resources: Resources | None = None, **kwargs: Any) -> None:
        self._resources = resources or Resources()
        super().__init__(guide=builder_guide(), resources=self._resources.to_json(), **kwargs)

    @classmethod
    def for_course(cls, course: Course | None = None) -> PlanBuilder:
        """The builder with the program's contacts and crisis lines from `program.yml`."""
        return cls(course_resources(course or Course.find()))

    @property
    def current(self) -> SelfCarePlan:
        """The plan as the mentor has filled it in so far."""
        return SelfCarePlan.model_validate(self.plan) if self.plan else SelfCarePlan()

    def export(self, fmt: str) -> str:
        """The plan in the registered format `fmt` (an id such as "md" or "ics")."""
        return export_format(fmt).render(self.current, self._resources, dt.date.today())

    def save(self, path: str | pathlib.Path, fmt: str = "json") -> None:
        # newline="": the calendar's CRLF line ends are its format's, not the platform's.
        pathlib.Path(path).write_text(self.export(fmt), encoding="utf-8", newline="")
