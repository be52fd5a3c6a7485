"""The coordinator's pages: the list of mentors, a mentor's page with its actions, cohorts,
rosters, reminders and the completion report. Every value from a person is escaped; the
only script is `coordinator.js`, which adds Copy buttons to links (they work without it:
the link sits in a read-only field, selected on focus by the browser's own means).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from urllib.parse import urlencode

from mentor_course.report import CompletionReport
from mentor_course.report.people import FILTERS, SORT_KEYS, PeoplePage, Person
from mentor_course.report.render import html_fragment
from mentor_course.roster import IssuedLink, Roster, RosterRow
from mentor_course.server.pages import page, signed_in_header
from mentor_course.store import AttemptRecord, CohortSummary, LearnerSummary, LinkRecord

HEAD = '<script src="/coordinator.js" defer></script>'
STYLE = """<style>
nav.mc-coordinator { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
.actions { display: flex; gap: 1rem; flex-wrap: wrap; align-items: flex-start; }
.actions details { border: 1px solid #6b6b6b; border-radius: 8px; padding: 0.5rem 1rem; }
.actions summary { font-weight: 700; cursor: pointer; min-height: 2.75rem;
  display: flex; align-items: center; }
.filters { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: flex-end; }
.filters label { margin-top: 0; }
.people { width: 100%; }
.people thead th { position: sticky; top: 0; background: #fff; box-shadow: 0 1px 0 #6b6b6b; }
.people .email { display: block; color: #4a4a4a; font-size: 0.9rem; word-break: break-all; }
.overdue { color: #a4161a; font-weight: 700; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
.copy-field { width: 100%; font-family: monospace; }
.secondary { background: #fff; color: #0b5cad; }
.danger { background: #a4161a; border-color: #a4161a; }
.table-wrap { overflow-x: auto; }
</style>"""

STATUS_HINTS = {
    "link not opened": "has a link, not opened yet",
    "not started": "no knowledge check taken yet",
    "in progress": "some knowledge checks passed or tried",
    "finished": "passed every knowledge check",
}


def _page(title: str, body: str, name: str, csrf: str) -> str:
    nav = (
        '<nav class="mc-coordinator" aria-label="Coordinator">'
        '<a href="/coordinator">Mentors</a><a href="/coordinator/cohorts">Cohorts</a>'
        '<a href="/coordinator/report">Completion by quiz</a></nav>'
    )
    return page(title, nav + body, signed_in_header(name, csrf), head=HEAD + STYLE)


def _csrf(csrf: str) -> str:
    return f'<input type="hidden" name="csrf" value="{escape(csrf)}">'


def _date(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return "—"
    return f"{moment:%Y-%m-%d}"


def copyable(label: str, value: str, field_id: str) -> str:
    """A link to hand on: a read-only field to select, and (with the script) a Copy button."""
    return (
        f'<label for="{field_id}">{escape(label)}</label>'
        f'<input id="{field_id}" class="copy-field" readonly value="{escape(value)}">'
        f'<button type="button" class="secondary" data-copy="{field_id}" hidden>Copy</button>'
        f'<span role="status" data-copied-for="{field_id}"></span>'
    )


def _scrolling(label: str) -> str:
    """The opening of a table's box that scrolls sideways on a phone; focusable, so a
    keyboard can scroll it too (WCAG 2.1.1)."""
    return f'<div class="table-wrap" role="region" aria-label="{label}" tabindex="0">'


def issued_link_box(learner: str, link: str, emailed_to: str | None, problem: str | None) -> str:
    sent = ""
    if emailed_to:
        sent = f"<p>It was emailed to {escape(emailed_to)}.</p>"
    elif problem:
        sent = f'<p class="error">It could not be emailed: {escape(problem)}.</p>'
    return (
        f'<div class="box" role="status"><p>A new enrollment link for {escape(learner)}. '
        "Send it to them privately; it works once, then it is spent.</p>"
        f"{sent}{copyable('Enrollment link', link, 'new-link')}</div>"
    )


def _cohort_options(cohorts: Sequence[CohortSummary], selected: str | None, blank: str) -> str:
    options = [f'<option value="">{escape(blank)}</option>']
    for cohort in cohorts:
        chosen = " selected" if selected and cohort.name == selected else ""
        options.append(
            f'<option value="{escape(cohort.name)}"{chosen}>{escape(cohort.name)}</option>'
        )
    return "".join(options)


def _cohort_list(cohorts: Sequence[CohortSummary]) -> str:
    """Suggestions for a cohort field: a typed name that differs only in case is the same."""
    options = "".join(f'<option value="{escape(c.name)}"></option>' for c in cohorts)
    return f'<datalist id="cohort-names">{options}</datalist>'


def _address(people: PeoplePage, **changes: object) -> str:
    query = people.query
    values: dict[str, object] = {
        "q": query.search,
        "cohort": query.cohort or "",
        "status": query.status,
        "sort": query.sort,
        "order": "desc" if query.descending else "asc",
        "page": query.page,
    }
    values.update(changes)
    shown = {k: v for k, v in values.items() if v not in ("", None, 1, "asc", "name")}
    if "page" in changes and changes["page"] != 1:
        shown["page"] = changes["page"]
    return "/coordinator" + (f"?{urlencode(shown)}" if shown else "")


def _sort_header(people: PeoplePage, key: str, label: str) -> str:
    query = people.query
    current = query.sort == key
    descending = current and not query.descending
    arrow = ("descending" if query.descending else "ascending") if current else "none"
    href = _address(people, sort=key, order="desc" if descending else "asc", page=1)
    return (
        f'<th scope="col" aria-sort="{arrow}"><a href="{escape(href)}">{escape(label)}'
        f'<span class="visually-hidden"> (sort)</span></a></th>'
    )


def _person_row(person: Person, quizzes: int) -> str:
    email = f'<span class="email">{escape(person.email)}</span>' if person.email else ""
    overdue = (
        f' <span class="overdue">overdue (due {_date(person.due_on)})</span>'
        if person.overdue
        else ""
    )
    return (
        f'<tr><th scope="row"><a href="/coordinator/learners/{person.id}">'
        f"{escape(person.name)}</a>{email}</th>"
        f"<td>{escape(person.cohort or '—')}</td>"
        f"<td>{escape(person.status)}{overdue}</td>"
        f"<td>{person.passed} of {quizzes}</td>"
        f"<td>{_date(person.last_activity)}</td></tr>"
    )


def dashboard_page(
    people: PeoplePage,
    cohorts: Sequence[CohortSummary],
    quizzes: Sequence[tuple[str, str]],
    name: str,
    csrf: str,
    notice: str = "",
    problem: str | None = None,
    mail_ready: bool = False,
) -> str:
    """The list of mentors, with the coordinator's actions above it."""
    query = people.query
    alert = f'<p class="error" role="alert">{escape(problem)}</p>' if problem else ""
    status_options = "".join(
        f'<option value="{escape(s)}"{" selected" if s == query.status else ""}>'
        f"{escape(s.capitalize() if s else 'Any status')}</option>"
        for s in FILTERS
    )
    sort_options = "".join(
        f'<option value="{k}"{" selected" if k == query.sort else ""}>{k.capitalize()}</option>'
        for k in SORT_KEYS
    )
    quiz_options = "".join(
        f'<option value="{escape(quiz_id)}">{escape(title)}</option>' for quiz_id, title in quizzes
    )
    selected = query.cohort or ""
    email_note = (
        "The link is emailed to them, and shown here."
        if mail_ready
        else "Email is not set up on this server: copy the link and send it yourself."
    )
    actions = f"""<div class="actions">
<details><summary>Enroll a mentor</summary>
<form method="post" action="/coordinator/enroll">{_csrf(csrf)}
<label for="new-name">Name</label><input id="new-name" name="name" required maxlength="200">
<label for="new-email">Email (optional)</label><input id="new-email" name="email" type="email">
<label for="new-cohort">Cohort (optional)</label>
<input id="new-cohort" name="cohort" maxlength="200" list="cohort-names"
 value="{escape(selected)}">
<p>{email_note}</p>
<button type="submit">Create enrollment link</button></form></details>
<details><summary>Upload a roster</summary>
<form method="post" action="/coordinator/roster" enctype="multipart/form-data">{_csrf(csrf)}
<label for="roster-file">CSV file with columns name, email, cohort</label>
<input id="roster-file" name="roster" type="file" accept=".csv,text/csv" required>
<p>You see every row and what will happen before anyone is enrolled.</p>
<button type="submit">Preview</button></form></details>
<details><summary>Start a live check-in</summary>
<form method="post" action="/coordinator/live">{_csrf(csrf)}
<label for="live-quiz">Quiz to show</label>
<select id="live-quiz" name="quiz">{quiz_options}</select>
<label for="live-cohort">Cohort in the room (optional)</label>
<input id="live-cohort" name="cohort" maxlength="200" list="cohort-names"
 value="{escape(selected)}">
<button type="submit">Start</button></form></details>
<details><summary>Remind who has not finished</summary>
<form method="get" action="/coordinator/reminders">
<label for="remind-cohort">Cohort</label>
<select id="remind-cohort" name="cohort">
{_cohort_options(cohorts, selected, "Every cohort")}</select>
<p>You see who would get a reminder, and how many, before anything is sent.</p>
<button type="submit">Preview reminders</button></form></details>
</div>{_cohort_list(cohorts)}"""
    filters = f"""<form method="get" action="/coordinator" class="filters" role="search">
<div><label for="q">Search name or email</label>
<input id="q" name="q" type="search" value="{escape(query.search)}" maxlength="200"></div>
<div><label for="cohort">Cohort</label>
<select id="cohort" name="cohort">{_cohort_options(cohorts, selected, "All cohorts")}
</select></div>
<div><label for="status">Status</label>
<select id="status" name="status">{status_options}</select></div>
<div><label for="sort">Sort by</label><select id="sort" name="sort">{sort_options}</select></div>
<div><label for="order">Order</label><select id="order" name="order">
<option value="asc"{"" if query.descending else " selected"}>A to Z, low to high</option>
<option value="desc"{" selected" if query.descending else ""}>Z to A, high to low</option>
</select></div>
<button type="submit">Show</button></form>"""
    rows = "".join(_person_row(person, people.quizzes) for person in people.people)
    table = (
        f"""{_scrolling("Mentors")}<table class="people">
<caption>Mentors {(people.query.page - 1) * people.page_size + 1} to
{(people.query.page - 1) * people.page_size + len(people.people)} of {people.matching}</caption>
<thead><tr>{_sort_header(people, "name", "Name")}{_sort_header(people, "cohort", "Cohort")}
{_sort_header(people, "status", "Status")}{_sort_header(people, "progress", "Passed")}
{_sort_header(people, "activity", "Last activity")}</tr></thead>
<tbody>{rows}</tbody></table></div>"""
        if people.people
        else '<p role="status">No mentors match. Clear the search or choose another cohort.</p>'
    )
    pager = ""
    if people.pages > 1:
        previous = (
            f'<a href="{escape(_address(people, page=query.page - 1))}" rel="prev">Previous</a>'
            if query.page > 1
            else ""
        )
        following = (
            f'<a href="{escape(_address(people, page=query.page + 1))}" rel="next">Next</a>'
            if query.page < people.pages
            else ""
        )
        pager = (
            f'<nav class="pager" aria-label="Pages">{previous}'
            f"<span>Page {query.page} of {people.pages}</span>{following}</nav>"
        )
    csv_query = urlencode({"cohort": selected}) if selected else ""
    downloads = (
        f'<p><a href="/coordinator/report.csv{"?" + csv_query if csv_query else ""}">'
        "Download the completion table as CSV</a> · "
        f'<a href="/coordinator/certificates.zip{"?" + csv_query if csv_query else ""}">'
        "Certificates of everyone finished, as a zip</a></p>"
    )
    legend = "; ".join(f"<b>{escape(k)}</b>: {escape(v)}" for k, v in STATUS_HINTS.items())
    body = (
        f"{notice}{alert}{actions}<h2>Mentors</h2>{filters}<p>{legend}.</p>"
        f"{table}{pager}{downloads}"
    )
    return _page("Mentors", body, name, csrf)


def same_name_page(
    name: str,
    email: str | None,
    cohort: str | None,
    candidates: Sequence[LearnerSummary],
    who: str,
    csrf: str,
) -> str:
    """Enrolling a name somebody has: is it that person (a new link), or somebody new?"""
    choices = "".join(
        f'<div><input type="radio" name="person" id="person-{c.id}" value="{c.id}" required>'
        f'<label for="person-{c.id}" style="display:inline;font-weight:400">'
        f"The same person: {escape(c.name)} ({escape(c.detail())}). Send them a new link; "
        "their record stays as it is.</label></div>"
        for c in candidates
    )
    hidden = "".join(
        f'<input type="hidden" name="{field}" value="{escape(value or "")}">'
        for field, value in (("name", name), ("email", email), ("cohort", cohort))
    )
    body = f"""<p>{escape(name)} is enrolled already. Two people may share a name, so say who
this is: nobody's record is merged with another's.</p>
<form method="post" action="/coordinator/enroll" class="box">{_csrf(csrf)}{hidden}
<fieldset><legend>Who is this?</legend>{choices}
<div><input type="radio" name="person" id="person-new" value="new" required>
<label for="person-new" style="display:inline;font-weight:400">Somebody new with the same
name{f", in {escape(cohort)}" if cohort else ""}{f" ({escape(email)})" if email else ""}.
</label></div></fieldset>
<button type="submit">Enroll</button> <a href="/coordinator">Cancel</a></form>"""
    return _page("Same name, or somebody new?", body, who, csrf)


def learner_page(
    learner: LearnerSummary,
    person: Person | None,
    links: Sequence[LinkRecord],
    attempts: Sequence[AttemptRecord],
    cohorts: Sequence[CohortSummary],
    quizzes: int,
    who: str,
    csrf: str,
    notice: str = "",
) -> str:
    """One mentor: status, links and attempts, and what a coordinator can do about them."""
    base = f"/coordinator/learners/{learner.id}"
    status = ""
    if person is not None:
        overdue = (
            f' <span class="overdue">Overdue (due {_date(person.due_on)}).</span>'
            if person.overdue
            else ""
        )
        status = (
            f"<p>Status: <b>{escape(person.status)}</b>, {person.passed} of {quizzes} "
            f"knowledge checks passed.{overdue}</p>"
        )
    link_rows = "".join(
        f"<tr><td>{escape(link.status)}</td><td>{_date(link.created_at)}</td>"
        f"<td>{_date(link.expires_at)}</td><td>{_date(link.opened_at)}</td>"
        f"<td>{_date(link.used_at)}</td></tr>"
        for link in links
    )
    links_table = (
        "<table><caption>Enrollment links, newest first</caption><thead><tr>"
        '<th scope="col">Status</th><th scope="col">Sent</th><th scope="col">Expires</th>'
        '<th scope="col">Opened</th><th scope="col">Used</th></tr></thead>'
        f"<tbody>{link_rows}</tbody></table>"
        if links
        else "<p>No enrollment links yet.</p>"
    )
    attempt_rows = "".join(
        f"<tr><td>{escape(a.bank_title)}</td><td>{round(a.score * 100)}%</td>"
        f"<td>{'passed' if a.passed else 'not passed'}</td>"
        f"<td>{a.finished_at:%Y-%m-%d %H:%M} UTC</td></tr>"
        for a in attempts
    )
    attempts_table = (
        '<table><caption>Attempts, oldest first</caption><thead><tr><th scope="col">Quiz</th>'
        '<th scope="col">Score</th><th scope="col">Result</th><th scope="col">Finished</th>'
        f"</tr></thead><tbody>{attempt_rows}</tbody></table>"
        if attempts
        else "<p>No quiz attempts yet.</p>"
    )
    works = any(link.status in ("sent", "opened") for link in links)
    revoke = (
        f"""<form method="post" action="{base}/revoke">{_csrf(csrf)}
<button type="submit" class="secondary">Withdraw the link that still works</button></form>"""
        if works
        else ""
    )
    certificate = (
        f'<p><a href="{base}/certificate.pdf">Certificate of completion (PDF)</a></p>'
        if person is not None and person.status == "finished"
        else ""
    )
    details = ", ".join(
        part
        for part in (
            learner.cohort or "no cohort",
            learner.email or "no email",
            f"enrolled {_date(learner.created_at)}",
            f"#{learner.id}",
        )
    )
    body = f"""{notice}<p>{escape(details)}</p>{status}{certificate}
<p>Completion, scores, attempts and dates only. Self-care plans are never stored.</p>
<h2>Links</h2>{links_table}
<div class="actions">
<form method="post" action="{base}/link">{_csrf(csrf)}
<button type="submit">Send a new link</button></form>{revoke}</div>
<h2>Cohort</h2>
<form method="post" action="{base}/cohort" class="filters">{_csrf(csrf)}
<div><label for="move-cohort">Cohort</label>
<input id="move-cohort" name="cohort" maxlength="200" list="cohort-names"
 value="{escape(learner.cohort or "")}"></div>
<button type="submit">Change cohort</button></form>{_cohort_list(cohorts)}
<h2>Attempts</h2>{attempts_table}
<h2>Privacy requests</h2>
<p><a href="{base}/export.json">Export everything stored about {escape(learner.name)}
(JSON)</a></p>
<p><a href="{base}/remove">Remove {escape(learner.name)} and everything stored about them</a></p>"""
    return _page(f"Mentor: {learner.name}", body, who, csrf)


def remove_page(learner: LearnerSummary, attempts: int, who: str, csrf: str) -> str:
    body = f"""<p>This deletes {escape(learner.name)} ({escape(learner.detail())}) for good:
their {attempts} quiz attempt{"" if attempts == 1 else "s"}, links, sign-ins, attendance,
email records and certificate. It cannot be undone. Export their record first if they asked
for a copy.</p>
<form method="post" action="/coordinator/learners/{learner.id}/remove">{_csrf(csrf)}
<button type="submit" class="danger">Remove {escape(learner.name)}</button>
<a href="/coordinator/learners/{learner.id}">Keep them</a></form>"""
    return _page(f"Remove {learner.name}?", body, who, csrf)


def cohorts_page(
    cohorts: Sequence[CohortSummary],
    who: str,
    csrf: str,
    notice: str = "",
    problem: str | None = None,
) -> str:
    alert = f'<p class="error" role="alert">{escape(problem)}</p>' if problem else ""
    rows = []
    for number, cohort in enumerate(cohorts):
        name = escape(cohort.name)
        rows.append(
            f"""<tr><th scope="row">{name}</th><td>{cohort.learners}</td>
<td><form method="post" action="/coordinator/cohorts/due" class="filters">{_csrf(csrf)}
<input type="hidden" name="name" value="{name}">
<div><label for="due-{number}">Due date of {name}</label>
<input id="due-{number}" name="due_on" type="date" value="{_date(cohort.due_on).replace("—", "")}">
</div><button type="submit" class="secondary">Save date</button></form></td>
<td><form method="post" action="/coordinator/cohorts/rename" class="filters">{_csrf(csrf)}
<input type="hidden" name="name" value="{name}">
<div><label for="rename-{number}">New name for {name}</label>
<input id="rename-{number}" name="new_name" required maxlength="200" value="{name}"></div>
<button type="submit" class="secondary">Rename</button></form></td></tr>"""
        )
    table = (
        f"{_scrolling('Cohorts')}<table><caption>Cohorts</caption><thead><tr>"
        '<th scope="col">Cohort</th><th scope="col">Mentors</th><th scope="col">Due date</th>'
        f'<th scope="col">Name</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        if cohorts
        else "<p>No cohorts yet.</p>"
    )
    body = f"""{notice}{alert}<p>Cohorts are matched in any case: "spring 2027" is the cohort
"Spring 2027". Mentors not finished by a cohort's due date are shown as overdue.</p>
{table}<h2>Add a cohort</h2>
<form method="post" action="/coordinator/cohorts" class="box">{_csrf(csrf)}
<label for="cohort-name">Name</label><input id="cohort-name" name="name" required maxlength="200">
<label for="cohort-due">Due date (optional)</label>
<input id="cohort-due" name="due_on" type="date">
<button type="submit">Add cohort</button></form>"""
    return _page("Cohorts", body, who, csrf)


def roster_preview_page(
    roster: Roster, roster_text: str, file_name: str, mail_ready: bool, who: str, csrf: str
) -> str:
    rows = "".join(
        f"<tr><td>{row.line}</td><td>{escape(row.name)}</td><td>{escape(row.email or '')}</td>"
        f"<td>{escape(row.cohort or '')}</td><td>{escape(row.action)}</td>"
        f"<td>{escape(row.note)}</td></tr>"
        for row in roster.rows
    )
    counts = (
        f"{len(roster.to_enroll)} to enroll, {len(roster.already)} already enrolled, "
        f"{len(roster.problems)} with problems (left out; fix them in the file and upload "
        "it again: those already enrolled are not enrolled twice)."
    )
    send = (
        '<button type="submit" name="deliver" value="email">Enroll and email the links</button> '
        if mail_ready
        else ""
    )
    form = (
        f"""<form method="post" action="/coordinator/roster/enroll">{_csrf(csrf)}
<input type="hidden" name="file_name" value="{escape(file_name)}">
<textarea name="roster" hidden aria-hidden="true">{escape(roster_text)}</textarea>
{send}<button type="submit" name="deliver" value="csv" class="{"secondary" if mail_ready else ""}">
Enroll and download the links (CSV)</button>
<button type="submit" name="deliver" value="page" class="secondary">Enroll and show the links
</button></form>"""
        if roster.to_enroll
        else "<p>Nobody to enroll.</p>"
    )
    body = f"""<p>{escape(file_name)}: {counts}</p>
{_scrolling("Roster preview")}<table><caption>Every row, and what will happen</caption><thead><tr>
<th scope="col">Line</th><th scope="col">Name</th><th scope="col">Email</th>
<th scope="col">Cohort</th><th scope="col">Action</th><th scope="col">Note</th></tr></thead>
<tbody>{rows}</tbody></table></div>{form}<p><a href="/coordinator">Back to mentors</a></p>"""
    return _page("Roster preview", body, who, csrf)


def roster_links_page(
    issued: Sequence[IssuedLink],
    skipped: Sequence[RosterRow],
    emailed: dict[int, str | None],
    who: str,
    csrf: str,
) -> str:
    """The links a roster made; `emailed` maps a learner id to None (sent) or a problem."""
    rows = []
    for number, link in enumerate(issued):
        if link.learner_id in emailed:
            problem = emailed[link.learner_id]
            sent = "emailed" if problem is None else f"not emailed: {problem}"
        else:
            sent = "copy and send"
        rows.append(
            f"<tr><td>{escape(link.row.name)}</td><td>{escape(link.row.cohort or '')}</td>"
            f"<td>{escape(sent)}</td>"
            f"<td>{copyable(f'Link for {link.row.name}', link.link, f'link-{number}')}</td></tr>"
        )
    body = f"""<p role="status">Enrolled {len(issued)}. Each link works once; send the ones not
emailed privately. They are shown only now.</p>
{_scrolling("New enrollment links")}<table><caption>New enrollment links</caption><thead><tr>
<th scope="col">Name</th><th scope="col">Cohort</th><th scope="col">Sent</th>
<th scope="col">Link</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>
{_skipped_rows(skipped)}<p><a href="/coordinator">Back to mentors</a></p>"""
    return _page("Roster enrolled", body, who, csrf)


def _skipped_rows(skipped: Sequence[RosterRow]) -> str:
    """Rows that changed between the preview and enrolling (enrolled meanwhile, or a write
    the store refused), so the coordinator knows who has no new link."""
    if not skipped:
        return ""
    items = "".join(
        f"<li>Line {row.line}, {escape(row.name)}: {escape(row.note)}</li>" for row in skipped
    )
    return f"<h2>Not enrolled</h2><ul>{items}</ul>"


def reminders_page(
    cohort: str | None,
    cohorts: Sequence[CohortSummary],
    with_email: Sequence[Person],
    without_email: Sequence[Person],
    mail_ready: bool,
    who: str,
    csrf: str,
    notice: str = "",
) -> str:
    scope = f"in {cohort}" if cohort else "in every cohort"
    listed = "".join(
        f"<li>{escape(p.name)} ({escape(p.email or '')}), {escape(p.status)}</li>"
        for p in with_email
    )
    missing = "".join(
        f'<li><a href="/coordinator/learners/{p.id}">{escape(p.name)}</a>: no email; '
        "open their page to send a new link yourself</li>"
        for p in without_email
    )
    hidden = f'<input type="hidden" name="cohort" value="{escape(cohort or "")}">'
    send = (
        f"""<form method="post" action="/coordinator/reminders">{_csrf(csrf)}{hidden}
<p>Each reminder holds a new personal link (earlier links stop working) and lists the
knowledge checks still to pass.</p>
<button type="submit">Send {len(with_email)} reminder{"" if len(with_email) == 1 else "s"}
</button></form>"""
        if mail_ready and with_email
        else (
            "<p>Email is not set up on this server (see the README's Email section): open each "
            "mentor's page to copy a new link.</p>"
            if not mail_ready
            else ""
        )
    )
    body = f"""{notice}<form method="get" action="/coordinator/reminders" class="filters">
<div><label for="remind-cohort">Cohort</label><select id="remind-cohort" name="cohort">
{_cohort_options(cohorts, cohort, "Every cohort")}</select></div>
<button type="submit" class="secondary">Show</button></form>
<h2>{len(with_email)} not finished {escape(scope)}, with an email</h2><ul>{listed}</ul>
{send}
<h2>{len(without_email)} not finished, without an email</h2><ul>{missing}</ul>"""
    return _page("Reminders", body, who, csrf)


def report_page(
    report: CompletionReport, cohorts: Sequence[CohortSummary], who: str, csrf: str
) -> str:
    selected = report.cohort or ""
    csv_query = f"?{urlencode({'cohort': selected})}" if selected else ""
    body = f"""<form method="get" action="/coordinator/report" class="filters">
<div><label for="cohort">Cohort</label><select id="cohort" name="cohort">
{_cohort_options(cohorts, selected, "All cohorts")}</select></div>
<button type="submit">Show</button></form>
<p><a href="/coordinator/report.csv{escape(csv_query)}">Download this table as CSV</a></p>
{_scrolling("Quiz completion")}{html_fragment(report)}</div>"""
    return _page("Quiz completion", body, who, csrf)
