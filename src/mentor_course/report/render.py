"""Renderers: one `CompletionReport`, many formats. Each returns text.

"Not attempted" is a status of its own everywhere: it is never shown as a
zero score.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from html import escape
from typing import TextIO

from mentor_course.files import spreadsheet_safe
from mentor_course.report.model import Cell, CompletionReport
from mentor_course.terminal import clip, printable

Writer = Callable[[CompletionReport, TextIO], object]
NAME_WIDTH = 40  # the widest a learner or cohort column gets in the terminal table


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def cell_text(cell: Cell) -> str:
    tries = f"{cell.attempts} {'try' if cell.attempts == 1 else 'tries'}"
    if cell.status == "passed":
        return f"passed {cell.passed_on} ({tries})"
    if cell.status == "attempted":
        return f"attempted, best {percent(cell.best_score or 0)} ({tries})"
    return "not attempted"


def completion_text(passed: int, total: int) -> str:
    return f"{passed} of {total}" + (f" ({percent(passed / total)})" if total else "")


def _title(report: CompletionReport) -> str:
    scope = f"cohort {report.cohort}" if report.cohort else "all learners"
    return f"Quiz completion, {scope}"


def short_cell_text(cell: Cell) -> str:
    """A cell for a terminal: symbol, then the date or best score, then (attempts)."""
    if cell.status == "passed":
        return f"✓ {cell.passed_on} ({cell.attempts})"
    if cell.status == "attempted":
        return f"◐ {percent(cell.best_score or 0)} ({cell.attempts})"
    return "-"


def write_table(report: CompletionReport, out: TextIO) -> None:
    """A text table for a terminal, written row by row as the rows arrive.

    Numbered quiz columns with a key below, so eight quizzes fit a terminal.
    Column widths come from the report's longest names, not from a first pass
    over the rows, so a report of any size streams; a name column is at most
    `NAME_WIDTH` wide (longer names are cut with …), and names are shown with
    their control characters escaped (`terminal.printable`).
    """
    count = len(report.quizzes)
    most = f"{report.learners} passed, {report.learners} tried"  # the widest a total can be
    headings = ["Learner", "Cohort", *(f"Q{n}" for n in range(1, count + 1))]
    headings += ["Completed", "Sessions"]
    widths = [
        max(len("Learner"), len("Total"), min(NAME_WIDTH, report.longest_learner_name)),
        max(
            len("Cohort"),
            len(f"{report.learners} learners"),
            min(NAME_WIDTH, report.longest_cohort_name),
        ),
        *[max(18, len(most))] * count,
        len(completion_text(count, count)),  # the widest completion
        len("Sessions"),
    ]

    def line(cells: list[str]) -> str:
        return (
            "│ "
            + " │ ".join(clip(c, w).ljust(w) for c, w in zip(cells, widths, strict=True))
            + " │\n"
        )

    def rule(left: str, middle: str, right: str, fill: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right + "\n"

    out.write(printable(_title(report)) + "\n")
    out.write(rule("┏", "┳", "┓", "━"))
    out.write(line(headings).replace("│", "┃"))
    out.write(rule("┡", "╇", "┩", "━"))
    for row in report.rows:
        out.write(
            line(
                [
                    printable(row.learner),
                    printable(row.cohort or ""),
                    *(short_cell_text(cell) for cell in row.cells),
                    completion_text(row.passed, count),
                    str(row.sessions_attended),
                ]
            )
        )
    out.write(rule("├", "┼", "┤", "─"))
    # After the rows: streamed rows count the totals as they are read.
    totals = [f"{t.passed} passed, {t.attempted} tried" for t in report.totals]
    out.write(line(["Total", f"{report.learners} learners", *totals, "", ""]))
    out.write(rule("└", "┴", "┘", "─"))
    out.write(
        "✓ passed on (attempts)  ◐ attempted: best score (attempts)  - not attempted; "
        "Sessions: group sessions attended\n"
    )
    out.write(printable("; ".join(f"Q{i}: {q.title}" for i, q in enumerate(report.quizzes, 1))))
    out.write("\n")


def csv_records(report: CompletionReport) -> Iterator[list[object]]:
    """The CSV report's header, then one record per learner as the rows arrive: quizzes by
    their titles, scores and completion as percentages, pass dates as ISO dates. Every
    text a person typed (or a quiz title) goes through `spreadsheet_safe`."""
    header = ["Learner id", "Learner", "Cohort"]
    for quiz in report.quizzes:
        title = spreadsheet_safe(quiz.title)
        header += [f"{title}: status", f"{title}: best score", f"{title}: attempts",
                   f"{title}: passed on"]  # fmt: skip
    yield [*header, "Knowledge checks passed", "Completion", "Completed on", "Group sessions"]
    for row in report.rows:
        line: list[object] = [
            row.learner_id,
            spreadsheet_safe(row.learner),
            spreadsheet_safe(row.cohort or ""),
        ]
        for cell in row.cells:
            best = "" if cell.best_score is None else percent(cell.best_score)
            line += [cell.status, best, cell.attempts, cell.passed_on or ""]
        completed_on = row.completed_on or ""
        yield [*line, row.passed, percent(row.completion), completed_on, row.sessions_attended]


def file_slug(text: str) -> str:
    """`text` as part of a file name: ASCII letters and digits, lower case, joined by -."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "cohort"


