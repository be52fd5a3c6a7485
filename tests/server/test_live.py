"""A live group check-in with three participants: anonymous tallies reach the presenter,
attendance of enrolled mentors reaches the report."""

from __future__ import annotations

import re
from html import escape

from typer.testing import CliRunner

from mentor_course.cli import app
from mentor_course.report import build_report
from mentor_course.store import Store
from tests.attempts import bank
from tests.server.conftest import Server

QUIZ = bank("practice")
FIRST = QUIZ.questions[0]


def join(client: object, code: str) -> None:
    response = client.post("/join", data={"code": code.lower()}, follow_redirects=True)  # type: ignore[attr-defined]
    assert response.status_code == 200 and "Your answer is anonymous" in response.text


def test_three_participants_answer_and_the_presenter_sees_counts_only(server: Server) -> None:
    coordinator = server.coordinator()
    token = coordinator.get("/api/session").json()["csrf"]
    started = coordinator.post(
        "/coordinator/live", data={"csrf": token, "quiz": "practice", "cohort": "Spring"},
        follow_redirects=False,
    )  # fmt: skip
    assert started.status_code == 303
    code = started.headers["location"].rsplit("/", 1)[1]

    ana, ben, guest = server.mentor("Mentor Ana"), server.mentor("Mentor Ben"), server.client()
    right = next(c.id for c in FIRST.choices if c.correct)
    wrong = next(c.id for c in FIRST.choices if not c.correct)
    for person, choice in [(ana, right), (ben, right), (guest, wrong)]:
        join(person, code)
        sent = person.post(f"/live/{code}/answer", data={"question_id": FIRST.id, "choice": choice})
        assert sent.status_code == 200 and "Answer sent" in sent.text
    # Ana changes her mind: her answer is replaced, not added.
    ana.post(f"/live/{code}/answer", data={"question_id": FIRST.id, "choice": wrong})

    presenter = coordinator.get(f"/coordinator/live/{code}").text
    counts = dict(re.findall(r"<li><strong>(\d+)</strong> ([^<]+)</li>", presenter))
    texts = {c.id: c.text for c in FIRST.choices}
    assert counts[str(1)] == texts[right] and counts[str(2)] == texts[wrong]
    assert "3 answers so far" in presenter
    for name in ["Mentor Ana", "Mentor Ben"]:
        assert name not in presenter
    revealed = coordinator.get(f"/coordinator/live/{code}?reveal=true").text
    assert escape(f"Answer: {texts[right]}") in revealed
    assert escape(FIRST.explanation) in revealed
    assert "Answer:" not in ana.get(f"/live/{code}").text  # the room's phones never get it

    with Store.open(server.url) as store:
        report = build_report(store)
    attended = {row.learner: row.sessions_attended for row in report.rows}
    assert attended == {"Mentor Ana": 1, "Mentor Ben": 1}  # the guest is not enrolled


def test_the_presenter_moves_the_room_to_the_next_question(server: Server) -> None:
    coordinator = server.coordinator()
    token = coordinator.get("/api/session").json()["csrf"]
    with Store.open(server.url) as store:
        code = store.start_group_session("practice")
    guest = server.client()
    join(guest, code)
    coordinator.post(f"/coordinator/live/{code}/question", data={"csrf": token, "index": 1})
    assert f"Question 2 of {len(QUIZ.questions)}" in guest.get(f"/live/{code}").text
    assert (
        f"Question 2 of {len(QUIZ.questions)}" in coordinator.get(f"/coordinator/live/{code}").text
    )


def test_live_pages_refuse_bad_input_and_strangers(server: Server) -> None:
    with Store.open(server.url) as store:
        code = store.start_group_session("practice")
    guest = server.client()
    assert guest.post("/join", data={"code": "NOPE00"}).status_code == 404
    assert guest.get(f"/coordinator/live/{code}").status_code == 401
    assert (
        guest.post(
            f"/live/{code}/answer", data={"question_id": FIRST.id, "choice": "a"}
        ).status_code
        == 400
    )
    join(guest, code)
    bad = guest.post(f"/live/{code}/answer", data={"question_id": FIRST.id, "choice": "zz"})
    assert bad.status_code == 422
    other_site = {"Origin": "https://evil.example"}
    assert guest.post("/join", data={"code": code}, headers=other_site).status_code == 403


def test_session_start_command_prints_the_code(server: Server) -> None:
    result = CliRunner().invoke(
        app, ["session", "start", "--quiz", "practice", "--db", server.url,
              "--root", str(server.settings.course.root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    code = re.search(r"Join code: (\w+)", result.output)
    assert code is not None
    with Store.open(server.url) as store:
        assert store.group_session(code.group(1)) is not None
