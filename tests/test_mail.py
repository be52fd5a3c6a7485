"""Mail to mentors: the settings from the environment, the letters' words and markup, and
sending them through a real SMTP server (aiosmtpd on 127.0.0.1) over STARTTLS and TLS with
a throwaway certificate authority (trustme)."""

from __future__ import annotations

import datetime as dt
import email
import logging
import os
import ssl
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from pydantic import ValidationError

from mentor_course.errors import MentorCourseError
from mentor_course.mail import (
    Delivery,
    Letter,
    MailError,
    MailSettings,
    MailSettingsError,
    Postbox,
    invitation,
    reminder,
    to_email,
)
from mentor_course.mail.postbox import LOST
from tests.mailroom import HANG_UP, REFUSED, Mailroom, free_port, smtp_server

SENDER = "Northside Mentoring <coordinator@northside.example>"
USER = "coordinator"
PASSWORD = "correct horse battery staple"
# Long enough that quoted-printable must soft-wrap it, with the characters tokens use.
LINK = "https://course.northside.example/enroll/" + "Ab3_-xYz9" * 9


# The server --------------------------------------------------------------------------------


def authenticator(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    right = LoginPassword(USER.encode(), PASSWORD.encode())
    return AuthResult(success=auth_data == right, handled=False, auth_data=auth_data)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture(scope="module")
def client_tls(ca: trustme.CA) -> ssl.SSLContext:
    """Trusts the test authority only, and checks the host name as the default does."""
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


@pytest.fixture
def starttls_server(server_tls: ssl.SSLContext) -> Iterator[tuple[Mailroom, int]]:
    """STARTTLS before anything else, and a signed-in user before any letter."""
    with smtp_server(
        tls_context=server_tls,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticator,
    ) as server:
        yield server


def settings(port: int, **changes: Any) -> MailSettings:
    values: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": port,
        "security": "starttls",
        "user": USER,
        "password": PASSWORD,
        "sender": SENDER,
        "timeout": 5,
    }
    values.update(changes)
    return MailSettings(**values)


def invite(learner: str = "Zoë Ñandú-Øvergård", address: str = "zoe@example.org") -> Letter:
    return invitation(
        learner=learner,
        address=address,
        link=LINK,
        course="Caring for Yourself While You Care for Others",
        program="Northside Mentoring",
        expires_on=dt.date(2025, 3, 14),
    )


def parts(message: EmailMessage) -> tuple[str, str]:
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    # Line ends as on the wire (CRLF) become newlines, as a mail client shows them.
    return text.get_content().replace("\r\n", "\n"), html.get_content().replace("\r\n", "\n")


# Sending -------------------------------------------------------------------------------------


def test_an_invitation_arrives_over_starttls_signed_in_with_both_parts_and_the_link_whole(
    starttls_server: tuple[Mailroom, int], client_tls: ssl.SSLContext
) -> None:
    room, port = starttls_server
    deliveries = Postbox(settings(port), ssl_context=client_tls).send([invite()])

    assert deliveries == [Delivery("zoe@example.org", True, None)]
    assert room.signed_in == [USER.encode()]
    [envelope] = room.received
    assert envelope.mail_from == "coordinator@northside.example"
    assert envelope.rcpt_tos == ["zoe@example.org"]
    raw = envelope.content
    assert isinstance(raw, bytes) and raw.isascii()
    assert max(len(line) for line in raw.splitlines()) <= 78
    assert LINK.encode() not in raw  # quoted-printable soft-wraps it on the wire...

    [message] = room.messages()
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert all(part["Content-Transfer-Encoding"] == "quoted-printable" for part in message.walk()
               if not part.is_multipart())  # fmt: skip
    text, html = parts(message)
    assert f"\n{LINK}\n" in text  # ...and decoding gives it back whole, on a line of its own
    assert f'href="{LINK}"' in html
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Zoë Ñandú-Øvergård", "zoe@example.org")
    assert message["From"].addresses[0].display_name == "Northside Mentoring"
    assert (
        message["Subject"] == "Your personal link to Caring for Yourself While You Care for Others"
    )
    assert email.utils.parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert message["Message-ID"].endswith("@northside.example>")
    assert "Hello Zoë Ñandú-Øvergård," in text and "Zoë Ñandú-Øvergård" in html


