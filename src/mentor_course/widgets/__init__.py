"""Notebook widgets (anywidget): the quiz and the plan builder; ES modules and CSS in `static/`."""

from mentor_course.widgets.plan import PlanBuilder
from mentor_course.widgets.quiz import QuizWidget

__all__ = ["PlanBuilder", "QuizWidget"]
