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

from mentor_course.widgets.assets import STATIC, stylesheet

PATTERNS: list[dict[str, Any]] = [
    {
        "id": "longer-out",
        "name": "Longer breath out",
        "description": "In for a count of 4, out for a count of 6. A longer out-breath "
        "tends to feel settling.",
        "phases": [{"label": "Breathe in", "seconds": 4}, {"label": "Breathe out", "seconds": 6}],
    },
    {
        "id": "even",
        "name": "Even breathing",
        "description": "In for 5, out for 5: a slow, even rhythm.",
        "phases": [{"label": "Breathe in", "seconds": 5}, {"label": "Breathe out", "seconds": 5}],
    },
    {
        "id": "box",
        "name": "Box breathing",
        "description": "In for 4, hold for 4, out for 4, rest for 4. Skip the holds if they "
        "do not feel good.",
        "phases": [
            {"label": "Breathe in", "seconds": 4},
            {"label": "Hold", "seconds": 4},
            {"label": "Breathe out", "seconds": 4},
            {"label": "Rest", "seconds": 4},
        ],
    },
]


class BreathingPacer(anywidget.AnyWidget):
    _esm = STATIC / "breathing.js"
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
