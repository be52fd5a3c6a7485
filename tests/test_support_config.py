"""program.yml: a program's contacts and crisis lines, validated with file:line:field errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentor_course.errors import ProgramConfigError, SourceErrors
from mentor_course.support import contacts_warning, load_program_config

REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "program.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[ProgramConfigError]:
    with pytest.raises(SourceErrors) as caught:
        load_program_config(path)
    assert all(isinstance(e, ProgramConfigError) for e in caught.value.errors)
    return caught.value.errors  # type: ignore[return-value]


def test_shipped_program_file_loads_with_national_lines() -> None:
    config, lines = load_program_config(REPO / "program.yml")
    assert config.contacts and config.contacts[0].role == "Program coordinator"
    assert {line.name for line in lines.lines} >= {
        "988 Suicide & Crisis Lifeline",
        "National Human Trafficking Hotline",
    }
    assert lines.last_checked <= dt.date.today()


def test_program_can_replace_the_crisis_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "program: Riverside\n"
        "crisis_lines:\n"
        "  last_checked: 2026-10-01\n"
        "  region: Riverside County\n"
        "  lines:\n"
        "    - {name: County crisis line, call: 555-0100, what: Local crisis help.,"
        " privacy: Private.}\n",
    )
    _, lines = load_program_config(path)
    assert [line.name for line in lines.lines] == ["County crisis line"]
    assert lines.region == "Riverside County"


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("program: P\ncontacts:\n  - role: Coordinator\n    fax: 1\n", 4, "contacts[0].fax",
         "unknown field"),
        ("program: P\ncontacts:\n  - role: Coordinator\n    name: Ann\n", 3, "contacts[0]",
         "phone or an email"),
        ("contacts: []\n", 1, "program", "missing"),
        ("program: P\ncrisis_lines:\n  last_checked: soon\n  lines: []\n", 3,
         "crisis_lines.last_checked", "date"),
        ("program: P\ncontacts:\n  - role: x\n   phone: 1\n", 4, "", "not valid YAML"),
        ("program: P\nprogram: Q\n", 2, "", "appears twice"),
    ],
)  # fmt: skip
def test_malformed_config_names_line_and_field(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    first = problems(write(tmp_path, text))[0]
    assert (first.line, first.field) == (line, field)
    assert words in first.message
    assert str(first).startswith(f"{tmp_path / 'program.yml'}:{line}:")


def test_the_shipped_example_contacts_are_not_taken_for_real_ones(tmp_path: Path) -> None:
    config, _ = load_program_config(REPO / "program.yml")
    assert not config.contacts_set
    assert "still holds the example contacts" in (contacts_warning(REPO / "program.yml") or "")
    own = write(tmp_path, "program: P\ncontacts:\n  - {role: Coordinator, phone: 555-0101}\n")
    assert load_program_config(own)[0].contacts_set and contacts_warning(own) is None
    none = write(tmp_path, "program: P\n")
    assert not load_program_config(none)[0].contacts_set


def test_a_crisis_line_says_how_to_reach_it_in_words(tmp_path: Path) -> None:
    _, lines = load_program_config(REPO / "program.yml")
    how = {line.name: line.how for line in lines.lines}
    assert how["Crisis Text Line"] == "Text HOME to 741741"
    assert (
        how["988 Suicide & Crisis Lifeline"] == "Call 988, text 988 or go to 988lifeline.org (chat)"
    )
    assert all(line.privacy for line in lines.lines)
    unreachable = (
        "crisis_lines:\n  last_checked: 2026-10-01\n  lines:\n"
        "    - {name: X, what: Y, privacy: Z}\n"
    )
    (problem,) = problems(write(tmp_path, "program: P\n" + unreachable))
    assert "a way to reach it" in problem.message
