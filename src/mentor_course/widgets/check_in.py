"""`SelfCheckIn`: the private self-check-in in a notebook.

It is scored in the front end (`static/self-check-in.js`); this class syncs only the
check-in's words and whom to talk to, and no trait carries an answer back, so the
answers never reach the kernel, a store or a log.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from mentor_course.checkin import check_in
from mentor_course.course import Course
from mentor_course.plan import Resources
from mentor_course.widgets.assets import stylesheet
from mentor_course.widgets.linker import linked_module
from mentor_course.widgets.plan import course_resources


class SelfCheckIn(anywidget.AnyWidget):
    _esm = linked_module("self-check-in")
    _css = stylesheet("self-check-in.css")

    check_in = traitlets.Dict().tag(sync=True)
    resources = traitlets.Dict().tag(sync=True)

    def __init__(self, resources: Resources | None = None, **kwargs: Any) -> None:
        chosen = resources or Resources()
        super().__init__(
            check_in=check_in().model_dump(mode="json"), resources=chosen.to_json(), **kwargs
        )

    @classmethod
    def for_course(cls, course: Course | None = None) -> SelfCheckIn:
        """The check-in with the program's contacts and crisis lines from `program.yml`."""
        return cls(course_resources(course or Course.find()))
