"""The completion report: one data model, rendered as a table, CSV, JSON or HTML."""

from mentor_course.report.model import Cell, CompletionReport, QuizColumn, Row, build_report
from mentor_course.report.render import FORMATS, render, write

__all__ = [
    "FORMATS",
    "Cell",
    "CompletionReport",
    "QuizColumn",
    "Row",
    "build_report",
    "render",
    "write",
]
