"""The store and report commands, in process, on a real SQLite file per test."""

from __future__ import annotations

import csv
import datetime as dt
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
    practice, organizations = (bank(name).title for name in ("practice", "organizations"))
    assert [r["Learner"] for r in rows] == ["Ann", "Bo"]
    assert rows[0][f"{practice}: status"] == "passed"
    assert rows[1][f"{organizations}: status"] == "attempted"
    assert rows[1][f"{organizations}: best score"] == "25%"
    assert rows[0][f"{organizations}: status"] == "not attempted"
    assert rows[0][f"{organizations}: best score"] == ""
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
    assert code == 0 and "Deleted Ann (#" in output and "and 1 attempts." in output
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
        assert store.redeem_enrollment(token) == store.learner("Ana").id
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
        ann = store.learner("Ann").id
        link = store.create_enrollment("Ann", email="ann@example.org", person=ann).token
        assert store.redeem_enrollment(link) == ann
        session, csrf = store.start_session(learner="Ann")
        code = store.start_group_session("practice", "Spring")
        store.mark_attendance(code, ann)
        store.mark_attendance(code, store.add_learner("Bo"))
        store.record_email(ann, "invitation", "ann@example.org", None)
        store.certificate_code(ann, dt.date(2027, 3, 1), lambda: "7KQ2-M9XD-4T3B")
    target = tmp_path / "ann.json"
    exit_code, output = run("learner", "export", "Ann", "--db", store_url, "--output", str(target))
    assert exit_code == 0 and f"to {target}" in output
    text = target.read_text(encoding="utf-8")
    assert text == run("learner", "export", "Ann", "--db", store_url)[1]
    exported = json.loads(text)
    assert tables_about_learners() == {
        "attempts",
        "attendance",
        "certificates",
        "enrollment_links",
        "sent_emails",
        "web_sessions",
    }
    assert set(exported) == {"learner"} | tables_about_learners()
    assert all(len(exported[table]) == 1 for table in tables_about_learners())
    assert exported["learner"]["email"] == "ann@example.org"
    assert exported["attendance"][0]["live_check_in"] == code
    assert exported["attendance"][0]["quiz"] == "practice"
    (enrollment,) = exported["enrollment_links"]
    assert enrollment["used_at"] and enrollment["expires_at"] > enrollment["created_at"]
    assert exported["web_sessions"][0]["expires_at"]
    # Dates only: a token or its hash would let a copy of the export sign in.
    assert exported["certificates"] == [{"code": "7KQ2-M9XD-4T3B", "completed_on": "2027-03-01"}]
    assert exported["sent_emails"][0]["kind"] == "invitation"
    for secret in (link, session, csrf, token_hash(link), token_hash(session)):
        assert secret not in text
    assert "Bo" not in text


def test_enroll_refuses_a_name_another_learner_has_until_told_who_is_meant() -> None:
    url = "https://course.example"
    assert run("enroll", "Alex Rivera", "--cohort", "Spring 2027", "--base-url", url)[0] == 0
    with Store.open() as store:
        (alex,) = store.learners_named("Alex Rivera")
    code, output = run("enroll", " alex  RIVERA ", "--cohort", "Fall 2027", "--base-url", url)
    assert code == 1 and f"--same {alex.id}" in output and "--new" in output
    assert "/enroll/" not in output
    with Store.open() as store:
        assert [p.cohort for p in store.learners_named("Alex Rivera")] == ["Spring 2027"]

    code, output = run("enroll", "Alex Rivera", "--same", str(alex.id), "--base-url", url)
    assert code == 0 and output.startswith(f"{url}/enroll/")
    code, output = run("enroll", "Alex Rivera", "--new", "--cohort", "Fall 2027", "--base-url", url)
    assert code == 0
    with Store.open() as store:
        kept, new = store.learners_named("Alex Rivera")
    assert (kept.id, kept.cohort) == (alex.id, "Spring 2027") and new.cohort == "Fall 2027"
    assert run("enroll", "Alex Rivera", "--same", "1", "--new", "--base-url", url)[0] == 1
    code, output = run("learner", "export", "Alex Rivera")  # which one? it asks
    assert code == 1 and f"#{alex.id}, Spring 2027" in output and "(#N)" in output
    assert json.loads(run("learner", "export", f"#{new.id}")[1])["learner"]["cohort"] == "Fall 2027"


