"""The benchmark suite still runs: a quick report benchmark, checked for its table, not its times.

Timings are never asserted in the test suite; `python -m benchmarks` measures them.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.__main__ import main


def test_the_quick_report_benchmark_writes_its_results_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    code = main(["--only", "report", "--quick", "--runs", "1", "--out", str(out)])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert code in (0, 1)  # 1 when a target is missed, which is for the reader to judge
    assert "| Benchmark | Case | Figure | Baseline | Ratio | Target | Met | Note |" in lines
    rows = [line for line in lines if line.startswith("| Report at scale |")]
    cases = [row.split(" | ")[1] for row in rows]
    assert cases == [
        f"SQLite, {attempts} attempts: {what}"
        for attempts in ("2,400", "24,000")
        for what in ("report as csv", "report as table", "peak memory of `report --format csv`")
    ]
    assert all(row.split(" | ")[6] in {"yes", "**no**"} for row in rows)


def test_the_quick_dashboard_benchmark_writes_its_results_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    code = main(["--only", "dashboard", "--quick", "--runs", "1", "--out", str(out)])
    assert code in (0, 1)
    rows = [
        line
        for line in out.read_text(encoding="utf-8").splitlines()
        if line.startswith("| Dashboard at scale |")
    ]
    cases = [row.split(" | ")[1].split(": ", 1)[1] for row in rows]
    assert cases == ["first page", "a search by name", "not finished, by progress"]
    assert all(float(row.split(" | ")[2].split()[0]) > 0 for row in rows)  # measured something
