"""`QuizWidget`: a chapter's knowledge check in a notebook, graded by the kernel.

The front end (`static/quiz.js`) only ever receives the bank without its
answer key, and draws each attempt's questions from it, seeded by the attempt's
id. When the learner presses Check it sets `submission`; this class grades it
with `grade()` on the same draw and sets `result`, which the front end shows. With
`recording` on, the attempt is then stored for `learner` in the progress
store; with no learner known yet, the front end asks for a name and the
attempt is stored once it is given.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import anywidget
import traitlets

from mentor_course.course import Course
from mentor_course.errors import MentorCourseError
from mentor_course.identity import current_learner, hub_user, set_learner
from mentor_course.quiz import QuizBank, grade, load_bank
from mentor_course.references import load_references
from mentor_course.store import AttemptRecord, Store
from mentor_course.widgets.assets import stylesheet
from mentor_course.widgets.linker import linked_module
from mentor_course.widgets.shared import NOT_RECORDED, passed_on

ASK_NAME = "Enter your name so your checked attempts can be saved to your progress."


def saving_as(learner: str) -> str:
    return f"Checked attempts are saved to your progress as {learner}."


class QuizWidget(anywidget.AnyWidget):
    _esm = linked_module("presenting-quiz")
    _css = stylesheet("quiz.css", "presenter.css")

    bank = traitlets.Dict().tag(sync=True)
    attempt = traitlets.Unicode("").tag(sync=True)  # the current attempt's id, set by the front end
    answers = traitlets.Dict().tag(sync=True)
    submission = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    result = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    mode = traitlets.Unicode("all").tag(sync=True)
    status_note = traitlets.Unicode(NOT_RECORDED).tag(sync=True)
    saved_note = traitlets.Unicode("").tag(sync=True)  # what became of the last checked attempt
    standing = traitlets.Unicode("").tag(sync=True)  # "You passed this check on ..."
    # Whether checked attempts go to the progress store, and for whom.
    recording = traitlets.Bool(False).tag(sync=True)
    # The right answers, only for a presenter (facilitator) widget; empty for learners.
    presenter = traitlets.List(traitlets.Dict()).tag(sync=True)
    learner = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        quiz: QuizBank,
        citations: dict[str, str],
        *,
        record: bool = False,
        store_url: str | None = None,
        presenting: bool = False,
        **kwargs: Any,
    ) -> None:
        self._quiz = quiz
        self._store_url = store_url
        self._started = dt.datetime.now(dt.UTC)
        self._unsaved: AttemptRecord | None = None
        learner = (current_learner() or "") if record else ""
        note = (saving_as(learner) if learner else ASK_NAME) if record else NOT_RECORDED
        super().__init__(
            bank=quiz.public(citations),
            recording=record,
            learner=learner,
            status_note=note,
            presenter=quiz.reveal(citations) if presenting else [],
            **kwargs,
        )
        self.observe(self._on_submission, names=["submission"])
        self.observe(self._on_learner, names=["learner"])

    @classmethod
    def from_bank(
        cls,
        bank_id: str,
        course: Course | None = None,
        *,
        record: bool = True,
        store_url: str | None = None,
        presenting: bool = False,
    ) -> QuizWidget:
        """The widget for `quizzes/<bank_id>.yml` of the course found from the working folder.

        By default checked attempts are recorded in the progress store
        (`MENTOR_COURSE_DB`) for the current learner (`mentor-course whoami`).
        `presenting=True` is for a facilitator: it adds the presenter view, with
        the answers, and records nothing.
        """
        course = course or Course.find()
        quiz = load_bank(course.bank_path(bank_id), course.bibliography)
        return cls(
            quiz,
            load_references(course.bibliography),
            record=record and not presenting,
            store_url=store_url,
            presenting=presenting,
        )

    @property
    def quiz(self) -> QuizBank:
        return self._quiz

    def _on_submission(self, change: dict[str, Any]) -> None:
        submission = change["new"]
        if not submission:
            return
        attempt_id = str(submission.get("attempt_id") or "")
        try:
            uuid.UUID(attempt_id)
            graded = grade(self._quiz, submission.get("answers", {}), self._quiz.draw(attempt_id))
        except ValueError as exc:  # AnswerError, or an attempt id that is not one
            self.status_note = f"That answer could not be checked: {exc}"
            return
        self.result = {"attempt_id": attempt_id, **graded.model_dump()}
        if self.recording:
            self._unsaved = AttemptRecord.from_grade(
                attempt_id=attempt_id,
                # A placeholder until a name is given; `_save` puts the real one in.
                learner=self.learner.strip() or "(no name yet)",
                bank=self._quiz,
                result=graded,
                source="notebook",
                started_at=self._started,
            )
            self._started = dt.datetime.now(dt.UTC)
            self._save()

    def _on_learner(self, change: dict[str, Any]) -> None:
        name = change["new"].strip()
        if not name or not self.recording:
            return
        try:
            set_learner(name)
        except MentorCourseError as exc:
            self.status_note = str(exc)
            return
        self._save()

    def _save(self) -> None:
        """Record the last checked attempt, once a learner is known."""
        if self._unsaved is None:
            return
        if not self.learner.strip():
            self.status_note = "Checked. Enter your name above to save this attempt."
            return
        record = self._unsaved.model_copy(update={"learner": self.learner.strip()})
        try:
            with Store.open(self._store_url) as store:
                store.record_attempt(record)
                if hub_user() == record.learner:
                    store.add_learner(record.learner, external_id=record.learner)
        except MentorCourseError as exc:
            self.status_note = f"Checked, but not saved to your progress: {exc}"
            return
        self._unsaved = None
        self.status_note = saving_as(record.learner)
        self.saved_note = f"Saved at {dt.datetime.now().strftime('%H:%M')}."
        if record.passed and not self.standing:
            self.standing = passed_on(record.finished_at)
