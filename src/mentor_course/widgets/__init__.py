"""Notebook widgets (anywidget): quiz, plan builder, breathing pacer, self-check-in.

Front ends in `static/`.

The classes load on first use (PEP 562), so the book build can read
`mentor_course.widgets.shared` without importing anywidget.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentor_course.widgets.breathing import BreathingPacer
    from mentor_course.widgets.check_in import SelfCheckIn
    from mentor_course.widgets.org_assessment import ProgramSelfAssessment
    from mentor_course.widgets.plan import PlanBuilder
    from mentor_course.widgets.quiz import QuizWidget

__all__ = ["BreathingPacer", "PlanBuilder", "ProgramSelfAssessment", "QuizWidget", "SelfCheckIn"]
_HOMES = {
    "BreathingPacer": "breathing",
    "PlanBuilder": "plan",
    "ProgramSelfAssessment": "org_assessment",
    "QuizWidget": "quiz",
    "SelfCheckIn": "check_in",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
