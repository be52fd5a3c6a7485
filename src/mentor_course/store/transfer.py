"""Attempts to and from files: `mentor-course db export` and `mentor-course import`.

JSON holds `{"attempts": [...]}` (the shape `learner export` also writes);
CSV holds one attempt a row, with the per-question results as JSON in one
column. Both are read and written a row at a time, so a file of any size
takes the same memory (a UTF-8 byte-order mark, as spreadsheets write, is
allowed).

An import is all or nothing: every row is checked (its fields, its quiz and
questions against the course, its score and pass against its results, its
dates) and stored in one transaction, and one wrong row, or an id already
stored with other answers, means nothing is stored. Importing the same file
twice stores nothing new.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import itertools
import json
import math
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from mentor_course.errors import ImportFileError, MentorCourseError, SourceErrors
from mentor_course.fields import COHORT, LEARNER_NAME, FieldError
from mentor_course.files import (
    from_spreadsheet_safe,
    not_utf8,
    open_to_read,
    spreadsheet_safe,
    write_atomically,
)
from mentor_course.quiz import QuizBank
from mentor_course.store.attempts import BatchWriter
from mentor_course.store.errors import StoreError
from mentor_course.store.records import AttemptRecord, QuestionScore
from mentor_course.store.store import Store

# A file names a learner by name and cohort, as a notebook does: a store's learner ids mean
# nothing in another store.
COLUMNS = [field for field in AttemptRecord.model_fields if field != "learner_id"]
# What a person (or a quiz author) typed: written through `spreadsheet_safe`, read back
# through `from_spreadsheet_safe`, so a name such as "=1+1" is text in a spreadsheet and the
# same name again on import.
TEXT_COLUMNS = ("learner", "cohort", "bank_title")
FORMATS = ("json", "csv")
BATCH = 500  # attempts stored per statement batch, all in the one transaction
MAX_PROBLEMS = 20  # rows reported before reading stops
MAX_ROW = 1 << 20  # bytes; a real attempt is about 1 KB, so a longer row is not one
CHUNK = 1 << 16
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
CLOCK_SKEW = dt.timedelta(minutes=10)  # how far ahead another machine's clock may be

Row = tuple[int, str, Any]  # (line, field prefix such as "attempts[3].", the raw attempt)


def _format(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise MentorCourseError(f"{path}: use a .json or .csv file")
    return fmt


# ----- writing -----


def attempt_chunks(records: Iterable[AttemptRecord], fmt: str) -> Iterator[str]:
    """The attempts file, a row at a time."""
    rows = (record.model_dump(mode="json") for record in records)
    if fmt == "json":  # the layout of json.dumps({"attempts": rows}, indent=2)
        yield '{\n  "attempts": ['
        for number, row in enumerate(rows):
            yield (
                ("," if number else "") + "\n" + textwrap.indent(json.dumps(row, indent=2), "    ")
            )
        yield "\n  ]\n}\n"
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        texts = {field: spreadsheet_safe(row[field]) for field in TEXT_COLUMNS if row[field]}
        writer.writerow({**row, **texts, "results": json.dumps(row["results"])})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()  # the header alone, when there are no attempts


def export_attempts(store: Store, path: Path) -> int:
    """Write every stored attempt to `path`, whole or not at all; return how many."""
    fmt = _format(path)
    count = 0

    def counted() -> Iterator[AttemptRecord]:
        nonlocal count
        for record in store.attempts():
            count += 1
            yield record

    write_atomically(path, attempt_chunks(counted(), fmt))
    return count


# ----- reading, a row at a time -----


def _lines(path: Path, file: BinaryIO) -> Iterator[str]:
    """The file's lines as text, each checked to be UTF-8 and of a bounded length."""
    for number in itertools.count(1):
        raw = file.readline(MAX_ROW + 1)
        if not raw:
            return
        if len(raw) > MAX_ROW:
            raise ImportFileError(path, number, "", "this line is too long to be an attempt")
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFileError(path, number, "", not_utf8(raw[exc.start])) from None


