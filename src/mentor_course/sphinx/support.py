"""`support-resources`: the program's contacts, the crisis lines, or the "right now" box,
from `program.yml`.

```{support-resources} right-now
```
```{support-resources} contacts
```
```{support-resources} crisis-lines
```

Every phone number is a `tel:` link and every text line an `sms:` link, so a phone dials
it. While `program.yml` still holds the shipped example contacts, the page says the program
has not set them instead of showing the examples.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from mentor_course.errors import SourceErrors
from mentor_course.sphinx.host import program_path

if TYPE_CHECKING:
    from mentor_course.support import Contact, CrisisLine, CrisisLines, ProgramConfig

PARTS = ("right-now", "contacts", "crisis-lines")


def tel(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


def sms(number: str, word: str | None = None) -> str:
    # "?&body=" is the form both iOS and Android messaging apps read.
    return "sms:" + re.sub(r"[^\d+]", "", number) + (f"?&body={word}" if word else "")


def link(text: str, uri: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=uri)


def _contact(contact: Contact) -> nodes.list_item:
    item = nodes.list_item()
    title = f"{contact.role}: {contact.name}" if contact.name else contact.role
    item += nodes.paragraph("", "", nodes.strong(text=title))
    if contact.phone:
        item += nodes.paragraph("", "Phone: ", link(contact.phone, tel(contact.phone)))
    if contact.email:
        item += nodes.paragraph("", "Email: ", link(contact.email, f"mailto:{contact.email}"))
    for label, value in [("Hours: ", contact.hours), ("", contact.note)]:
        if value:
            item += nodes.paragraph(text=f"{label}{value}")
    return item


def _ways(line: CrisisLine) -> nodes.paragraph:
    """ "Call 988, text 988 or go to 988lifeline.org", with the numbers as links."""
    ways: list[list[nodes.Node]] = []
    if line.call:
        ways.append([nodes.Text("Call "), link(line.call, tel(line.call))])
    if line.text:
        target = sms(line.text, line.text_word)
        words = f"{line.text_word} to {line.text}" if line.text_word else line.text
        ways.append([nodes.Text("text " if ways else "Text "), link(words, target)])
    if line.online:
        ways.append([nodes.Text("go to " if ways else "Go to "), nodes.Text(line.online)])
    paragraph = nodes.paragraph()
    for index, way in enumerate(ways):
        if index:
            paragraph += nodes.Text(" or " if index == len(ways) - 1 else ", ")
        paragraph.extend(way)
    return paragraph


def _line(line: CrisisLine) -> nodes.list_item:
    item = nodes.list_item()
    item += nodes.paragraph("", "", nodes.strong(text=line.name))
    item += _ways(line)
    item += nodes.paragraph(text=line.what)
    item += nodes.paragraph(text=f"Privacy: {line.privacy}")
    return item


def right_now() -> list[nodes.Node]:
    box = nodes.admonition(classes=["important", "mc-right-now"])
    box += nodes.title(text="Right now")
    steps = nodes.bullet_list()
    for words, uri, after in [
        ("Call 911", tel("911"), " if someone is in immediate danger."),
        ("Call or text 988", tel("988"), ", the Suicide & Crisis Lifeline, any time."),
        ("Text HOME to 741741", sms("741741", "HOME"), " to reach the Crisis Text Line."),
    ]:
        steps += nodes.list_item("", nodes.paragraph("", "", link(words, uri), nodes.Text(after)))
    box += steps
    return [box]


def contacts(config: ProgramConfig) -> list[nodes.Node]:
    from mentor_course.support import NOT_SET

    if not config.contacts_set:
        return [nodes.paragraph("", "", nodes.strong(text=NOT_SET))]
    intro = nodes.paragraph(text=f"Contacts at {config.program}:")
    return [intro, nodes.bullet_list("", *(_contact(c) for c in config.contacts))]


def crisis_lines(lines: CrisisLines) -> list[nodes.Node]:
    checked = lines.last_checked.strftime("%B %-d, %Y")
    note = nodes.paragraph(text=f"{lines.region}. Numbers last checked on {checked}.")
    return [note, nodes.bullet_list("", *(_line(line) for line in lines.lines))]


class SupportResourcesDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in PARTS:
            raise self.error(f"support-resources takes one of {', '.join(PARTS)}, not {part!r}")
        if part == "right-now":
            return right_now()
        # Imported here: the program model loads pydantic, which a build that reads
        # no page with support resources (a no-change rebuild) need not pay for.
        from mentor_course.support import load_program_config

        path = program_path(self)
        try:
            config, lines = load_program_config(path)
        except SourceErrors as exc:
            # Reported as a build error (warnings are errors in our builds), one per problem.
            for problem in exc.errors:
                self.state.document.reporter.error(
                    f"{problem} (fix {path.name}; see the comments at its top)", line=self.lineno
                )
            return []
        return contacts(config) if part == "contacts" else crisis_lines(lines)
