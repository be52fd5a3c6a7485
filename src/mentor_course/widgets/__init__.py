"""Notebook widgets (anywidget): quiz, plan builder, breathing pacer. Front ends in `static/`."""

from mentor_course.widgets.breathing import BreathingPacer
from mentor_course.widgets.plan import PlanBuilder
from mentor_course.widgets.quiz import QuizWidget

__all__ = ["BreathingPacer", "PlanBuilder", "QuizWidget"]
