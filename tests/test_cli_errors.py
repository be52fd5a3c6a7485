"""Every CLI error is one line and a non-zero exit, never a traceback: for each bad input the
adversarial test found (a bank, an import file or a plan that is binary, latin-1, holds a NUL
or nests 20,000 deep; a store URL that names no usable store; an output folder that is
missing; a full disk), and no output is left half-written.

The full disk is real: the commands run in a child process whose file-size limit
(RLIMIT_FSIZE, with SIGXFSZ ignored) makes the operating system refuse the write (EFBIG),
as a full disk (ENOSPC) would, part-way through.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from mentor_course.cli import app
from mentor_course.store import Store, UnknownLearner
from mentor_course.store.transfer import COLUMNS
from tests.attempts import attempt, bank
from tests.chapters import REPO

runner = CliRunner()
FIXTURES = json.loads((REPO / "tests" / "plan_fixtures.json").read_text(encoding="utf-8"))


def one_line_error(result: Result, *words: str) -> str:
    """The one `error:` line `result` printed; fails on a traceback or anything else."""
    assert isinstance(result.exception, SystemExit), result.exception  # nothing escaped
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]
    return lines[0]


HEADER = ",".join(COLUMNS).encode() + b"\n"


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


BAD_TEXT: dict[str, bytes] = {
    "binary": bytes(range(256)) * 4,
    "latin-1": "id: café\n".encode("latin-1"),
}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (BAD_TEXT["binary"], ["bank.yml:2: this is not UTF-8 text (byte 0x80)"]),
        (BAD_TEXT["latin-1"], ["bank.yml:1: this is not UTF-8 text (byte 0xe9)"]),
        (b"id: a\x00b\n", ["bank.yml:1: holds a character YAML does not allow (U+0000)"]),
        (f"id: x\nquestions: {deep(20_000)}\n".encode(), ["bank.yml: this is nested too deeply"]),
    ],
    ids=["binary", "latin-1", "nul", "20000-deep"],
)
def test_validate_a_bank_that_is_not_yaml_text(
    tmp_path: Path, content: bytes, words: list[str]
) -> None:
    path = tmp_path / "bank.yml"
    path.write_bytes(content)
    one_line_error(runner.invoke(app, ["validate", "--root", str(REPO), str(path)]), *words)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("a.json", BAD_TEXT["binary"], ["a.json:2: this is not UTF-8 text (byte 0x80)"]),
        ("a.csv", HEADER + BAD_TEXT["binary"], ["a.csv:3: this is not UTF-8 text (byte 0x80)"]),
        ("a.csv", HEADER + "café\n".encode("latin-1"), ["a.csv:2: this is not UTF-8"]),
        (
            "a.json",
            ('{"attempts": [' + deep(100_000) + "]}").encode(),
            ["a.json:1: nested too deeply"],
        ),
        ("a.json", b"\n\n{broken", ["a.json:3: not valid JSON: Expecting value"]),
        ("a.json", b'{"attempts": {}}', ["a.json:1: attempts: expected a list of attempts"]),
        ("a.json", b'{"other": []}', ["a.json:1: attempts: expected a list of attempts"]),
        ("a.json", b'{"attempts": []} []', ["a.json:1: not valid JSON: more text after"]),
        ("a.txt", b"", ["a.txt: use a .json or .csv file"]),
        ("missing.json", None, ["missing.json: no such file"]),
    ],
    ids=[
        "binary-json",
        "binary-csv",
        "latin-1-csv",
        "100000-deep",
        "truncated",
        "not-a-list",
        "no-attempts",
        "trailing-text",
        "txt",
        "missing",
    ],
)
def test_import_a_file_that_cannot_be_read(
    tmp_path: Path, name: str, content: bytes | None, words: list[str]
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    one_line_error(runner.invoke(app, ["import", str(path), "--root", str(REPO)]), *words)
    with Store.open() as store:
        assert list(store.attempts()) == []


def plan_args(tmp_path: Path, case: str) -> list[str]:
    saved = tmp_path / "plan.json"
    saved.write_text(json.dumps(FIXTURES["plans"]["full"]), encoding="utf-8")
    files = {
        "binary": BAD_TEXT["binary"],
        "latin-1": '{"name": "Zoë"}'.encode("latin-1"),
        "deep": ('{"name": ' + deep(20_000) + "}").encode(),
    }
    if case in files:
        (tmp_path / "bad.json").write_bytes(files[case])
        return [str(tmp_path / "bad.json")]
    return {
        "folder-as-file": [str(tmp_path)],
        "missing-file": [str(tmp_path / "missing.json")],
        "output-is-a-folder": [str(saved), "--output", str(tmp_path)],
        "output-in-a-missing-folder": [str(saved), "--output", str(tmp_path / "no" / "p.md")],
    }[case]


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("binary", ["bad.json:2: this is not UTF-8 text (byte 0x80)"]),
        ("latin-1", ["bad.json:1: this is not UTF-8 text (byte 0xeb)"]),
        ("deep", ["bad.json: not a plan the builder saves (too deeply nested"]),
        ("folder-as-file", ["this is a folder; name a file"]),
        ("missing-file", ["missing.json: no such file"]),
        ("output-is-a-folder", ["is a folder; name the file to write"]),
        ("output-in-a-missing-folder", ["no: no such folder; create it or write elsewhere"]),
    ],
)
def test_plan_export_refuses_in_one_line(tmp_path: Path, case: str, words: list[str]) -> None:
    arguments = plan_args(tmp_path, case)
    before = sorted(tmp_path.rglob("*"))
    result = runner.invoke(app, ["plan", "export", *arguments, "--root", str(REPO)])
    one_line_error(result, *words)
    assert sorted(tmp_path.rglob("*")) == before  # nothing written, nothing left over


def truncated_store(tmp_path: Path) -> Path:
    path = tmp_path / "truncated.sqlite3"
    with Store.open(str(path)) as store:
        store.record_attempt(attempt("Ann"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def store_value(tmp_path: Path, case: str) -> str:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    values = {
        "text-file": str(text),
        "random-file": str(tmp_path / "random.db"),
        "foo-scheme": "foo://x",
        "mysql-without-driver": "mysql://course:secret@127.0.0.1/course",
        "bad-port": "postgresql+psycopg://course:secret@127.0.0.1:port/course",
        "folder-under-a-file": str(text / "store" / "progress.sqlite3"),
        # /sys refuses new folders even to root: a missing folder on a read-only file system.
        "missing-folder-read-only-fs": f"/sys/mentor-course-{uuid.uuid4().hex}/p.sqlite3",
    }
    (tmp_path / "random.db").write_bytes(bytes(range(256)) * 64)
    if case == "truncated-store":
        return str(truncated_store(tmp_path))
    return values[case]


@pytest.mark.parametrize(
    "command", [["report", "--root", str(REPO)], ["enroll", "Ann"], ["db", "upgrade"]]
)
@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("text-file", ["file is not a database; name the store's own file"]),
        ("random-file", ["file is not a database"]),
        ("truncated-store", ["database disk image is malformed; ", "restore it from a backup"]),
        ("foo-scheme", ["at foo://x: 'foo' is not a database SQLAlchemy knows"]),
        ("mysql-without-driver", ["the Python package 'MySQLdb', is not installed"]),
        ("bad-port", ["the store's URL in MENTOR_COURSE_DB or --db cannot be read"]),
        ("folder-under-a-file", ["cannot make the store's folder"]),
        ("missing-folder-read-only-fs", ["cannot make the store's folder"]),
    ],
)
def test_a_store_url_that_names_no_usable_store_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], case: str, words: list[str]
) -> None:
    monkeypatch.setenv("MENTOR_COURSE_DB", store_value(tmp_path, case))
    line = one_line_error(runner.invoke(app, command), *words)
    assert "secret" not in line


def test_enroll_on_a_read_only_store_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with Store.open(str(path)):
        pass
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    result = runner.invoke(app, ["enroll", "Ann", "--db", read_only, "--base-url", "http://x"])
    one_line_error(result, "attempt to write a readonly database")
    with Store.open(str(path)) as store, pytest.raises(UnknownLearner):
        store.export_learner("Ann")


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--root", str(REPO), "--output", "{out}.csv", "--format", "csv"],
        ["db", "export", "{out}.json"],
        ["db", "export", "{out}.csv"],
        ["learner", "export", "Ann", "--output", "{out}.json"],
    ],
)
def test_writing_into_a_missing_folder_is_one_line(tmp_path: Path, command: list[str]) -> None:
    with Store.open() as store:
        store.record_attempt(attempt("Ann"))
    out = tmp_path / "missing" / "out"
    result = runner.invoke(app, [part.format(out=out) for part in command])
    one_line_error(result, f"{tmp_path / 'missing'}: no such folder")
    assert not (tmp_path / "missing").exists()


# ----- a full disk, in a child process -----

CHILD = """
import contextlib, io, json, resource, signal, sys, traceback
from mentor_course.cli import app
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so a write past the limit fails with EFBIG
results = []
for limit, args in json.loads(sys.argv[1]):
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            app(args, prog_name="mentor-course")
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            code, _ = "traceback", stderr.write(traceback.format_exc())
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
    results.append({"code": code, "stderr": stderr.getvalue()})
