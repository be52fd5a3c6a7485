"""CSRF, headers, cookies, escaping, bad input and login limits, against the real app."""

from __future__ import annotations

import re
import uuid

import pytest

from mentor_course.store import Store, UnknownLearner
from tests.attempts import bank
from tests.server.conftest import COORDINATOR, Server, csrf

XSS = "<img src=x onerror=alert(1)>"


def attempt(bank_id: str = "practice", **answers: object) -> dict[str, object]:
    return {"attempt_id": str(uuid.uuid4()), "bank_id": bank_id, "answers": answers}


def test_attempts_need_the_csrf_token_and_the_same_origin(server: Server) -> None:
    mentor = server.mentor("Ann")
    assert mentor.post("/api/attempts", json=attempt()).status_code == 403
    wrong = {"X-CSRF-Token": "guess"}
    assert mentor.post("/api/attempts", json=attempt(), headers=wrong).status_code == 403
    other_site = {**csrf(mentor), "Origin": "https://evil.example"}
    assert mentor.post("/api/attempts", json=attempt(), headers=other_site).status_code == 403
    cross = {**csrf(mentor), "Sec-Fetch-Site": "cross-site"}
    assert mentor.post("/api/attempts", json=attempt(), headers=cross).status_code == 403
    assert mentor.post("/api/attempts", json=attempt(), headers=csrf(mentor)).status_code == 200


def test_coordinator_forms_need_the_csrf_field(server: Server) -> None:
    coordinator = server.coordinator()
    form = {"name": "Someone"}
    assert coordinator.post("/coordinator/enroll", data=form).status_code == 403
    token = coordinator.get("/api/session").json()["csrf"]
    assert coordinator.post("/coordinator/enroll", data={**form, "csrf": token}).status_code == 200


def test_security_headers_on_book_api_and_pages(server: Server) -> None:
    client = server.client()
    for path in ["/book/practice.html", "/api/session", "/coordinator/login", "/nope"]:
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "http" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    # Coordinator pages run the course's own copy-button script, never inline script.
    coordinator_policy = client.get("/coordinator/login").headers["content-security-policy"]
    assert "script-src 'self';" in coordinator_policy
    assert "script-src" not in client.get("/me").headers["content-security-policy"]


def test_session_cookie_flags(server: Server) -> None:
    token = server.enroll("Ann")
    plain = server.client().post(f"/enroll/{token}", follow_redirects=False)
    cookie = plain.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    secure_client = server.client(base_url="https://course.example")
    secure = secure_client.post(f"/enroll/{server.enroll('Bo')}", follow_redirects=False)
    assert "secure" in secure.headers["set-cookie"].lower()
    assert plain.headers["location"] == "/"  # the token is gone from the address


def test_an_enrollment_link_works_once(server: Server) -> None:
    token = server.enroll("Ann")
    assert server.client().post(f"/enroll/{token}", follow_redirects=False).status_code == 303
    for method in ("GET", "POST"):
        again = server.client().request(method, f"/enroll/{token}", follow_redirects=False)
        assert again.status_code == 410 and "ask your" in again.text
        assert "set-cookie" not in again.headers
    made_up = server.client().get("/enroll/made-up", follow_redirects=False)
    assert made_up.status_code == 404 and "copied the whole link" in made_up.text


def test_mail_scanners_opening_a_link_leave_it_working(server: Server) -> None:
    """Mail systems open every link on delivery, with GET and HEAD: only the page's POST
    uses the link up."""
    token = server.enroll("Ann")
    scanner = server.client()
    for _ in range(3):
        assert scanner.head(f"/enroll/{token}").status_code == 200
        page = scanner.get(f"/enroll/{token}")
        assert page.status_code == 200 and "set-cookie" not in page.headers
        assert "Start the course" in page.text and "Ann" in page.text
    assert scanner.get("/api/session").json()["role"] == "anonymous"
    mentor = server.client()
    assert mentor.post(f"/enroll/{token}", follow_redirects=False).status_code == 303
    assert mentor.get("/api/session").json()["name"] == "Ann"


def test_the_start_button_refuses_another_sites_form(server: Server) -> None:
    token = server.enroll("Ann")
    forged = server.client().post(f"/enroll/{token}", headers={"Sec-Fetch-Site": "cross-site"})
    assert forged.status_code == 403
    assert server.client().get(f"/enroll/{token}").status_code == 200  # still unused


def test_opening_ones_own_link_again_while_signed_in_says_so(server: Server) -> None:
    token = server.enroll("Ann")
    mentor = server.client()
    mentor.post(f"/enroll/{token}", follow_redirects=False)
    again = mentor.get(f"/enroll/{token}")
    assert again.status_code == 200 and "You are already signed in" in again.text
    assert "Ann" in again.text and 'href="/me"' in again.text
    assert mentor.post(f"/enroll/{token}", follow_redirects=False).status_code == 303


