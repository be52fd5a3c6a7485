"""Drop scripts the book never uses from every page.

Jupyter Book 1 always loads sphinx-thebe (live code cells from a remote
kernel), and registers its setup script twice: the second copy throws
("THEBE_JS_URL has already been declared") and both point at a CDN. The
course has no live code cells in the book, so thebe's scripts are removed.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _is_thebe(script: Any) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def prune_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    if scripts is None:
        return
    kept, bodies = [], set()
    for script in scripts:
        body = getattr(script, "attributes", {}).get("body")
        if _is_thebe(script) or (body and body in bodies):
            continue
        if body:
            bodies.add(body)
        kept.append(script)
    context["script_files"] = kept


def setup_assets(app: Sphinx) -> None:
    # Late priority: after every other extension has added its scripts.
    app.connect("html-page-context", prune_scripts, priority=900)
