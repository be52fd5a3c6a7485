"""A person who meets an error gets a page that says what to do next; scripts get JSON."""

from __future__ import annotations

from tests.server.conftest import COORDINATOR, Server


def is_page(response: object) -> bool:
    headers = response.headers  # type: ignore[attr-defined]
    return headers["content-type"].startswith("text/html") and "<h1>" in response.text  # type: ignore[attr-defined]


def test_pages_answer_errors_with_a_next_step_and_the_api_with_json(server: Server) -> None:
    visitor = server.client()
    coordinator = visitor.get("/coordinator")
    assert coordinator.status_code == 401 and is_page(coordinator)
    assert 'href="/coordinator/login"' in coordinator.text
    progress = visitor.get("/me")
    assert progress.status_code == 401 and is_page(progress)
    assert "enrollment link" in progress.text
    missing = visitor.get("/book/no-such-chapter.html")
    assert missing.status_code == 404 and is_page(missing) and 'href="/search.html"' in missing.text
    form = visitor.post("/coordinator/login", data={"name": COORDINATOR})
    assert form.status_code == 422 and is_page(form) and "Password: field required" in form.text
    for _ in range(5):
        visitor.post("/coordinator/login", data={"name": COORDINATOR, "password": "wrong"})
    locked = visitor.post("/coordinator/login", data={"name": COORDINATOR, "password": "x"})
    assert locked.status_code == 429 and is_page(locked) and locked.headers["retry-after"]
    api = visitor.get("/api/me/attempts")
    assert api.status_code == 401 and api.json()["detail"].startswith("open the course")


def test_after_signing_out_the_dashboard_says_to_sign_in(server: Server) -> None:
    coordinator = server.coordinator()
    token = coordinator.get("/api/session").json()["csrf"]
    coordinator.post("/coordinator/logout", data={"csrf": token})
    again = coordinator.get("/coordinator")
    assert again.status_code == 401 and is_page(again) and "Sign in as a coordinator" in again.text
