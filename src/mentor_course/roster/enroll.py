"""A roster against the store: the preview (`preview`: what enrolling each row will do, or
what is wrong with it), enrolling it (`enroll_roster`) and the links as CSV (`links_csv`).

Enrolling is idempotent: it checks every row again first, so a row enrolled before, by this
roster or otherwise, is "already enrolled" and gets no second learner or link. People are
never merged: a name the store or the file already has for somebody else (another cohort,
another email) is a problem row, for the coordinator to enroll on its own and say who it is.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence

from mentor_course.fields import COHORT, LEARNER_NAME, FieldError, email, match_key
from mentor_course.files import spreadsheet_safe
from mentor_course.roster.model import IssuedLink, Roster, RosterLine, RosterRow, RowAction
from mentor_course.store import LearnerSummary, SameName, Store, StoreError

LINK_COLUMNS = ("name", "email", "cohort", "link")


class Enrolled(list[IssuedLink]):
    """The links `enroll_roster` issued, in the roster's order (the list itself), and the rows
    it was asked to enroll but did not (`skipped`), each with why: "already enrolled" (since
    the preview, as when the same roster is enrolled twice) or a "problem" (somebody of the
    name was enrolled meanwhile, or the store refused a write)."""

    def __init__(self, links: Iterable[IssuedLink] = (), skipped: Iterable[RosterRow] = ()) -> None:
        super().__init__(links)
        self.skipped: list[RosterRow] = list(skipped)


# ----- the preview -----


def preview(store: Store, lines: Iterable[RosterLine]) -> Roster:
    """Every row of a roster with what enrolling it will do, or what is wrong with it. Reads
    the store, never writes it."""
    check = _Checker(store)
    return Roster([check(line) for line in lines])


@dataclasses.dataclass(frozen=True)
class _Earlier:
    line: int
    cohort: str | None


class _Checker:
    """Checks rows in the file's order, remembering the earlier rows' names and the store's
    learners of each name asked about."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._named: dict[str, list[LearnerSummary]] = {}
        self._earlier: defaultdict[str, list[_Earlier]] = defaultdict(list)

    def __call__(self, line: RosterLine) -> RosterRow:
        cleaned, problems = _cleaned(line)
        name, address, cohort = cleaned["name"] or "", cleaned["email"], cleaned["cohort"]
        # The same person twice is a problem even if a cell of the first is wrong too.
        repeats, elsewhere = (
            self._in_file(name, cohort, line.line)
            if not {"name", "cohort"} & problems.keys()
            else ("", "")
        )
        if problems or repeats:
            note = "; ".join([*problems.values(), repeats] if repeats else problems.values())
            return RosterRow(line.line, name, address, cohort, "problem", note)
        action, note = self._in_store(name, address, cohort)
        if action == "enroll" and elsewhere:  # nobody stored of the name, but the file has one
            action, note = "problem", elsewhere
        return RosterRow(line.line, name, address, cohort, action, note)

    def _in_file(self, name: str, cohort: str | None, line: int) -> tuple[str, str]:
        """Whether an earlier row of the file is this person ("repeats line N"), or somebody
        of the name in another cohort (why this row cannot be enrolled as well); "" if not.
        The row is remembered for the rows after it."""
        key, cohort_key = match_key(name), _cohort_key(cohort)
        earlier = list(self._earlier[key])
        self._earlier[key].append(_Earlier(line, cohort))
        for one in earlier:
            if _cohort_key(one.cohort) == cohort_key:
                return f"repeats line {one.line}", ""
        if earlier:
            where = f"in {earlier[0].cohort}" if earlier[0].cohort else "in no cohort"
            return "", (
                f"line {earlier[0].line} also names {name}, {where}; people are never merged: "
                "enroll this row on its own to say whether it is the same person"
            )
        return "", ""

    def _in_store(
        self, name: str, address: str | None, cohort: str | None
    ) -> tuple[RowAction, str]:
        key = match_key(name)
        if key not in self._named:
            self._named[key] = self._store.learners_named(name)
        named = self._named[key]
        same = [
            one
            for one in named
            if _cohort_key(one.cohort) == _cohort_key(cohort) and _same_email(one.email, address)
        ]
        if same:
            ids = " and ".join(f"#{one.id}" for one in same)
            no_email = address and not any(one.email for one in same)
            return "already enrolled", f"already enrolled as {ids}" + (
                " (the store has no email for them)" if no_email else ""
            )
        if named:
            return "problem", same_name_note(name, named)
        return "enroll", ""


