"""`support-resources`: the program's contacts or the crisis lines, from `program.yml`.

```{support-resources} contacts
```
```{support-resources} crisis-lines
```
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from mentor_course.errors import SourceErrors

if TYPE_CHECKING:
    from mentor_course.support import Contact, CrisisLine


def _item(title: str, details: list[tuple[str, str | None]]) -> nodes.list_item:
    item = nodes.list_item()
    item += nodes.paragraph("", "", nodes.strong(text=title))
    for label, value in details:
        if value:
            item += nodes.paragraph(text=f"{label}: {value}" if label else value)
    return item


def _contact(contact: Contact) -> nodes.list_item:
    title = f"{contact.role}: {contact.name}" if contact.name else contact.role
    return _item(
        title,
        [
            ("Phone", contact.phone),
            ("Email", contact.email),
            ("Hours", contact.hours),
            ("", contact.note),
        ],
    )


def _line(line: CrisisLine) -> nodes.list_item:
    return _item(line.name, [("", line.how), ("", line.what)])


class SupportResourcesDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in {"contacts", "crisis-lines"}:
            raise self.error(f"support-resources takes 'contacts' or 'crisis-lines', not {part!r}")
        # Imported here: the program model loads pydantic, which a build that reads
        # no page with support resources (a no-change rebuild) need not pay for.
        from mentor_course.support import load_program_config

        path = Path(self.env.srcdir) / self.config.mentor_course_program
        self.env.note_dependency(str(path))
        try:
            config, lines = load_program_config(path)
        except SourceErrors as exc:
            # Reported as a build error (warnings are errors in our builds), one per problem.
            for problem in exc.errors:
                self.state.document.reporter.error(
                    f"{problem} (fix {path.name}; see the comments at its top)", line=self.lineno
                )
            return []
        if part == "contacts":
            body = nodes.bullet_list("", *(_contact(c) for c in config.contacts))
            intro = nodes.paragraph(text=f"Contacts at {config.program}:")
            empty = nodes.paragraph(
                text="Your program has not listed its contacts yet. Ask your coordinator."
            )
            return [intro, body] if config.contacts else [empty]
        checked = lines.last_checked.strftime("%B %-d, %Y")
        note = nodes.paragraph(text=f"{lines.region}. Numbers last checked on {checked}.")
        return [note, nodes.bullet_list("", *(_line(line) for line in lines.lines))]
