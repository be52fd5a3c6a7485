"""What the notebook widgets and the book's widget hosts share: plain data, cheap to import.

The book's Sphinx extension reads these while building; importing the widget
classes instead would load anywidget, IPython and the progress store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

NOT_RECORDED = "Self-check: your answers are graded here and not recorded."


def passed_on(moment: dt.datetime) -> str:
    """The quiz's standing line once passed; `served-quiz.js` words it the same way."""
    return f"You passed this check on {moment:%B} {moment.day}, {moment.year}."


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
