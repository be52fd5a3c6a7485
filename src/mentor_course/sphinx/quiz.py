"""`quiz`: a chapter's knowledge check in the static book.

    ```{quiz} compassion-fatigue-vs-burnout
    ```

The bank is loaded and validated at build time (an invalid bank fails the
build and renders nothing). The page embeds the bank as JSON and mounts the
same `quiz.js` the notebook uses, through `quiz-host.js`; the quiz assets
are added only to pages that hold a quiz.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from mentor_course.errors import SourceErrors
from mentor_course.quiz import load_bank
from mentor_course.references import load_references
from mentor_course.widgets.quiz import NOT_RECORDED, STATIC

ASSET_DIR = "mentor-course"
MODULES = {"quiz": "quiz.js", "grading": "grading.js"}


class quiz_node(nodes.General, nodes.Element):
    """Holds the page data for one quiz: `data` is a JSON-ready dict."""


def visit_quiz_html(translator: HTML5Translator, node: quiz_node) -> None:
    # "</" inside the JSON would close the script element early.
    payload = json.dumps(node["data"], ensure_ascii=False).replace("</", "<\\/")
    translator.body.append(
        f'<div class="mc-quiz-host" data-bank="{node["bank_id"]}">'
        f'<script type="application/json" class="mc-quiz-data">{payload}</script>'
        "<noscript><p>This knowledge check needs JavaScript. The chapter's key takeaways "
        "cover the same points.</p></noscript>"
    )


def depart_quiz_html(translator: HTML5Translator, node: quiz_node) -> None:
    translator.body.append("</div>")


class QuizDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
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
            for problem in exc.errors:
                self.state.document.reporter.error(str(problem), line=self.lineno)
            return []
        node = quiz_node()
        node["bank_id"] = bank.id
        node["data"] = {
            "bank": bank.public(load_references(bibliography.resolve())),
            "key": bank.answer_key(),
            "status_note": NOT_RECORDED,
        }
        return [node]


def add_quiz_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is not None and doctree.next_node(quiz_node) is not None:
        app.add_css_file(f"{ASSET_DIR}/quiz.css")
        app.add_js_file(f"{ASSET_DIR}/modules.js")
        app.add_js_file(f"{ASSET_DIR}/quiz-host.js")


def write_quiz_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    sources = {name: (STATIC / file).read_text(encoding="utf-8") for name, file in MODULES.items()}
    (target / "modules.js").write_text(
        f"window.mentorCourseModules = {json.dumps(sources)};\n", encoding="utf-8"
    )
    for file in ["quiz.css", "quiz-host.js"]:
        (target / file).write_text((STATIC / file).read_text(encoding="utf-8"), encoding="utf-8")


def setup_quiz(app: Sphinx) -> None:
    app.add_config_value("mentor_course_quizzes", "quizzes", "env", [str])
    app.add_node(quiz_node, html=(visit_quiz_html, depart_quiz_html))
    app.add_directive("quiz", QuizDirective)
    app.connect("html-page-context", add_quiz_assets)
    app.connect("build-finished", write_quiz_assets)