def _csv_rows(path: Path) -> Iterator[Row]:
    with open_to_read(path) as file:
        reader = csv.DictReader(_lines(path, file), restkey="values past the last column")
        try:
            missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
            if missing:
                raise ImportFileError(path, 1, missing[0], "this column is missing")
            for row in reader:
                raw: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
                for field in TEXT_COLUMNS:
                    if isinstance(raw.get(field), str):
                        raw[field] = from_spreadsheet_safe(raw[field])
                # Bad JSON is left as text: validation then reports it against its field.
                with contextlib.suppress(ValueError, RecursionError):
                    raw["results"] = json.loads(row["results"] or "[]")
                yield reader.line_num, "", raw
        except csv.Error as exc:
            raise ImportFileError(path, reader.line_num, "", f"not valid CSV: {exc}") from None


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _JsonText:
    """A JSON file read in chunks and parsed one value at a time, so the memory it takes is
    a chunk and one value however long the file is; it knows the line it is at."""

    def __init__(self, path: Path, file: BinaryIO) -> None:
        self.path, self._file = path, file
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._text, self._pos, self._eof = "", 0, False
        self._line, self._counted = 1, 0  # the line at position `_counted` of `_text`

    def line(self) -> int:
        self._line += self._text.count("\n", self._counted, self._pos)
        self._counted = self._pos
        return self._line

    def error(self, message: str) -> ImportFileError:
        return ImportFileError(self.path, self.line(), "", message)

    def _more(self) -> None:
        """Drop what was read and add the next chunk (there is none at the end)."""
        self.line()
        self._text, self._pos, self._counted = self._text[self._pos :], 0, 0
        raw = self._file.read(CHUNK)
        try:
            self._text += self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            line = self._line + self._text.count("\n") + raw.count(b"\n", 0, exc.start)
            raise ImportFileError(self.path, line, "", not_utf8(exc.object[exc.start])) from None
        self._eof = not raw

    def peek(self) -> str:
        """The next character that is not a space ("" at the end), left unread."""
        while True:
            match = _SPACE.match(self._text, self._pos)
            assert match is not None  # the pattern matches the empty string too
            self._pos = match.end()
            if self._pos < len(self._text) or self._eof:
                return self._text[self._pos : self._pos + 1]
            self._more()

    def expect(self, allowed: str, what: str) -> str:
        """Read one of the characters `allowed`, or refuse the file, saying `what` was due."""
        found = self.peek()
        if not found or found not in allowed:
            raise self.error(f"not valid JSON: expected {what}")
        self._pos += 1
        return found

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._text, self._pos)
            except json.JSONDecodeError as exc:
                # The value may only be cut off at the chunk's end: read on, up to its limit.
                if self._eof or len(self._text) - self._pos > MAX_ROW:
                    raise self.error(f"not valid JSON: {exc.msg}") from None
            except (ValueError, RecursionError):
                raise self.error("nested too deeply, or holds a number too long to read") from None
            else:
                # A number at the chunk's end may go on in the next chunk.
                if end < len(self._text) or self._eof:
                    self._pos = end
                    return value
            self._more()


def _json_attempts(text: _JsonText) -> Iterator[Row]:
    if text.peek() != "[":
        raise ImportFileError(text.path, text.line(), "attempts", "expected a list of attempts")
    text.expect("[", "[")
    if text.peek() == "]":
        text.expect("]", "]")
        return
    for index in itertools.count():
        text.peek()  # to the attempt's first character, so its line is the line it starts on
        yield text.line(), f"attempts[{index}].", text.value()
        if text.expect(",]", "a comma or ] after an attempt") == "]":
            return


def _json_rows(path: Path) -> Iterator[Row]:
    with open_to_read(path) as file:
        text = _JsonText(path, file)
        text.expect("{", '{"attempts": [...]}')
        seen, more = False, text.peek() != "}"
        if not more:
            text.expect("}", "}")
        while more:
            key = text.value()
            if not isinstance(key, str):
                raise text.error("not valid JSON: expected a key in double quotes")
            text.expect(":", "a colon after a key")
            if key == "attempts" and not seen:
                seen = True
                yield from _json_attempts(text)
            else:
                text.value()  # another field: not ours, left alone
            more = text.expect(",}", "a comma or } after a field") == ","
        if not seen:
            raise ImportFileError(path, 1, "attempts", "expected a list of attempts")
        if text.peek():
            raise text.error("not valid JSON: more text after the end")


# ----- checking each row -----


def _verdict_fits(result: QuestionScore) -> bool:
    """Whether the verdict is the one `grade()` gives for the score."""
    if result.score == 1:
        return result.verdict == "correct"
    if result.score == 0:
        return result.verdict in ("incorrect", "unanswered")
    return result.verdict == "partial"


