"""Sending letters: one SMTP connection per batch, one `Delivery` per letter.

The connection is encrypted unless the settings say `none`: STARTTLS is required when
asked for (a server that does not offer it is refused, never used unencrypted), and the
server's certificate is checked against the system's authorities (or the `ssl_context`
given). Reaching the server and signing in happen before any letter goes, so a wrong host,
port, certificate or password is one `MailError` and nothing is sent. After that, each
letter stands alone: a refused address is a `Delivery` with `sent=False` and the rest go.

Nothing here logs or reports a letter's body or link; SMTP debugging stays off.
"""

from __future__ import annotations

import email.errors
import logging
import re
import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from mentor_course.errors import MentorCourseError
from mentor_course.mail.messages import Letter, recipient, to_email
from mentor_course.mail.settings import (
    HOST_VAR,
    PASSWORD_FILE_VAR,
    PORT_VAR,
    SECURITY_VAR,
    USER_VAR,
    MailSettings,
)

log = logging.getLogger(__name__)

_LINK = re.compile(r"https?://\S+")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_REPLY_LENGTH = 200
LOST = "the connection to the mail server was lost before this was sent"
LOST_DURING = "the connection to the mail server was lost while sending this; it may not arrive"


class MailError(MentorCourseError):
    """The mail server could not be reached, or refused the connection or sign-in; nothing
    was sent."""


@dataclass(frozen=True)
class Delivery:
    """What became of one letter. `problem` is one line, never the body or the link."""

    to_address: str
    sent: bool
    problem: str | None = None


def _reply(code: int, text: bytes | str) -> str:
    """An SMTP reply as one short printable line."""
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    words = " ".join(_UNPRINTABLE.sub(" ", words).split())
    if len(words) > _REPLY_LENGTH:
        words = words[: _REPLY_LENGTH - 1] + "…"
    return f"{code} {words}".strip()


def _scrubbed(problem: str, letter: Letter) -> str:
    """`problem` with any of the letter's links taken out, should a server echo one."""
    for link in _LINK.findall(letter.text):
        problem = problem.replace(link, "[the link]")
    return problem


class _Lost(Exception):
    """The connection went away in the middle of a batch."""


