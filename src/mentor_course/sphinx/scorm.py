"""The SCORM variant of the book: the static book, each page of which reports to the
package's launch page (`mentor_course/scorm/static/session.js`) when it has one.

Every page loads `scorm-page.js`, which tells the launch page where the learner is and
forwards each checked quiz attempt. Opened on its own, a page is the static book.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import rjsmin
from sphinx.application import Sphinx

from mentor_course.book.build import SCORM_ENV
from mentor_course.scorm.assets import PAGE_SCRIPT
from mentor_course.sphinx.host import ASSET_DIR


def add_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.config.mentor_course_scorm:
        app.add_js_file(f"{ASSET_DIR}/scorm-page.js")


def write_page_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.mentor_course_scorm:
        return
    target = Path(app.outdir) / "_static" / ASSET_DIR / "scorm-page.js"
    target.write_text(rjsmin.jsmin(PAGE_SCRIPT.read_text(encoding="utf-8")), encoding="utf-8")


def setup_scorm(app: Sphinx) -> None:
    """After `setup_host`: its build-finished step clears the folder this writes into."""
    app.add_config_value("mentor_course_scorm", os.environ.get(SCORM_ENV) == "1", "env", [bool])
    app.connect("html-page-context", add_page_script)
    app.connect("build-finished", write_page_script)