def test_a_mentor_signs_out_and_back_in_on_a_new_device(server: Server) -> None:
    phone = server.mentor("Ann")
    assert "Sign out" in phone.get("/me").text
    wrong = phone.post("/me/sign-out", data={"csrf": "stale"}, follow_redirects=False)
    assert wrong.status_code == 403
    form = {"csrf": phone.get("/api/session").json()["csrf"]}
    out = phone.post("/me/sign-out", data=form, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/me/signed-out"
    assert phone.get("/api/session").json()["role"] == "anonymous"
    assert phone.get("/me").status_code == 401
    assert "new enrollment link" in phone.get("/me/signed-out").text
    # A fresh link from the coordinator signs the same learner in on a new device.
    laptop = server.client()
    laptop.post(f"/enroll/{server.enroll('Ann')}", follow_redirects=False)
    assert laptop.get("/api/session").json()["name"] == "Ann"


def test_a_link_for_someone_else_signs_the_first_mentor_out(server: Server) -> None:
    shared = server.mentor("Ann")
    token = server.enroll("Bo")
    page = shared.get(f"/enroll/{token}")
    assert "signed in as Ann now" in page.text
    old_csrf = shared.get("/api/session").json()["csrf"]
    shared.post(f"/enroll/{token}", follow_redirects=False)
    now = shared.get("/api/session").json()
    assert now["name"] == "Bo" and now["csrf"] != old_csrf


def test_names_are_escaped_on_coordinator_pages(server: Server) -> None:
    server.enroll(XSS, cohort=f"{XSS} cohort")
    page = server.coordinator().get("/coordinator").text
    assert XSS not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b"{not json", 422, "JSON"),
        (b'{"attempt_id": "nope", "bank_id": "practice", "answers": {}}', 422, "uuid"),
        (b'{"attempt_id": "%s", "bank_id": 7, "answers": []}', 422, "string"),
        (b'{"attempt_id": "%s", "bank_id": "no-such-quiz", "answers": {}}', 404, "no quiz"),
        (b'{"attempt_id": "%s", "bank_id": "practice", "answers": {"zz": "a"}}', 422, "unknown"),
        (b'{"attempt_id": "%s", "bank_id": "practice", "answers": {}, "x": 1}', 422, "extra"),
    ],
)
def test_bad_requests_get_a_4xx_with_a_reason(
    server: Server, body: bytes, status: int, words: str
) -> None:
    mentor = server.mentor("Ann")
    if b"%s" in body:
        body = body % str(uuid.uuid4()).encode()
    headers = {**csrf(mentor), "Content-Type": "application/json"}
    response = mentor.post("/api/attempts", content=body, headers=headers)
    assert response.status_code == status
    assert words.lower() in response.text.lower()


def test_an_oversize_body_is_refused(server: Server) -> None:
    mentor = server.mentor("Ann")
    huge = attempt(padding="x" * 100_000)
    response = mentor.post("/api/attempts", json=huge, headers=csrf(mentor))
    assert response.status_code == 413 and "larger than" in response.json()["detail"]


def test_login_is_rate_limited(server: Server) -> None:
    client = server.client()
    for _ in range(5):
        bad = {"name": COORDINATOR, "password": "wrong"}
        assert client.post("/coordinator/login", data=bad).status_code == 401
    good = {"name": COORDINATOR, "password": "a long enough password"}
    assert client.post("/coordinator/login", data=good).status_code == 429


def test_the_served_book_carries_no_answer_key(server: Server) -> None:
    client = server.client()
    page = client.get("/book/compassion-fatigue-vs-burnout.html").text
    data = re.search(r'class="mc-widget-data">(.*?)</script>', page, re.S)
    assert data is not None
    for secret in ['"correct"', '"feedback"', '"explanation"', '"key"']:
        assert secret not in data.group(1)
    api = client.get("/api/quizzes/compassion-fatigue-vs-burnout").text
    assert '"correct"' not in api and '"feedback"' not in api


def test_the_same_attempt_twice_counts_once_and_a_changed_one_is_refused(server: Server) -> None:
    mentor = server.mentor("Ann")
    body = attempt()
    first = mentor.post("/api/attempts", json=body, headers=csrf(mentor))
    again = mentor.post("/api/attempts", json=body, headers=csrf(mentor))
    assert first.json()["stored"] is True and again.json()["stored"] is False
    quiz = bank("practice")
    changed = {
        **body,
        "answers": dict(list(quiz.right_answers(quiz.draw(body["attempt_id"])).items())[:1]),
    }
    assert mentor.post("/api/attempts", json=changed, headers=csrf(mentor)).status_code == 409
    with Store.open(server.url) as store:
        assert [a.id for a in store.attempts("Ann")] == [body["attempt_id"]]


def test_a_mentor_deleted_while_signed_in_records_nothing(server: Server) -> None:
    mentor = server.mentor("Ann")
    headers = csrf(mentor)
    assert mentor.post("/api/attempts", json=attempt(), headers=headers).status_code == 200
    with Store.open(server.url) as store:
        store.delete_learner("Ann")
    assert mentor.post("/api/attempts", json=attempt(), headers=headers).status_code == 401
    with Store.open(server.url) as store, pytest.raises(UnknownLearner):
        store.export_learner("Ann")  # not brought back by the late attempt
