"""The book's Sphinx extension: quiz, plan-builder, breathing-pacer, self-check-in,
support-resources, and
the SCORM variant's page script.

Enabled from `_config.yml` with `sphinx: extra_extensions: [mentor_course.sphinx]`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from mentor_course import __version__
from mentor_course.sphinx.assets import setup_assets
from mentor_course.sphinx.bibliography import setup_bibliography
from mentor_course.sphinx.breathing import setup_breathing
from mentor_course.sphinx.check_in import setup_check_in
from mentor_course.sphinx.host import setup_host
from mentor_course.sphinx.meta import setup_meta
from mentor_course.sphinx.navigation import setup_navigation
from mentor_course.sphinx.plan import setup_plan
from mentor_course.sphinx.quiz import setup_quiz
from mentor_course.sphinx.scorm import setup_scorm
from mentor_course.sphinx.served import setup_served
from mentor_course.sphinx.support import SupportResourcesDirective

# Bump when a node type, stored environment data or page assets change, so an incremental
# build made with an older mentor-course re-reads every page.
ENV_VERSION = 13


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("mentor_course_program", "program.yml", "env", [str])
    app.add_directive("support-resources", SupportResourcesDirective)
    setup_host(app)
    setup_scorm(app)
    setup_served(app)
    setup_quiz(app)
    setup_plan(app)
    setup_breathing(app)
    setup_check_in(app)
    setup_navigation(app)
    setup_meta(app)
    setup_bibliography(app)
    setup_assets(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
