"""Enrolling many mentors at once from a roster CSV: read it (`read_roster`,
`read_roster_text`), preview every row (`preview`), then enroll them all (`enroll_roster`)
and hand out the links (`links_csv`)."""

from mentor_course.roster.enroll import Enrolled, enroll_roster, links_csv, preview
from mentor_course.roster.model import (
    COLUMNS,
    MAX_ROWS,
    IssuedLink,
    Roster,
    RosterLine,
    RosterRow,
    RowAction,
    read_roster,
    read_roster_bytes,
    read_roster_file,
    read_roster_text,
)

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "Enrolled",
    "IssuedLink",
    "Roster",
    "RosterLine",
    "RosterRow",
    "RowAction",
    "enroll_roster",
    "links_csv",
    "preview",
    "read_roster",
    "read_roster_bytes",
    "read_roster_file",
    "read_roster_text",
]