def test_implicit_tls_checks_the_certificate_and_signs_in(
    server_tls: ssl.SSLContext, client_tls: ssl.SSLContext
) -> None:
    # aiosmtpd counts only STARTTLS as encryption for AUTH; this connection is TLS throughout.
    with smtp_server(
        ssl_context=server_tls, auth_require_tls=False, authenticator=authenticator
    ) as (room, port):
        box = Postbox(settings(port, security="tls"), ssl_context=client_tls)
        deliveries = box.send([invite(), invite("Sam", "sam@example.org")])

    assert [d.sent for d in deliveries] == [True, True]
    assert room.signed_in == [USER.encode(), USER.encode()]
    assert [m["To"].addresses[0].addr_spec for m in room.messages()] == [
        "zoe@example.org",
        "sam@example.org",
    ]


def test_a_refused_address_is_not_sent_and_the_others_still_go(
    starttls_server: tuple[Mailroom, int], client_tls: ssl.SSLContext
) -> None:
    room, port = starttls_server
    letters = [invite("Ana", "ana@example.org"), invite("Ref", REFUSED), invite("Bo", "bo@x.org")]
    deliveries = Postbox(settings(port), ssl_context=client_tls).send(letters)

    assert [(d.to_address, d.sent) for d in deliveries] == [
        ("ana@example.org", True),
        (REFUSED, False),
        ("bo@x.org", True),
    ]
    problem = deliveries[1].problem
    assert problem == (
        "the server refused the address: 550 5.1.1 <refused@example.org>: no such mailbox here"
    )
    assert "\n" not in problem and LINK not in problem and "Hello" not in problem
    assert [m["To"].addresses[0].addr_spec for m in room.messages()] == [
        "ana@example.org",
        "bo@x.org",
    ]


def test_a_letter_with_an_address_mail_cannot_go_to_is_skipped_alone(
    starttls_server: tuple[Mailroom, int], client_tls: ssl.SSLContext
) -> None:
    room, port = starttls_server
    deliveries = Postbox(settings(port), ssl_context=client_tls).send(
        [invite("Nobody", "not an address"), invite()]
    )
    assert [d.sent for d in deliveries] == [False, True]
    assert deliveries[0].problem == "not sent: this is not an address mail can go to"
    assert len(room.received) == 1


def test_when_the_server_hangs_up_mid_batch_the_rest_are_reported_unsent(
    starttls_server: tuple[Mailroom, int], client_tls: ssl.SSLContext
) -> None:
    room, port = starttls_server
    letters = [invite(), invite("Hang", HANG_UP), invite("Sam", "sam@example.org")]
    deliveries = Postbox(settings(port), ssl_context=client_tls).send(letters)
    assert [d.sent for d in deliveries] == [True, False, False]
    assert (
        deliveries[1].problem == "the server refused the address: 421 4.3.2 closing the connection"
    )
    assert deliveries[2] == Delivery("sam@example.org", False, LOST)
    assert len(room.received) == 1


def test_a_wrong_password_is_a_mail_error_and_nothing_is_sent(
    starttls_server: tuple[Mailroom, int], client_tls: ssl.SSLContext
) -> None:
    room, port = starttls_server
    box = Postbox(settings(port, password="not the password"), ssl_context=client_tls)
    with pytest.raises(MailError) as raised:
        box.send([invite(), invite("Sam", "sam@example.org")])
    message = str(raised.value)
    assert message.startswith(
        f"the mail server at 127.0.0.1:{port} refused the user name or password (535"
    )
    assert "MENTOR_COURSE_SMTP_USER" in message and "\n" not in message
    assert "not the password" not in message
    assert isinstance(raised.value, MentorCourseError)
    assert room.received == []


def test_a_certificate_from_an_unknown_authority_is_refused_before_signing_in(
    starttls_server: tuple[Mailroom, int],
) -> None:
    room, port = starttls_server
    with pytest.raises(MailError, match=r"did not prove who it is \(.*\); check that MENTOR"):
        Postbox(settings(port)).send([invite()])  # the system's authorities only
    assert room.received == []


def test_a_server_without_starttls_is_refused_rather_than_used_unencrypted(
    client_tls: ssl.SSLContext,
) -> None:
    with smtp_server() as (room, port):
        with pytest.raises(MailError, match="does not offer STARTTLS, so the letters would go"):
            Postbox(settings(port), ssl_context=client_tls).send([invite()])
        assert room.received == []


