"""What the plan builder's front end starts from, the same in a notebook and in the book."""

from __future__ import annotations

from typing import Any

from mentor_course.plan.formats import FORMATS
from mentor_course.plan.model import plan_template
from mentor_course.plan.sections import guide


def builder_guide() -> dict[str, Any]:
    """The front end's `guide`: the builder's words, the export formats and an empty plan.

    One value rather than three synced keys: the book's widget host hands the
    front end only `guide` and `resources`, so the notebook does the same.
    """
    return {
        **guide(),
        "formats": [fmt.public() for fmt in FORMATS],
        "plan_template": plan_template(),
    }
