"""Book build: the full course against the same chapters without our directives and extension.

Both copies are built by the same stock command (`jupyter-book build --builder
html`, not strict), so the only difference is our Sphinx extension and its
directives (quiz banks loaded and validated, plan builder, breathing pacer,
support resources, widget assets). The course executes no notebooks at build
time (`execute_notebooks: "off"`: chapters are Markdown), so there is no
notebook execution cost on either side.

Rows:
- clean build: `_build` removed, then `--all`; target at most 1.2x plain.
- no-change rebuild: the same command without `--all` right after a build
  (what an author pays for a rebuild that changed nothing); for context.
- `mentor-course build`: our real strict command (warnings are errors,
  `--nitpick`) from clean, against the plain clean build; for context.
"""

from __future__ import annotations

import resource
import shutil
from collections.abc import Callable
from pathlib import Path

from benchmarks.measure import Options, Result, median, timed
from benchmarks.plain_book import copy_course, jupyter_book_build, plain_copy
from mentor_course.book import build_book

TITLE = "Book build"
MAX_RATIO = 1.2


def child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def clean(root: Path) -> None:
    shutil.rmtree(root / "_build", ignore_errors=True)


def run(options: Options) -> list[Result]:
    course = copy_course(options.work / "course")
    plain = plain_copy(options.work / "plain")
    names = ["clean", "plain clean", "rebuild", "plain rebuild", "strict"]
    samples: dict[str, list[float]] = {name: [] for name in names}
    cpu_samples: dict[str, list[float]] = {name: [] for name in names}

    def sample(name: str, action: Callable[[], object]) -> None:
        # Builds run in child processes; their CPU seconds are steadier than wall time
        # on a shared machine, so they go in the note beside the wall-clock figure.
        before = child_cpu_seconds()
        samples[name].append(timed(action)[0])
        cpu_samples[name].append(child_cpu_seconds() - before)

    # Interleaved, so drifting load on the machine falls on both books alike.
    for _ in range(options.runs):
        for root, prefix in [(course, ""), (plain, "plain ")]:
            clean(root)
            sample(f"{prefix}clean", lambda root=root: jupyter_book_build(root, fresh=True))
            sample(f"{prefix}rebuild", lambda root=root: jupyter_book_build(root, fresh=False))
        clean(course)
        sample("strict", lambda: build_book(course, fresh=True))
    figure = {name: median(values) for name, values in samples.items()}
    cpu = {name: median(values) for name, values in cpu_samples.items()}
    runs = f"median of {options.runs}"
    stock = "both `jupyter-book build --builder html` (stock flags, not strict)"

    def row(case: str, name: str, baseline: str, target: bool, note: str) -> Result:
        ratio = figure[name] / figure[baseline]
        return Result(
            benchmark=TITLE,
            case=case,
            value=figure[name],
            unit="s",
            baseline_name=f"plain Jupyter Book {'rebuild' if 'rebuild' in baseline else 'build'}",
            baseline=figure[baseline],
            target=f"≤ {MAX_RATIO}x plain" if target else "",
            met=ratio <= MAX_RATIO if target else None,
            note=f"{note}; CPU {cpu[name]:.1f} s vs {cpu[baseline]:.1f} s "
            f"({cpu[name] / cpu[baseline]:.2f}x)",
        )

    return [
        row(
            "clean build, full course",
            "clean",
            "plain clean",
            True,
            f"_build removed, then --all; {stock}; no notebooks executed (off in _config.yml); "
            f"{runs}",
        ),
        row(
            "no-change rebuild",
            "rebuild",
            "plain rebuild",
            False,
            f"the same command without --all right after a build; {stock}; {runs}",
        ),
        row(
            "mentor-course build (strict)",
            "strict",
            "plain clean",
            False,
            f"our real command (--warningiserror --nitpick --keep-going) from clean, "
            f"against the plain stock clean build; {runs}",
        ),
    ]
