"""Attempts to and from files: `mentor-course db export` and `mentor-course import`.

JSON holds `{"attempts": [...]}` (the shape `learner export` also writes);
CSV holds one attempt a row, with the per-question results as JSON in one
column. Every row is checked before anything is stored, and importing the
same file twice stores nothing new.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mentor_course.errors import ImportFileError, MentorCourseError, SourceErrors
from mentor_course.store.errors import AttemptConflict
from mentor_course.store.records import AttemptRecord
from mentor_course.store.store import Store

COLUMNS = list(AttemptRecord.model_fields)
FORMATS = ("json", "csv")


def _format(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise MentorCourseError(f"{path}: use a .json or .csv file")
    return fmt


def attempts_text(records: Iterable[AttemptRecord], fmt: str) -> str:
    rows = [record.model_dump(mode="json") for record in records]
    if fmt == "json":
        return json.dumps({"attempts": rows}, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "results": json.dumps(row["results"])})
    return buffer.getvalue()


def _rows(path: Path, text: str, fmt: str) -> list[tuple[int | None, Any]]:
    """(line, raw attempt) pairs; the line is known for CSV rows only."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceErrors(
                [ImportFileError(path, exc.lineno, "", f"not valid JSON: {exc.msg}")]
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("attempts"), list):
            raise SourceErrors(
                [ImportFileError(path, 1, "attempts", "expected a list of attempts")]
            )
        return [(None, row) for row in data["attempts"]]
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise SourceErrors([ImportFileError(path, 1, missing[0], "this column is missing")])
    rows: list[tuple[int | None, Any]] = []
    for row in reader:
        raw: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
        # Bad JSON is left as text: validation then reports it against its field.
        with contextlib.suppress(json.JSONDecodeError):
            raw["results"] = json.loads(row["results"] or "[]")
        rows.append((reader.line_num, raw))
    return rows


def read_attempts(path: Path) -> list[AttemptRecord]:
    """Every attempt in `path`, all checked first; raises `SourceErrors` naming each bad row."""
    fmt = _format(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MentorCourseError(f"{path}: cannot read the file ({exc.strerror})") from None
    records: list[AttemptRecord] = []
    problems = []
    for index, (line, raw) in enumerate(_rows(path, text, fmt)):
        try:
            records.append(AttemptRecord.model_validate(raw))
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(part) for part in err["loc"])
                where = f"attempts[{index}].{field}" if line is None else field
                problems.append(ImportFileError(path, line, where, err["msg"].lower()))
    if problems:
        raise SourceErrors(problems)
    return records


def import_attempts(store: Store, records: Iterable[AttemptRecord]) -> Counter[str]:
    """Record each attempt as imported; count "stored", "duplicate" and "conflict"."""
    counts: Counter[str] = Counter()
    for record in records:
        try:
            counts[store.record_attempt(record.model_copy(update={"source": "imported"}))] += 1
        except AttemptConflict:
            counts["conflict"] += 1
    return counts


def export_attempts(store: Store, path: Path) -> int:
    records = list(store.attempts())
    path.write_text(attempts_text(records, _format(path)), encoding="utf-8")
    return len(records)
