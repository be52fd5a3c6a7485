"""`true_false`: a statement to judge. Scores 1 or 0, like `single` with two fixed choices."""

from __future__ import annotations

from typing import Any, Literal

from mentor_course.quiz.types.base import Choice, Feedback, QuestionBase, RoomPoll, Text
from mentor_course.quiz.types.single import grade_one_choice


class TrueFalseQuestion(QuestionBase):
    type: Literal["true_false"]
    answer: bool
    feedback_true: Text
    feedback_false: Text

    @property
    def choices(self) -> list[Choice]:
        """The two answers as choices, always True first."""
        return [
            Choice(id="true", text="True", correct=self.answer, feedback=self.feedback_true),
            Choice(id="false", text="False", correct=not self.answer, feedback=self.feedback_false),
        ]

    def grade(self, answer: Any) -> tuple[float, list[Feedback]]:
        feedback = grade_one_choice(self.id, self.choices, answer)
        return (1.0 if feedback[0].correct else 0.0), feedback

    def public_view(self, seed: str) -> dict[str, Any]:
        return {"choices": [{"id": c.id, "text": c.text} for c in self.choices]}

    def answer_in_words(self) -> list[str]:
        return ["True" if self.answer else "False"]

    def right_answer(self) -> Any:
        return "true" if self.answer else "false"

    def room_poll(self, seed: str) -> RoomPoll:
        return RoomPoll(self.public_view(seed)["choices"], many=False)
