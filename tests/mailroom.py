"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 keeping what it is sent, refusing
one address and hanging up on another, as mail servers do."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

REFUSED = "refused@example.org"
HANG_UP = "hang-up@example.org"


@dataclass
class Mailroom:
    """An aiosmtpd handler that keeps what it is given and refuses some addresses."""

    received: list[Envelope] = field(default_factory=list)
    signed_in: list[bytes] = field(default_factory=list)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        if address == REFUSED:
            return "550 5.1.1 <refused@example.org>: no such mailbox here"
        if address == HANG_UP:
            return "421 4.3.2 closing the connection"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if session.authenticated:
            self.signed_in.append(session.auth_data.login)
        self.received.append(envelope)
        return "250 2.0.0 queued"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(envelope.content, policy=policy.default)
            for envelope in self.received
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(**options: Any) -> Iterator[tuple[Mailroom, int]]:
    room = Mailroom()
    port = free_port()
    controller = Controller(
        room, hostname="127.0.0.1", port=port, server_hostname="mail.test", **options
    )
    controller.start()
    try:
        yield room, port
    finally:
        controller.stop()