def test_tls_to_a_starttls_port_is_a_mail_error_naming_the_setting(
    starttls_server: tuple[Mailroom, int], client_tls: ssl.SSLContext
) -> None:
    room, port = starttls_server
    with pytest.raises(
        MailError, match=r"cannot make an encrypted connection .* check MENTOR_COURSE_SMTP_SECURITY"
    ):
        Postbox(settings(port, security="tls"), ssl_context=client_tls).send([invite()])
    assert room.received == []


def test_starttls_to_a_tls_port_is_a_mail_error_naming_the_setting(
    server_tls: ssl.SSLContext, client_tls: ssl.SSLContext
) -> None:
    # The server waits for TLS, the client for a greeting, until the timeout.
    with smtp_server(ssl_context=server_tls) as (room, port):
        box = Postbox(settings(port, timeout=0.5), ssl_context=client_tls)
        with pytest.raises(
            MailError, match=r"did not greet in time .* needs MENTOR_COURSE_SMTP_SECURITY=tls"
        ):
            box.send([invite()])
    assert room.received == []


def test_security_none_sends_unencrypted_without_signing_in() -> None:
    with smtp_server() as (room, port):
        box = Postbox(settings(port, security="none", user=None, password=None))
        assert [d.sent for d in box.send([invite()])] == [True]
    assert room.signed_in == []
    assert f"\n{LINK}\n" in parts(room.messages()[0])[0]


def test_no_server_listening_is_one_line_naming_the_variables() -> None:
    port = free_port()
    with pytest.raises(MailError) as raised:
        Postbox(settings(port)).send([invite()])
    assert str(raised.value) == (
        f"cannot reach the mail server at 127.0.0.1:{port} (Connection refused); "
        "check MENTOR_COURSE_SMTP_HOST and MENTOR_COURSE_SMTP_PORT"
    )


def test_check_signs_in_and_an_empty_batch_does_not_connect(
    starttls_server: tuple[Mailroom, int], client_tls: ssl.SSLContext
) -> None:
    room, port = starttls_server
    Postbox(settings(port), ssl_context=client_tls).check()
    assert Postbox(settings(free_port())).send([]) == []
    assert room.received == []


def test_nothing_is_logged_with_the_link_or_the_body(
    starttls_server: tuple[Mailroom, int],
    client_tls: ssl.SSLContext,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, port = starttls_server
    with caplog.at_level(logging.DEBUG, logger="mentor_course"):
        Postbox(settings(port), ssl_context=client_tls).send([invite(), invite("R", REFUSED)])
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("mentor_course")]
    assert ours == [f"mail: 1 of 2 letters accepted by 127.0.0.1:{port}"]


# The letters ---------------------------------------------------------------------------------


def test_the_invitation_says_who_what_how_and_until_when() -> None:
    letter = invite("Sam")
    for words in (
        "Northside Mentoring has enrolled you in Caring for Yourself While You Care for Others",
        'press "Start the course" on the page that opens',
        "only for you and works once",
        "It expires on Friday, March 14, 2025.",
        "You are receiving this because Northside Mentoring enrolled you in Caring for "
        "Yourself While You Care for Others. Questions? Reply to this email.",
    ):
        assert words in letter.text
        assert words.replace('"', "&quot;") in letter.html
    assert (letter.to_name, letter.to_address) == ("Sam", "zoe@example.org")


def test_the_html_is_self_contained_and_readable_without_styles() -> None:
    html = invite().html
    lowered = html.lower()
    for absent in ("<img", "<style", "<link", "<script", "url(", "unsubscribe", "src="):
        assert absent not in lowered
    # The button, and the address as text for a client that shows no button; nothing else.
    assert html.count("https://") == 3 and html.count(f'href="{LINK}"') == 2
    assert f">{LINK}</a>" in html
    assert '<html lang="en">' in html


def test_every_value_in_the_html_is_escaped() -> None:
    nasty = '<script>alert("x")</script> & Co'
    letters = [
        invitation(
            learner=nasty,
            address="a@example.org",
            link=LINK + "?a=1&b=2",
            course=nasty,
            program=nasty,
            expires_on=dt.date(2025, 1, 1),
        ),
        reminder(
            learner=nasty,
            address="a@example.org",
            link=LINK,
            course=nasty,
            program=nasty,
            due_on=None,
            remaining=[nasty],
        ),
    ]
    for letter in letters:
        assert "<script" not in letter.html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in letter.html
        assert nasty in letter.text  # the plain text is plain
    assert 'href="' + LINK + '?a=1&amp;b=2"' in letters[0].html


