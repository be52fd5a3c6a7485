"""`breathing-pacer`: the guided breathing exercise on a book page.

```{breathing-pacer}
:minutes: 1
```
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from mentor_course.sphinx.host import widget_node
from mentor_course.widgets.shared import PATTERNS


class BreathingPacerDirective(SphinxDirective):
    has_content = False
    option_spec = {"minutes": directives.positive_int}  # noqa: RUF012 - docutils' own API

    def run(self) -> list[nodes.Node]:
        node = widget_node(widget="breathing")
        node["noscript"] = (
            "The breathing pacer needs JavaScript. Without it: breathe in for a count of 4 and "
            "out for a count of 6, for about a minute, if that feels right."
        )
        node["data"] = {"patterns": PATTERNS, "minutes": self.options.get("minutes", 1)}
        return [node]


def setup_breathing(app: Sphinx) -> None:
    app.add_directive("breathing-pacer", BreathingPacerDirective)
