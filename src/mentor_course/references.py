"""The course bibliography (`book/references.bib`): known keys and short labels."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pybtex.database import Entry, parse_file


def _clean(name: str) -> str:
    return name.replace("{", "").replace("}", "")


def short_label(entry: Entry) -> str:
    """ "Adams et al. (2006)", "Maslach & Leiter (2016)", "World Health Organization (2019)"."""
    people = entry.persons.get("author", [])
    names = [_clean(" ".join(p.last_names) or " ".join(p.first_names)) for p in people]
    year = entry.fields.get("year", "n.d.")
    if len(names) >= 3:
        who = f"{names[0]} et al."
    elif names:
        who = " & ".join(names)
    else:
        who = _clean(entry.fields.get("title", "Untitled"))
    return f"{who} ({year})"


@cache
def load_references(bib: Path) -> dict[str, str]:
    """Every key in `bib` with its short label."""
    return {key: short_label(entry) for key, entry in parse_file(str(bib)).entries.items()}
