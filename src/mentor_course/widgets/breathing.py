"""`BreathingPacer`: a short paced-breathing exercise, for a mentor alone or a room.

It starts only when someone presses Start, can be paused or stopped at any
time, says each step in words (a live region and a text description), never
flashes, and keeps still when the reader's system asks for reduced motion.
The wording follows trauma-sensitive practice: invitations, eyes open is
fine, and any breath that feels comfortable is the right one.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from mentor_course.widgets.assets import stylesheet
from mentor_course.widgets.linker import linked_module
from mentor_course.widgets.shared import PATTERNS


class BreathingPacer(anywidget.AnyWidget):
    _esm = linked_module("breathing")
    _css = stylesheet("breathing.css")

    patterns = traitlets.List(traitlets.Dict()).tag(sync=True)
    pattern = traitlets.Unicode("longer-out").tag(sync=True)
    minutes = traitlets.Int(1).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(patterns=PATTERNS, **kwargs)

    @traitlets.validate("pattern")
    def _known_pattern(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in {p["id"] for p in PATTERNS}:
            raise traitlets.TraitError(f"unknown pattern {proposal['value']!r}")
        return proposal["value"]
