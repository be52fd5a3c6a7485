"""The served book's own scripts, on every page: the account bar and the attempts queue
(`mentor_course/server/static/account.js`, `widgets/static/attempt-queue.js`). The static
and SCORM books have no server to sign in to, and get neither."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from sphinx.application import Sphinx

from mentor_course.widgets.assets import STATIC as WIDGET_STATIC

# Not imported from the server package, which would load the whole web app into Sphinx.
SERVER_STATIC = Path(__file__).parents[1] / "server" / "static"
SERVED_DIR = "mentor-course-served"
# Before the quiz's served host (priority 500), which uses the queue.
EARLY = 400


def add_served_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.config.mentor_course_served:
        # Deferred, so neither holds up the first paint; account.js brings its own styles.
        app.add_js_file(f"{SERVED_DIR}/attempt-queue.js", priority=EARLY, defer="defer")
        app.add_js_file(f"{SERVED_DIR}/account.js", priority=EARLY, defer="defer")


def write_served_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.mentor_course_served:
        return
    target = Path(app.outdir) / "_static" / SERVED_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / "attempt-queue.js").write_text(
        rjsmin.jsmin((WIDGET_STATIC / "attempt-queue.js").read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    # The bar's styles travel in its script: one file fewer before the page can show.
    css = rcssmin.cssmin((SERVER_STATIC / "account.css").read_text(encoding="utf-8"))
    script = (SERVER_STATIC / "account.js").read_text(encoding="utf-8")
    script = script.replace('"__ACCOUNT_CSS__"', json.dumps(css))
    (target / "account.js").write_text(rjsmin.jsmin(script), encoding="utf-8")


def setup_served(app: Sphinx) -> None:
    app.connect("html-page-context", add_served_assets)
    app.connect("build-finished", write_served_assets)
