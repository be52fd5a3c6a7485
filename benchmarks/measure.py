"""What every benchmark returns: a figure beside a baseline measured in the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium, headless and quiet: no network of its own, no first-run work.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    runs: int  # repetitions behind every median
    quick: bool  # smaller sizes, for a smoke run
    work: Path  # scratch folder for builds, stores and servers
    postgres_url: str | None  # a server to measure on, or None to leave PostgreSQL out


@dataclass(frozen=True)
class Result:
    """One row of the results table.

    `value` and `baseline` share `unit`; `ratio` is value / baseline.
    `met` is None where the row has no target of its own (a figure for context).
    """

    benchmark: str
    case: str
    value: float
    unit: str
    baseline_name: str
    baseline: float
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        if not self.baseline:
            return 1.0 if not self.value else float("inf")
        return self.value / self.baseline


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def timed(action: Callable[[], T]) -> tuple[float, T]:
    """Seconds `action` took, and what it returned."""
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def median_seconds(action: Callable[[], object], runs: int) -> float:
    return median([timed(action)[0] for _ in range(runs)])
