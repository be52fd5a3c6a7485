"""`mentor-course import`, in process on real SQLite files: each row checked against the course
(its quiz and questions, its score and pass, its dates, its names), a byte-order mark allowed,
all or nothing, and (in a child process) the same memory for a large file as for a small one.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mentor_course.cli import app
from mentor_course.store import Store
from mentor_course.store.transfer import BATCH, COLUMNS
from tests.attempts import attempt, bank
from tests.chapters import REPO

runner = CliRunner()
Row = dict[str, Any]


def rows(count: int, cohort: str | None = "Spring") -> list[Row]:
    """`count` real attempts (one graded attempt under new ids), as an export writes them."""
    model = attempt("Ann", bank("practice"), right=6, cohort=cohort)
    return [
        model.model_copy(update={"id": str(uuid.uuid4())}).model_dump(mode="json")
        for _ in range(count)
    ]


def write_json(path: Path, attempts: list[Row], start: str = "") -> Path:
    """The rows in the layout `db export` writes (as rows, so they can be wrong)."""
    path.write_text(start + json.dumps({"attempts": attempts}, indent=2), encoding="utf-8")
    return path


def write_csv(path: Path, attempts: list[Row], start: str = "") -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(start)
        writer = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, "results": json.dumps(row["results"])} for row in attempts)
    return path


def run_import(path: Path, db: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["import", str(path), "--db", str(db), "--root", str(REPO)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def stored(db: Path) -> int:
    with Store.open(str(db)) as store:
        return len(list(store.attempts()))


def set_results(row: Row, verdict: str, score: float) -> None:
    row["results"] = [{**result, "verdict": verdict, "score": score} for result in row["results"]]


def far(years: int) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=365 * years)).isoformat()


CASES: dict[str, tuple[Callable[[Row], Any], str]] = {
    "unknown quiz": (
        lambda row: row.update(bank_id="no-such-quiz"),
        "bank_id: no quiz 'no-such-quiz' in this course",
    ),
    "unknown question": (
        lambda row: row["results"][0].update(id="no-such-question"),
        "results.0.id: quiz 'practice' has no question 'no-such-question'",
    ),
    "no questions": (
        lambda row: row.update(results=[]),
        "results: lists no questions",
    ),
    "verdict and score disagree": (
        lambda row: row["results"][0].update(verdict="correct", score=0.0),
        "results.0.verdict: 'correct' does not go with the score 0.0",
    ),
    "score and results disagree": (
        lambda row: (set_results(row, "incorrect", 0.0), row.update(score=1.0, passed=True)),
        "score: is 1.0, but the results' scores average 0.0000",
    ),
    "not passed at the pass mark": (
        lambda row: row.update(passed=False),
        "passed: is false, but the score 0.75 and the pass mark 0.75 say otherwise",
    ),
    "another pass mark for this version": (
        lambda row: row.update(pass_mark=0.5, passed=True),
        "pass_mark: is 0.5, but this version of quiz 'practice' passes at 0.75",
    ),
    "finished in the future": (
        lambda row: row.update(finished_at="9999-01-01T00:00:00+00:00"),
        "finished_at: is 9999-01-01T00:00:00+00:00, in the future",
    ),
    "started in the future": (
        lambda row: row.update(started_at=far(1), finished_at=far(2)),
        "started_at: is ",
    ),
    "finished before 2000": (
        lambda row: row.update(finished_at="1999-12-31T23:00:00+00:00"),
        "finished_at: is 1999-12-31T23:00:00+00:00, before 2000",
    ),
    "started after finished": (
        lambda row: row.update(started_at="2026-03-03T00:00:00+00:00"),
        "started_at: is after finished_at",
    ),
    "learner with a NUL": (
        lambda row: row.update(learner="Ann\x00Lee"),
        "learner: holds a control character",
    ),
    "learner of spaces": (
        lambda row: row.update(learner="   "),
        "learner: is empty; type at least one letter",
    ),
    "cohort with an escape": (
        lambda row: row.update(cohort="Spring\x1b[31m"),
        "cohort: holds a control character",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_wrong_row_is_named_by_line_and_field_and_nothing_is_stored(
    tmp_path: Path, case: str
) -> None:
    change, words = CASES[case]
    attempts = rows(3)
    attempts[0]["finished_at"] = "2026-03-02T12:00:00+00:00"  # a score of 6/8 = 0.75, passed
    attempts[1] = {**copy.deepcopy(attempts[0]), "id": str(uuid.uuid4())}
    change(attempts[1])
    path = write_json(tmp_path / "attempts.json", attempts)
    line = path.read_text(encoding="utf-8").splitlines().index("    {", 5) + 1  # the 2nd row
    code, output = run_import(path, tmp_path / "store.sqlite3")
    assert code == 1
    assert f"error: {path}:{line}: attempts[1].{words}" in output, output
    assert output.splitlines()[-1] == f"error: {path}: nothing was imported; fix these rows first"
    assert stored(tmp_path / "store.sqlite3") == 0


def test_a_row_names_its_line_in_a_csv_file(tmp_path: Path) -> None:
    attempts = rows(3)
    attempts[2]["bank_id"] = "no-such-quiz"
    path = write_csv(tmp_path / "attempts.csv", attempts)
    code, output = run_import(path, tmp_path / "store.sqlite3")
    assert code == 1 and output.startswith(f"error: {path}:4: bank_id: no quiz 'no-such-quiz'")


def test_names_are_trimmed_as_at_every_edge(tmp_path: Path) -> None:
    attempts = rows(1)
    attempts[0].update(learner="  Ann Lee ", cohort=" Spring ")
    code, output = run_import(write_json(tmp_path / "a.json", attempts), tmp_path / "s.sqlite3")
    assert code == 0, output
    with Store.open(str(tmp_path / "s.sqlite3")) as store:
        (record,) = store.attempts()
    assert (record.learner, record.cohort) == ("Ann Lee", "Spring")


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path, suffix: str) -> None:
    write = write_json if suffix == "json" else write_csv
    path = write(tmp_path / f"attempts.{suffix}", rows(2), start="\ufeff")
    code, output = run_import(path, tmp_path / "store.sqlite3")
    assert code == 0 and "Imported 2 new attempts" in output, output
    assert stored(tmp_path / "store.sqlite3") == 2


def test_a_wrong_row_after_whole_batches_stores_nothing(tmp_path: Path) -> None:
    attempts = rows(2 * BATCH + 10)
    attempts[-1]["bank_id"] = "no-such-quiz"
    code, output = run_import(write_json(tmp_path / "a.json", attempts), tmp_path / "s.sqlite3")
    assert code == 1 and f"attempts[{2 * BATCH + 9}].bank_id: no quiz" in output
    assert stored(tmp_path / "s.sqlite3") == 0


def test_an_id_stored_with_other_answers_stores_nothing_of_the_file(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    first = rows(1)
    assert run_import(write_json(tmp_path / "first.json", first), db)[0] == 0
    other = attempt("Ann", bank("practice"), right=2, attempt_id=first[0]["id"])
    attempts = [*rows(BATCH + 5), other.model_dump(mode="json")]
    code, output = run_import(write_json(tmp_path / "second.json", attempts), db)
    assert code == 1
    assert f"attempts[{BATCH + 5}].id: attempt {first[0]['id']} is already stored with " in output
    assert stored(db) == 1


def test_the_same_id_twice_in_one_file_with_other_answers_stores_nothing(tmp_path: Path) -> None:
    attempts = rows(2)
    other = attempt("Ann", bank("practice"), right=1, attempt_id=attempts[0]["id"])
    attempts.append(other.model_dump(mode="json"))
    code, output = run_import(write_json(tmp_path / "a.json", attempts), tmp_path / "s.sqlite3")
    assert code == 1 and "attempts[2].id: attempt" in output
    assert stored(tmp_path / "s.sqlite3") == 0


def test_problems_stop_after_twenty(tmp_path: Path) -> None:
    attempts = rows(40)
    for row in attempts:
        row["bank_id"] = "no-such-quiz"
    code, output = run_import(write_json(tmp_path / "a.json", attempts), tmp_path / "s.sqlite3")
    assert code == 1 and len(output.splitlines()) == 21


CHILD = textwrap.dedent(
    """
    import resource, sys
    from mentor_course.cli import app

    def peak_after(file, db):
        try:
            app(["import", file, "--db", db, "--root", sys.argv[1]], prog_name="mentor-course")
        except SystemExit as exc:
            assert exc.code == 0, exc.code
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    print(peak_after(*sys.argv[2:4]), peak_after(*sys.argv[4:6]))
    """
)


def test_a_large_file_is_read_in_the_memory_of_a_small_one(tmp_path: Path) -> None:
    """8,000 attempts (10 MB of JSON) take no more memory than 1,000: the file is read and
    stored a row at a time (json.load alone takes 40 MB for it)."""
    small = write_json(tmp_path / "small.json", rows(1000, cohort=None))
    large = write_json(tmp_path / "large.json", rows(8000, cohort=None))
    assert large.stat().st_size > 9_000_000
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO), str(small), str(tmp_path / "s.sqlite3"),
         str(large), str(tmp_path / "l.sqlite3")],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    after_small, after_large = (int(kib) for kib in child.stdout.splitlines()[-1].split())
    assert after_large - after_small < 8 * 1024, (after_small, after_large)
    assert stored(tmp_path / "l.sqlite3") == 8000
    assert json.loads(large.read_text(encoding="utf-8"))["attempts"][0]["learner"] == "Ann"


def test_a_csv_row_with_more_values_than_columns_is_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", rows(1))
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + ",surplus\n", "utf-8")
    code, output = run_import(path, tmp_path / "s.sqlite3")
    assert code == 1
    assert output.startswith(f"error: {path}:2: values past the last column: extra inputs")


def test_importing_outside_the_course_is_one_line(tmp_path: Path) -> None:
    path = write_json(tmp_path / "a.json", rows(1))
    result = runner.invoke(app, ["import", str(path), "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path / 'quizzes'}: no such file or folder\n"
