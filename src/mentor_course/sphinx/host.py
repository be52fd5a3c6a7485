"""Widgets in the static book: one node type, one host script, assets only where used.

A directive (quiz, plan-builder) returns a `widget_node` holding the JSON the
widget starts from. The page embeds that JSON, and `widget-host.js` mounts the
widget's ES module (the same one the notebook uses) from a Blob URL, which
works from `file://` with no network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from mentor_course.widgets.assets import STATIC

ASSET_DIR = "mentor-course"
# Module name -> source file; the host imports them by name.
MODULES = {
    "quiz": "quiz.js",
    "grading": "grading.js",
    "plan-builder": "plan-builder.js",
    "breathing": "breathing.js",
}
STYLES = {"quiz": "quiz.css", "plan-builder": "plan-builder.css", "breathing": "breathing.css"}


class widget_node(nodes.General, nodes.Element):  # lowercase, as docutils names nodes
    """One widget on a page: `widget` is its module name, `data` its starting JSON."""


def visit_widget_html(translator: HTML5Translator, node: widget_node) -> None:
    # "</" inside the JSON would close the script element early.
    payload = json.dumps(node["data"], ensure_ascii=False).replace("</", "<\\/")
    widget = node["widget"]
    translator.body.append(
        f'<div class="mc-widget-host mc-{widget}-host" data-widget="{widget}">'
        f'<script type="application/json" class="mc-widget-data">{payload}</script>'
        f"<noscript><p>{node['noscript']}</p></noscript>"
    )


def depart_widget_html(translator: HTML5Translator, node: widget_node) -> None:
    translator.body.append("</div>")


def add_widget_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None:
        return
    widgets = {node["widget"] for node in doctree.findall(widget_node)}
    if not widgets:
        return
    app.add_css_file(f"{ASSET_DIR}/theme.css")
    for widget in sorted(widgets):
        app.add_css_file(f"{ASSET_DIR}/{STYLES[widget]}")
    app.add_js_file(f"{ASSET_DIR}/modules.js")
    app.add_js_file(f"{ASSET_DIR}/widget-host.js")


def write_widget_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    sources = {name: (STATIC / file).read_text(encoding="utf-8") for name, file in MODULES.items()}
    (target / "modules.js").write_text(
        f"window.mentorCourseModules = {json.dumps(sources)};\n", encoding="utf-8"
    )
    for file in ["theme.css", *STYLES.values(), "widget-host.js"]:
        (target / file).write_text((STATIC / file).read_text(encoding="utf-8"), encoding="utf-8")


def setup_host(app: Sphinx) -> None:
    app.add_node(widget_node, html=(visit_widget_html, depart_widget_html))
    app.connect("html-page-context", add_widget_assets)
    app.connect("build-finished", write_widget_assets)
