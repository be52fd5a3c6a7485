"""The letters the course sends, in words: the invitation with a mentor's sign-in link and
the reminder, each as plain text and as simple HTML, and how a `Letter` becomes an email.

Written for a phone: short paragraphs, the link on its own line (never wrapped), one
button. The HTML has inline styles only, no images and nothing remote, and reads the same
with styles off. Every value put into it is escaped. The subject and the text say nothing
about the young people the mentors work with: a phone's lock screen shows them.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage

from mentor_course.mail.settings import sender_address

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
_LINK = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+")

# Inline styles only (mail clients drop <style> and remote CSS); contrast at least 7:1.
_BODY = (
    "margin:0;padding:0;background:#ffffff;color:#1a1a1a;"
    "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "font-size:16px;line-height:1.5"
)
_BUTTON = (
    "display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;"
    "text-decoration:none;border-radius:6px;font-weight:bold"
)
_FOOTER = "font-size:13px;color:#4a4a4a"


@dataclass(frozen=True)
class Letter:
    """What to send to one person, before it becomes an email."""

    to_name: str
    to_address: str
    subject: str
    text: str  # the plain-text body
    html: str  # the HTML body, every interpolated value escaped

    def __post_init__(self) -> None:
        # A line break in a header would start a header of the sender's choosing.
        for label, value in (
            ("name", self.to_name),
            ("address", self.to_address),
            ("subject", self.subject),
        ):
            if _HEADER_UNSAFE.search(value):
                raise ValueError(f"the letter's {label} holds a line break or control character")


def long_date(day: dt.date) -> str:
    """`Friday, March 14, 2025`, in English whatever the machine's locale."""
    return f"{_DAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _one_line(text: str) -> str:
    """`text` with any run of whitespace (line and paragraph separators too) as one space:
    a name or title is one line, in the body and in a header."""
    return " ".join(text.split())


def _checked_link(link: str) -> str:
    if not _LINK.fullmatch(link):
        raise ValueError("a sign-in link must be one http:// or https:// address")
    return link


def _footer(program: str, course: str) -> tuple[str, str]:
    text = (
        f"You are receiving this because {program} enrolled you in {course}. "
        "Questions? Reply to this email."
    )
    return text, f'<p style="{_FOOTER}">{html.escape(text)}</p>'


def _text(paragraphs: Sequence[str], program: str, course: str) -> str:
    footer, _ = _footer(program, course)
    return "\n\n".join([*paragraphs, f"-- \n{footer}"]) + "\n"


def _html(title: str, blocks: Sequence[str], program: str, course: str) -> str:
    _, footer = _footer(program, course)
    body = "\n".join(blocks)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
