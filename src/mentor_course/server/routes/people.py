"""The coordinator's routes about one mentor: enrolling (never merging two people of the same
name), their page, a new link or a withdrawn one, another cohort, the privacy export and
removal, and their certificate. Coordinators only; every change is a form with the CSRF field.
"""

# FastAPI reads the routes' annotations at run time, so this module does not use
# `from __future__ import annotations`.

import json
import re
from html import escape
from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from mentor_course import fields
from mentor_course.fields import COHORT, LEARNER_NAME, FieldError
from mentor_course.report.people import PeopleQuery, people_page
from mentor_course.report.render import file_slug
from mentor_course.server import coordinator_pages
from mentor_course.server.deps import Coordinator, CoordinatorForm, State
from mentor_course.server.outreach import Invite, certificate_of, email_invitations, link_for
from mentor_course.server.routes import attachment
from mentor_course.server.routes.coordinator import dashboard_view
from mentor_course.server.routes.outreach import certificate_download
from mentor_course.server.state import ServerState
from mentor_course.store import LearnerSummary, SameName, SignedIn, UnknownLearner

router = APIRouter()


@router.post("/coordinator/enroll", include_in_schema=False, response_class=HTMLResponse)
def enroll(
    request: Request,
    who: CoordinatorForm,
    state: State,
    name: Annotated[str, Form(max_length=1000)],
    email: Annotated[str, Form(max_length=1000)] = "",
    cohort: Annotated[str, Form(max_length=1000)] = "",
    person: Annotated[str, Form(max_length=20)] = "",
) -> HTMLResponse:
    """Enroll a mentor. A name somebody has already is asked about (`same_name_page`):
    the same person gets a new link, somebody new a record of their own."""
    try:
        learner, address = LEARNER_NAME.required_clean(name), fields.email(email)
        group = COHORT.clean(cohort)
    except FieldError as exc:
        return HTMLResponse(dashboard_view(state, who, problem=f"Not enrolled: {exc}."), 422)
    chosen: int | Literal["new"] | None = None
    if person == "new":
        chosen = "new"
    elif re.fullmatch(r"[0-9]{1,18}", person):
        chosen = int(person)
    try:
        enrollment = state.store.create_enrollment(
            learner, email=address, cohort=group, person=chosen
        )
    except SameName as exc:
        page = coordinator_pages.same_name_page(
            learner, address, group, exc.candidates, who.name, who.csrf
        )
        return HTMLResponse(page, 409)
    except UnknownLearner as exc:
        return HTMLResponse(dashboard_view(state, who, problem=f"Not enrolled: {exc}."), 404)
    enrolled = state.store.learner(enrollment.learner_id)
    notice = _issue(state, request, enrolled, enrollment.token)
    query = PeopleQuery(search=enrolled.name, cohort=None)
    return HTMLResponse(dashboard_view(state, who, query, notice))


def _issue(state: ServerState, request: Request, learner: LearnerSummary, token: str) -> str:
    """The box that hands on a new link, having emailed it when the server can."""
    link = link_for(state, request, token)
    sent = email_invitations(state, [Invite(learner.id, learner.name, learner.email, link)])
    problem = sent.get(learner.id)
    emailed_to = learner.email if learner.id in sent and problem is None else None
    return coordinator_pages.issued_link_box(learner.name, link, emailed_to, problem)


def _learner(state: ServerState, learner_id: int) -> LearnerSummary:
    try:
        return state.store.learner(learner_id)
    except UnknownLearner:
        raise HTTPException(404, "there is no such mentor (removed, perhaps)") from None


def _learner_view(state: ServerState, who: SignedIn, learner_id: int, notice: str = "") -> str:
    learner = _learner(state, learner_id)
    quiz_ids = [q.id for q in state.quiz_columns]
    # The mentor's status row, by the dashboard's own query: one definition of "finished".
    found = people_page(
        state.store, quiz_ids, PeopleQuery(search=learner.name, cohort=learner.cohort)
    )
    person = next((p for p in found.people if p.id == learner.id), None)
    return coordinator_pages.learner_page(
        learner,
        person,
        state.store.links_of(learner.id),
        list(state.store.attempts(learner.id)),
        state.store.cohorts(),
        len(quiz_ids),
        who.name,
        who.csrf,
        notice,
    )