def test_a_link_must_be_a_web_address() -> None:
    for link in ("javascript:alert(1)", "https://ok.example/a b", ""):
        with pytest.raises(ValueError, match="one http:// or https:// address"):
            invitation(
                learner="A",
                address="a@example.org",
                link=link,
                course="C",
                program="P",
                expires_on=dt.date(2025, 1, 1),
            )


def test_a_reminder_with_a_fresh_link_lists_what_is_left_and_when_it_is_due() -> None:
    letter = reminder(
        learner="Ana",
        address="ana@example.org",
        link=LINK,
        course="Caring for Yourself",
        program="Northside Mentoring",
        due_on=dt.date(2025, 6, 2),
        remaining=["Secondary trauma", "Boundaries"],
    )
    assert letter.subject == "A reminder about Caring for Yourself"
    assert "Please finish it by Monday, June 2, 2025." in letter.text
    assert "You have 2 knowledge checks left:\n- Secondary trauma\n- Boundaries" in letter.text
    assert "<li>Secondary trauma</li><li>Boundaries</li>" in letter.html
    assert f"\n{LINK}\n" in letter.text and f'href="{LINK}"' in letter.html
    assert "works once" in letter.text


def test_a_reminder_without_a_link_points_to_the_address_they_have() -> None:
    letter = reminder(
        learner="Ana",
        address="ana@example.org",
        link=None,
        course="Caring for Yourself",
        program="Northside Mentoring",
        due_on=None,
        remaining=["Boundaries"],
    )
    assert "http" not in letter.text and "href" not in letter.html
    assert "You have one knowledge check left:\n- Boundaries" in letter.text
    assert "the address you already have" in letter.text
    assert "reply to this email and we will send you a new link" in letter.text
    assert "finish it by" not in letter.text


def test_a_header_cannot_be_smuggled_in_through_a_name_or_subject() -> None:
    for separator in ("\r\n", "\n", "\u2028", "\x85"):
        letter = invite(f"Eve{separator}Bcc: everyone@example.org")
        assert letter.to_name == "Eve Bcc: everyone@example.org"
        assert to_email(letter, SENDER).get_all("Bcc") is None
    with pytest.raises(ValueError, match="line break"):
        invite("Eve\x00")
    with pytest.raises(ValueError, match="line break"):
        Letter("A", "a@example.org", "Hi\nBcc: x@example.org", "text", "<p>html</p>")


def test_to_email_builds_a_standard_message() -> None:
    message = to_email(invite("O'Brien, Mary"), SENDER)
    [to] = message["To"].addresses
    assert to.display_name == "O'Brien, Mary"
    assert message.get("MIME-Version") == "1.0"
    assert [p.get("MIME-Version") for p in message.iter_parts()] == [None, None]
    flattened = message.as_bytes()
    assert flattened.isascii()
    reparsed = email.message_from_bytes(flattened, policy=policy.default)
    assert isinstance(reparsed, EmailMessage)
    assert f"\n{LINK}\n" in parts(reparsed)[0]


# The settings --------------------------------------------------------------------------------


def password_file(tmp_path: Path, content: str = PASSWORD + "\n", mode: int = 0o600) -> Path:
    path = tmp_path / "smtp-password"
    path.write_text(content, encoding="utf-8")
    path.chmod(mode)
    return path


def full_env(tmp_path: Path) -> dict[str, str]:
    return {
        "MENTOR_COURSE_SMTP_HOST": "smtp.example.org",
        "MENTOR_COURSE_SMTP_PORT": "2525",
        "MENTOR_COURSE_SMTP_SECURITY": "TLS",
        "MENTOR_COURSE_SMTP_USER": USER,
        "MENTOR_COURSE_SMTP_PASSWORD_FILE": str(password_file(tmp_path)),
        "MENTOR_COURSE_SMTP_FROM": SENDER,
    }


