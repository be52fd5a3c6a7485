"""Notebook widgets (anywidget): the quiz, with its ES module and CSS in `static/`."""

from mentor_course.widgets.quiz import QuizWidget

__all__ = ["QuizWidget"]
