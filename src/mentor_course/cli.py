"""The `mentor-course` command: a thin Typer layer over the package.

Every `MentorCourseError` is caught here, once, and printed one problem per
line with a non-zero exit; no traceback reaches the user.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn

from mentor_course.book import build_book
from mentor_course.course import Course
from mentor_course.errors import MentorCourseError, SourceErrors
from mentor_course.fields import COHORT, COORDINATOR_NAME, LEARNER_NAME
from mentor_course.fields import email as email_rule
from mentor_course.files import atomic_text_file, read_text, write_atomically
from mentor_course.identity import current_learner, set_learner
from mentor_course.plan import FORMAT_IDS, Resources, export_format, load_plan
from mentor_course.quiz import find_banks, load_bank, validate_banks
from mentor_course.report import FORMATS, QuizColumn, build_report, write
from mentor_course.store import (
    ENV_VAR,
    LearnerRef,
    SameName,
    Store,
    StoreUnwritable,
    database_url,
    describe,
    upgrade,
)
from mentor_course.store.transfer import export_attempts, import_attempts
from mentor_course.support import contacts_warning, load_program_config
from mentor_course.terminal import printable

app = typer.Typer(
    name="mentor-course",
    help="Build, check and run the mentor self-care course.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

db_app = typer.Typer(help="The progress store: schema upgrades and exports.", no_args_is_help=True)
learner_app = typer.Typer(
    help="Privacy requests: everything stored about one learner.", no_args_is_help=True
)
plan_app = typer.Typer(
    help="Self-care plans saved from the plan builder (they never reach the store).",
    no_args_is_help=True,
)
coordinator_app = typer.Typer(
    help="Coordinator accounts for the course server.", no_args_is_help=True
)
session_app = typer.Typer(help="Live group check-ins on the course server.", no_args_is_help=True)
export_app = typer.Typer(help="The course in other formats.", no_args_is_help=True)
cohort_app = typer.Typer(
    help="Cohorts: groups of mentors, matched in any case, with an optional due date.",
    no_args_is_help=True,
)
app.add_typer(cohort_app, name="cohort")
app.add_typer(export_app, name="export")
app.add_typer(coordinator_app, name="coordinator")
app.add_typer(session_app, name="session")
app.add_typer(db_app, name="db")
app.add_typer(plan_app, name="plan")
app.add_typer(learner_app, name="learner")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar=ENV_VAR,
        show_envvar=True,
        help="The progress store: a SQLAlchemy URL or a SQLite file path. "
        "Default: a SQLite file in your user data folder.",
    ),
]
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
        for line in str(exc).splitlines():  # they may quote a file or a name: escaped
            err.print(f"error: {printable(line)}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _progress_callback(progress: Progress) -> Callable[[str, int], None]:
    tasks: dict[str, TaskID] = {}

    def update(stage: str, percent: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage.capitalize(), total=100)
        progress.update(tasks[stage], completed=percent)

    return update


def _warn_about_contacts(root: Path) -> None:
    if warning := contacts_warning(root / "program.yml"):
        err.print(warning, markup=False, soft_wrap=True)


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
        _warn_about_contacts(root)


@export_app.command("scorm")
def export_scorm(
    version: Annotated[
        str, typer.Option(help="The SCORM version: 1.2 (every LMS) or 2004 (4th edition).")
    ] = "1.2",
    output: Annotated[
        Path | None,
        typer.Option(help="The zip to write (default: mentor-course-scorm-VERSION.zip)."),
    ] = None,
    root: RootOption = Path("."),
) -> None:
    """Write the course as a SCORM package (a zip) to upload to a learning management system."""
    from mentor_course.scorm import VERSIONS
    from mentor_course.scorm import export_scorm as write_package

    with user_errors():
        if version not in VERSIONS:
            raise MentorCourseError(f"unknown SCORM version {version!r}; use 1.2 or 2004")
        target = output or Path(f"mentor-course-scorm-{version}.zip")
        err.print("Building the book for the package...")
        written = write_package(Course(root.resolve()), version, target)
        out.print(f"Wrote {written} (SCORM {version})", markup=False, soft_wrap=True)


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


@app.command()
def whoami(
    name: Annotated[
        str | None, typer.Option("--set", help="Save this name as the learner on this machine.")
    ] = None,
) -> None:
    """Show or set the learner name that notebook quizzes record attempts under."""
    with user_errors():
        if name is not None:
            set_learner(name)
        learner = current_learner()
        if learner is None:
            out.print("No learner is set. Set one with: mentor-course whoami --set NAME")
        else:
            out.print(
                f"Quiz attempts in notebooks are recorded for: {printable(learner)}", markup=False
            )


@app.command()
def report(
    cohort: Annotated[str | None, typer.Option(help="Only learners of this cohort.")] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.", case_sensitive=False),
    ] = "table",
    output: Annotated[
        Path | None, typer.Option(help="Write to this file instead of the screen.", dir_okay=False)
    ] = None,
    db: DbOption = None,
    root: RootOption = Path("."),
) -> None:
    """Quiz completion per learner: not attempted, attempted (best score) or passed (date)."""
    with user_errors():
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise MentorCourseError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        quizzes = []
        if (root / "quizzes").is_dir():
            quizzes = [QuizColumn(b.id, b.title) for b in Course(root.resolve()).banks()]
        with Store.open(db) as store:
            completion = build_report(store, quizzes, cohort, stream=True)
            if output is None:
                write(completion, fmt, sys.stdout)
                return
            with atomic_text_file(output) as file:
                write(completion, fmt, file)
        out.print(f"Wrote the {fmt} report to {output}", markup=False)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A .json or .csv attempts file.")],
    db: DbOption = None,
    root: RootOption = Path("."),
) -> None:
    """Load attempts exported from another store (say, a laptop used offline): every row is
    checked against the course's quizzes, and one wrong row means none is stored. Safe to
    repeat."""
    with user_errors():
        course = Course(root.resolve())  # each row's quiz must be one of the course's
        found = find_banks([course.quizzes])
        banks = {bank.id: bank for bank in (load_bank(p, course.bibliography) for p in found)}
        with Store.open(db) as store:
            counts = import_attempts(store, file, banks)
        out.print(
            f"Imported {counts['stored']} new attempts; {counts['duplicate']} were already stored."
        )


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the store, or bring it to the schema this mentor-course needs."""
    with user_errors():
        before, after = upgrade(db)
        where = describe(database_url(db))
        if before == after:
            out.print(f"The store at {where} is up to date (schema {after}).", markup=False)
        else:
            out.print(f"Upgraded the store at {where}: schema {before} -> {after}.", markup=False)


