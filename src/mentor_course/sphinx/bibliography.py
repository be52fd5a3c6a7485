"""The reference list as a list that assistive technology can read.

docutils writes a run of citations as `<div role="list">` holding
`<div role="doc-biblioentry">` entries. DPUB-ARIA 1.1 deprecates `doc-biblioentry`, and
axe-core then finds the list's items missing (critical: aria-required-children). Each
entry here is a `role="listitem"`, in the same elements, so the theme styles it as before.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


def visit_citation(translator: HTML5Translator, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), nodes.citation):
        translator.body.append('<div role="list" class="citation-list">\n')
    translator.body.append(translator.starttag(node, "div", classes=["citation"], role="listitem"))


def depart_citation(translator: HTML5Translator, node: nodes.citation) -> None:
    translator.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        translator.body.append("</div>\n")


def setup_bibliography(app: Sphinx) -> None:
    # docutils' own visitor, replaced for the HTML builders only.
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