def _quiz_problems(record: AttemptRecord, bank: QuizBank | None) -> list[tuple[str, str]]:
    """The record against its quiz: the questions, the score and the pass."""
    if bank is None:
        return [
            (
                "bank_id",
                f"no quiz {record.bank_id!r} in this course; import the attempts "
                "into the store of the course they were made in",
            )
        ]
    known = {question.id for question in bank.questions}
    problems = []
    for index, result in enumerate(record.results):
        if result.id not in known:
            problems.append(
                (f"results.{index}.id", f"quiz {bank.id!r} has no question {result.id!r}")
            )
        elif not _verdict_fits(result):
            problems.append(
                (
                    f"results.{index}.verdict",
                    f"{result.verdict!r} does not go with the score {result.score}",
                )
            )
    if not record.results:
        return [*problems, ("results", "lists no questions; every attempt answers at least one")]
    mean = sum(result.score for result in record.results) / len(record.results)
    if not math.isclose(record.score, mean, abs_tol=1e-9):
        problems.append(
            (
                "score",
                f"is {record.score}, but the results' scores average "
                f"{mean:.4f}; export the attempt again from its store",
            )
        )
    if record.bank_version == bank.version and record.pass_mark != bank.pass_mark:
        problems.append(
            (
                "pass_mark",
                f"is {record.pass_mark}, but this version of quiz "
                f"{bank.id!r} passes at {bank.pass_mark}",
            )
        )
    if record.passed != (record.score >= record.pass_mark):
        problems.append(
            (
                "passed",
                f"is {str(record.passed).lower()}, but the score "
                f"{record.score} and the pass mark {record.pass_mark} say otherwise",
            )
        )
    return problems


def _date_problems(record: AttemptRecord, now: dt.datetime) -> list[tuple[str, str]]:
    problems = []
    for field, moment in (("started_at", record.started_at), ("finished_at", record.finished_at)):
        if moment is not None and moment < EARLIEST:
            problems.append((field, f"is {moment.isoformat()}, before 2000; check the date"))
        elif moment is not None and moment > now + CLOCK_SKEW:
            problems.append(
                (
                    field,
                    f"is {moment.isoformat()}, in the future; check the clock "
                    "of the machine the attempts come from",
                )
            )
    if record.started_at is not None and record.started_at > record.finished_at:
        problems.append(("started_at", "is after finished_at; an attempt starts before it ends"))
    return problems


def _checked(
    raw: Any, banks: Mapping[str, QuizBank], now: dt.datetime
) -> tuple[AttemptRecord | None, list[tuple[str, str]]]:
    """The row as a record to import (names trimmed as every edge does), or its problems:
    (field, what is wrong) pairs."""
    if isinstance(raw, dict) and "learner_id" in raw:
        return None, [("learner_id", "is not a column of an attempts file; name the learner")]
    try:
        record = AttemptRecord.model_validate(raw)
    except ValidationError as exc:
        return None, [
            (".".join(str(part) for part in err["loc"]), err["msg"].lower()) for err in exc.errors()
        ]
    problems = _quiz_problems(record, banks.get(record.bank_id)) + _date_problems(record, now)
    names: dict[str, Any] = {"source": "imported"}
    for field, rule in (("learner", LEARNER_NAME), ("cohort", COHORT)):
        try:
            names[field] = rule.clean(getattr(record, field))
        except FieldError as exc:
            problems.append((field, exc.message))
    return (None, problems) if problems else (record.model_copy(update=names), [])


# ----- importing -----


def _store(
    write: BatchWriter,
    path: Path,
    batch: list[tuple[int, str, AttemptRecord]],
    counts: Counter[str],
) -> list[ImportFileError]:
    """Store one batch; the rows the store refused (an id stored with other answers)."""
    problems = []
    outcomes = write([record for _, _, record in batch])
    for (line, where, _), outcome in zip(batch, outcomes, strict=True):
        if isinstance(outcome, StoreError):
            problems.append(ImportFileError(path, line, f"{where}id", str(outcome)))
        else:
            counts[outcome] += 1
    return problems


def import_attempts(store: Store, path: Path, banks: Mapping[str, QuizBank]) -> Counter[str]:
    """Check every row of `path` against the course's `banks` and store them all in one
    transaction, counting "stored" and "duplicate" (already stored); or, if any row is
    wrong, store nothing and raise `SourceErrors` naming each wrong row (the first
    `MAX_PROBLEMS`)."""
    rows = _json_rows(path) if _format(path) == "json" else _csv_rows(path)
    now = dt.datetime.now(dt.UTC)
    counts: Counter[str] = Counter()
    problems: list[ImportFileError] = []
    batch: list[tuple[int, str, AttemptRecord]] = []
    with store.importing() as write:
        for line, where, raw in rows:
            record, found = _checked(raw, banks, now)
            problems += [ImportFileError(path, line, where + field, why) for field, why in found]
            if len(problems) >= MAX_PROBLEMS:
                break
            if record is None or problems:  # nothing will be stored: look for more problems
                continue
            batch.append((line, where, record))
            if len(batch) == BATCH:
                problems += _store(write, path, batch, counts)
                batch = []
        if batch and not problems:
            problems += _store(write, path, batch, counts)
        if problems:  # raised inside the transaction, so it keeps nothing
            done = ImportFileError(path, None, "", "nothing was imported; fix these rows first")
            raise SourceErrors([*problems[:MAX_PROBLEMS], done])
    return counts