@db_app.command("export")
def db_export(
    file: Annotated[Path, typer.Argument(help="Write to this .json or .csv file.", dir_okay=False)],
    db: DbOption = None,
) -> None:
    """Write every stored attempt to a file that `mentor-course import` reads."""
    with user_errors(), Store.open(db) as store:
        count = export_attempts(store, file)
        out.print(f"Wrote {count} attempts to {file}", markup=False)


@learner_app.command("export")
def learner_export(
    who: Annotated[str, typer.Argument(help="The learner's name, or #ID if names repeat.")],
    output: Annotated[
        Path | None, typer.Option(help="Write to this file instead of the screen.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Print (or write) everything stored about one learner, as JSON."""
    with user_errors(), Store.open(db) as store:
        exported = store.export_learner(_learner_ref(who))
        text = json.dumps(exported, indent=2)
        if output is None:
            typer.echo(text)
            return
        write_atomically(output, text + "\n")
        out.print(
            f"Wrote everything stored about {printable(exported['learner']['name'])} to {output}",
            markup=False,
            soft_wrap=True,
        )


@learner_app.command("delete")
def learner_delete(
    who: Annotated[str, typer.Argument(help="The learner's name, or #ID if names repeat.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Delete one learner and every attempt they made. Asks first."""
    with user_errors(), Store.open(db) as store:
        learner = store.learner(_learner_ref(who))  # fails clearly before asking
        shown = f"{printable(learner.name)} ({printable(learner.detail())})"
        if not yes and not typer.confirm(f"Delete {shown} and all their quiz attempts?"):
            raise typer.Exit(1)
        removed = store.delete_learner(learner.id)
        out.print(f"Deleted {shown} and {removed} attempts.", markup=False)


@plan_app.command("export")
def plan_export(
    file: Annotated[Path, typer.Argument(help="A plan saved by the builder (.json).")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMAT_IDS)}.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write. Default: beside FILE, with the format's suffix."),
    ] = None,
    root: RootOption = Path("."),
) -> None:
    """Write a saved plan in one of the formats the plan builder offers (see --format)."""
    with user_errors():
        export = export_format(fmt)
        plan = load_plan(read_text(file), str(file))
        program = root / "program.yml"
        resources = (
            Resources.from_program(*load_program_config(program))
            if program.is_file()
            else Resources()
        )
        target = output or file.with_suffix(export.suffix)
        if target.resolve() == file.resolve():
            raise MentorCourseError(f"{target} is the plan itself; choose another --output")
        text = export.render(plan, resources, dt.date.today())
        write_atomically(target, text)
        out.print(f"Wrote {target}", markup=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    rebuild: Annotated[bool, typer.Option(help="Rebuild the served book first.")] = False,
    https: Annotated[
        bool,
        typer.Option(help="Served over HTTPS (behind a reverse proxy): Secure cookies, HSTS."),
    ] = False,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            help="Address of a reverse proxy whose X-Forwarded-For/-Proto headers to believe "
            "(repeatable). Without it those headers are ignored.",
            envvar="MENTOR_COURSE_TRUSTED_PROXIES",
        ),
    ] = None,
    mentor_session_days: Annotated[
        int, typer.Option(help="Days a mentor stays signed in.", min=1, max=365)
    ] = 30,
    coordinator_session_hours: Annotated[
        int, typer.Option(help="Hours a coordinator stays signed in.", min=1, max=720)
    ] = 12,
    base_url: BaseUrlOption = None,
    db: DbOption = None,
    root: RootOption = Path("."),
) -> None:
    """Run the course for a cohort: the book, quizzes that record attempts, coordinator pages."""
    from mentor_course.mail import MailSettings
    from mentor_course.server import Settings, create_app
    from mentor_course.server.room import reachable_from_phones, served_address
    from mentor_course.server.run import run

    with user_errors():
        course = Course(root.resolve())
        book = course.root / "_build" / "served" / "_build" / "html"
        if rebuild or not (book / "index.html").is_file():
            err.print("Building the served book...")
            book = build_book(course.root, served=True).html_dir
        settings = Settings(
            db,
            book,
            course,
            secure_cookies=https,
            host=host,
            mentor_session=dt.timedelta(days=mentor_session_days),
            coordinator_session=dt.timedelta(hours=coordinator_session_hours),
            base_url=base_url.rstrip("/") if base_url else None,
            mail=MailSettings.from_env(),
        )
        application = create_app(settings)
        store = application.state.server.store
        _writable(store)
        _warn_about_contacts(course.root)  # once the store is known to open
        address = base_url or served_address(host, port, https)
        store.set_server_address(address)  # where `enroll` and `session start` point
        out.print(f"Serving the course at http://{host}:{port}/ (Ctrl+C to stop)", markup=False)
        out.print(f"Mentors' links point to {address}/", markup=False)
        if settings.mail is None:
            out.print("Email is off (no MENTOR_COURSE_SMTP_HOST): links are shown to copy.")
        else:
            out.print(f"Email goes through {settings.mail.host}:{settings.mail.port}", markup=False)
        if https and not base_url:
            err.print(
                "Behind an HTTPS proxy, give --base-url (the address mentors open), so the "
                "links enroll and session start print are right.",
                markup=False,
            )
        elif not reachable_from_phones(host) and not base_url:
            err.print(
                "Only this computer can open the course. To serve phones on the same "
                "network, add --host 0.0.0.0.",
                markup=False,
            )
        run(application, host, port, trusted_proxy or [])


def _writable(store: Store) -> None:
    """Refuse to serve on a store that cannot be written (full or read-only): every sign-in
    and attempt would fail. Ended sessions are cleaned up on the way."""
    try:
        store.check_writable()
        store.purge_expired()
    except StoreUnwritable as exc:
        raise MentorCourseError(
            f"{exc}; serve needs a store it can write to: check the file's permissions and "
            "the free disk space"
        ) from None


BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        envvar="MENTOR_COURSE_BASE_URL",
        show_envvar=True,
        help="Where mentors reach the course server. Default: the address `serve` last "
        "served this store at.",
    ),
]


