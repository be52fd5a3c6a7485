"""The code is ruff-clean (lint, format, complexity), type-checked, and declares what it imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RUFF = shutil.which("ruff")


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO)


@pytest.mark.skipif(RUFF is None, reason="ruff is not installed")
@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(args: list[str]) -> None:
    # pyproject.toml's lint selection includes mccabe (C901, at most 15 per function).
    done = run(str(RUFF), *args, str(REPO))
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_no_errors_in_the_package() -> None:
    pytest.importorskip("mypy")
    done = run(sys.executable, "-m", "mypy")  # files and settings: [tool.mypy] in pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_declares_every_dependency_it_imports() -> None:
    pytest.importorskip("deptry")
    done = run(sys.executable, "-m", "deptry", "src")
    assert done.returncode == 0, done.stdout + done.stderr


def test_tests_and_benchmarks_import_only_declared_packages() -> None:
    """Nothing the tests import may be present only because another package pulls it in."""
    pytest.importorskip("deptry")
    done = run(
        sys.executable, "-m", "deptry", "tests", "benchmarks",
        "--exclude", r"(^|/)(\.venv|_build)/",
        # Unused and dev-only findings concern the package, checked above.
        "--ignore", "DEP002,DEP004",
        "-kf", "mentor_course", "-kf", "tests", "-kf", "benchmarks",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
