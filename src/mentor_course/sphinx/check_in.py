"""`self-check-in` and `org-assessment`: the private check-ins on a book page.

    ```{self-check-in}
    ```
    ```{org-assessment}
    ```

The self-check-in's page gets its words and the program's contacts (from `program.yml`),
the self-assessment's its statements; the answers stay in the browser.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from mentor_course.errors import SourceErrors
from mentor_course.sphinx.host import program_path, reported, widget_node


class SelfCheckInDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        # Imported here, as the plan builder's: pydantic and the plan package load only for
        # a build that reads this page.
        from mentor_course.checkin import check_in
        from mentor_course.plan import Resources
        from mentor_course.support import load_program_config

        try:
            resources = Resources.from_program(*load_program_config(program_path(self)))
            content = check_in()
        except SourceErrors as exc:
            return reported(self, exc)
        node = widget_node(widget="self-check-in")
        node["noscript"] = (
            "The self-check-in needs JavaScript. The questions on this page work just as well "
            "on paper: for each, note how often it was true for you lately."
        )
        node["data"] = {
            "check_in": content.model_dump(mode="json"),
            "resources": resources.to_json(),
        }
        return [node]


class OrgAssessmentDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from mentor_course.checkin import org_assessment

        try:
            content = org_assessment()
        except SourceErrors as exc:
            return reported(self, exc)
        node = widget_node(widget="org-assessment")
        node["noscript"] = (
            "The self-assessment needs JavaScript. The statements on this page work just as "
            "well on paper: rate each, then list the lowest as steps with an owner and a date."
        )
        node["data"] = {"assessment": content.model_dump(mode="json")}
        return [node]


def setup_check_in(app: Sphinx) -> None:
    app.add_directive("self-check-in", SelfCheckInDirective)
    app.add_directive("org-assessment", OrgAssessmentDirective)
