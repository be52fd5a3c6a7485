"""Reaching many mentors at once, and proving what they did: roster uploads (a preview, then
enroll all), reminders to everyone not finished (a preview with the count, then send),
certificates (a mentor's own, a coordinator's zip of a cohort) and the public
`/verify/CODE` page, which confirms a certificate's name, course and date and nothing more.
"""

# FastAPI reads the routes' annotations at run time, so this module does not use
# `from __future__ import annotations`.

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Request, Response, UploadFile
from fastapi.responses import FileResponse, HTMLResponse

from mentor_course.certificates import (
    Certificate,
    certificate_file_name,
    certificate_pdf,
    certificates_zip,
    normal_code,
)
from mentor_course.errors import MentorCourseError
from mentor_course.report import build_report
from mentor_course.report.people import PeopleQuery, Person, everyone
from mentor_course.report.render import file_slug
from mentor_course.roster import (
    enroll_roster,
    links_csv,
    preview,
    read_roster_bytes,
    read_roster_text,
)
from mentor_course.server import coordinator_pages, pages
from mentor_course.server.deps import Coordinator, CoordinatorForm, State, Who
from mentor_course.server.outreach import (
    Invite,
    certificate_for,
    certificate_of,
    email_invitations,
    email_reminders,
)
from mentor_course.server.routes import attachment
from mentor_course.server.routes.coordinator import cohort_param, dashboard_view
from mentor_course.server.state import ServerState
from mentor_course.store.accounts import ENROLLMENT_LIFETIME

router = APIRouter()
STATIC = Path(__file__).parent.parent / "static"
ROSTER_BYTES = 1 << 20  # the largest roster upload: 5,000 rows of name, email and cohort


@router.get("/coordinator.js", include_in_schema=False)
def coordinator_script() -> FileResponse:
    return FileResponse(STATIC / "coordinator.js", media_type="text/javascript")


# ----- rosters -----


@router.post("/coordinator/roster", include_in_schema=False, response_class=HTMLResponse)
async def roster_preview(who: CoordinatorForm, state: State, roster: UploadFile) -> HTMLResponse:
    raw = await roster.read(ROSTER_BYTES + 1)
    file_name = Path(roster.filename or "roster.csv").name[:200]
    if len(raw) > ROSTER_BYTES:
        return _roster_problem(state, who, f"{file_name} is larger than 1 MB; split it in two")
    try:
        lines = read_roster_bytes(raw, file_name)
    except MentorCourseError as exc:
        return _roster_problem(state, who, str(exc))
    plan = preview(state.store, lines)
    mail = state.settings.mail is not None
    text = raw.decode("utf-8-sig")  # it was read as UTF-8 above
    return HTMLResponse(
        coordinator_pages.roster_preview_page(plan, text, file_name, mail, who.name, who.csrf)
    )


def _roster_problem(state: ServerState, who: Coordinator, problem: str) -> HTMLResponse:
    return HTMLResponse(dashboard_view(state, who, problem=f"Roster not read: {problem}"), 422)


@router.post("/coordinator/roster/enroll", include_in_schema=False)
def roster_enroll(
    request: Request,
    who: CoordinatorForm,
    state: State,
    roster: Annotated[str, Form(max_length=ROSTER_BYTES)],
    file_name: Annotated[str, Form(max_length=200)] = "roster.csv",
    deliver: Annotated[Literal["email", "csv", "page"], Form()] = "page",
) -> Response:
    """Enroll every row the preview said would be (checked again: a second run enrolls
    nobody twice), then email the links, download them as CSV, or show them."""
    try:
        plan = preview(state.store, read_roster_text(roster, file_name))
    except MentorCourseError as exc:
        return _roster_problem(state, who, str(exc))
    base = state.public_address(request).base
    issued = enroll_roster(state.store, plan, base, ENROLLMENT_LIFETIME)
    if deliver == "csv":
        stem = file_slug(Path(file_name).stem) or "roster"
        return Response(
            links_csv(issued),
            media_type="text/csv",
            headers=attachment(f"links-{stem}.csv"),
        )
    emailed: dict[int, str | None] = {}
    if deliver == "email":
        invites = [Invite(i.learner_id, i.row.name, i.row.email, i.link) for i in issued]
        emailed = email_invitations(state, invites)
    return HTMLResponse(
        coordinator_pages.roster_links_page(issued, issued.skipped, emailed, who.name, who.csrf)
    )