def test_from_env_reads_every_variable_and_the_password_file(tmp_path: Path) -> None:
    read = MailSettings.from_env(full_env(tmp_path))
    assert read is not None
    assert (read.host, read.port, read.security, read.user, read.sender) == (
        "smtp.example.org",
        2525,
        "tls",
        USER,
        SENDER,
    )
    assert read.password is not None and read.password.get_secret_value() == PASSWORD
    assert read.envelope_sender == "coordinator@northside.example"
    assert read.timeout == 20.0


def test_from_env_strips_only_the_trailing_newline(tmp_path: Path) -> None:
    env = full_env(tmp_path)
    password_file(tmp_path, "  spaced out  \r\n")
    read = MailSettings.from_env(env)
    assert read is not None and read.password is not None
    assert read.password.get_secret_value() == "  spaced out  "


def test_no_host_means_no_mail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert MailSettings.from_env({}) is None
    assert MailSettings.from_env({"MENTOR_COURSE_SMTP_HOST": " "}) is None
    for name in list(os.environ):
        if name.startswith("MENTOR_COURSE_SMTP_"):
            monkeypatch.delenv(name)
    assert MailSettings.from_env() is None
    monkeypatch.setenv("MENTOR_COURSE_SMTP_HOST", "smtp.example.org")
    monkeypatch.setenv("MENTOR_COURSE_SMTP_FROM", "c@northside.example")
    assert MailSettings.from_env() == MailSettings(
        host="smtp.example.org", sender="c@northside.example"
    )


@pytest.mark.parametrize(
    ("security", "port"), [(None, 587), ("starttls", 587), ("tls", 465), ("none", 25)]
)
def test_the_port_follows_the_kind_of_connection(security: str | None, port: int) -> None:
    env = {"MENTOR_COURSE_SMTP_HOST": "mail.example.org", "MENTOR_COURSE_SMTP_FROM": SENDER}
    if security:
        env["MENTOR_COURSE_SMTP_SECURITY"] = security
    read = MailSettings.from_env(env)
    assert read is not None and read.port == port and read.security == (security or "starttls")
    assert read.user is None and read.password is None


BAD_VALUES: list[tuple[str, str | None, str]] = [
    (
        "MENTOR_COURSE_SMTP_PORT",
        "abc",
        "MENTOR_COURSE_SMTP_PORT: 'abc' is not a port number; give a number from 1 to 65535",
    ),
    (
        "MENTOR_COURSE_SMTP_PORT",
        "70000",
        "MENTOR_COURSE_SMTP_PORT: '70000' is not a port number; give a number from 1 to 65535",
    ),
    (
        "MENTOR_COURSE_SMTP_PORT",
        "0",
        "MENTOR_COURSE_SMTP_PORT: '0' is not a port number; give a number from 1 to 65535",
    ),
    (
        "MENTOR_COURSE_SMTP_SECURITY",
        "ssl",
        "MENTOR_COURSE_SMTP_SECURITY: 'ssl' is not a kind of connection this knows; use "
        "starttls (the usual, port 587), tls (port 465) or none (port 25, unencrypted)",
    ),
    (
        "MENTOR_COURSE_SMTP_SECURITY",
        "none",
        "MENTOR_COURSE_SMTP_SECURITY: 'none' would send the password unencrypted; use "
        "starttls (port 587) or tls (port 465), or unset MENTOR_COURSE_SMTP_USER if the "
        "server needs no sign-in",
    ),
    (
        "MENTOR_COURSE_SMTP_HOST",
        "smtp://smtp.example.org",
        "MENTOR_COURSE_SMTP_HOST: 'smtp://smtp.example.org' is not a server name; write only "
        "the name, such as smtp.example.org, without smtp:// or a path",
    ),
    (
        "MENTOR_COURSE_SMTP_HOST",
        "smtp.example.org:587",
        "MENTOR_COURSE_SMTP_HOST: 'smtp.example.org:587' holds a colon; give the port in "
        "MENTOR_COURSE_SMTP_PORT, not in the name",
    ),
    (
        "MENTOR_COURSE_SMTP_HOST",
        "smtp example",
        "MENTOR_COURSE_SMTP_HOST: 'smtp example' holds spaces; give one server name, such as "
        "smtp.example.org",
    ),
    (
        "MENTOR_COURSE_SMTP_FROM",
        None,
        "MENTOR_COURSE_SMTP_FROM: is not set; give the address letters come from, such as "
        "Program Name <coordinator@example.org>",
    ),
    (
        "MENTOR_COURSE_SMTP_FROM",
        "Northside Mentoring",
        "MENTOR_COURSE_SMTP_FROM: 'Northside Mentoring' is not an email address; write it as "
        "Program Name <name@example.org>",
    ),
    (
        "MENTOR_COURSE_SMTP_FROM",
        "Northside <coordinator@localhost>",
        "MENTOR_COURSE_SMTP_FROM: 'Northside <coordinator@localhost>' has no domain after the @ "
        "(example.org); write it as Program Name <name@example.org>",
    ),
    (
        "MENTOR_COURSE_SMTP_FROM",
        "a@example.org, b@example.org",
        "MENTOR_COURSE_SMTP_FROM: 'a@example.org, b@example.org' holds more than one address; "
        "give one, such as Program Name <name@example.org>",
    ),
    (
        "MENTOR_COURSE_SMTP_PASSWORD_FILE",
        None,
        "MENTOR_COURSE_SMTP_PASSWORD_FILE: is not set, but MENTOR_COURSE_SMTP_USER is; name a "
        "file holding the mail server's password",
    ),
    (
        "MENTOR_COURSE_SMTP_USER",
        None,
        "MENTOR_COURSE_SMTP_USER: is not set, but MENTOR_COURSE_SMTP_PASSWORD_FILE is; give "
        "the user name for that password",
    ),
    (
        "MENTOR_COURSE_SMTP_USER",
        "ünïcode",
        "MENTOR_COURSE_SMTP_USER: is empty or holds a control or non-ASCII character; give the "
        "user name the mail server knows you by",
    ),
]