print(json.dumps(results))
"""
STORE_LIMIT = 40_000  # bytes: room for SQLite's 32 KB shared-memory file, not for the outputs
FULL_DISK = {
    "report": (
        STORE_LIMIT,
        "report --format json --output {dir}/out.json --db {db} --root {root}",
    ),
    "db-export-json": (STORE_LIMIT, "db export {dir}/out.json --db {db}"),
    "db-export-csv": (STORE_LIMIT, "db export {dir}/out.csv --db {db}"),
    "learner-export": (STORE_LIMIT, "learner export Ann --output {dir}/out.json --db {db}"),
    "plan-export": (512, "plan export {dir}/plan.json --output {dir}/out.md --root {root}"),
}
OLDER = "the older file\n"


@pytest.fixture(scope="module")
def full_disk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Each FULL_DISK command run once with its file-size limit, over an older output file:
    (its folder, its exit code and stderr)."""
    root = tmp_path_factory.mktemp("full-disk")
    store = root / "store.sqlite3"
    practice = bank()
    model = attempt("Ann", practice)
    with Store.open(str(store)) as opened:
        opened.record_attempts(
            [model.model_copy(update={"id": str(uuid.uuid4())}) for _ in range(40)]
            + [
                model.model_copy(update={"id": str(uuid.uuid4()), "learner": f"Mentor {n}"})
                for n in range(150)
            ]
        )
    cases, folders = [], {}
    for case, (limit, command) in FULL_DISK.items():
        folder = folders[case] = root / case
        folder.mkdir()
        (folder / "plan.json").write_text(json.dumps(FIXTURES["plans"]["full"]), encoding="utf-8")
        args = command.format(dir=folder, db=store, root=REPO).split()
        # Without the limit first: the output is bigger than the limit.
        unlimited = runner.invoke(app, args)
        assert unlimited.exit_code == 0, unlimited.output
        written = next(Path(arg) for arg in args if Path(arg).name.startswith("out."))
        assert written.stat().st_size > limit, (case, written.stat().st_size)
        for name in ("out.json", "out.csv", "out.md"):
            (folder / name).write_text(OLDER, encoding="utf-8")
        cases.append((limit, args))
    child = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(cases)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=True,
    )
    results = json.loads(child.stdout)
    return {case: (folders[case], result) for case, result in zip(FULL_DISK, results, strict=True)}


