"""A roster file and what is in it: its lines as typed (`RosterLine`), and each row with what
enrolling it will do (`RosterRow`, `Roster`).

A roster is a CSV file whose first line names its columns: `name` (required), `email` and
`cohort` (optional), in any order and any case; other columns are left alone, as are blank
rows. It is UTF-8, with or without the byte-order mark Excel writes, and holds at most
`MAX_ROWS` rows. It is read a line at a time, from a path (the CLI) or from the bytes or text
of an upload (the server), by the same code, so both refuse a file the same way: one
`ImportFileError` naming the file, the line, the column and the fix.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from mentor_course.errors import ImportFileError
from mentor_course.fields import match_key
from mentor_course.files import from_spreadsheet_safe, not_utf8, open_to_read

COLUMNS = ("name", "email", "cohort")
MAX_ROWS = 5000  # rows a roster may hold: a program's whole intake, not a mailing list
MAX_LINE = 1 << 20  # bytes; a row of name, email and cohort is well under 1 KB
SPREADSHEET = b"PK\x03\x04"  # how an .xlsx (a zip) begins

RowAction = Literal["enroll", "already enrolled", "problem"]


@dataclass(frozen=True)
class RosterLine:
    """One row of the file as typed: its line (where the row starts) and its cells, "" for
    a column the file does not have or a cell left empty. Nothing is checked yet."""

    line: int
    name: str
    email: str = ""
    cohort: str = ""


@dataclass(frozen=True)
class RosterRow:
    """One row and what enrolling the roster does with it, and why (`note`)."""

    line: int
    name: str
    email: str | None
    cohort: str | None
    action: RowAction
    note: str = ""

    def as_line(self) -> RosterLine:
        """The row as a line of a file again, to check it once more."""
        return RosterLine(self.line, self.name, self.email or "", self.cohort or "")


@dataclass(frozen=True)
class Roster:
    """Every row of a roster, in the file's order."""

    rows: list[RosterRow]

    def _with(self, action: RowAction) -> list[RosterRow]:
        return [row for row in self.rows if row.action == action]

    @property
    def problems(self) -> list[RosterRow]:
        return self._with("problem")

    @property
    def to_enroll(self) -> list[RosterRow]:
        return self._with("enroll")

    @property
    def already(self) -> list[RosterRow]:
        return self._with("already enrolled")


@dataclass(frozen=True)
class IssuedLink:
    """A row enrolled, and the learner's personal link: shown once, never stored."""

    row: RosterRow
    learner_id: int
    link: str


# ----- reading -----


def read_roster(path: Path) -> list[RosterLine]:
    """The rows of the roster file at `path`; `FileReadError` if it cannot be opened,
    `ImportFileError` if it is not a roster."""
    with open_to_read(path) as file:
        return read_roster_file(file, str(path))


def read_roster_text(text: str, source: str = "roster.csv") -> list[RosterLine]:
    """The rows of a roster given as text (an upload, already decoded); `source` names it in
    any error."""
    data = text.encode("utf-8", "surrogatepass")  # a broken character is refused as not UTF-8
    return read_roster_file(io.BytesIO(data), source)


def read_roster_bytes(data: bytes, source: str = "roster.csv") -> list[RosterLine]:
    """The rows of a roster given as the bytes of an upload; `source` names it in any error."""
    return read_roster_file(io.BytesIO(data), source)


def read_roster_file(file: BinaryIO, source: str = "roster.csv") -> list[RosterLine]:
    """The rows of a roster read from a binary file; `source` names it in any error."""
    reader = csv.reader(_lines(file, source), strict=True)
    rows: list[RosterLine] = []
    start = 1  # the line the record being read starts on
    try:
        columns = _columns(next(reader, None), source)
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank row, as spreadsheets leave between groups
            if len(rows) == MAX_ROWS:
                raise ImportFileError(
                    source,
                    line,
                    "",
                    f"the roster has more than {MAX_ROWS:,} rows; "
                    f"split it into files of at most {MAX_ROWS:,}",
                )
            rows.append(_row(line, cells, columns))
    except csv.Error as exc:
        raise ImportFileError(
            source, start, "", f"not valid CSV ({exc}); save the file as CSV UTF-8"
        ) from None
    return rows


def _lines(file: BinaryIO, source: str) -> Iterator[str]:
    """The file's lines as text, each checked to be UTF-8 and of a bounded length."""
    for number in itertools.count(1):
        raw = file.readline(MAX_LINE + 1)
        if not raw:
            if number == 1:
                raise ImportFileError(
                    source, None, "", "the file is empty; its first line names the columns: "
                    "name,email,cohort"
                )  # fmt: skip
            return
        if number == 1 and raw.startswith(SPREADSHEET):
            raise ImportFileError(
                source, None, "", "this is a spreadsheet, not CSV; save it as CSV UTF-8"
            )
        if len(raw) > MAX_LINE:
            raise ImportFileError(source, number, "", "this line is too long to be a roster row")
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFileError(source, number, "", not_utf8(raw[exc.start])) from None


def _columns(header: list[str] | None, source: str) -> dict[str, int]:
    """Where each of `COLUMNS` the header names is: {column: index}."""
    where: dict[str, int] = {}
    for index, cell in enumerate(header or []):
        key = match_key(cell)
        if key not in COLUMNS:
            continue
        if key in where:
            raise ImportFileError(
                source, 1, key, "this column is named twice; keep one and delete the other"
            )
        where[key] = index
    if "name" not in where:
        found = ",".join(cell.strip() for cell in header or [])[:80]
        message = (
            "this column is missing; the first line names the columns, such as "
            f"name,email,cohort (found {found!r})"
        )
        raise ImportFileError(source, 1, "name", message)
    return where


def _row(line: int, cells: list[str], columns: dict[str, int]) -> RosterLine:
    def cell(column: str) -> str:
        index = columns.get(column)
        if index is None or index >= len(cells):
            return ""  # no such column, or a row shorter than the header
        return from_spreadsheet_safe(cells[index])

    return RosterLine(line, cell("name"), cell("email"), cell("cohort"))
