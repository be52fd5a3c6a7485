"""`plan-builder`: the self-care plan builder in the static book.

    ```{plan-builder}
    ```

The page gets the builder's words, its export formats and an empty plan (as
`PlanBuilder` does in a notebook) and the program's contacts (from
`program.yml`); the plan itself never leaves the mentor's browser.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from mentor_course.errors import SourceErrors
from mentor_course.sphinx.host import program_path, reported, widget_node


class PlanBuilderDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        # Imported here: the plan package loads its exporters (iCalendar and more) and
        # pydantic, which a build that reads no plan page (a no-change rebuild) need not
        # pay for.
        from mentor_course.plan import Resources, builder_guide
        from mentor_course.support import load_program_config

        try:
            resources = Resources.from_program(*load_program_config(program_path(self)))
        except SourceErrors as exc:
            return reported(self, exc)
        node = widget_node(widget="plan-builder")
        node["noscript"] = (
            "The interactive plan builder needs JavaScript. The prompts on this page work just "
            "as well on paper."
        )
        node["data"] = {"guide": builder_guide(), "resources": resources.to_json()}
        return [node]


def setup_plan(app: Sphinx) -> None:
    app.add_directive("plan-builder", PlanBuilderDirective)
