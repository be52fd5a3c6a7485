"""The store and report commands, in process, on a real SQLite file per test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from mentor_course.cli import app
from mentor_course.store import Store, token_hash
from mentor_course.store.tables import Base
from tests.attempts import attempt, bank
from tests.chapters import REPO
from tests.store.test_store import HEAD

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def seed() -> None:
    with Store.open() as store:
        store.add_learner("Cy", cohort="Fall")
        store.record_attempt(attempt("Ann", bank("practice"), cohort="Spring"))
        store.record_attempt(attempt("Bo", bank("organizations"), right=2, cohort="Spring"))


def test_whoami_sets_and_shows_the_learner() -> None:
    assert "No learner is set" in run("whoami")[1]
    code, output = run("whoami", "--set", "  Ann   Lee ")
    assert code == 0 and "recorded for: Ann Lee" in output
    assert "recorded for: Ann Lee" in run("whoami")[1]
    code, output = run("whoami", "--set", "   ")
    assert code == 1 and output.startswith("error: the name is empty")


def test_db_upgrade_creates_then_reports_up_to_date() -> None:
    code, output = run("db", "upgrade")
    assert code == 0 and f"schema None -> {HEAD}" in output
    assert f"is up to date (schema {HEAD})" in run("db", "upgrade")[1]


def test_report_formats_hold_the_stored_figures(tmp_path: Path) -> None:
    seed()
    code, table = run("report", "--root", str(REPO))
    assert code == 0 and "Ann" in table and "Q1" in table
    code, text = run("report", "--root", str(REPO), "--format", "csv", "--cohort", "Spring")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["learner"] for r in rows] == ["Ann", "Bo"]
    assert rows[0]["practice status"] == "passed"
    assert rows[1]["organizations status"] == "attempted"
    assert rows[1]["organizations best score"] == "0.2500"
    assert rows[0]["organizations status"] == "not attempted"
    assert rows[0]["organizations best score"] == ""
    data = json.loads(run("report", "--root", str(REPO), "--format", "json")[1])
    assert [q["id"] for q in data["quizzes"]][:2] == [
        "stress-and-secondary-exposure",
        "compassion-fatigue-vs-burnout",
    ]
    page = tmp_path / "report.html"
    code, output = run("report", "--root", str(REPO), "--format", "html", "--output", str(page))
    assert code == 0 and "<svg" in page.read_text(encoding="utf-8")
    code, output = run("report", "--format", "pdf")
    assert code == 1 and output.startswith("error: unknown format 'pdf'")


def test_export_then_import_into_another_store_is_idempotent(tmp_path: Path) -> None:
    seed()
    for suffix in ("json", "csv"):
        exported = tmp_path / f"attempts.{suffix}"
        assert run("db", "export", str(exported))[0] == 0
        other = f"sqlite:///{tmp_path}/other-{suffix}.sqlite3"
        code, output = run("import", str(exported), "--db", other)
        assert code == 0 and "Imported 2 new attempts; 0 were already stored." in output
        code, output = run("import", str(exported), "--db", other)
        assert "Imported 0 new attempts; 2 were already stored." in output
        with Store.open(other) as store:
            copies = list(store.attempts())
        assert {a.learner for a in copies} == {"Ann", "Bo"}
        assert {a.source for a in copies} == {"imported"}
        assert {a.cohort for a in copies} == {"Spring"}


def test_a_bad_import_file_names_the_row_and_field_and_stores_nothing(tmp_path: Path) -> None:
    seed()
    exported = tmp_path / "attempts.csv"
    run("db", "export", str(exported))
    lines = exported.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",notebook", ",carrier-pigeon")
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = f"sqlite:///{tmp_path}/other.sqlite3"
    code, output = run("import", str(broken), "--db", other)
    assert code == 1
    assert output.startswith(f"error: {broken}:3: source:")
    with Store.open(other) as store:
        assert list(store.attempts()) == []


def test_learner_export_and_delete_with_confirmation() -> None:
    seed()
    code, output = run("learner", "export", "Ann")
    assert code == 0 and json.loads(output)["attempts"][0]["bank_id"] == "practice"
    code, output = run("learner", "delete", "Ann", input="n\n")
    assert code == 1
    assert json.loads(run("learner", "export", "Ann")[1])["learner"]["name"] == "Ann"
    code, output = run("learner", "delete", "Ann", input="y\n")
    assert code == 0 and "Deleted Ann and 1 attempts." in output
    code, output = run("learner", "export", "Ann")
    assert code == 1 and output == "error: no learner named 'Ann' in the store\n"


def test_an_unreachable_store_is_one_line_without_the_password() -> None:
    code, output = run("report", "--db", "postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert code == 1 and output.startswith("error: cannot open the store at")
    assert "secret" not in output


def test_enroll_prints_a_working_single_use_link() -> None:
    code, output = run(
        "enroll", "Ana", "--cohort", "Spring", "--base-url", "https://course.example/"
    )
    assert code == 0
    link = output.splitlines()[0]
    assert link.startswith("https://course.example/enroll/")
    token = link.rsplit("/", 1)[1]
    with Store.open() as store:
        assert store.redeem_enrollment(token) == "Ana"
        assert store.redeem_enrollment(token) is None
        assert store.export_learner("Ana")["learner"]["cohort"] == "Spring"


def test_coordinator_add_asks_for_a_password_and_keeps_only_a_hash() -> None:
    code, output = run("coordinator", "add", "Kim", input="short\nshort\n")
    assert code == 1 and "at least 10 characters" in output
    code, output = run("coordinator", "add", "Kim", input="a long password\na long password\n")
    assert code == 0 and "can now sign in" in output
    with Store.open() as store:
        stored = store.coordinator_password_hash("Kim")
    assert stored is not None and stored.startswith("$argon2") and "a long password" not in stored


def tables_about_learners() -> set[str]:
    """Every table with a foreign key to learners: a table added later is counted too."""
    return {
        table.name
        for table in Base.metadata.tables.values()
        if any(key.column.table.name == "learners" for key in table.foreign_keys)
    }


def test_learner_export_holds_every_row_about_the_learner(store_url: str, tmp_path: Path) -> None:
    with Store.open(store_url) as store:
        store.record_attempt(attempt("Ann", bank("practice"), cohort="Spring"))
        link = store.create_enrollment("Ann", email="ann@example.org")
        assert store.redeem_enrollment(link) == "Ann"
        session, csrf = store.start_session(learner="Ann")
        code = store.start_group_session("practice", "Spring")
        store.mark_attendance(code, "Ann")
        store.add_learner("Bo")
        store.mark_attendance(code, "Bo")
    target = tmp_path / "ann.json"
    exit_code, output = run("learner", "export", "Ann", "--db", store_url, "--output", str(target))
    assert exit_code == 0 and f"to {target}" in output
    text = target.read_text(encoding="utf-8")
    assert text == run("learner", "export", "Ann", "--db", store_url)[1]
    exported = json.loads(text)
    assert tables_about_learners() == {"attempts", "attendance", "enrollment_links", "web_sessions"}
    assert set(exported) == {"learner"} | tables_about_learners()
    assert all(len(exported[table]) == 1 for table in tables_about_learners())
    assert exported["learner"]["email"] == "ann@example.org"
    assert exported["attendance"][0]["live_check_in"] == code
    assert exported["attendance"][0]["quiz"] == "practice"
    (enrollment,) = exported["enrollment_links"]
    assert enrollment["used_at"] and enrollment["expires_at"] > enrollment["created_at"]
    assert exported["web_sessions"][0]["expires_at"]
    # Dates only: a token or its hash would let a copy of the export sign in.
    for secret in (link, session, csrf, token_hash(link), token_hash(session)):
        assert secret not in text
    assert "Bo" not in text