class Postbox:
    """Sends letters through the server in `settings`.

    `ssl_context` checks the server's certificate; by default the system's authorities and
    the host name (`ssl.create_default_context()`). Pass your own to trust a private
    authority. Unused when `settings.security` is `none`.
    """

    def __init__(self, settings: MailSettings, *, ssl_context: ssl.SSLContext | None = None):
        self.settings = settings
        self._context = ssl_context

    def _ssl(self) -> ssl.SSLContext:
        if self._context is None:
            self._context = ssl.create_default_context()
        return self._context

    @property
    def _where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def check(self) -> None:
        """Reach the server and sign in, then leave; `MailError` if that fails."""
        self._close(self._open())

    def send(self, letters: Sequence[Letter]) -> list[Delivery]:
        """Send each letter on one connection; a `Delivery` for each, in order. `MailError`,
        with nothing sent, when the server cannot be reached or refuses the sign-in."""
        if not letters:
            return []
        built: list[EmailMessage | Delivery] = [self._build(letter) for letter in letters]
        smtp = self._open()
        deliveries: list[Delivery] = []
        try:
            for letter, message in zip(letters, built, strict=True):
                if isinstance(message, Delivery):
                    deliveries.append(message)
                    continue
                if smtp.sock is None:  # the server hung up (a 421 reply closes it)
                    break
                try:
                    deliveries.append(self._deliver(smtp, letter, message))
                except _Lost:
                    deliveries.append(Delivery(letter.to_address, False, LOST_DURING))
                    break
            for letter in letters[len(deliveries) :]:
                deliveries.append(Delivery(letter.to_address, False, LOST))
        finally:
            self._close(smtp)
        sent = sum(delivery.sent for delivery in deliveries)
        log.info("mail: %d of %d letters accepted by %s", sent, len(deliveries), self._where)
        return deliveries

    def _build(self, letter: Letter) -> EmailMessage | Delivery:
        """The letter as an email ready to go, or why it cannot be one."""
        try:
            recipient(letter)
            message = to_email(letter, self.settings.sender)
            message.as_bytes()  # any header that cannot be written fails here, not mid-batch
        except (ValueError, TypeError, email.errors.MessageError):
            return Delivery(
                letter.to_address, False, "not sent: this is not an address mail can go to"
            )
        return message

    def _open(self) -> smtplib.SMTP:
        """A connection that is encrypted (as the settings ask) and signed in."""
        settings = self.settings
        stage = "connect"
        smtp: smtplib.SMTP | None = None
        try:
            if settings.security == "tls":
                smtp = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=settings.timeout, context=self._ssl()
                )
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            smtp.ehlo_or_helo_if_needed()
            if settings.security == "starttls":
                stage = "starttls"
                smtp.starttls(context=self._ssl())
                smtp.ehlo()
            if settings.user is not None and settings.password is not None:
                stage = "login"
                smtp.login(settings.user, settings.password.get_secret_value())
        except (smtplib.SMTPException, OSError) as exc:
            if smtp is not None:
                smtp.close()
            raise MailError(self._problem(exc, stage)) from None
        return smtp

    def _problem(self, exc: BaseException, stage: str) -> str:
        """Why the connection failed, as one line with what to check."""
        where = f"the mail server at {self._where}"
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            reply = _reply(exc.smtp_code, exc.smtp_error)
            return (
                f"{where} refused the user name or password ({reply}); "
                f"check {USER_VAR} and the file in {PASSWORD_FILE_VAR}"
            )
        if isinstance(exc, smtplib.SMTPNotSupportedError) and stage == "starttls":
            return (
                f"{where} does not offer STARTTLS, so the letters would go unencrypted; "
                f"if it takes TLS on another port (often 465), set {SECURITY_VAR}=tls and "
                f"{PORT_VAR}"
            )
        # smtplib's "no AUTH offered" and "no method in common" (every SMTPException is an OSError).
        if stage == "login" and (
            isinstance(exc, smtplib.SMTPNotSupportedError) or type(exc) is smtplib.SMTPException
        ):
            return (
                f"{where} offers no sign-in this can use ({exc}); unset {USER_VAR} if it needs none"
            )
        if isinstance(exc, smtplib.SMTPServerDisconnected) and stage == "connect":
            # Also a port that waits for TLS first: smtplib's wait for a greeting times out.
            return (
                f"{where} closed the connection or did not greet in time ({exc}); check "
                f"{HOST_VAR} and {PORT_VAR} (a tls port such as 465 needs {SECURITY_VAR}=tls)"
            )
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            return f"{where} closed the connection before letters could be sent; try again later"
        if isinstance(exc, smtplib.SMTPResponseException):
            return f"{where} refused the connection ({_reply(exc.smtp_code, exc.smtp_error)})"
        if isinstance(exc, smtplib.SMTPException):
            return f"{where} could not be used ({exc})"
        if isinstance(exc, ssl.SSLCertVerificationError):
            return (
                f"{where} did not prove who it is ({exc.verify_message.rstrip('.')}); check that "
                f"{HOST_VAR} is the name on its certificate"
            )
        if isinstance(exc, ssl.SSLError):
            return (
                f"cannot make an encrypted connection to {where} ({exc.reason or exc}); "
                f"check {SECURITY_VAR}: starttls for port 587, tls for port 465"
            )
        if isinstance(exc, socket.gaierror):
            return f"cannot find the mail server {self.settings.host!r}; check {HOST_VAR}"
        if isinstance(exc, TimeoutError):
            return (
                f"{where} did not answer within {self.settings.timeout:g} seconds; check "
                f"{HOST_VAR} and {PORT_VAR} (a tls port such as 465 needs {SECURITY_VAR}=tls)"
            )
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"cannot reach {where} ({reason}); check {HOST_VAR} and {PORT_VAR}"

    def _deliver(self, smtp: smtplib.SMTP, letter: Letter, message: EmailMessage) -> Delivery:
        address = letter.to_address
        try:
            smtp.send_message(message, from_addr=self.settings.envelope_sender, to_addrs=[address])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()), (0, b""))
            problem = f"the server refused the address: {_reply(code, text)}"
        except smtplib.SMTPSenderRefused as exc:
            problem = (
                f"the server refused the sender {self.settings.envelope_sender}: "
                f"{_reply(exc.smtp_code, exc.smtp_error)}"
            )
        except smtplib.SMTPDataError as exc:
            problem = f"the server refused the letter: {_reply(exc.smtp_code, exc.smtp_error)}"
        except smtplib.SMTPNotSupportedError:
            problem = "the server cannot take an address with non-ASCII characters (no SMTPUTF8)"
        except smtplib.SMTPResponseException as exc:
            problem = f"the server refused the letter: {_reply(exc.smtp_code, exc.smtp_error)}"
        except (smtplib.SMTPServerDisconnected, OSError):
            raise _Lost from None
        else:
            return Delivery(address, True, None)
        return Delivery(address, False, _scrubbed(problem, letter))

    @staticmethod
    def _close(smtp: smtplib.SMTP) -> None:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