def _course_address(base_url: str | None, store: Store) -> str:
    """The address links are printed at: the option (or MENTOR_COURSE_BASE_URL), else the one
    `serve` recorded in the store when it started."""
    found = base_url or store.server_address()
    if found is None:
        raise MentorCourseError(
            "no course server has been started on this store yet, so its address is not "
            "known; start it with mentor-course serve, or give --base-url (or set "
            "MENTOR_COURSE_BASE_URL)"
        )
    return found.rstrip("/")


def _learner_ref(who: str) -> LearnerRef:
    """A learner as typed at the command line: "#12" is learner 12, anything else a name."""
    return int(who[1:]) if re.fullmatch(r"#\d{1,18}", who) else who


@app.command()
def enroll(
    name: Annotated[
        str | None, typer.Argument(help="The mentor's name, as coordinators will see it.")
    ] = None,
    email: Annotated[str | None, typer.Option(help="The mentor's email (optional).")] = None,
    cohort: Annotated[str | None, typer.Option(help="The cohort to put them in.")] = None,
    same: Annotated[
        int | None,
        typer.Option(help="The name is learner #SAME's: send them a new link.", min=1),
    ] = None,
    new: Annotated[
        bool, typer.Option("--new", help="Somebody new, though another learner has the name.")
    ] = False,
    roster: Annotated[
        Path | None,
        typer.Option(
            help="Enroll everyone in a CSV (name, email, cohort); prints the links as CSV.",
            dir_okay=False,
        ),
    ] = None,
    preview: Annotated[
        bool, typer.Option("--preview", help="With --roster: show what would happen, only.")
    ] = False,
    days: Annotated[int, typer.Option(help="Days the link stays valid.", min=1, max=90)] = 14,
    base_url: BaseUrlOption = None,
    db: DbOption = None,
) -> None:
    """Print a personal, single-use enrollment link for a mentor (or, with --roster, for
    everyone in a roster). People are never merged: a name another learner has is refused
    until --same or --new says who is meant."""
    with user_errors():
        if roster is not None:
            _enroll_roster(roster, preview, dt.timedelta(days=days), base_url, db)
            return
        if name is None:
            raise MentorCourseError("give the mentor's name, or --roster FILE")
        if same is not None and new:
            raise MentorCourseError("give --same or --new, not both")
        # The rules every edge applies, so both databases keep (or refuse) the same values.
        name, cohort = LEARNER_NAME.required_clean(name), COHORT.clean(cohort)
        address = email_rule(email)
        person: int | Literal["new"] | None = same if same is not None else ("new" if new else None)
        with Store.open(db) as store:
            base = _course_address(base_url, store)
            try:
                token, _ = store.create_enrollment(
                    name, email=address, cohort=cohort, valid_for=dt.timedelta(days=days),
                    person=person,
                )  # fmt: skip
            except SameName as exc:
                choices = " ".join(f"--same {c.id}" for c in exc.candidates)
                raise MentorCourseError(
                    f"{exc}: add {choices} for a new link, or --new for somebody else"
                ) from None
        typer.echo(f"{base}/enroll/{token}")
        err.print(
            f"Send this link to {printable(name)} privately. It works once, for {days} days.",
            markup=False,
        )


