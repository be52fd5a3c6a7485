"""Notebooks are committed clean (nbval runs them in a real kernel); one per quiz bank."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
TEST_NOTEBOOKS = sorted((REPO / "tests" / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS + TEST_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_one_quiz_notebook_per_bank() -> None:
    banks = {p.stem for p in (REPO / "quizzes").glob("*.yml")}
    quiz_notebooks = {p.stem.removeprefix("quiz-") for p in NOTEBOOKS if p.stem.startswith("quiz-")}
    assert quiz_notebooks == banks
    for bank in banks:
        source = (REPO / "notebooks" / f"quiz-{bank}.ipynb").read_text(encoding="utf-8")
        assert f'QuizWidget.from_bank(\\"{bank}\\")' in source
