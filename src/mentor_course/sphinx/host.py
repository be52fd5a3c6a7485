"""Widgets in the static book: one node type, one host script, assets only where used.

A directive (quiz, plan-builder) returns a `widget_node` holding the JSON the
widget starts from. The page embeds that JSON, and `widget-host.js` mounts the
widget's ES module (the same file the notebook uses).

In the book, each widget's modules (and the modules they import) are written
into `<widget>-modules.js` as classic-script factories returning the modules'
exports (`mentor_course.widgets.linker`), followed by the host scripts that
mount them. A classic script runs from `file://` (module scripts and sibling
imports do not), and the host can mount every widget synchronously while the
page is still loading: importing the module from a Blob URL instead took
50-300 ms after the load event before the quiz could be answered. An inline
call right after each widget mounts it as soon as the parser has read it,
rather than at DOMContentLoaded, which also waits for the rest of the page and
the theme's deferred scripts.

A widget page loads two files of ours, `<widget>-styles.css` and
`<widget>-modules.js` (fewer requests: each one costs a round trip on a phone's
network). They are written before the pages, so Sphinx adds a checksum of
their content to their addresses (`?v=`), and the course server lets browsers
keep them for good.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from mentor_course.errors import SourceErrors
from mentor_course.widgets.assets import STATIC
from mentor_course.widgets.linker import LinkError, factories

ASSET_DIR = "mentor-course"
STYLES = {
    "quiz": ["quiz.css"],
    "plan-builder": ["plan-builder.css"],
    "breathing": ["breathing.css"],
    "self-check-in": ["self-check-in.css"],
    "org-assessment": ["self-check-in.css", "org-assessment.css"],
}
SERVED_STYLES = STYLES | {"quiz": ["quiz.css", "presenter.css"]}
# Per widget, the modules its page loads (with all they import): a page loads
# only its own widgets' code. A static quiz page grades in the page; a served one
# leaves grading to the server, and has the presenter view for coordinators.
BUNDLES = {
    "quiz": ["quiz", "grading"],
    "plan-builder": ["plan-builder"],
    "breathing": ["breathing"],
    "self-check-in": ["self-check-in"],
    "org-assessment": ["org-assessment"],
}
SERVED_BUNDLES = BUNDLES | {"quiz": ["presenting-quiz"]}


class widget_node(nodes.General, nodes.Element):  # lowercase, as docutils names nodes
    """One widget on a page: `widget` is its module name, `data` its starting JSON."""


def reported(directive: SphinxDirective, problems: SourceErrors) -> list[nodes.Node]:
    """Each problem as a build error at the directive (our builds fail on any), and nothing
    rendered in its place."""
    for problem in problems.errors:
        directive.state.document.reporter.error(str(problem), line=directive.lineno)
    return []


def program_path(directive: SphinxDirective) -> Path:
    """The program's `program.yml`, which the page is rebuilt after when it changes."""
    path = Path(directive.env.srcdir) / directive.config.mentor_course_program
    directive.env.note_dependency(str(path))
    return path


def visit_widget_html(translator: HTML5Translator, node: widget_node) -> None:
    # "</" inside the JSON would close the script element early.
    payload = json.dumps(node["data"], ensure_ascii=False).replace("</", "<\\/")
    widget = node["widget"]
    translator.body.append(
        f'<div class="mc-widget-host mc-{widget}-host" data-widget="{widget}">'
        f'<script type="application/json" class="mc-widget-data">{payload}</script>'
        f"<noscript><p>{node['noscript']}</p></noscript>"
    )


# Right after each host: mount it now, while the rest of the page is still parsed, rather
# than at DOMContentLoaded, which waits for the whole page and the theme's deferred scripts.
MOUNT_NOW = "<script>window.mentorCourseMountWidgets&&mentorCourseMountWidgets()</script>"


def depart_widget_html(translator: HTML5Translator, node: widget_node) -> None:
    translator.body.append("</div>" + MOUNT_NOW)


def add_widget_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None:
        return
    for widget in sorted({node["widget"] for node in doctree.findall(widget_node)}):
        app.add_css_file(f"{ASSET_DIR}/{widget}-styles.css")
        app.add_js_file(f"{ASSET_DIR}/{widget}-modules.js")


def source(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def widget_assets(served: bool) -> dict[str, str]:
    """Per widget, the two files its page loads, minified (comments and spaces only; names
    are kept), which is what fits a quiz page's own code in 32 KB; the notebook loads the
    readable sources.

    `<widget>-styles.css`: the shared theme and the widget's sheets. `<widget>-modules.js`:
    its modules as factories, then the hosts: in the served book a quiz's served host (the
    attempts queue it uses is on every served page, served.py), and `widget-host.js` (which
    runs once on a page that has widgets of two kinds).
    """
    styles = SERVED_STYLES if served else STYLES
    bundles = SERVED_BUNDLES if served else BUNDLES
    files = {}
    for widget, modules in bundles.items():
        try:
            modules_object = factories(modules)
        except LinkError as exc:
            raise ExtensionError(str(exc)) from None
        script = (
            # Strict, as the ES modules these factories come from are (so is the whole file).
            '"use strict";\nwindow.mentorCourseModules = Object.assign('
            f"window.mentorCourseModules || {{}}, {modules_object});\n"
        )
        hosts = ["served-quiz.js"] if served and widget == "quiz" else []
        scripts = [script, *(source(host) for host in [*hosts, "widget-host.js"])]
        files[f"{widget}-modules.js"] = "\n".join(rjsmin.jsmin(js) for js in scripts)
        sheets = [source(sheet) for sheet in ["theme.css", *styles[widget]]]
        files[f"{widget}-styles.css"] = "\n".join(rcssmin.cssmin(css) for css in sheets)
    return files


def write_widget_assets(app: Sphinx, env: Any) -> None:
    """Every widget's files, before any page is written (Sphinx reads them for the pages'
    checksums)."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / ASSET_DIR
    if target.is_dir():  # files an older mentor-course wrote, which no page loads now
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name, text in widget_assets(app.config.mentor_course_served).items():
        (target / name).write_text(text, encoding="utf-8")


def setup_host(app: Sphinx) -> None:
    app.add_node(widget_node, html=(visit_widget_html, depart_widget_html))
    app.connect("html-page-context", add_widget_assets)
    app.connect("env-updated", write_widget_assets)