@router.get(
    "/coordinator/learners/{learner_id}", include_in_schema=False, response_class=HTMLResponse
)
def learner_page(learner_id: int, who: Coordinator, state: State) -> str:
    return _learner_view(state, who, learner_id)


@router.post(
    "/coordinator/learners/{learner_id}/link", include_in_schema=False, response_class=HTMLResponse
)
def new_link(learner_id: int, request: Request, who: CoordinatorForm, state: State) -> str:
    learner = _learner(state, learner_id)
    enrollment = state.store.create_enrollment(learner.name, person=learner.id)
    return _learner_view(state, who, learner_id, _issue(state, request, learner, enrollment.token))


@router.post(
    "/coordinator/learners/{learner_id}/revoke",
    include_in_schema=False,
    response_class=HTMLResponse,
)
def revoke(learner_id: int, who: CoordinatorForm, state: State) -> str:
    _learner(state, learner_id)
    count = state.store.revoke_links(learner_id)
    notice = (
        f'<p class="box" role="status">Withdrew {count} link{"" if count == 1 else "s"}: '
        "opening it now says it was withdrawn. Devices already signed in stay signed in.</p>"
    )
    return _learner_view(state, who, learner_id, notice)


@router.post(
    "/coordinator/learners/{learner_id}/cohort",
    include_in_schema=False,
    response_class=HTMLResponse,
)
def change_cohort(
    learner_id: int,
    who: CoordinatorForm,
    state: State,
    cohort: Annotated[str, Form(max_length=1000)] = "",
) -> HTMLResponse:
    _learner(state, learner_id)
    try:
        group = COHORT.clean(cohort)
    except FieldError as exc:
        notice = f'<p class="error" role="alert">Not changed: {escape(str(exc))}.</p>'
        return HTMLResponse(_learner_view(state, who, learner_id, notice), 422)
    state.store.move_learner(learner_id, group)
    moved = state.store.learner(learner_id).cohort
    where = f"in {moved}" if moved else "in no cohort"
    notice = f'<p class="box" role="status">Now {escape(where)}.</p>'
    return HTMLResponse(_learner_view(state, who, learner_id, notice))


@router.get("/coordinator/learners/{learner_id}/export.json", include_in_schema=False)
def export(learner_id: int, who: Coordinator, state: State) -> Response:
    learner = _learner(state, learner_id)
    body = json.dumps(state.store.export_learner(learner_id), indent=2)
    file_name = f"learner-{file_slug(learner.name)}-{learner.id}.json"
    return Response(
        body,
        media_type="application/json",
        headers=attachment(file_name),
    )


@router.get(
    "/coordinator/learners/{learner_id}/remove",
    include_in_schema=False,
    response_class=HTMLResponse,
)
def confirm_removal(learner_id: int, who: Coordinator, state: State) -> str:
    learner = _learner(state, learner_id)
    attempts = sum(1 for _ in state.store.attempts(learner_id))
    return coordinator_pages.remove_page(learner, attempts, who.name, who.csrf)


@router.post("/coordinator/learners/{learner_id}/remove", include_in_schema=False)
def remove(learner_id: int, who: CoordinatorForm, state: State) -> HTMLResponse:
    learner = _learner(state, learner_id)
    removed = state.store.delete_learner(learner_id)
    notice = (
        f'<p class="box" role="status">Removed {escape(learner.name)} and {removed} '
        f"attempt{'' if removed == 1 else 's'}.</p>"
    )
    return HTMLResponse(dashboard_view(state, who, notice=notice))


@router.get("/coordinator/learners/{learner_id}/certificate.pdf", include_in_schema=False)
def certificate(learner_id: int, request: Request, who: Coordinator, state: State) -> Response:
    _learner(state, learner_id)
    found = certificate_of(state, request, learner_id)
    if found is None:
        raise HTTPException(404, "this mentor has not passed every knowledge check yet")
    return certificate_download(found)