def csv_file_name(report: CompletionReport) -> str:
    """`completion-spring-2027-2027-03-01.csv`: the cohort (or "all") and the day made."""
    scope = file_slug(report.cohort) if report.cohort else "all"
    return f"completion-{scope}-{report.generated_at:%Y-%m-%d}.csv"


def write_csv(report: CompletionReport, out: TextIO) -> None:
    csv.writer(out, lineterminator="\n").writerows(csv_records(report))


def csv_chunks(report: CompletionReport, records: int = 1000) -> Iterator[str]:
    """The CSV report in pieces of `records` lines, for a download that starts at once."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    lines = csv_records(report)
    while chunk := list(itertools.islice(lines, records)):
        writer.writerows(chunk)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def to_csv(report: CompletionReport) -> str:
    buffer = io.StringIO()
    write_csv(report, buffer)
    return buffer.getvalue()


def to_json(report: CompletionReport) -> str:
    data = {
        "generated_at": report.generated_at.isoformat(),
        "cohort": report.cohort,
        "quizzes": [{"id": q.id, "title": q.title} for q in report.quizzes],
        "learners": [
            {
                "name": row.learner,
                "cohort": row.cohort,
                "quizzes": {
                    quiz.id: {
                        "status": cell.status,
                        "best_score": cell.best_score,
                        "attempts": cell.attempts,
                        "passed_on": cell.passed_on.isoformat() if cell.passed_on else None,
                    }
                    for quiz, cell in zip(report.quizzes, row.cells, strict=True)
                },
                "quizzes_passed": row.passed,
                "completion": row.completion,
                "group_sessions_attended": row.sessions_attended,
            }
            for row in report.rows
        ],
        "totals": [
            {"quiz": t.quiz.id, "attempted": t.attempted, "passed": t.passed} for t in report.totals
        ],
    }
    return json.dumps(data, indent=2)


def chart_svg(report: CompletionReport) -> str:
    """Bars of passed and attempted learners per quiz, each under its quiz's title; inline SVG."""
    learners = max(report.learners, 1)
    label, bar, gap, width = 18, 18, 16, 640
    step = label + 2 * bar + gap
    parts = [
        f'<svg role="img" aria-labelledby="chart-title" viewBox="0 0 {width} '
        f'{len(report.quizzes) * step}" width="100%" style="max-width: {width}px" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Learners who passed and who attempted each quiz</title>',
    ]
    scale = (width - 110) / learners
    for i, total in enumerate(report.totals):
        y = i * step
        parts.append(f'<text x="0" y="{y + 13}" class="label">{escape(total.quiz.title)}</text>')
        for offset, count, kind in ((0, total.passed, "passed"), (bar, total.attempted, "tried")):
            top, length = y + label + offset, count * scale
            parts.append(
                f'<rect x="0" y="{top}" width="{length:.1f}" height="{bar - 3}" class="{kind}"/>'
                f'<text x="{length + 6:.1f}" y="{top + bar - 6}" class="value">'
                f"{count} {kind}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


HTML_STYLE = """
.mc-report { font-family: system-ui, sans-serif; color: #1b1b1b; line-height: 1.5; }
.mc-report table { border-collapse: collapse; margin-top: 1rem; }
.mc-report th, .mc-report td { border: 1px solid #6b6b6b; text-align: left; }
.mc-report th, .mc-report td { padding: 0.35rem 0.6rem; }
.mc-report caption { text-align: left; font-weight: 700; padding-bottom: 0.5rem; }
.mc-report .passed { fill: #0b6b2f; } .mc-report .tried { fill: #0b5cad; }
.mc-report .label, .mc-report .value { font-size: 13px; fill: #1b1b1b; }
.mc-report td.status-passed::before { content: "✓ "; }
.mc-report td.status-attempted::before { content: "◐ "; }
.mc-report td.status-not-attempted { color: #4a4a4a; }
"""


def html_fragment(report: CompletionReport) -> str:
    """The chart and the table, for a page or a notebook output."""
    head = "".join(f'<th scope="col">{escape(q.title)}</th>' for q in report.quizzes)
    body = []
    for row in report.rows:
        cells = "".join(
            f'<td class="status-{cell.status.replace(" ", "-")}">{escape(cell_text(cell))}</td>'
            for cell in row.cells
        )
        body.append(
            f'<tr><th scope="row">{escape(row.learner)}</th><td>{escape(row.cohort or "")}</td>'
            f"{cells}<td>{completion_text(row.passed, len(report.quizzes))}</td>"
            f"<td>{row.sessions_attended}</td></tr>"
        )
    totals = "".join(f"<td>{t.passed} passed, {t.attempted} attempted</td>" for t in report.totals)
    generated = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"""<div class="mc-report"><style>{HTML_STYLE}</style>
<p>Generated {generated}. {report.learners} learners, {len(report.quizzes)} quizzes.
Coordinators see completion, scores, attempts and dates only.</p>
<figure>{chart_svg(report)}<figcaption>Passed and attempted, per quiz.</figcaption></figure>
<table><caption>Completion by learner</caption>
<thead><tr><th scope="col">Learner</th><th scope="col">Cohort</th>{head}
<th scope="col">Completed</th><th scope="col">Group sessions</th></tr></thead>
<tbody>{"".join(body)}</tbody>
<tfoot><tr><th scope="row">Total</th><td>{report.learners} learners</td>{totals}
<td></td><td></td></tr>
</tfoot></table></div>"""


def to_html(report: CompletionReport) -> str:
    """A self-contained page (no scripts, no network) with the chart and the table."""
    title = escape(_title(report))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ margin: 1.5rem; font-family: system-ui, sans-serif; }}</style></head>
<body><main>
<h1>{title}</h1>
{html_fragment(report)}
</main></body></html>
"""


def _whole(render_text: Callable[[CompletionReport], str]) -> Writer:
    return lambda report, out: out.write(render_text(report))


# Table and CSV stream row by row; JSON and HTML are written whole.
FORMATS: dict[str, Writer] = {
    "table": write_table,
    "csv": write_csv,
    "json": _whole(to_json),
    "html": _whole(to_html),
}


def write(report: CompletionReport, fmt: str, out: TextIO) -> None:
    FORMATS[fmt](report, out)


def render(report: CompletionReport, fmt: str) -> str:
    buffer = io.StringIO()
    write(report, fmt, buffer)
    return buffer.getvalue()
