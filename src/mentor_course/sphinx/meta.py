"""A meta description on every page: what a search engine shows under its title.

It is the page's first paragraph of body text (not an admonition such as "In this
chapter", nor a widget's), without its citations, cut at a word near 160 characters. A
page that sets its own in front matter (`myst: {html_meta: {description: ...}}`) keeps it.
Pages with no text of their own (search, index) say what they are.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from mentor_course.sphinx.host import widget_node

LIMIT = 160
# Boxes beside the body text, whose paragraphs do not say what the page is about.
ASIDES = (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table, nodes.footnote, widget_node)
# Pages Sphinx makes, which have no text of their own.
GENERATED = {"search": "Search {book}", "genindex": "Index of {book}"}
OWN_DESCRIPTION = re.compile(r"<meta\b[^>]*\bname=\"description\"", re.I)


def _is_citation(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and "bibtex-citation" in node.get("classes", [])


def _text(paragraph: nodes.paragraph) -> str:
    words = []
    for text in paragraph.findall(nodes.Text):
        parent = text.parent
        while parent is not paragraph and parent is not None and not _is_citation(parent):
            parent = parent.parent
        if parent is paragraph:
            words.append(text.astext())
    joined = " ".join("".join(words).split())
    return re.sub(r"\s+([.,;:!?)])", r"\1", joined)  # where a citation was cut out


def _in_aside(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, ASIDES):
            return True
        parent = parent.parent
    return False


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the page's first paragraph of body text, or ""."""
    for paragraph in doctree.findall(nodes.paragraph):
        # A table of contents' entries are paragraphs too.
        if not isinstance(paragraph, addnodes.compact_paragraph) and not _in_aside(paragraph):
            text = _text(paragraph)
            if text:
                return text
    return ""


def shortened(text: str, limit: int = LIMIT) -> str:
    """`text`, cut at the last word that fits in `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    words = re.match(rf"(.{{0,{limit - 1}}})(?=\s)", text)
    cut = words[1] if words and words[1] else text[: limit - 1]
    return f"{cut.rstrip(' ,;:.-')}…"


def add_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    metatags = str(context.get("metatags", ""))
    if OWN_DESCRIPTION.search(metatags):
        return
    text = first_paragraph(doctree) if doctree is not None else ""
    if not text:
        book = context.get("docstitle") or app.config.html_title
        text = GENERATED.get(pagename, f"{pagename}: {{book}}").format(book=book)
    content = html.escape(shortened(text), quote=True)
    context["metatags"] = f'{metatags}\n<meta name="description" content="{content}" />'


def setup_meta(app: Sphinx) -> None:
    app.connect("html-page-context", add_description)
