"""A plan as titled sections of (label, text) entries: what every export shows.

`plan-builder.js` builds the same sections in the browser (`planSections`);
tests/test_plan.py checks both give identical Markdown and HTML for the same
plans. Empty answers and empty sections are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mentor_course.plan.model import DOMAINS, SelfCarePlan
from mentor_course.support import NOT_SET, Contact, CrisisLines, ProgramConfig

GUIDE_FILE = Path(__file__).with_name("guide.json")


@cache
def guide() -> dict[str, Any]:
    """The builder's words (labels, prompts, the course's lists), shared with the front end."""
    return json.loads(GUIDE_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Entry:
    label: str
    text: str


@dataclass(frozen=True)
class Resources:
    """Contacts a program configured (program.yml), to list under "My supports"."""

    contacts: list[Entry] = field(default_factory=list)
    crisis_lines: list[Entry] = field(default_factory=list)

    @classmethod
    def from_program(cls, config: ProgramConfig, lines: CrisisLines) -> Resources:
        def contact(c: Contact) -> Entry:
            details = [("Phone", c.phone), ("Email", c.email), ("Hours", c.hours), ("", c.note)]
            text = "; ".join(f"{k}: {v}" if k else v for k, v in details if v)
            return Entry(f"{c.role}: {c.name}" if c.name else c.role, text)

        # The shipped examples would read as real numbers: say plainly they are not set.
        unset = [Entry("Your program's contacts", NOT_SET)] if config.contacts else []
        return cls(
            contacts=[contact(c) for c in config.contacts] if config.contacts_set else unset,
            crisis_lines=[Entry(line.name, line.how) for line in lines.lines],
        )

    def to_json(self) -> dict[str, list[dict[str, str]]]:
        return {
            "contacts": [e.__dict__ for e in self.contacts],
            "crisis_lines": [e.__dict__ for e in self.crisis_lines],
        }


@dataclass(frozen=True)
class Section:
    title: str
    entries: list[Entry]


def _when(plan: SelfCarePlan) -> str:
    day = guide()["days"][plan.weekly.day] if plan.weekly.day else ""
    time = plan.weekly.time or ""
    if day and time:
        when = f"{day} at {time}"
    elif day:
        when = day
    elif time:
        when = f"at {time}"
    else:
        return ""
    return f"{when}, {plan.weekly.minutes} minutes"


def _breaks(plan: SelfCarePlan) -> str:
    every = f"every {plan.breaks.every_minutes} minutes" if plan.breaks.every_minutes else ""
    what = plan.breaks.what
    return f"{every}: {what}" if every and what else every or what


def plan_sections(plan: SelfCarePlan, resources: Resources | None = None) -> list[Section]:
    words = guide()
    labels, titles = words["labels"], words["sections"]
    resources = resources or Resources()

    def many(label_key: str, values: list[str]) -> list[Entry]:
        return [Entry(labels[label_key], value) for value in values]

    maintenance = []
    for domain in DOMAINS:
        part = plan.maintenance.get(domain)  # type: ignore[call-overload]
        if part is None:
            continue
        texts = [
            f"{words['maintenance_parts'][key]}: {getattr(part, key)}"
            for key in ("now", "add", "how_often")
            if getattr(part, key)
        ]
        if texts:
            maintenance.append(Entry(words["maintenance"][domain]["label"], "; ".join(texts)))
    weekly = [Entry("", plan.weekly.activity)] if plan.weekly.activity else []
    if when := _when(plan):
        weekly.append(Entry(labels["when"], when))
    if breaks := _breaks(plan):
        weekly.append(Entry(labels["breaks"], breaks))
    supports = [Entry(p.name, p.how) for p in plan.supports.people if p.name or p.how]
    if plan.supports.program_contacts:
        supports += resources.contacts
    if plan.supports.crisis_lines:
        supports += resources.crisis_lines
    review = (
        [Entry(labels["review_date"], plan.review_date.isoformat())] if plan.review_date else []
    )
    sections = [
        Section(
            titles["coping"],
            many("helpful", plan.coping.helpful)
            + many("unhelpful", plan.coping.unhelpful)
            + ([Entry(labels["reduce"], plan.coping.reduce)] if plan.coping.reduce else []),
        ),
        Section(
            titles["warning_signs"],
            many("compassion_fatigue", plan.warning_signs.compassion_fatigue)
            + many("burnout", plan.warning_signs.burnout)
            + many("own", plan.warning_signs.own),
        ),
        Section(titles["maintenance"], maintenance),
        Section(titles["weekly"], weekly),
        Section(
            titles["barriers"],
            [Entry(b.barrier, b.plan) for b in plan.barriers if b.barrier or b.plan],
        ),
        Section(titles["supports"], supports),
        Section(
            titles["bad_day"],
            many("do", plan.bad_day.do)
            + many("tell_myself", plan.bad_day.tell_myself)
            + many("avoid", plan.bad_day.avoid),
        ),
        Section(titles["boundaries"], [Entry("", line) for line in plan.boundaries]),
        Section(titles["review"], review),
    ]
    return [section for section in sections if section.entries]
