"""`ProgramSelfAssessment`: the program self-assessment in a notebook.

Scored in the front end (`static/org-assessment.js`), where staff also make the action
plan; this class syncs only the statements, and no trait carries a rating back.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from mentor_course.checkin import org_assessment
from mentor_course.widgets.assets import stylesheet
from mentor_course.widgets.linker import linked_module


class ProgramSelfAssessment(anywidget.AnyWidget):
    _esm = linked_module("org-assessment")
    _css = stylesheet("self-check-in.css", "org-assessment.css")

    assessment = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(assessment=org_assessment().model_dump(mode="json"), **kwargs)
