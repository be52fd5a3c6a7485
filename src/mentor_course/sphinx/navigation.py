"""The book's menu and "On this page" buttons, working on a phone.

pydata-sphinx-theme 0.17 binds the sidebar toggles to the first `.primary-toggle` and
`.secondary-toggle` of a page; under sphinx-book-theme those are hidden and the visible
ones do nothing (pydata/pydata-sphinx-theme#2451, sphinx-book-theme#988).
`static/mentor-course-nav.js`, a classic script (it runs from `file://`), on every page of
every variant of the book, makes all of them work; the theme's files stay as they are.

Search: under `file://` the browser refuses the fetches Sphinx's search makes for each
result's summary (a console error per result), so the static and SCORM books list results
by title only; the served book keeps the summaries.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
SCRIPT = "mentor-course-nav.js"


def configure(app: Sphinx, config: Config) -> None:
    # Copied by Sphinx before the pages are written, so the script's URL gets its checksum.
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.html_show_search_summary = bool(config.mentor_course_served)


def setup_navigation(app: Sphinx) -> None:
    app.connect("config-inited", configure)
    # Deferred: it runs once the page is parsed, before the theme's own deferred scripts.
    app.add_js_file(SCRIPT, loading_method="defer")
