"""Enrolling from a roster CSV: reading it, the preview, enrolling all, the links as CSV; on a
real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from mentor_course.errors import FileReadError, ImportFileError
from mentor_course.roster import (
    MAX_ROWS,
    Roster,
    RosterLine,
    enroll_roster,
    links_csv,
    preview,
    read_roster,
    read_roster_bytes,
    read_roster_text,
)
from mentor_course.store import Store, StoreUnwritable

BASE = "https://course.example.org"
TWO_WEEKS = dt.timedelta(days=14)


def write(tmp_path: Path, text: str | bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def by_line(roster: Roster) -> dict[int, tuple[str, str]]:
    return {row.line: (row.action, row.note) for row in roster.rows}


# ----- reading -----


def test_header_names_in_any_case_and_order_with_a_bom_and_extra_columns(tmp_path: Path) -> None:
    text = (
        "\ufeffCohort,Phone, NAME ,EMAIL\r\n"
        "Spring 2027,555,Alex Rivera,alex@example.org\r\n"
        ",,,\r\n"  # a blank row, as Excel writes one
        "\r\n"
        "Fall,,Sam Lee\r\n"  # shorter than the header: no email
        'Fall,,"Rivera, Kim",kim@example.org,one cell too many\r\n'
    )
    expected = [
        RosterLine(2, "Alex Rivera", "alex@example.org", "Spring 2027"),
        RosterLine(5, "Sam Lee", "", "Fall"),
        RosterLine(6, "Rivera, Kim", "kim@example.org", "Fall"),
    ]
    assert read_roster(write(tmp_path, text)) == expected
    assert read_roster_text(text) == expected
    assert read_roster_bytes(text.encode()) == expected


def test_only_a_name_column_is_needed() -> None:
    assert read_roster_text("name\nAlex\n") == [RosterLine(2, "Alex", "", "")]
    assert read_roster_text("name,email,cohort\n") == []


def test_a_cell_made_safe_for_spreadsheets_reads_back_as_typed() -> None:
    assert read_roster_text("name\n'=1+1\n")[0].name == "=1+1"


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        (b"", "roster.csv:", "the file is empty"),
        (b"email,cohort\na@example.org,Spring\n", "roster.csv:1: name:", "this column is missing"),
        (b"Alex Rivera,alex@example.org\n", "roster.csv:1: name:", "found 'Alex Rivera,alex@"),
        (b"name,Name\nAlex,Alex\n", "roster.csv:1: name:", "named twice"),
        (b"name\nAlex\nRen\xe9\n", "roster.csv:3:", "not UTF-8 text (byte 0xe9)"),
        (b'name\nAlex\n"Sam\nLee\n', "roster.csv:3:", "not valid CSV"),
        (b'name\n"Alex"x\n', "roster.csv:2:", "not valid CSV"),
        (b"PK\x03\x04\x14\x00binary", "roster.csv:", "this is a spreadsheet, not CSV"),
    ],
)
def test_a_file_that_is_not_a_roster_is_refused_naming_file_and_line(
    tmp_path: Path, content: bytes, where: str, message: str
) -> None:
    path = write(tmp_path, content)
    for read, source in ((read_roster, path), (read_roster_bytes, content)):
        with pytest.raises(ImportFileError) as caught:
            read(source)  # type: ignore[operator]
        shown = str(caught.value).replace(str(path), "roster.csv")
        assert shown.startswith(where)
        assert message in shown


def test_an_upload_names_itself_in_its_errors() -> None:
    with pytest.raises(ImportFileError, match=r"^people\.csv:1: name: this column is missing"):
        read_roster_text("email\n", "people.csv")


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="no such file"):
        read_roster(tmp_path / "nope.csv")


def test_at_most_5000_rows(tmp_path: Path) -> None:
    rows = "".join(f"Mentor {n}\n" for n in range(MAX_ROWS))
    assert len(read_roster(write(tmp_path, "name\n" + rows))) == MAX_ROWS
    with pytest.raises(ImportFileError) as caught:
        read_roster(write(tmp_path, "name\n" + rows + "One Too Many\n"))
    assert caught.value.line == MAX_ROWS + 2
    assert "more than 5,000 rows" in str(caught.value)


# ----- the preview -----


def test_the_preview_flags_each_bad_row_on_its_line(store_url: str) -> None:
    long_cohort = "x" * 201
    text = (
        "name,email,cohort\n"
        "Alex Rivera,alex@example.org,Spring 2027\n"  # 2
        ",b@example.org,Spring 2027\n"  # 3
        "Sam Lee,not-an-email,Spring 2027\n"  # 4
        f"Kim Park,,{long_cohort}\n"  # 5
        "alex  RIVERA,,spring 2027\n"  # 6
        '"Jo\nBell",,Fall\n'  # 7-8
        "Ana Diaz,,Fall\n"  # 9
        "ana diaz,,Spring 2027\n"  # 10
    )
    with Store.open(store_url) as store:
        roster = preview(store, read_roster_text(text))
    rows = by_line(roster)
    assert rows[2] == ("enroll", "")
    assert rows[3] == ("problem", "name: is empty; type at least one letter")
    assert rows[4] == (
        "problem",
        "email: 'not-an-email' is not an email address (name@example.org)",
    )
    assert rows[5] == ("problem", "cohort: is 201 characters long; at most 200 fit")
    assert rows[6] == ("problem", "repeats line 2")
    assert rows[7][0] == "problem"
    assert "control character" in rows[7][1]
    assert rows[9] == ("enroll", "")
    assert rows[10][0] == "problem"
    assert rows[10][1].startswith("line 9 also names ana diaz, in Fall; people are never merged")
    assert [row.line for row in roster.to_enroll] == [2, 9]
    assert [row.line for row in roster.problems] == [3, 4, 5, 6, 7, 10]
    assert roster.already == []


def test_the_preview_cleans_cells_as_every_edge_does(store_url: str) -> None:
    with Store.open(store_url) as store:
        (row,) = preview(store, [RosterLine(2, "  Alex Rivera ", " alex@example.org ", " ")]).rows
    assert (row.name, row.email, row.cohort, row.action) == (
        "Alex Rivera",
        "alex@example.org",
        None,
        "enroll",
    )


def test_the_preview_compares_with_the_store_and_never_merges(store_url: str) -> None:
    with Store.open(store_url) as store:
        alex = store.add_learner("Alex Rivera", email="alex@example.org", cohort="Spring 2027")
        sam = store.add_learner("Sam Lee", cohort="Spring 2027")
        lines = [
            RosterLine(2, "alex rivera", "ALEX@example.org", "SPRING  2027"),
            RosterLine(3, "Sam Lee", "sam@example.org", "Spring 2027"),
            RosterLine(5, "Sam Lee", "", "Fall 2027"),
            RosterLine(6, "Kim Park", "", "Fall 2027"),
        ]
        roster = preview(store, lines)
        (other_email,) = preview(
            store, [RosterLine(4, "Alex Rivera", "other@example.org", "Spring 2027")]
        ).rows
        before = store.learners_named("Sam Lee")
    rows = by_line(roster)
    assert rows[2] == ("already enrolled", f"already enrolled as #{alex}")
    assert rows[3] == (
        "already enrolled",
        f"already enrolled as #{sam} (the store has no email for them)",
    )
    assert other_email.action == "problem"  # the same name in the cohort, another email
    assert other_email.note.startswith(f"someone called Alex Rivera is enrolled already (#{alex}, ")
    # The same name in another cohort: the store's learner named, though line 3 has it too.
    assert rows[5][0] == "problem"
    assert rows[5][1] == (
        f"someone called Sam Lee is enrolled already ({before[0].detail()}); "
        "enroll this row on its own to say whether it is the same person"
    )
    assert rows[6] == ("enroll", "")


def test_two_learners_of_the_name_elsewhere_are_both_listed(store_url: str) -> None:
    with Store.open(store_url) as store:
        first = store.add_learner("Alex Rivera", cohort="Spring")
        second = store.create_enrollment("Alex Rivera", cohort="Summer", person="new").learner_id
        (row,) = preview(store, [RosterLine(2, "Alex Rivera", "", "Fall")]).rows
    assert row.action == "problem"
    assert row.note.startswith("2 people called Alex Rivera are enrolled already")
    assert f"#{first}, Spring" in row.note
    assert f"#{second}, Summer" in row.note


# ----- enrolling -----

ROSTER = (
    "name,email,cohort\n"
    "Alex Rivera,alex@example.org,Spring 2027\n"
    "Sam Lee,,Spring 2027\n"
    "Kim Park,not-an-email,Spring 2027\n"
)


def test_enrolling_issues_a_working_link_for_each_row(store_url: str) -> None:
    with Store.open(store_url) as store:
        issued = enroll_roster(
            store, preview(store, read_roster_text(ROSTER)), BASE + "/", TWO_WEEKS
        )
        assert [link.row.name for link in issued] == ["Alex Rivera", "Sam Lee"]
        assert issued.skipped == []
        for link in issued:
            assert link.link.startswith(f"{BASE}/enroll/")
            token = link.link.removeprefix(f"{BASE}/enroll/")
            state = store.enrollment_link(token)
            assert state is not None
            assert state.works
            assert state.learner_id == link.learner_id
            assert store.redeem_enrollment(token) == link.learner_id
            assert store.redeem_enrollment(token) is None  # single use
        (alex,) = store.learners_named("Alex Rivera")
    assert (alex.id, alex.email, alex.cohort) == (
        issued[0].learner_id,
        "alex@example.org",
        "Spring 2027",
    )


def test_the_same_roster_twice_enrolls_nobody_twice(store_url: str) -> None:
    with Store.open(store_url) as store:
        first = preview(store, read_roster_text(ROSTER))
        assert len(enroll_roster(store, first, BASE, TWO_WEEKS)) == 2

        again = preview(store, read_roster_text(ROSTER))
        assert [row.action for row in again.rows] == [
            "already enrolled",
            "already enrolled",
            "problem",
        ]
        assert again.to_enroll == []
        assert enroll_roster(store, again, BASE, TWO_WEEKS) == []

        # The first preview, enrolled again (a form sent twice): checked again, so nobody.
        stale = enroll_roster(store, first, BASE, TWO_WEEKS)
        assert stale == []
        assert [(row.line, row.action) for row in stale.skipped] == [
            (2, "already enrolled"),
            (3, "already enrolled"),
        ]
        assert len(store.learners_named("Alex Rivera")) == 1
        assert len(store.learners_named("Sam Lee")) == 1
        assert store.learners_named("Kim Park") == []


def test_a_same_name_person_elsewhere_is_not_enrolled_or_merged(store_url: str) -> None:
    with Store.open(store_url) as store:
        existing = store.add_learner("Sam Lee", cohort="Fall 2026")
        roster = preview(store, read_roster_text(ROSTER))
        assert by_line(roster)[3][0] == "problem"
        issued = enroll_roster(store, roster, BASE, TWO_WEEKS)
        assert [link.row.name for link in issued] == ["Alex Rivera"]
        (sam,) = store.learners_named("Sam Lee")
    assert (sam.id, sam.cohort) == (existing, "Fall 2026")


def test_a_name_enrolled_since_the_check_is_skipped_not_crashed_on(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(store_url) as store:
        roster = preview(store, read_roster_text(ROSTER))
        store.add_learner("Sam Lee", cohort="Fall 2026")
        # As if the other coordinator's enrollment came between the check and the write.
        monkeypatch.setattr(store, "learners_named", lambda name: [])
        issued = enroll_roster(store, roster, BASE, TWO_WEEKS)
        monkeypatch.undo()
        assert [link.row.name for link in issued] == ["Alex Rivera"]
        (skipped,) = issued.skipped
        assert (skipped.line, skipped.action) == (3, "problem")
        assert skipped.note.startswith("someone called Sam Lee is enrolled already (#")
        assert len(store.learners_named("Sam Lee")) == 1


def test_a_store_that_stops_writing_keeps_the_links_made(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(store_url) as store:
        roster = preview(store, read_roster_text(ROSTER))
        real = store.create_enrollment
        calls = []

        def failing_second(*args: object, **kwargs: object) -> object:
            calls.append(args)
            if len(calls) > 1:
                raise StoreUnwritable("the disk is full")
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "create_enrollment", failing_second)
        issued = enroll_roster(store, roster, BASE, TWO_WEEKS)
        monkeypatch.undo()
        assert [link.row.name for link in issued] == ["Alex Rivera"]
        assert [(row.name, row.action) for row in issued.skipped] == [("Sam Lee", "problem")]
        assert "the disk is full" in issued.skipped[0].note
        # Running it again enrolls the rest only.
        rest = enroll_roster(store, preview(store, read_roster_text(ROSTER)), BASE, TWO_WEEKS)
        assert [link.row.name for link in rest] == ["Sam Lee"]


# ----- the links as CSV -----


def test_links_csv_is_text_a_spreadsheet_never_runs(store_url: str) -> None:
    name = '=HYPERLINK("https://evil.example","Click")'
    text = f'name,email,cohort\n"{name.replace(chr(34), chr(34) * 2)}",,+Spring\n'
    with Store.open(store_url) as store:
        issued = enroll_roster(store, preview(store, read_roster_text(text)), BASE, TWO_WEEKS)
        written = links_csv(issued)
        rows = list(csv.reader(io.StringIO(written)))
        assert rows[0] == ["name", "email", "cohort", "link"]
        assert rows[1] == ["'" + name, "", "'+Spring", issued[0].link]
        # The links file read back as a roster: the same people, already enrolled.
        again = preview(store, read_roster_text(written))
    assert [(row.name, row.cohort, row.action) for row in again.rows] == [
        (name, "+Spring", "already enrolled")
    ]


def test_links_csv_of_nobody_is_the_header() -> None:
    assert links_csv([]) == "name,email,cohort,link\n"
