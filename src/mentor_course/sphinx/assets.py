"""Each page loads only the styles and scripts it uses.

A stock Jupyter Book 1 page weighs about 2.3 MB, nearly all of it assets the
course never shows. This module:

- drops sphinx-thebe (live code cells from a CDN kernel; the course has none).
  Jupyter Book also registers thebe's setup script twice, and the second copy
  throws ("THEBE_JS_URL has already been declared");
- drops an extension's CSS and JS from a page that has nothing for it:
  highlighting and copy buttons without code blocks, toggle buttons without
  toggles, sphinx-design without its components, myst-nb without cells;
- replaces the theme's Font Awesome script (1.5 MB, to draw about twenty
  icons) and its stylesheets with slimmed copies (see `slim.py`), linked
  by our `layout.html`, which also keeps the search index off every page but
  the search page (the theme loads it everywhere for search-as-you-type,
  which the book does not turn on).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _CascadingStyleSheet
from sphinx.config import Config

from mentor_course import __version__
from mentor_course.sphinx.slim import SLIMMED, write_slim_theme

TEMPLATES = Path(__file__).parent / "templates"
# Asset file name (as Sphinx lists it) -> what a page needs to have for it to load.
FEATURE_OF = {
    "pygments.css": "code",
    "copybutton.css": "code",
    "copybutton.js": "code",
    "clipboard.min.js": "code",
    "togglebutton.css": "toggle",
    "togglebutton.js": "toggle",
    "sphinx-design.min.css": "design",
    "design-tabs.js": "design",
    "sphinx-thebe.css": "never",
}
# Inline settings scripts that belong to an extension dropped with it.
INLINE_FEATURE = {"toggleHint": "toggle", "toggleOpenOnPrint": "toggle", "togglebutton": "toggle"}


def page_features(doctree: nodes.document | None) -> set[str]:
    """What a page has that an extension's assets serve."""
    features: set[str] = set()
    if doctree is None:
        return features
    for node in doctree.findall(nodes.Element):
        classes: list[str] = node.get("classes", [])
        if isinstance(node, nodes.literal_block) or "highlight" in classes:
            features.add("code")
        if "toggle" in classes or "dropdown" in classes:
            features.add("toggle")
        if any(str(c).startswith("sd-") for c in classes):
            features.add("design")
        if "cell" in classes or type(node).__module__.startswith("myst_nb"):
            features.add("notebook")
    return features


def _feature(asset: Any) -> str | None:
    filename = Path(str(getattr(asset, "filename", "") or "")).name
    if filename.startswith("mystnb.") and filename.endswith(".css"):
        return "notebook"
    if filename in FEATURE_OF:
        return FEATURE_OF[filename]
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return next((feature for key, feature in INLINE_FEATURE.items() if key in body), None)


def _is_thebe(script: Any) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def prune_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    features = page_features(doctree)
    # Busts browser caches of the slimmed theme when the course is upgraded.
    context["mentor_course_version"] = __version__

    def wanted(asset: Any) -> bool:
        feature = _feature(asset)
        return feature is None or feature in features

    scripts = context.get("script_files")
    if scripts is not None:
        kept, bodies = [], set()
        for script in scripts:
            body = getattr(script, "attributes", {}).get("body")
            if _is_thebe(script) or (body and body in bodies) or not wanted(script):
                continue
            if body:
                bodies.add(body)
            kept.append(script)
        context["script_files"] = kept
    styles = context.get("css_files")
    if styles is not None:
        context["css_files"] = [_slimmed(style) for style in styles if wanted(style)]
    if "css_tag" in context and "pathto" in context:
        context["css_tag"] = _versioned_css_tag(context["css_tag"], context["pathto"])


def _versioned_css_tag(css_tag: Any, pathto: Any) -> Any:
    """`css_tag`, with our course version as the slimmed stylesheets' cache-buster.

    Sphinx's own `?v=` is a checksum of the file as the page is written, but a
    slimmed copy is written after every page (it depends on all of them).
    """

    def tag(css: Any) -> str:
        filename = str(getattr(css, "filename", ""))
        if filename.removeprefix("_static/") not in SLIMMED.values():
            return str(css_tag(css))
        attributes = " ".join(
            f'{key}="{html.escape(str(value), quote=True)}"'
            for key, value in sorted(css.attributes.items())
        )
        href = html.escape(pathto(filename, resource=True), quote=True)
        return f'<link {attributes} href="{href}?v={__version__}" />'

    return tag


def _slimmed(style: Any) -> Any:
    """The theme stylesheet `style`, pointed at its slimmed copy."""
    filename = str(getattr(style, "filename", "") or "").split("?")[0]
    key = filename.removeprefix("_static/")
    if key not in SLIMMED:
        return style
    attributes = dict(style.attributes)
    return _CascadingStyleSheet(
        filename.removesuffix(key) + SLIMMED[key],
        priority=style.priority,
        rel=attributes.pop("rel", "stylesheet"),
        type=attributes.pop("type", "text/css"),
        **attributes,
    )


def add_templates(app: Sphinx, config: Config) -> None:
    # Ours first: our layout.html extends the theme's ("!layout.html").
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def write_theme(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        write_slim_theme(Path(app.outdir))


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", add_templates)
    # Late priority: after every other extension has added its scripts.
    app.connect("html-page-context", prune_assets, priority=900)
    # Late: the slimmed theme reads every written page and script (ours included).
    app.connect("build-finished", write_theme, priority=900)