def _enroll_roster(
    file: Path, preview_only: bool, valid_for: dt.timedelta, base_url: str | None, db: str | None
) -> None:
    from mentor_course.roster import enroll_roster, links_csv, preview, read_roster

    rows = read_roster(file)
    with Store.open(db) as store:
        base = _course_address(base_url, store)
        plan = preview(store, rows)
        for row in plan.rows:
            if row.action != "enroll":
                err.print(
                    f"{file}:{row.line}: {printable(row.name)}: {row.action}: "
                    f"{printable(row.note)}",
                    markup=False,
                    soft_wrap=True,
                )
        if preview_only:
            err.print(
                f"{len(plan.to_enroll)} to enroll, {len(plan.already)} already enrolled, "
                f"{len(plan.problems)} with problems. Nothing was changed.",
                markup=False,
            )
            return
        issued = enroll_roster(store, plan, base, valid_for)
    typer.echo(links_csv(issued), nl=False)
    for row in issued.skipped:  # changed since the preview: enrolled meanwhile, or refused
        err.print(
            f"{file}:{row.line}: {printable(row.name)}: not enrolled: {printable(row.note)}",
            markup=False,
            soft_wrap=True,
        )
    err.print(
        f"Enrolled {len(issued)}; send each link privately. Rows with problems were left out.",
        markup=False,
    )


DueOption = Annotated[
    dt.datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"],
        help="The day (YYYY-MM-DD) by which mentors should pass every knowledge check.",
    ),
]


@cohort_app.command("list")
def cohort_list(db: DbOption = None) -> None:
    """Every cohort, with its due date and number of mentors."""
    with user_errors(), Store.open(db) as store:
        cohorts = store.cohorts()
        if not cohorts:
            out.print("No cohorts yet. Add one with: mentor-course cohort add NAME")
        for cohort in cohorts:
            due = f", due {cohort.due_on}" if cohort.due_on else ""
            count = f"{cohort.learners} mentor{'' if cohort.learners == 1 else 's'}"
            out.print(f"{printable(cohort.name)}: {count}{due}", markup=False)