@pytest.mark.parametrize("case", FULL_DISK)
def test_a_full_disk_is_one_line_and_leaves_the_older_file_whole(
    full_disk: dict[str, tuple[Path, dict[str, Any]]], case: str
) -> None:
    folder, result = full_disk[case]
    assert result["code"] == 1, result["stderr"]
    lines = result["stderr"].splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result["stderr"]
    assert "cannot write the file (File too large); nothing was written" in lines[0]
    for name in ("out.json", "out.csv", "out.md"):
        assert (folder / name).read_text(encoding="utf-8") == OLDER
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]


LONG = "L" * 201


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["enroll", ""], "name: is empty; type at least one letter"),
        (["enroll", "   "], "name: is empty"),
        (["enroll", LONG], "name: is 201 characters long; at most 200 fit"),
        (["enroll", "Ann\x1b[31m"], "name: holds a control character"),
        (["enroll", "Ann", "--cohort", LONG], "cohort: is 201 characters long"),
        (["enroll", "Ann", "--cohort", "Fall\x07"], "cohort: holds a control character"),
        (["enroll", "Ann", "--email", "a" * 310 + "@example.org"], "email: is 322 characters"),
        (["enroll", "Ann", "--email", "not-an-address"], "email: 'not-an-address' is not an"),
        (["coordinator", "add", LONG, "--password", "a long password"], "is 201 characters"),
        (["coordinator", "add", " ", "--password", "a long password"], "is empty"),
        (["session", "start", "--quiz", "practice", "--cohort", LONG], "cohort: is 201 chara"),
    ],
    ids=[
        "empty",
        "spaces",
        "long-name",
        "escape-in-name",
        "long-cohort",
        "bell-in-cohort",
        "long-email",
        "not-an-email",
        "long-coordinator",
        "blank-coordinator",
        "long-session",
    ],
)
def test_a_value_the_store_cannot_keep_is_refused_in_one_line_on_both_databases(
    store_url: str, arguments: list[str], words: str
) -> None:
    root = ["--root", str(REPO)] if arguments[0] == "session" else []
    result = runner.invoke(app, [*arguments, "--db", store_url, *root])
    line = one_line_error(result, words)
    assert "\x1b" not in line and "\x07" not in line
    with Store.open(store_url) as store:
        assert store.cohort_names() == []
        assert store.coordinator_password_hash(LONG) is None
        with pytest.raises(UnknownLearner):
            store.export_learner("Ann")


def test_an_error_line_shows_control_characters_escaped(tmp_path: Path) -> None:
    bank_path = tmp_path / "\x1b[2J\u202ebank.yml"
    line = one_line_error(runner.invoke(app, ["validate", "--root", str(REPO), str(bank_path)]))
    assert line == f"error: {tmp_path}/\\x1b[2J\\u202ebank.yml: no such file or folder"


def test_whoami_refuses_a_name_with_a_control_character() -> None:
    one_line_error(runner.invoke(app, ["whoami", "--set", "Ann\x1b[31m"]), "name: holds a control")
    assert "No learner is set" in runner.invoke(app, ["whoami"]).output
