"""The command line, in process: help for every command, one-line errors, exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from mentor_course.cli import app

REPO = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).resolve().parent / "fixtures" / "banks" / "invalid"
runner = CliRunner()


def command_paths(group: Any, prefix: str = "") -> list[str]:
    """Every command and subcommand, as typed: "build", "db upgrade", ..."""
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        paths.append(path)
        if hasattr(command, "commands"):  # a group (Typer vendors its own click classes)
            paths += command_paths(command, f"{path} ")
    return sorted(paths)


ROOT: Any = get_command(app)
COMMANDS = command_paths(ROOT)


def test_commands_exist() -> None:
    assert {
        "build", "validate", "report", "import", "whoami",
        "db upgrade", "db export", "learner export", "learner delete",
    } <= set(COMMANDS)  # fmt: skip


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.output
    for command in ROOT.commands:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    node = ROOT
    for part in command.split():
        node = node.commands[part]
    assert node.help and len(node.help) > 20


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert f"mentor-course {command}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_validate_passes_on_the_shipped_banks() -> None:
    result = runner.invoke(app, ["validate", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert "All 6 quiz banks are valid" in result.output


def test_validate_prints_one_line_per_problem_and_fails() -> None:
    banks = [str(INVALID / "unknown-type.yml"), str(INVALID / "pass-mark-out-of-range.yml")]
    result = runner.invoke(app, ["validate", "--root", str(REPO), *banks])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("error: ") for line in lines)
    assert "unknown-type.yml:11: questions[0].type:" in result.output
    assert "Traceback" not in result.output


def test_validate_outside_a_course_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path / 'quizzes'}: no such file or folder\n"


@pytest.mark.slow
def test_build_failure_is_reported_as_lines_with_exit_code_one(
    course_copy: Callable[[], Path],
) -> None:
    root = course_copy()
    (root / "program.yml").write_text("program: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--root", str(root)])
    assert result.exit_code == 1
    assert "program.yml" in result.output and "not valid YAML" in result.output
    assert "Traceback" not in result.output


def test_build_outside_a_course_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not a course folder" in result.output


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--version", "3"], "unknown SCORM version '3'; use 1.2 or 2004"),
        (["--output", "{tmp}"], "is a folder; name the .zip file to write"),
        (["--output", "{tmp}/missing/course.zip"], "no such folder for the package"),
    ],
)
def test_export_scorm_refuses_bad_options_in_one_line(
    tmp_path: Path, arguments: list[str], words: str
) -> None:
    command = ["export", "scorm", *[a.format(tmp=tmp_path) for a in arguments]]
    result = runner.invoke(app, [*command, "--root", str(REPO)])
    assert result.exit_code == 1
    assert words in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing half-written


@pytest.mark.slow
def test_build_warns_while_program_yml_holds_the_example_contacts(
    course_copy: Callable[[], Path],
) -> None:
    root = course_copy()
    result = runner.invoke(app, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert "program.yml still holds the example contacts" in result.output
    (root / "program.yml").write_text(
        "program: P\ncontacts:\n  - {role: Coordinator, phone: 555-0101}\n", encoding="utf-8"
    )
    again = runner.invoke(app, ["build", "--root", str(root)])
    assert again.exit_code == 0 and "example contacts" not in again.output