@cohort_app.command("add")
def cohort_add(
    name: Annotated[str, typer.Argument(help="The cohort's name, e.g. 'Spring 2027'.")],
    due: DueOption = None,
    db: DbOption = None,
) -> None:
    """Add a cohort (or set an existing one's due date)."""
    with user_errors(), Store.open(db) as store:
        stored = store.add_cohort(COHORT.required_clean(name), due.date() if due else None)
        out.print(f"Cohort {printable(stored)} is ready.", markup=False)


@cohort_app.command("rename")
def cohort_rename(
    old: Annotated[str, typer.Argument(help="The cohort's name now (in any case).")],
    new: Annotated[str, typer.Argument(help="Its new name.")],
    db: DbOption = None,
) -> None:
    """Rename a cohort; its mentors and live check-ins follow."""
    with user_errors(), Store.open(db) as store:
        store.rename_cohort(old, COHORT.required_clean(new))
        out.print(f"Renamed {printable(old)} to {printable(new)}.", markup=False)


@cohort_app.command("due")
def cohort_due(
    name: Annotated[str, typer.Argument(help="The cohort's name (in any case).")],
    due: DueOption = None,
    db: DbOption = None,
) -> None:
    """Set a cohort's due date, or clear it (no --due)."""
    with user_errors(), Store.open(db) as store:
        store.set_cohort_due(name, due.date() if due else None)
        when = f"due {due:%Y-%m-%d}" if due else "without a due date"
        out.print(f"Cohort {printable(name)} is {when}.", markup=False)


@coordinator_app.command("add")
def coordinator_add(
    name: Annotated[str, typer.Argument(help="The coordinator's sign-in name.")],
    password: Annotated[
        str,
        typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="Asked for."),
    ],
    db: DbOption = None,
) -> None:
    """Add a coordinator (or set a new password). The password is kept as an Argon2 hash."""
    from mentor_course.server import passwords

    with user_errors():
        name = COORDINATOR_NAME.required_clean(name)
        if len(password) < 10 or len(set(password)) < 5:
            raise MentorCourseError(
                "use a password of at least 10 characters, with at least 5 different ones"
            )
        with Store.open(db) as store:
            store.add_coordinator(name, passwords.hash(password))
        out.print(
            f"Coordinator {printable(name)} can now sign in at /coordinator/login; any "
            "earlier sign-ins of theirs have ended.",
            markup=False,
        )


@coordinator_app.command("remove")
def coordinator_remove(
    name: Annotated[str, typer.Argument(help="The coordinator's sign-in name.")],
    db: DbOption = None,
) -> None:
    """Remove a coordinator's account; their sessions end at once."""
    with user_errors(), Store.open(db) as store:
        if not store.remove_coordinator(name):
            raise MentorCourseError(f"there is no coordinator named {name!r}")
        shown = printable(name)
        out.print(f"Coordinator {shown} is removed and signed out everywhere.", markup=False)


@session_app.command("start")
def session_start(
    quiz: Annotated[str, typer.Option(help="The quiz bank id to show, one question at a time.")],
    cohort: Annotated[str | None, typer.Option(help="The cohort in the room.")] = None,
    base_url: BaseUrlOption = None,
    db: DbOption = None,
    root: RootOption = Path("."),
) -> None:
    """Start a live check-in: prints the join code and the presenter page's address."""
    with user_errors():
        if not Course(root.resolve()).bank_path(quiz).is_file():
            raise MentorCourseError(f"no quiz {quiz!r}; see mentor-course validate")
        cohort = COHORT.clean(cohort)
        with Store.open(db) as store:
            base = _course_address(base_url, store)
            code = store.start_group_session(quiz, cohort)
        out.print(f"Join code: {code}", markup=False)
        out.print(f"Participants open {base}/join and enter the code.", markup=False)
        out.print(
            f"Presenter (signed-in coordinator): {base}/coordinator/live/{code}", markup=False
        )


@session_app.command("end")
def session_end(
    code: Annotated[str, typer.Argument(help="The check-in's join code.")],
    db: DbOption = None,
) -> None:
    """End a live check-in: phones can no longer answer; its summary stays for coordinators."""
    with user_errors(), Store.open(db) as store:
        found = store.group_session(code)
        if found is None:
            raise MentorCourseError(f"no live check-in with the code {code!r}")
        store.end_group_session(found.code)
        out.print(
            f"Ended {found.code}. Summary: /coordinator/live/{found.code}/summary", markup=False
        )
