"""The `mentor-course` command: a thin Typer layer over the package.

Every `MentorCourseError` is caught here, once, and printed one problem per
line with a non-zero exit; no traceback reaches the user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn

from mentor_course.book import build_book
from mentor_course.course import Course
from mentor_course.errors import MentorCourseError, SourceErrors
from mentor_course.quiz import find_banks, validate_banks

app = typer.Typer(
    name="mentor-course",
    help="Build, check and run the mentor self-care course.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

RootOption = Annotated[
    Path,
    typer.Option(
        "--root",
        help="The course folder (holds _config.yml, _toc.yml, book/, quizzes/).",
        file_okay=False,
        exists=True,
    ),
]


@app.callback()
def course() -> None:
    """Build, check and run the mentor self-care course."""


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a `MentorCourseError` as plain lines on stderr and exit with code 1."""
    try:
        yield
    except MentorCourseError as exc:
        for line in str(exc).splitlines():
            err.print(f"error: {line}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _progress_callback(progress: Progress) -> Callable[[str, int], None]:
    tasks: dict[str, TaskID] = {}

    def update(stage: str, percent: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage.capitalize(), total=100)
        progress.update(tasks[stage], completed=percent)

    return update


@app.command()
def build(
    root: RootOption = Path("."),
    fresh: Annotated[bool, typer.Option(help="Rebuild every page, not only changed ones.")] = False,
) -> None:
    """Build the book as HTML, strictly: any warning or broken reference fails the build."""
    with user_errors():
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
            console=err, transient=True,
        )  # fmt: skip
        with progress:
            result = build_book(root, fresh=fresh, on_progress=_progress_callback(progress))
        out.print(f"Built the book: {result.index}", markup=False, soft_wrap=True)


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Quiz bank files or folders. Default: the course's quizzes/ folder."),
    ] = None,
    root: RootOption = Path("."),
) -> None:
    """Check quiz banks: schema, ids, answers and citation keys. One line per problem."""
    with user_errors():
        course = Course(root.resolve())
        targets = paths or [course.quizzes]
        banks = find_banks(targets)
        if not banks:
            raise MentorCourseError(f"no quiz banks (*.yml) in {', '.join(map(str, targets))}")
        problems = validate_banks(banks, course.bibliography)
        if problems:
            raise SourceErrors(problems)
        out.print(f"All {len(banks)} quiz banks are valid.")
