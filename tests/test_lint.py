"""The code is ruff-clean (lint and format), as the style guide asks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RUFF = shutil.which("ruff")


@pytest.mark.skipif(RUFF is None, reason="ruff is not installed")
@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(args: list[str]) -> None:
    run = subprocess.run([RUFF, *args, str(REPO)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
