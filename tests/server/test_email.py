"""Email through the real app to a real SMTP server (aiosmtpd on 127.0.0.1): an invitation
arrives and its link works once, through the confirm page; reminders are previewed,
counted and sent with a fresh link; each email is recorded without its link; a mail server
that refuses or is gone is reported on the page, and nothing is lost."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient

from mentor_course.mail import MailSettings
from mentor_course.store import Store
from tests.mailroom import REFUSED, Mailroom, free_port, smtp_server
from tests.server.conftest import Server

SENDER = "Northside Mentoring <coordinator@northside.example>"


def mailed_server(server: Server, port: int) -> Server:
    """The test's server and store, now sending mail through 127.0.0.1:`port`."""
    mail = MailSettings(host="127.0.0.1", port=port, security="none", sender=SENDER, timeout=5)
    settings = dataclasses.replace(server.settings, mail=mail)
    return Server(server.url, settings, server.clients)


@pytest.fixture
def mailroom() -> Iterator[tuple[Mailroom, int]]:
    with smtp_server() as running:
        yield running


def form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf": client.get("/api/session").json()["csrf"], **fields}


def link_in(message: EmailMessage) -> str:
    """The personal link in the plain-text part, as a mentor's mail app shows it."""
    plain = message.get_body(("plain",))
    assert plain is not None
    found = re.search(r"https?://\S+/enroll/[\w-]+", plain.get_content())
    assert found is not None
    return found.group(0)


def local(link: str) -> str:
    return link.split("testserver", 1)[1]


def test_an_invitation_arrives_and_its_link_works_once(
    server: Server, mailroom: tuple[Mailroom, int]
) -> None:
    room, port = mailroom
    mailed = mailed_server(server, port)
    coordinator = mailed.coordinator()
    fields = {"name": "Dana Ruiz", "email": "dana@example.org", "cohort": "Spring"}
    page = coordinator.post("/coordinator/enroll", data=form(coordinator, **fields))
    assert page.status_code == 200 and "It was emailed to dana@example.org." in page.text

    (message,) = room.messages()
    assert message["To"].addresses[0].addr_spec == "dana@example.org"
    assert "Dana Ruiz" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert message.get_body(("html",)) is not None  # plain text and HTML
    link = link_in(message)
    assert link == re.search(r'value="(http[^"]+/enroll/[^"]+)"', page.text).group(1)  # type: ignore[union-attr]

    mentor = mailed.client()
    for _ in range(2):  # a mail scanner's GET, then the mentor's: neither spends it
        confirm = mentor.get(local(link))
        assert confirm.status_code == 200 and "Start the course" in confirm.text
    started = mentor.post(local(link), follow_redirects=False)
    assert started.status_code == 303
    assert mentor.get("/api/session").json()["name"] == "Dana Ruiz"
    spent = mailed.client().post(local(link), follow_redirects=False)
    assert spent.status_code in {403, 410} and "Start the course" not in spent.text

    with Store.open(server.url) as store:
        (dana,) = store.learners_named("Dana Ruiz")
        details = store.export_learner(dana.id)
    (sent,) = details["sent_emails"]
    assert sent["kind"] == "invitation" and sent["address"] == "dana@example.org"
    assert sent["problem"] is None and sent["sent_at"]
    token = link.rsplit("/", 1)[1]
    assert token not in repr(details)


def test_reminders_are_previewed_counted_and_sent_with_a_fresh_link(
    server: Server, mailroom: tuple[Mailroom, int]
) -> None:
    room, port = mailroom
    mailed = mailed_server(server, port)
    with Store.open(server.url) as store:
        store.add_cohort("Spring")
        for name, address in [("Ann", "ann@example.org"), ("Bo", "bo@example.org"), ("Cy", "")]:
            store.create_enrollment(name, email=address or None, cohort="Spring")
        store.create_enrollment("Di", email="di@example.org", cohort="Fall")
    coordinator = mailed.coordinator()

    preview = coordinator.get("/coordinator/reminders", params={"cohort": "spring"})
    assert preview.status_code == 200
    assert "2 not finished in Spring, with an email" in preview.text
    assert "Send 2 reminders" in preview.text and "1 not finished, without an email" in preview.text
    assert room.received == []  # a preview sends nothing

    sent = coordinator.post("/coordinator/reminders", data=form(coordinator, cohort="Spring"))
    assert sent.status_code == 200 and "Sent 2 reminders." in sent.text
    messages = room.messages()
    assert sorted(m["To"].addresses[0].addr_spec for m in messages) == [
        "ann@example.org",
        "bo@example.org",
    ]
    ann = next(m for m in messages if m["To"].addresses[0].addr_spec == "ann@example.org")
    assert "knowledge check" in ann.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    mentor = mailed.client()
    assert mentor.post(local(link_in(ann)), follow_redirects=False).status_code == 303
    assert mentor.get("/api/session").json()["name"] == "Ann"
    with Store.open(server.url) as store:
        kinds = [e["kind"] for e in store.export_learner(store.learner("Ann").id)["sent_emails"]]
    assert kinds == ["reminder"]


def test_a_refused_address_and_a_missing_mail_server_are_reported_and_nothing_is_lost(
    server: Server, mailroom: tuple[Mailroom, int]
) -> None:
    room, port = mailroom
    coordinator = mailed_server(server, port).coordinator()
    fields = {"name": "Ed", "email": REFUSED, "cohort": "Spring"}
    refused = coordinator.post("/coordinator/enroll", data=form(coordinator, **fields))
    assert refused.status_code == 200 and "It could not be emailed" in refused.text
    assert "/enroll/" in refused.text  # the link is still there to copy

    gone = mailed_server(server, free_port()).coordinator()  # nothing listens there
    fields = {"name": "Flo", "email": "flo@example.org", "cohort": "Spring"}
    page = gone.post("/coordinator/enroll", data=form(gone, **fields))
    assert page.status_code == 200 and "It could not be emailed" in page.text
    assert "/enroll/" in page.text
    with Store.open(server.url) as store:
        flo = store.learner("Flo")
        (noted,) = store.export_learner(flo.id)["sent_emails"]
        assert noted["problem"] and store.links_of(flo.id)[0].status == "sent"
    assert [m["To"].addresses[0].addr_spec for m in room.messages()] == []
