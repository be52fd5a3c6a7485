"""`QuizWidget`: a chapter's knowledge check in a notebook, graded by the kernel.

The front end (`static/quiz.js`) only ever receives the bank without its
answer key. When the learner presses Check it sets `submission`; this class
grades it with `grade()` and sets `result`, which the front end shows.
"""

from __future__ import annotations

import pathlib
from typing import Any

import anywidget
import traitlets

from mentor_course.course import Course
from mentor_course.quiz import AnswerError, QuizBank, grade, load_bank
from mentor_course.references import load_references

STATIC = pathlib.Path(__file__).parent / "static"

NOT_RECORDED = "Self-check: your answers are graded here and not recorded."


class QuizWidget(anywidget.AnyWidget):
    _esm = STATIC / "quiz.js"
    _css = STATIC / "quiz.css"

    bank = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    submission = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    result = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    mode = traitlets.Unicode("all").tag(sync=True)
    status_note = traitlets.Unicode(NOT_RECORDED).tag(sync=True)

    def __init__(self, quiz: QuizBank, citations: dict[str, str], **kwargs: Any) -> None:
        self._quiz = quiz
        super().__init__(bank=quiz.public(citations), **kwargs)
        self.observe(self._on_submission, names=["submission"])

    @classmethod
    def from_bank(cls, bank_id: str, course: Course | None = None) -> QuizWidget:
        """The widget for `quizzes/<bank_id>.yml` of the course found from the working folder."""
        course = course or Course.find()
        quiz = load_bank(course.bank_path(bank_id), course.bibliography)
        return cls(quiz, load_references(course.bibliography))

    @property
    def quiz(self) -> QuizBank:
        return self._quiz

    def _on_submission(self, change: dict[str, Any]) -> None:
        submission = change["new"]
        if not submission:
            return
        try:
            graded = grade(self._quiz, submission.get("answers", {}))
        except AnswerError as exc:
            self.status_note = f"That answer could not be checked: {exc}"
            return
        self.result = {"attempt_id": submission.get("attempt_id"), **graded.model_dump()}