# ----- reminders -----


def _not_finished(state: ServerState, cohort: str | None) -> list[Person]:
    quiz_ids = [q.id for q in state.quiz_columns]
    return everyone(state.store, quiz_ids, PeopleQuery(cohort=cohort, status="not finished"))


@router.get("/coordinator/reminders", include_in_schema=False, response_class=HTMLResponse)
def reminders(who: Coordinator, state: State, cohort: str = "") -> str:
    return _reminders_view(state, who, cohort_param(cohort))


def _reminders_view(
    state: ServerState, who: Coordinator, cohort: str | None, notice: str = ""
) -> str:
    waiting = _not_finished(state, cohort)
    stored = state.store.cohort(cohort) if cohort else None  # "spring" shown as "Spring"
    return coordinator_pages.reminders_page(
        stored.name if stored else cohort,
        state.store.cohorts(),
        [p for p in waiting if p.email],
        [p for p in waiting if not p.email],
        state.settings.mail is not None,
        who.name,
        who.csrf,
        notice,
    )


@router.post("/coordinator/reminders", include_in_schema=False, response_class=HTMLResponse)
def send_reminders(
    request: Request,
    who: CoordinatorForm,
    state: State,
    cohort: Annotated[str, Form(max_length=1000)] = "",
) -> HTMLResponse:
    if state.settings.mail is None:
        raise HTTPException(409, "email is not set up on this server; copy links instead")
    group = cohort_param(cohort)
    waiting = [p for p in _not_finished(state, group) if p.email]
    learners = [state.store.learner(p.id) for p in waiting]
    sent = email_reminders(state, request, learners, {p.id: p.due_on for p in waiting})
    failed = {i: problem for i, problem in sent.items() if problem}
    notice = (
        f'<p class="box" role="status">Sent {len(sent) - len(failed)} reminder'
        f"{'' if len(sent) - len(failed) == 1 else 's'}"
        + (f"; {len(failed)} could not be sent (see each mentor's page)." if failed else ".")
        + "</p>"
    )
    return HTMLResponse(_reminders_view(state, who, group, notice))


# ----- certificates -----


@router.get("/coordinator/certificates.zip", include_in_schema=False)
def cohort_certificates(
    request: Request, who: Coordinator, state: State, cohort: str = ""
) -> Response:
    group = cohort_param(cohort)
    # One report for the cohort: each finished row is a certificate, as on its own.
    report = build_report(state.store, state.quiz_columns, group)
    certificates = [c for row in report.rows if (c := certificate_for(state, request, row))]
    stem = file_slug(group) if group else "all"
    return Response(
        certificates_zip(certificates),
        media_type="application/zip",
        headers=attachment(f"certificates-{stem}.zip"),
    )


@router.get("/me/certificate.pdf", include_in_schema=False)
def my_certificate(request: Request, who: Who, state: State) -> Response:
    if who is None or who.role != "mentor":
        raise HTTPException(401, "open the course with your enrollment link first")
    found = certificate_of(state, request, who.id)
    if found is None:
        raise HTTPException(404, "your certificate is ready once you pass every knowledge check")
    return certificate_download(found)


def certificate_download(certificate: Certificate) -> Response:
    """The certificate as the PDF file a browser saves."""
    return Response(
        certificate_pdf(certificate),
        media_type="application/pdf",
        headers=attachment(certificate_file_name(certificate)),
    )


@router.get("/verify/{code}", include_in_schema=False, response_class=HTMLResponse)
def verify(code: str, state: State) -> HTMLResponse:
    canonical = normal_code(code)
    found = state.store.verify_certificate(canonical) if canonical else None
    if found is None:
        return HTMLResponse(pages.unverified_page(), 404)
    return HTMLResponse(pages.verified_page(found.learner, state.course_title, found.completed_on))
