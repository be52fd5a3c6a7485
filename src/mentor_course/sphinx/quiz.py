"""`quiz`: a chapter's knowledge check in the static book.

    ```{quiz} compassion-fatigue-vs-burnout
    ```

The bank is loaded and validated at build time (an invalid bank fails the
build and renders nothing). The static book's page gets the bank and its key
for the in-page self-check; the served book's page gets the bank only, and
the course server grades.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from mentor_course.book.build import SERVED_ENV
from mentor_course.errors import SourceErrors
from mentor_course.sphinx.host import reported, widget_node
from mentor_course.widgets.shared import NOT_RECORDED

IN_AN_LMS = (
    "In your learning platform, each checked attempt's score and pass are reported to it. "
    "Opened on its own, this is a self-check."
)


class QuizDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        # Imported here: the quiz model loads pydantic, which a build that reads no
        # quiz page (a no-change rebuild) need not pay for.
        from mentor_course.quiz import load_bank
        from mentor_course.references import load_references

        bank_id = self.arguments[0]
        root = Path(self.env.srcdir)
        path = root / self.config.mentor_course_quizzes / f"{bank_id}.yml"
        bibliography = root / self.config.bibtex_bibfiles[0]
        self.env.note_dependency(str(path))
        if not path.is_file():
            raise self.error(f"no quiz bank {path}; check the id or run mentor-course validate")
        try:
            bank = load_bank(path, bibliography)
        except SourceErrors as exc:
            return reported(self, exc)
        node = widget_node(widget="quiz")
        node["noscript"] = (
            "This knowledge check needs JavaScript. The chapter's key takeaways cover the same "
            "points."
        )
        citations = load_references(bibliography.resolve())
        node["data"] = {"bank": bank.public(citations)}
        if self.config.mentor_course_served:
            # The course server grades; the answer key never reaches the page (a
            # coordinator's presenter view fetches the answers from the server).
            node["data"]["served"] = True
        else:
            # No presenter view here: facilitators present from the notebook or the server.
            note = IN_AN_LMS if self.config.mentor_course_scorm else NOT_RECORDED
            node["data"] |= {"key": bank.answer_key(), "status_note": note}
        return [node]


def setup_quiz(app: Sphinx) -> None:
    app.add_config_value("mentor_course_quizzes", "quizzes", "env", [str])
    # The served build (for `mentor-course serve`) is asked for through the environment,
    # since Jupyter Book's command line passes no Sphinx settings.
    app.add_config_value("mentor_course_served", os.environ.get(SERVED_ENV) == "1", "env", [bool])
    app.add_directive("quiz", QuizDirective)