def _cleaned(line: RosterLine) -> tuple[dict[str, str | None], dict[str, str]]:
    """The row's cells as the store keeps them, and each cell's problem by its column (the
    cell as typed, trimmed, stands in for one that has a problem)."""
    cleaned: dict[str, str | None] = {}
    problems: dict[str, str] = {}
    for field, clean, raw in (
        ("name", LEARNER_NAME.clean, line.name),
        ("email", email, line.email),
        ("cohort", COHORT.clean, line.cohort),
    ):
        try:
            cleaned[field] = clean(raw)
        except FieldError as exc:
            problems[field] = str(exc)
            cleaned[field] = raw.strip() or None
    return cleaned, problems


def _cohort_key(cohort: str | None) -> str:
    return match_key(cohort) if cohort else ""


def _same_email(stored: str | None, given: str | None) -> bool:
    return not stored or not given or stored.casefold() == given.casefold()


def same_name_note(name: str, learners: Sequence[LearnerSummary]) -> str:
    """Why a row is not enrolled when the store has other people of its name."""
    who = "; ".join(one.detail() for one in learners)
    many = f"{len(learners)} people called {name} are" if len(learners) > 1 else None
    return (
        f"{many or f'someone called {name} is'} enrolled already ({who}); "
        "enroll this row on its own to say whether it is the same person"
    )


# ----- enrolling -----


def enroll_roster(store: Store, roster: Roster, base_url: str, valid_for: dt.timedelta) -> Enrolled:
    """A learner and a personal link for each row `roster` says to enroll, each row checked
    again first: a row enrolled since (or by an earlier run of the same roster) is skipped,
    so running a roster twice enrolls nobody twice. Each learner is stored as their link is
    made; if the store refuses a write, the links made so far are still returned and the
    rest are skipped, to enroll by running the roster again."""
    base = base_url.rstrip("/")
    now = preview(store, [row.as_line() for row in roster.rows])
    links: list[IssuedLink] = []
    skipped: list[RosterRow] = []
    stopped = ""
    for before, row in zip(roster.rows, now.rows, strict=True):
        if before.action != "enroll":
            continue
        if stopped:
            skipped.append(dataclasses.replace(row, action="problem", note=stopped))
            continue
        if row.action != "enroll":  # enrolled since the preview, or a problem now
            skipped.append(row)
            continue
        try:
            token, learner_id = store.create_enrollment(
                row.name, email=row.email, cohort=row.cohort, valid_for=valid_for
            )
        except SameName as exc:  # somebody of the name was enrolled since the check
            skipped.append(
                dataclasses.replace(
                    row, action="problem", note=same_name_note(row.name, exc.candidates)
                )
            )
            continue
        except StoreError as exc:
            stopped = f"not enrolled: {exc}; enroll the roster again for the rest"
            skipped.append(dataclasses.replace(row, action="problem", note=stopped))
            continue
        if row.cohort:  # as stored: "spring 2027" joins "Spring 2027"
            found = store.cohort(row.cohort)
            row = dataclasses.replace(row, cohort=found.name if found else row.cohort)
        links.append(IssuedLink(row, learner_id, f"{base}/enroll/{token}"))
    return Enrolled(links, skipped)


def links_csv(links: Iterable[IssuedLink]) -> str:
    """The links as CSV (name, email, cohort, link), for a program that sends them itself;
    every cell is text a spreadsheet shows, never a formula it runs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LINK_COLUMNS)
    for issued in links:
        row = issued.row
        cells = (row.name, row.email or "", row.cohort or "", issued.link)
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()
