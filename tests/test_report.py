"""The completion report against a hand-computed fixture, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentor_course.cli import app
from mentor_course.course import Course
from mentor_course.report import Cell, QuizColumn, build_report, render
from mentor_course.report.dashboard import CompletionDashboard
from mentor_course.report.render import NAME_WIDTH, csv_chunks, to_csv
from mentor_course.store import QuestionScore, Store
from mentor_course.terminal import clip, printable
from tests.attempts import attempt, bank
from tests.chapters import REPO

PRACTICE, ORGS = bank("practice"), bank("organizations")
QUIZZES = [QuizColumn(PRACTICE.id, PRACTICE.title), QuizColumn(ORGS.id, ORGS.title)]


def day(d: int) -> dt.datetime:
    return dt.datetime(2026, 3, d, 12, 0, tzinfo=dt.UTC)


def fill(store: Store) -> None:
    """Ann passes practice on her second of three tries; Bo passes organizations only;
    Cy is enrolled, has tried nothing, and came to two group sessions. Both quizzes show
    8 questions an attempt, pass mark 0.75."""
    assert PRACTICE.per_attempt == ORGS.per_attempt == 8
    assert PRACTICE.pass_mark == ORGS.pass_mark == 0.75
    store.add_learner("Cy", cohort="Fall")
    for right, d in [(4, 1), (6, 2), (8, 5)]:
        store.record_attempt(
            attempt("Ann", PRACTICE, right=right, finished_at=day(d), cohort="Spring")
        )
    store.record_attempt(attempt("Bo", PRACTICE, right=5, finished_at=day(3), cohort="Spring"))
    store.record_attempt(attempt("Bo", ORGS, right=8, finished_at=day(4), cohort="Spring"))
    # Cy came to two group sessions, Ann to one (and joined it twice: counted once).
    first, second = store.start_group_session("practice"), store.start_group_session("practice")
    for code, name in [(first, "Cy"), (second, "Cy"), (first, "Ann"), (first, "Ann")]:
        store.mark_attendance(code, store.learner(name).id)


def expected_csv(ids: dict[str, int]) -> str:
    """The hand-computed report as CSV; learner ids are the store's own."""
    practice, orgs = PRACTICE.title, ORGS.title
    columns = ("status", "best score", "attempts", "passed on")
    header = ["Learner id", "Learner", "Cohort"]
    header += [f"{title}: {column}" for title in (practice, orgs) for column in columns]
    header += ["Knowledge checks passed", "Completion", "Completed on", "Group sessions"]
    rows = [
        f"{ids['Ann']},Ann,Spring,passed,100%,3,2026-03-02,not attempted,,0,,1,50%,,1",
        f"{ids['Bo']},Bo,Spring,attempted,62%,1,,passed,100%,1,2026-03-04,1,50%,,0",
        f"{ids['Cy']},Cy,Fall,not attempted,,0,,not attempted,,0,,0,0%,,2",
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(header)
    return buffer.getvalue() + "\n".join(rows) + "\n"


def ids_of(store: Store) -> dict[str, int]:
    return {name: store.learner(name).id for name in ("Ann", "Bo", "Cy")}


def test_report_matches_the_hand_computed_fixture(store_url: str) -> None:
    with Store.open(store_url) as store:
        fill(store)
        report = build_report(store, QUIZZES)
        ids = ids_of(store)
    assert [row.learner for row in report.rows] == ["Ann", "Bo", "Cy"]
    ann, bo, cy = report.rows
    assert ann.cells == (Cell(3, pytest.approx(1.0), dt.date(2026, 3, 2)), Cell())
    assert bo.cells == (Cell(1, pytest.approx(0.625), None), Cell(1, 1.0, dt.date(2026, 3, 4)))
    assert cy.cells == (Cell(), Cell())
    assert [c.status for c in bo.cells] == ["attempted", "passed"]
    assert cy.cells[0].status == "not attempted" and cy.cells[0].best_score is None
    assert [(t.attempted, t.passed) for t in report.totals] == [(2, 1), (1, 1)]
    assert render(report, "csv") == expected_csv(ids)


def test_report_for_one_cohort(store_url: str) -> None:
    with Store.open(store_url) as store:
        fill(store)
        report = build_report(store, QUIZZES, cohort="Spring")
    assert [row.learner for row in report.rows] == ["Ann", "Bo"]
    assert report.cohort == "Spring"


def test_quizzes_found_only_in_the_store_get_a_column(store_url: str) -> None:
    with Store.open(store_url) as store:
        fill(store)
        report = build_report(store, QUIZZES[:1])
    assert [q.id for q in report.quizzes] == ["practice", "organizations"]


def test_json_and_table_carry_the_same_figures(store_url: str) -> None:
    with Store.open(store_url) as store:
        fill(store)
        report = build_report(store, QUIZZES)
    data = json.loads(render(report, "json"))
    bo = data["learners"][1]
    assert bo["quizzes"]["practice"] == {
        "status": "attempted", "best_score": pytest.approx(0.625), "attempts": 1, "passed_on": None,
    }  # fmt: skip
    assert data["learners"][2]["quizzes"]["practice"]["best_score"] is None
    assert data["totals"] == [
        {"quiz": "practice", "attempted": 2, "passed": 1},
        {"quiz": "organizations", "attempted": 1, "passed": 1},
    ]
    table = render(report, "table")
    assert "✓ 2026-03-02 (3)" in table and "◐ 62% (1)" in table
    cy_line = next(line for line in table.splitlines() if "Cy" in line)
    assert cy_line.count("│ - ") == 2  # not attempted is a dash, never a zero score


def test_html_is_self_contained_and_escapes_names() -> None:
    with Store.open() as store:
        store.record_attempt(attempt("<img src=x onerror=alert(1)>", PRACTICE, right=9))
        report = build_report(store, QUIZZES)
    html = render(report, "html")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html and 'href="http' not in html and 'src="http' not in html
    assert "<svg" in html and "1 passed" in html


def test_dashboard_filters_by_cohort_and_saves_csv(tmp_path: Path) -> None:
    with Store.open() as store:
        fill(store)
    dashboard = CompletionDashboard(course=Course(REPO))
    shown = dashboard.view.value
    assert "Ann" in shown and "Cy" in shown
    assert list(dashboard.cohort.options) == ["All cohorts", "Fall", "Spring"]
    dashboard.cohort.value = "Fall"  # as the dropdown in the notebook would
    shown = dashboard.view.value
    assert "Cy" in shown and "Ann" not in shown
    saved = dashboard.save_csv(tmp_path)
    assert saved.name == f"completion-fall-{dt.datetime.now(dt.UTC).date()}.csv"
    assert ",Cy,Fall," in saved.read_text(encoding="utf-8").splitlines()[1]


def test_a_streamed_report_reads_the_store_as_it_renders(store_url: str) -> None:
    with Store.open(store_url) as store:
        fill(store)
        streamed = build_report(store, QUIZZES, stream=True)
        assert not isinstance(streamed.rows, tuple)
        assert render(streamed, "csv") == expected_csv(ids_of(store))
        store.record_attempt(attempt("Di", PRACTICE, finished_at=day(6), cohort="Fall"))
        # Read again: the rows are the store's now; the header figures were taken once.
        assert [row.learner for row in streamed.rows] == ["Ann", "Bo", "Cy", "Di"]
        table = render(streamed, "table")
    assert "✓ 2026-03-06 (1)" in table


def test_csv_in_chunks_is_the_same_csv(store_url: str) -> None:
    with Store.open(store_url) as store:
        fill(store)
        report = build_report(store, QUIZZES, stream=True)
        chunks = list(csv_chunks(report, records=2))
        ids = ids_of(store)
    assert len(chunks) == 2  # header and Ann, then Bo and Cy
    assert "".join(chunks) == expected_csv(ids)


def test_attempts_at_a_bank_from_before_the_pools_still_count(store_url: str) -> None:
    """An attempt stored when the bank showed every question, some since retired, keeps its
    score and pass in the report beside attempts at the pooled bank."""
    retired = [f"prc-0{n}" for n in range(3, 10)]  # prc-03 to prc-09 are gone from the pool
    old = attempt("Ann", PRACTICE, finished_at=day(1)).model_copy(
        update={
            "bank_version": "0123456789abcdef",
            "results": [
                QuestionScore(id=question_id, score=1.0, verdict="correct")
                for question_id in retired
            ],
            "score": 1.0,
            "passed": True,
        }
    )
    with Store.open(store_url) as store:
        store.record_attempt(old)
        store.record_attempt(attempt("Ann", PRACTICE, right=2, finished_at=day(2)))
        report = build_report(store, QUIZZES)
        (stored_old, _) = store.attempts("Ann")
    (ann,) = report.rows
    assert ann.cells[0] == Cell(2, pytest.approx(1.0), dt.date(2026, 3, 1))
    assert [q.id for q in stored_old.results] == retired


CONTROLS = [
    "\x00", "\x07", "\x08", "\t", "\x1b", "\x7f", "\x85", "\x9b", "\u061c", "\u200e", "\u200f",
    *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
]  # fmt: skip


def test_printable_escapes_every_control_and_bidirectional_character() -> None:
    for char in CONTROLS:
        code = ord(char)
        escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        assert printable(f"a{char}b") == f"a{escape}b"
    assert printable("Zoë 日本 🙂 a\\b") == "Zoë 日本 🙂 a\\b"
    assert printable("\x1b[31mred\u202eevil") == "\\x1b[31mred\\u202eevil"
    assert clip("abcdef", 6) == "abcdef" and clip("abcdefg", 6) == "abcde…"


def test_the_terminal_table_escapes_names_and_cuts_long_ones() -> None:
    """Names stored before the field rules (or by another program) are shown, never obeyed."""
    names = ["\x1b[31mRed\x1b[0m", "Bell\x07", "\u202eevil\u202c", "N" * 100_000]
    with Store.open() as store:
        for name in names:
            store.add_learner(name, cohort="C\x9b" + "c" * 300)
        store.record_attempt(attempt(names[0], PRACTICE, right=9))
        table = render(build_report(store, QUIZZES), "table")
    assert not any(char in table for char in CONTROLS)
    assert "\\x1b[31mRed\\x1b[0m" in table and "Bell\\x07" in table
    assert "\\u202eevil\\u202c" in table
    assert "N" * (NAME_WIDTH - 1) + "…" in table and "N" * NAME_WIDTH not in table
    assert "C\\x9b" + "c" * (NAME_WIDTH - 6) + "…" in table
    assert len(table) < 5_000  # one 100 KB name once made a 25 MB table
    ruled = [line for line in table.splitlines() if line[:1] in "┏┃┡│├└"]
    assert len({len(line) for line in ruled}) == 1  # every row as wide as the rules


def test_the_report_command_prints_no_control_character() -> None:
    with Store.open() as store:
        store.add_learner("\x1b]0;owned\x07\u202eName", cohort="\u2067Fall")
    result = CliRunner().invoke(app, ["report", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert not any(char in result.output for char in CONTROLS)
    # The column is as wide as the longest name as stored, so escapes may cut it short.
    assert "\\x1b]0;owned\\x…" in result.output and "\\u2067Fall" in result.output


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2", "@SUM(A1)", "\t=1"]


def test_no_csv_cell_a_spreadsheet_would_run(store_url: str) -> None:
    with Store.open(store_url) as store:
        for name in FORMULAS:
            store.add_learner(name, cohort="@cohort")
        store.add_learner("Ana-Maria", cohort="Spring")
        report = build_report(store, [QuizColumn("practice", "Practice")])
        text = to_csv(report)
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    cells = {(row[1], row[2]) for row in rows}
    assert cells == {(f"'{name}", "'@cohort") for name in FORMULAS} | {("Ana-Maria", "Spring")}
    result = CliRunner().invoke(app, ["report", "--format", "csv", "--db", store_url])
    assert result.exit_code == 0
    assert not [line for line in result.output.splitlines() if line.startswith(("=", "+", "@"))]
