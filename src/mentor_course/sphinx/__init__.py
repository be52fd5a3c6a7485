"""The book's Sphinx extension: the quiz and support-resources directives.

Enabled from `_config.yml` with `sphinx: extra_extensions: [mentor_course.sphinx]`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from mentor_course import __version__
from mentor_course.sphinx.assets import setup_assets
from mentor_course.sphinx.quiz import setup_quiz
from mentor_course.sphinx.support import SupportResourcesDirective


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("mentor_course_program", "program.yml", "env", [str])
    app.add_directive("support-resources", SupportResourcesDirective)
    setup_quiz(app)
    setup_assets(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
