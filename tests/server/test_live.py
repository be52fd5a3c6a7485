"""A live group check-in with three participants: anonymous tallies reach the presenter,
attendance of enrolled mentors reaches the report."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import escape, unescape

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from typer.testing import CliRunner

from mentor_course.cli import app
from mentor_course.report import build_report
from mentor_course.server import room
from mentor_course.server.room import (
    JoinAddress,
    join_address,
    network_addresses,
    served_address,
    shares,
)
from mentor_course.server.routes.live import PARTICIPANT
from mentor_course.store import Store
from tests.attempts import bank
from tests.server.conftest import Server

QUIZ = bank("practice")
FIRST = QUIZ.questions[0]


def bars(page: str) -> dict[str, tuple[int, ...]]:
    """Choice text -> (count,) from a presenter page's bars; the percentage is checked apart."""
    rows = re.findall(r"<li><span>([^<]+)</span>.*?<span>(\d+) \((\d+)%\)</span></li>", page)
    return {unescape(text): (int(count),) for text, count, _ in rows}


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
    texts = {c.id: c.text for c in FIRST.choices}
    counts = bars(presenter)
    assert counts[texts[right]] == (1,) and counts[texts[wrong]] == (2,)
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
    with Store.open(server.url) as store:
        store.set_server_address("http://192.168.1.20:8040")  # as `serve` records it
    result = CliRunner().invoke(
        app, ["session", "start", "--quiz", "practice", "--db", server.url,
              "--root", str(server.settings.course.root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "http://192.168.1.20:8040/join" in result.output
    code = re.search(r"Join code: (\w+)", result.output)
    assert code is not None
    with Store.open(server.url) as store:
        assert store.group_session(code.group(1)) is not None


def started(server: Server) -> tuple[TestClient, str, str]:
    """A signed-in coordinator, their CSRF token, and a new check-in's code."""
    coordinator = server.coordinator()
    with Store.open(server.url) as store:
        code = store.start_group_session("practice", "Spring")
    return coordinator, coordinator.get("/api/session").json()["csrf"], code


def answer(client: TestClient, code: str, *choices: str, question: str = FIRST.id) -> Response:
    return client.post(f"/live/{code}/answer", data={"question_id": question, "choice": choices})


def test_forged_and_borrowed_participants_are_refused(server: Server) -> None:
    _, _, code = started(server)
    _, _, other = started(server)
    forger = server.client()
    forger.cookies.set(PARTICIPANT, "made-up-participant")
    refused = answer(forger, code, FIRST.choices[0].id)
    assert refused.status_code == 403 and "has not joined this check-in" in refused.text
    phone = server.client()
    join(phone, other)  # a real participant, of another check-in
    assert answer(phone, code, FIRST.choices[0].id).status_code == 403
    with Store.open(server.url) as store:
        assert store.live_tallies(code, FIRST.id) == {}


def test_one_answer_per_phone_for_the_question_on_screen_only(server: Server) -> None:
    coordinator, token, code = started(server)
    phone = server.client()
    join(phone, code)
    first, second = FIRST.choices[0].id, FIRST.choices[1].id
    two = answer(phone, code, first, second)
    assert two.status_code == 422 and "choose just one" in two.text
    empty = answer(phone, code)
    assert empty.status_code == 422 and "Choose an answer first" in empty.text
    later = QUIZ.questions[2]
    ahead = answer(phone, code, later.choices[0].id, question=later.id)  # type: ignore[union-attr]
    assert ahead.status_code == 409 and "moved on" in ahead.text
    assert "Answer sent" in answer(phone, code, first).text
    before = phone.get(f"/live/{code}/state").json()["version"]
    answer(phone, code, second)  # a changed answer replaces the first one...
    after = phone.get(f"/live/{code}/state").json()
    assert after["answers"] == 1 and after["version"] != before  # ...and the presenter follows
    with Store.open(server.url) as store:
        assert store.live_tallies(code, FIRST.id) == {second: 1}
    # The next question starts clear: no "Answer sent" left over from the last one.
    coordinator.post(f"/coordinator/live/{code}/question", data={"csrf": token, "index": 1})
    assert "Answer sent" not in phone.get(f"/live/{code}").text


def test_the_room_and_the_presenter_list_choices_in_one_order_of_each_check_in(
    server: Server,
) -> None:
    texts = {c.id: c.text for c in FIRST.choices}
    orders = set()
    for _ in range(6):
        coordinator, _, code = started(server)
        phone = server.client()
        join(phone, code)
        on_phone = re.findall(r'name="choice" value="([^"]+)"', phone.get(f"/live/{code}").text)
        on_screen = list(bars(coordinator.get(f"/coordinator/live/{code}").text))
        assert on_screen == [texts[c] for c in on_phone]  # the screen and the phones agree
        orders.add(tuple(on_phone))
    # Shuffled per check-in: the right answer does not sit in one place every time.
    assert len(orders) > 1


def test_the_presenter_page_shows_a_qr_code_and_the_address_phones_use(server: Server) -> None:
    coordinator, _, code = started(server)
    page = coordinator.get(f"/coordinator/live/{code}").text
    assert "<svg" in page and f"QR code: http://testserver/live/{code}" in page
    assert "Join at <strong>http://testserver/join</strong>" in page
    assert "null" not in page and "Phones cannot reach" not in page


def test_ending_a_check_in_closes_it_and_gives_a_summary(server: Server) -> None:
    coordinator, token, code = started(server)
    ana, guest = server.mentor("Mentor Ana"), server.client()
    right = next(c.id for c in FIRST.choices if c.correct)
    for phone in (ana, guest):
        join(phone, code)
        answer(phone, code, right)
    ended = coordinator.post(
        f"/coordinator/live/{code}/end", data={"csrf": token}, follow_redirects=False
    )
    assert ended.headers["location"] == f"/coordinator/live/{code}/summary"
    summary = coordinator.get(f"/coordinator/live/{code}/summary").text
    assert "2 phones joined; 1 enrolled" in summary and "Mentor Ana" not in summary
    assert bars(summary)[unescape(escape(FIRST.choices[0].text))] is not None
    assert "2 (100%)" in summary and "✓ right answer" in summary
    assert escape(QUIZ.questions[-1].prompt) not in summary  # the room never got that far
    assert "has ended" in guest.get(f"/live/{code}").text
    assert answer(guest, code, right).status_code == 410
    assert guest.get(f"/live/{code}/state").json()["ended"] is True
    # The presenter's page now leads to the summary.
    assert coordinator.get(f"/coordinator/live/{code}", follow_redirects=False).status_code == 303


def test_joining_is_rate_limited_per_client(server: Server) -> None:
    _, _, code = started(server)
    phone = server.client()
    phone.app.state.server.join_limiter.limit = 2  # type: ignore[attr-defined]
    statuses = []
    for _ in range(3):
        phone.cookies.clear()  # each time a "new phone" from the same address
        statuses.append(phone.get(f"/live/{code}").status_code)
    assert statuses == [200, 200, 429]


def test_join_addresses_name_what_a_phone_can_reach() -> None:
    on_lan = join_address("http", "192.168.1.20", 8000, "0.0.0.0")
    assert on_lan == JoinAddress("http://192.168.1.20:8000", True)
    assert join_address("http", "127.0.0.1", 8000, "127.0.0.1").reachable is False
    assert join_address("http", "localhost", 8000, "10.0.0.5") == JoinAddress(
        "http://10.0.0.5:8000", True
    )


def test_a_presenter_on_this_computer_is_given_its_network_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(room, "network_addresses", lambda: ["192.0.2.7", "198.51.100.3"])
    assert join_address("http", "127.0.0.1", 8000, "0.0.0.0") == JoinAddress(
        "http://192.0.2.7:8000", True
    )
    assert served_address("0.0.0.0", 8040, False) == "http://192.0.2.7:8040"  # what serve records
    monkeypatch.setattr(room, "network_addresses", list)  # no network at all
    assert join_address("http", "127.0.0.1", 8000, "0.0.0.0").reachable is False
    assert served_address("0.0.0.0", 8040, False) == "http://127.0.0.1:8040"


def test_served_addresses_are_urls_for_every_kind_of_host() -> None:
    assert served_address("127.0.0.1", 8000, True) == "https://127.0.0.1:8000"
    assert served_address("::1", 8000, False) == "http://[::1]:8000"
    assert join_address("http", "2001:db8::5", 8000, "::").base == "http://[2001:db8::5]:8000"


@pytest.mark.skipif(shutil.which("ip") is None, reason="iproute2's ip is not installed")
def test_network_addresses_are_this_machines_interface_addresses() -> None:
    """Checked against iproute2: every IPv4 address of an interface, less loopback and
    link-local (resolving the host name instead gives 127.0.1.1 on Debian)."""
    shown = subprocess.run(
        ["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True, check=True
    ).stdout
    expected = {
        address
        for address in re.findall(r"\binet (\d+\.\d+\.\d+\.\d+)/", shown)
        if not address.startswith(("127.", "169.254."))
    }
    assert set(network_addresses()) == expected


def test_shares_are_percentages_of_those_who_answered() -> None:
    assert shares({"a": 1, "b": 3}, ["a", "b", "c"]) == [(1, 25), (3, 75), (0, 0)]
    assert shares({}, ["a"]) == [(0, 0)]
