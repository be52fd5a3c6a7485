"""What the coordinator's routes send to mentors, in one place: personal links (emailed when
the server has SMTP settings, shown to copy when not), reminders, and certificates.

Every email is noted in the store by kind, address and time, with the mail server's refusal
if there was one; never its text or its link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import Request

from mentor_course.certificates import Certificate, new_code
from mentor_course.mail import Delivery, Letter, MailError, Postbox, invitation, reminder
from mentor_course.report import Row, build_report
from mentor_course.server.state import ServerState
from mentor_course.store import LearnerSummary
from mentor_course.store.accounts import ENROLLMENT_LIFETIME


@dataclass(frozen=True)
class Invite:
    """A link to hand to one learner (and, when they have an address, to email them)."""

    learner_id: int
    name: str
    email: str | None
    link: str


def link_for(state: ServerState, request: Request, token: str) -> str:
    return f"{state.public_address(request).base}/enroll/{token}"


def email_invitations(state: ServerState, invites: Sequence[Invite]) -> dict[int, str | None]:
    """Email each invite that has an address; per learner id, None (sent) or the problem.
    Without SMTP settings, nothing is sent and the result is empty."""
    expires_on = (dt.datetime.now(dt.UTC) + ENROLLMENT_LIFETIME).date()
    letters = [
        (
            invite,
            invitation(
                learner=invite.name,
                address=invite.email,
                link=invite.link,
                course=state.course_title,
                program=state.program.program,
                expires_on=expires_on,
            ),
        )
        for invite in invites
        if invite.email
    ]
    return _send(state, "invitation", letters)


def email_reminders(
    state: ServerState,
    request: Request,
    learners: Sequence[LearnerSummary],
    due_on: dict[int, dt.date | None],
) -> dict[int, str | None]:
    """A reminder with a fresh link to each learner with an address who has not finished."""
    if state.settings.mail is None:
        return {}
    letters: list[tuple[Invite, Letter]] = []
    for learner in learners:
        if not learner.email:
            continue
        enrollment = state.store.create_enrollment(learner.name, person=learner.id)
        invite = Invite(
            learner.id, learner.name, learner.email, link_for(state, request, enrollment.token)
        )
        letters.append(
            (
                invite,
                reminder(
                    learner=learner.name,
                    address=learner.email,
                    link=invite.link,
                    course=state.course_title,
                    program=state.program.program,
                    due_on=due_on.get(learner.id),
                    remaining=remaining_checks(state, learner.id),
                ),
            )
        )
    return _send(state, "reminder", letters)


def _send(
    state: ServerState, kind: str, letters: Sequence[tuple[Invite, Letter]]
) -> dict[int, str | None]:
    if state.settings.mail is None or not letters:
        return {}
    try:
        deliveries = Postbox(state.settings.mail).send([letter for _, letter in letters])
    except MailError as exc:  # unreachable or refused sign-in: nothing went, say so for each
        deliveries = [Delivery(letter.to_address, False, str(exc)) for _, letter in letters]
    outcome: dict[int, str | None] = {}
    for (invite, letter), delivery in zip(letters, deliveries, strict=True):
        problem = None if delivery.sent else (delivery.problem or "the mail server refused it")
        state.store.record_email(invite.learner_id, kind, letter.to_address, problem)
        outcome[invite.learner_id] = problem
    return outcome


def remaining_checks(state: ServerState, learner_id: int) -> list[str]:
    """The titles of the knowledge checks the learner has not passed yet."""
    report = build_report(state.store, state.quiz_columns, learner=learner_id)
    rows = list(report.rows)
    if not rows:
        return [quiz.title for quiz in report.quizzes]
    return [
        quiz.title
        for quiz, cell in zip(report.quizzes, rows[0].cells, strict=True)
        if cell.passed_on is None
    ]


def certificate_of(state: ServerState, request: Request, learner_id: int) -> Certificate | None:
    """The learner's certificate, once they have passed every knowledge check."""
    report = build_report(state.store, state.quiz_columns, learner=learner_id)
    rows = list(report.rows)
    return certificate_for(state, request, rows[0]) if rows else None


def certificate_for(state: ServerState, request: Request, row: Row) -> Certificate | None:
    """The certificate of a report row's learner, or None until they have passed every
    knowledge check; its code is made the first time and kept."""
    if row.completed_on is None:
        return None
    code = state.store.certificate_code(row.learner_id, row.completed_on, new_code)
    return Certificate(
        learner=row.learner,
        course=state.course_title,
        program=state.program.program,
        completed_on=row.completed_on,
        hours=state.program.course_hours,
        code=code,
        verify_url=f"{state.public_address(request).base}/verify/{code}",
    )
