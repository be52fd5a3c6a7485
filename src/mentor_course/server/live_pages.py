"""The pages of a live check-in: the presenter's screen, the phones' page, joining, the
summary. Counts only, never who chose what; every value from a person is escaped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from mentor_course.quiz import QuizBank
from mentor_course.quiz.types import Question
from mentor_course.server.pages import page, signed_in_header
from mentor_course.server.room import JoinAddress, qr_svg, shares, tally_version
from mentor_course.store import LiveSession, LiveSummary

LIVE_HEAD = """<script src="/live.js" defer></script><style>
.join { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
.join svg { width: 10rem; height: 10rem; }
.bars { list-style: none; padding: 0; font-size: 1.3rem; max-width: 48rem; }
.bars li { margin: 0.6rem 0; }
.bar { display: block; height: 1.2rem; background: #e6e6e6; border: 1px solid #6b6b6b;
  border-radius: 4px; overflow: hidden; }
.bar span { display: block; height: 100%; background: #0b5cad; }
.right { font-weight: 700; }
.steps { display: flex; gap: 1rem; flex-wrap: wrap; }
.warning { border: 2px solid #a4161a; padding: 0.5rem 1rem; border-radius: 8px; }
.keys { color: #4a4a4a; }
body.live-blank main > *:not(.join):not(.keys) { visibility: hidden; }
@page { margin: 1.2cm; }
@media print {
  header, .steps, .no-print, .explain { display: none !important; }
  .bar, .bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  main { padding: 0; max-width: none; } h1 { font-size: 13pt; margin: 0 0 0.3rem; }
  body { font-size: 8.5pt; line-height: 1.3; } .summary { columns: 2; column-gap: 1.2rem; }
  .bars { font-size: 8.5pt; margin: 0.1rem 0; } .bars li { margin: 0.05rem 0; }
  .bar { height: 0.45rem; } section { break-inside: avoid; margin-bottom: 0.35rem; }
  h2 { font-size: 9pt; margin: 0.2rem 0 0.1rem; } p { margin: 0.05rem 0; }
}
</style>"""


@dataclass(frozen=True)
class Reveal:
    answer: list[str]
    explanation: str
    sources: str


def poll_seed(live: LiveSession, question: Question) -> str:
    """The seed of a question's choice order in one check-in: the same on the screen and on
    every phone, and different in the next check-in."""
    return f"{live.code}/{question.id}"


def _bars(
    live: LiveSession, question: Question, tallies: dict[str, int], right: set[str] | None
) -> str:
    poll = question.room_poll(poll_seed(live, question))
    if poll is None:
        return "<p>This question is for discussion; the room does not answer it on phones.</p>"
    ids = [c["id"] for c in poll.choices]
    rows = []
    for choice, (count, percent) in zip(poll.choices, shares(tallies, ids), strict=True):
        mark = (
            ' <span class="right">✓ right answer</span>' if right and choice["id"] in right else ""
        )
        rows.append(
            f"<li><span>{escape(choice['text'])}</span>{mark}"
            f'<span class="bar" aria-hidden="true"><span style="width:{percent}%"></span></span>'
            f"<span>{count} ({percent}%)</span></li>"
        )
    return f'<ul class="bars">{"".join(rows)}</ul>'


def _right_ids(question: Question) -> set[str]:
    return {c.id for c in getattr(question, "choices", []) if c.correct}


def _question_text(question: Question) -> str:
    scenario = f"<p><em>{escape(question.scenario)}</em></p>" if question.scenario else ""
    return f'{scenario}<p class="prompt">{escape(question.prompt)}</p>'


def live_presenter_page(
    live: LiveSession,
    join: JoinAddress,
    bank: QuizBank,
    tallies: dict[str, int],
    name: str,
    csrf: str,
    reveal: Reveal | None = None,
) -> str:
    index, code = live.question_index, escape(live.code)
    question = bank.questions[index]
    room_url = f"{join.base}/live/{live.code}"
    warning = (
        ""
        if join.reachable
        else '<p class="warning" role="alert">Phones cannot reach this address. Start the '
        "server with <code>mentor-course serve --host 0.0.0.0</code>, on a computer connected "
        "to the room's network, to run a check-in with phones.</p>"
    )
    total = sum(tallies.values())
    answer = (
        f'<div class="box"><p><strong>Answer: {escape("; ".join(reveal.answer))}</strong></p>'
        f"<p>{escape(reveal.explanation)}</p><p>Source: {escape(reveal.sources)}.</p></div>"
        if reveal
        else f'<p><a id="live-reveal" href="/coordinator/live/{code}?reveal=true">'
        "Reveal the answer</a> (R)</p>"
    )

    def form(action: str, label: str, element_id: str, disabled: bool, index_to: int = 0) -> str:
        return (
            f'<form method="post" action="/coordinator/live/{code}/{action}">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
            f'<input type="hidden" name="index" value="{index_to}">'
            f'<button type="submit" id="{element_id}"{" disabled" if disabled else ""}>'
            f"{label}</button></form>"
        )

    last = len(bank.questions) - 1
    body = f"""<div class="join"><div><p>Join at <strong>{escape(join.base)}/join</strong>
with code</p><p class="code" aria-label="Join code {" ".join(live.code)}">{code}</p>
<p>or scan the code.</p></div>{qr_svg(room_url)}</div>{warning}
<h2>Question {index + 1} of {len(bank.questions)}</h2>
{_question_text(question)}
{_bars(live, question, tallies, _right_ids(question) if reveal else None)}
<p>{total} answers so far. Counts only; nobody's name is shown or kept with an answer.</p>
<div class="steps">{form("question", "← Previous", "live-prev", index == 0, index - 1)}
{form("question", "Next →", "live-next", index == last, index + 1)}
{form("end", "End check-in", "live-end", False)}</div>
<p><input type="checkbox" id="live-auto" checked> <label for="live-auto" style="display:inline">
Update the counts automatically</label> &middot;
<a href="/coordinator/live/{code}">Refresh now</a></p>
{answer}
<p class="keys">Keys: → or Page Down next, ← or Page Up previous (a clicker sends these),
R reveals the answer, B blanks the screen.</p>
<span data-live-state="/live/{code}/state" data-watch="presenter" data-presenter-keys
 data-version="{tally_version(index, tallies, False)}" hidden></span>"""
    header = signed_in_header(name, csrf)
    return page(f"Live check-in: {bank.title}", body, header, LIVE_HEAD)


def join_page(error: str | None = None, code: str = "") -> str:
    problem = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return page(
        "Join a group check-in",
        f"""{problem}<form method="post" action="/join">
<label for="code">Code from the screen</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" maxlength="12"
 value="{escape(code)}" required>
<button type="submit">Join</button></form>
<p>Your answers are counted anonymously: nobody sees who chose what.</p>""",
    )


def live_participant_page(
    live: LiveSession, bank: QuizBank, mine: list[str] | None, problem: str | None = None
) -> str:
    index, code = live.question_index, escape(live.code)
    question = bank.questions[index]
    poll = question.room_poll(poll_seed(live, question))
    alert = f'<p class="error" role="alert">{escape(problem)}</p>' if problem else ""
    status = (
        '<p role="status">Answer sent. Thank you. You can change it until the facilitator '
        "moves on.</p>"
        if mine and not problem
        else ""
    )
    if poll is None:
        form = "<p>This question is for discussion in the room. Nothing to send.</p>"
    else:
        kind = "checkbox" if poll.many else "radio"
        hint = "<p>Choose all that apply.</p>" if poll.many else ""
        options = "".join(
            f'<div><input type="{kind}" id="c-{escape(c["id"])}" name="choice" '
            f'value="{escape(c["id"])}"{" checked" if mine and c["id"] in mine else ""}>'
            f' <label for="c-{escape(c["id"])}" style="display:inline">{escape(c["text"])}'
            "</label></div>"
            for c in poll.choices
        )
        form = (
            f'<form method="post" action="/live/{code}/answer">'
            f'<input type="hidden" name="question_id" value="{escape(question.id)}">'
            f"<fieldset><legend>{escape(question.prompt)}</legend>{hint}{options}</fieldset>"
            f'<button type="submit">{"Change my answer" if mine else "Send my answer"}</button>'
            "</form>"
        )
    scenario = f"<p><em>{escape(question.scenario)}</em></p>" if question.scenario else ""
    body = f"""<p>Question {index + 1} of {len(bank.questions)}. Your answer is anonymous.</p>
{scenario}{alert}{status}{form}
<p>This page moves on when the facilitator does.
<a href="/live/{code}">Check for the next question</a></p>
<span data-live-state="/live/{code}/state" data-watch="room"
 data-version="{index}:0" hidden></span>"""
    return page(f"Group check-in: {bank.title}", body, head=LIVE_HEAD)


def live_ended_page(bank: QuizBank) -> str:
    return page(
        f"Group check-in: {bank.title}",
        "<p>This check-in has ended. Thank you for taking part.</p>"
        '<p><a href="/">Back to the course</a></p>',
    )


def live_summary_page(
    live: LiveSession,
    bank: QuizBank,
    summary: LiveSummary,
    reveals: list[Reveal],
    name: str,
    csrf: str,
) -> str:
    sections = []
    for number, (question, reveal) in enumerate(zip(bank.questions, reveals, strict=True), 1):
        tallies = summary.tallies.get(question.id, {})
        if number > live.question_index + 1 and not tallies:
            continue  # the pool holds more questions than a check-in usually reaches
        sections.append(
            f"<section><h2>{number}. {escape(question.prompt)}</h2>"
            f"{_bars(live, question, tallies, _right_ids(question))}"
            f"<p><strong>Answer:</strong> {escape('; '.join(reveal.answer))}</p>"
            f'<p class="explain">{escape(reveal.explanation)}</p></section>'
        )
    state = "Ended" if live.ended else "Still running"
    body = f"""<p>{state}. {summary.participants} phones joined; {summary.attendance} enrolled
mentors attended{f" (cohort {escape(live.cohort)})" if live.cohort else ""}. Printed
{dt.date.today():%Y-%m-%d}. Counts only: no names are kept with answers.</p>
<p class="no-print"><a href="/coordinator">Back to completion</a></p>
<div class="summary">{"".join(sections)}</div>"""
    return page(f"Check-in summary: {bank.title}", body, signed_in_header(name, csrf), LIVE_HEAD)