def test_links_point_where_serve_last_served_and_the_setting_wins() -> None:
    code, output = run("enroll", "Ann")
    assert code == 1 and "mentor-course serve" in output and "MENTOR_COURSE_BASE_URL" in output
    with Store.open() as store:
        store.set_server_address("http://192.168.1.20:8040")  # as `serve` records it
    assert run("enroll", "Ann")[1].startswith("http://192.168.1.20:8040/enroll/")
    result = runner.invoke(
        app, ["enroll", "Bo"], env={"MENTOR_COURSE_BASE_URL": "https://course.example/"}
    )
    assert result.exit_code == 0 and result.output.startswith("https://course.example/enroll/")


def test_enroll_a_roster_previews_then_enrolls_once(tmp_path: Path) -> None:
    roster = tmp_path / "spring.csv"
    roster.write_text(
        "name,email,cohort\n"
        "Ann Lee,ann@example.org,Spring 2027\n"
        "Bo Chen,not-an-email,Spring 2027\n"
        "=Cy,cy@example.org,spring 2027\n",
        encoding="utf-8",
    )
    url = ("--base-url", "https://course.example")
    code, output = run("enroll", "--roster", str(roster), "--preview", *url)
    assert code == 0 and f"{roster}:3: Bo Chen: problem:" in output
    assert "2 to enroll, 0 already enrolled, 1 with problems. Nothing was changed." in output
    with Store.open() as store:
        assert store.cohorts() == []

    code, output = run("enroll", "--roster", str(roster), *url)
    assert code == 0 and "Enrolled 2" in output
    links_csv = output[output.index("name,email,cohort,link") : output.index("Enrolled")]
    links = list(csv.DictReader(io.StringIO(links_csv)))
    assert [row["name"] for row in links] == ["Ann Lee", "'=Cy"]  # a spreadsheet shows text
    assert [row["cohort"] for row in links] == ["Spring 2027", "Spring 2027"]  # as stored
    assert all(row["link"].startswith("https://course.example/enroll/") for row in links)
    with Store.open() as store:
        assert [c.name for c in store.cohorts()] == ["Spring 2027"]
    code, output = run("enroll", "--roster", str(roster), *url)
    assert code == 0 and "Enrolled 0" in output and "already enrolled" in output


def test_cohorts_are_records_matched_in_any_case() -> None:
    assert "No cohorts yet" in run("cohort", "list")[1]
    assert run("cohort", "add", "Spring 2027", "--due", "2027-03-01")[0] == 0
    assert run("cohort", "add", "spring 2027")[1].startswith("Cohort Spring 2027 is ready")
    with Store.open() as store:
        store.add_learner("Ann", cohort="SPRING 2027")
    listed = run("cohort", "list")[1]
    assert listed.count("Spring 2027") == 1 and "1 mentor" in listed and "2027-03-01" in listed
    assert run("cohort", "rename", "SPRING 2027", "Spring cohort A")[0] == 0
    assert run("cohort", "due", "spring cohort a")[0] == 0  # no --due: cleared
    with Store.open() as store:
        (cohort,) = store.cohorts()
        assert (cohort.name, cohort.due_on) == ("Spring cohort A", None)
        assert store.learner("Ann").cohort == "Spring cohort A"
    code, output = run("cohort", "rename", "Nope", "Other")
    assert code == 1 and output.startswith("error: ")


def test_db_export_csv_never_runs_as_a_formula_and_imports_back_as_typed(tmp_path: Path) -> None:
    with Store.open() as store:
        store.record_attempt(attempt("=HYPERLINK(1)", bank("practice"), cohort="@Spring"))
    exported = tmp_path / "attempts.csv"
    assert run("db", "export", str(exported))[0] == 0
    (row,) = csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8")))
    assert (row["learner"], row["cohort"]) == ("'=HYPERLINK(1)", "'@Spring")
    other = f"sqlite:///{tmp_path}/other.sqlite3"
    assert run("import", str(exported), "--db", other)[0] == 0
    with Store.open(other) as store:
        (copy,) = store.attempts()
    assert (copy.learner, copy.cohort) == ("=HYPERLINK(1)", "@Spring")
