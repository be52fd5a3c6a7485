"""Run the benchmarks and write a Markdown results table.

    python -m benchmarks [--only NAME ...] [--runs N] [--quick] [--out FILE]

Every figure is a median of `--runs` runs, beside a baseline measured in the
same run on the same machine, and reported as a ratio to it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import ROOT, Options, Result

# Each module has `TITLE` and `run(options) -> list[Result]`.
SUITES = [
    "page_weight",
    "quiz_ready",
    "lighthouse",
    "book_build",
    "ingest",
    "report",
    "dashboard",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split(".")[0])
    parser.add_argument("--only", nargs="+", choices=SUITES, default=SUITES)
    parser.add_argument("--runs", type=int, default=5, help="runs behind every median")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("MENTOR_COURSE_BENCH_POSTGRES"),
        help="SQLAlchemy URL of a PostgreSQL server to measure on (default: "
        "$MENTOR_COURSE_BENCH_POSTGRES; without it PostgreSQL rows are left out)",
    )
    args = parser.parse_args(argv)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="mentor-course-bench-") as scratch:
        for name in args.only:
            module = importlib.import_module(f"benchmarks.{name}")
            print(f"== {module.TITLE}", file=sys.stderr, flush=True)
            options = Options(args.runs, args.quick, Path(scratch) / name, args.postgres)
            options.work.mkdir(parents=True)
            suite_results = module.run(options)
            for result in suite_results:
                print(f"   {format_row(result)}", file=sys.stderr, flush=True)
            results += suite_results
    args.out.write_text(markdown(results, args), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    missed = [r for r in results if r.met is False]
    return 1 if missed else 0


def format_number(value: float, unit: str) -> str:
    if unit in {"KB", "MB", "attempts/s", "requests/s", "/ 100"} or value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:,.1f} {unit}" if value >= 10 else f"{value:,.2f} {unit}"


def format_row(result: Result) -> str:
    met = {True: "yes", False: "**no**", None: ""}[result.met]
    return " | ".join(
        [
            result.benchmark,
            result.case,
            format_number(result.value, result.unit),
            f"{result.baseline_name}: {format_number(result.baseline, result.unit)}",
            f"{result.ratio:.2f}x",
            result.target,
            met,
            result.note,
        ]
    )


def markdown(results: list[Result], args: argparse.Namespace) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "# Benchmark results",
        "",
        f"Measured {when} on {machine}, with `python -m benchmarks --runs {args.runs}"
        + (" --quick" if args.quick else "")
        + "`. Each figure is a median of the runs; the ratio is figure / baseline, "
        "both measured in the same run.",
        "",
        "| Benchmark | Case | Figure | Baseline | Ratio | Target | Met | Note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {format_row(result)} |" for result in results]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
