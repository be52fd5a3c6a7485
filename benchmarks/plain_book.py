"""Copies of the course for baselines: as it is, and "plain" (a stock Jupyter Book).

The plain copy has the same chapters with our directives (quiz, plan-builder,
breathing-pacer, support-resources) and our Sphinx extension removed: what
Jupyter Book 1 alone makes of the same text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.measure import ROOT

COURSE_FILES = ["_config.yml", "_toc.yml", "program.yml", "book", "quizzes"]
OUR_DIRECTIVES = re.compile(
    r"^```\{(quiz|plan-builder|breathing-pacer|support-resources)\}.*?^```\s*$",
    re.MULTILINE | re.DOTALL,
)


def copy_course(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(source, target / name)
    return target


def plain_copy(target: Path) -> Path:
    """The course at `target` without our directives or extension."""
    copy_course(target)
    for chapter in (target / "book").glob("*.md"):
        text = chapter.read_text(encoding="utf-8")
        chapter.write_text(OUR_DIRECTIVES.sub("", text), encoding="utf-8")
    config = target / "_config.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text(
        "\n".join(line for line in lines if "mentor_course.sphinx" not in line) + "\n",
        encoding="utf-8",
    )
    return target


def jupyter_book_build(root: Path, *, fresh: bool = True) -> Path:
    """`jupyter-book build` as a stock user runs it (not strict); the HTML folder."""
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
    command += ["build", str(root), "--builder", "html"] + (["--all"] if fresh else [])
    subprocess.run(command, cwd=root, check=True, capture_output=True)
    return root / "_build" / "html"
