"""Build the Jupyter Book strictly: warnings are errors, every reference is checked.

Jupyter Book runs in a child process so each build starts from a clean Sphinx
state; its progress lines ("reading sources... [ 40%] book/intro") are read
as they come and passed to a callback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mentor_course.errors import BuildError

PROGRESS = re.compile(r"^(?P<stage>reading sources|writing output)\.\.\. \[\s*(?P<pct>\d+)%\]")
# Ask the book extension for the served variant (no answer keys in pages) or the SCORM one
# (the static book, reporting to an LMS through the package's launch page).
SERVED_ENV = "MENTOR_COURSE_SERVED"
SCORM_ENV = "MENTOR_COURSE_SCORM"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CAUSE = re.compile(r"\b\w*(Error|Exception)\b:")
PROBLEM = re.compile(r"(WARNING|ERROR|CRITICAL|SEVERE):")

ProgressCallback = Callable[[str, int], None]


@dataclass(frozen=True)
class BuildResult:
    html_dir: Path
    index: Path


def _problem_lines(output: list[str], root: Path) -> list[str]:
    """Sphinx's warnings as one line each, with paths relative to the book root."""
    root_prefix = f"{root.resolve()}/"
    problems = []
    for line in output:
        line = ANSI.sub("", line).strip()
        if PROBLEM.search(line):
            problems.append(line.replace(root_prefix, ""))
    return problems


def build_book(
    root: Path,
    *,
    fresh: bool = False,
    served: bool = False,
    scorm: bool = False,
    on_progress: ProgressCallback | None = None,
) -> BuildResult:
    """Build the book at `root` into `root/_build/html`, or raise `BuildError`.

    `served` builds the variant the course server serves, into
    `root/_build/served/_build/html`: its quiz pages carry no answer key. `scorm` builds
    the variant a SCORM package holds, into `root/_build/scorm/_build/html`: the static
    book, whose pages report to the package's launch page.
    """
    root = root.resolve()
    if not (root / "_config.yml").is_file() or not (root / "_toc.yml").is_file():
        raise BuildError(f"{root} is not a course folder: it needs _config.yml and _toc.yml")
    command = [
        sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(root),
        "--builder", "html", "--warningiserror", "--nitpick", "--keep-going",
    ]  # fmt: skip
    if fresh:
        command.append("--all")
    variant = "served" if served else "scorm" if scorm else None
    output_base = root / "_build" / variant if variant else root
    if variant:
        command += ["--path-output", str(output_base)]
    env = {**os.environ, SERVED_ENV: "1" if served else "0", SCORM_ENV: "1" if scorm else "0"}
    output: list[str] = []
    with subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            match = PROGRESS.match(ANSI.sub("", line).strip())
            if match and on_progress:
                on_progress(match["stage"], int(match["pct"]))
    problems = _problem_lines(output, root)
    if process.returncode != 0 or problems:
        if not problems:
            clean = [ANSI.sub("", line).strip() for line in output]
            causes = [line for line in clean if CAUSE.search(line)] or clean[-5:]
            problems = [f"jupyter-book exited with code {process.returncode}: {causes[-1]}"]
        raise BuildError("\n".join(problems))
    html = output_base / "_build" / "html"
    return BuildResult(html_dir=html, index=html / "index.html")