@pytest.mark.parametrize(("variable", "value", "expected"), BAD_VALUES)
def test_each_bad_value_is_one_line_naming_the_variable_and_the_fix(
    tmp_path: Path, variable: str, value: str | None, expected: str
) -> None:
    env = full_env(tmp_path)
    if value is None:
        del env[variable]
    else:
        env[variable] = value
    with pytest.raises(MailSettingsError) as raised:
        MailSettings.from_env(env)
    assert str(raised.value) == expected
    assert raised.value.variable == variable
    assert isinstance(raised.value, MentorCourseError)


@pytest.mark.parametrize(
    ("prepare", "expected"),
    [
        (lambda path: None, "{path}: cannot read the password file (No such file or directory)"),
        (lambda path: path.mkdir(), "{path}: cannot read the password file (Is a directory)"),
        (
            lambda path: password_file(path.parent, "x", 0o644),
            "{path} can be read by other users; it holds a password. Run: chmod 600 {path}",
        ),
        (lambda path: password_file(path.parent, "\n"), "{path}: the password file is empty"),
        (
            lambda path: password_file(path.parent, "pässword"),
            "the password holds a non-ASCII or control character, which the mail client cannot "
            "send; use a password of plain ASCII letters, digits and symbols",
        ),
    ],
    ids=["missing", "folder", "readable by others", "empty", "non-ASCII"],
)
def test_a_password_file_that_cannot_be_used_is_named(
    tmp_path: Path, prepare: Callable[[Path], object], expected: str
) -> None:
    env = full_env(tmp_path)
    path = tmp_path / "smtp-password"
    path.unlink()
    prepare(path)
    with pytest.raises(MailSettingsError) as raised:
        MailSettings.from_env(env)
    assert str(raised.value) == "MENTOR_COURSE_SMTP_PASSWORD_FILE: " + expected.format(path=path)
    assert "pässword" not in str(raised.value)


def test_the_password_never_shows(tmp_path: Path) -> None:
    read = MailSettings.from_env(full_env(tmp_path))
    assert read is not None
    for shown in (repr(read), str(read), read.model_dump_json(), repr(read.model_dump())):
        assert PASSWORD not in shown
    with pytest.raises(ValidationError) as raised:
        MailSettings(host="h.example", sender=SENDER, user="u", password="ünï secret")
    assert "ünï secret" not in str(raised.value)


def test_settings_are_frozen_and_refuse_unknown_fields() -> None:
    read = MailSettings(host="h.example", sender=SENDER)
    with pytest.raises(ValidationError):
        read.host = "elsewhere.example"
    with pytest.raises(ValidationError):
        MailSettings(host="h.example", sender=SENDER, pasword="typo")
    with pytest.raises(ValidationError, match="a user and a password together"):
        MailSettings(host="h.example", sender=SENDER, user="u")