</head>
<body style="{_BODY}">
<div style="max-width:560px;margin:0 auto;padding:24px 16px">
{body}
<hr style="border:0;border-top:1px solid #d0d0d0;margin:24px 0">
{footer}
</div>
</body>
</html>
"""


def _p(text: str) -> str:
    return f'<p style="margin:0 0 16px">{html.escape(text)}</p>'


def _link_blocks(link: str, label: str) -> list[str]:
    """A button, then the address itself for a client that shows no buttons."""
    href = html.escape(link, quote=True)
    return [
        f'<p style="margin:24px 0"><a href="{href}" style="{_BUTTON}">{html.escape(label)}</a></p>',
        '<p style="margin:0 0 16px">If the button does not work, copy this address into your '
        f'browser:<br><a href="{href}" style="color:#1d4ed8;word-break:break-all">'
        f"{html.escape(link)}</a></p>",
    ]


def invitation(
    *, learner: str, address: str, link: str, course: str, program: str, expires_on: dt.date
) -> Letter:
    """The letter that brings a mentor into the course with their personal sign-in link."""
    link = _checked_link(link)
    learner, course, program = _one_line(learner), _one_line(course), _one_line(program)
    expires = long_date(expires_on)
    hello = f"Hello {learner},"
    intro = (
        f"{program} has enrolled you in {course}, a short online course on self-care for "
        "mentors. You can take it at your own pace, on your phone or a computer."
    )
    how = (
        'Open your personal link and press "Start the course" on the page that opens. '
        "That signs you in on that device."
    )
    rules = (
        f"The link is only for you and works once. It expires on {expires}. If it has "
        "expired, or you want to use the course on another device, reply to this email for "
        "a new one."
    )
    closing = f"Warm regards,\n{program}"
    text = _text(
        [hello, intro, f"Your personal link:\n{link}", how, rules, closing], program, course
    )
    body = [
        _p(hello),
        _p(intro),
        *_link_blocks(link, "Open your course link"),
        _p(how),
        _p(rules),
        f'<p style="margin:0 0 16px">Warm regards,<br>{html.escape(program)}</p>',
    ]
    subject = f"Your personal link to {course}"
    return Letter(learner, address, subject, text, _html(subject, body, program, course))


def _remaining_words(remaining: Sequence[str]) -> tuple[str, str, str]:
    """What is left, as a sentence, as plain-text lines and as an HTML list."""
    if not remaining:
        return "You have passed every knowledge check. Thank you!", "", ""
    count = len(remaining)
    sentence = (
        "You have one knowledge check left:"
        if count == 1
        else f"You have {count} knowledge checks left:"
    )
    lines = "\n".join(f"- {title}" for title in remaining)
    items = "".join(f"<li>{html.escape(title)}</li>" for title in remaining)
    return sentence, lines, f'<ul style="margin:0 0 16px;padding-left:24px">{items}</ul>'


def reminder(
    *,
    learner: str,
    address: str,
    link: str | None,
    course: str,
    program: str,
    due_on: dt.date | None,
    remaining: list[str],
) -> Letter:
    """A friendly nudge: what is left and by when, with a fresh sign-in link or, without one,
    where to find the course."""
    learner, course, program = _one_line(learner), _one_line(course), _one_line(program)
    remaining = [_one_line(title) for title in remaining]
    hello = f"Hello {learner},"
    nudge = f"A friendly reminder from {program} about {course}."
    if due_on is not None:
        nudge += f" Please finish it by {long_date(due_on)}."
    sentence, lines, items = _remaining_words(remaining)
    if link is not None:
        link = _checked_link(link)
        how = (
            'Here is a new personal link. Open it and press "Start the course" on the page '
            "that opens. It is only for you and works once."
        )
    else:
        how = (
            "Open the course at the address you already have; on the device where you "
            "started it you are still signed in. If you cannot find it, reply to this email "
            "and we will send you a new link."
        )
    closing = f"Warm regards,\n{program}"
    paragraphs = [hello, nudge, f"{sentence}\n{lines}" if lines else sentence, how]
    if link is not None:
        paragraphs.append(link)
    text = _text([*paragraphs, closing], program, course)
    body = [_p(hello), _p(nudge), _p(sentence)]
    if items:
        body.append(items)
    body.append(_p(how))
    if link is not None:
        body.extend(_link_blocks(link, "Open your course link"))
    body.append(f'<p style="margin:0 0 16px">Warm regards,<br>{html.escape(program)}</p>')
    subject = f"A reminder about {course}"
    return Letter(learner, address, subject, text, _html(subject, body, program, course))


def recipient(letter: Letter) -> Address:
    """The letter's To address; `ValueError` when it is not an address mail can go to."""
    try:
        address = Address(display_name=letter.to_name.strip(), addr_spec=letter.to_address)
    except (ValueError, IndexError, TypeError):
        raise ValueError(f"{letter.to_address!r} is not an email address") from None
    if not address.username or not address.domain:
        raise ValueError(f"{letter.to_address!r} is not an email address")
    return address


def to_email(letter: Letter, sender: str) -> EmailMessage:
    """The letter as an email from `sender` (a From value, name and address): text and HTML
    as alternatives, each quoted-printable so a long line (the link) is never broken."""
    source = sender_address(sender)
    message = EmailMessage()
    message["From"] = source
    message["To"] = recipient(letter)
    message["Subject"] = letter.subject
    message["Date"] = email.utils.format_datetime(dt.datetime.now(dt.UTC))
    # The sender's domain, not this machine's name (slow to look up, and private).
    message["Message-ID"] = email.utils.make_msgid(domain=source.domain)
    message.set_content(letter.text, cte="quoted-printable")
    message.add_alternative(letter.html, subtype="html", cte="quoted-printable")
    for part in message.iter_parts():
        del part["MIME-Version"]  # once, at the top, is enough
    return message
