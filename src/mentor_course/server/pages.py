"""The server's own HTML pages. No scripts; every value from a person is escaped."""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import quote

from mentor_course.certificates import date_text
from mentor_course.report import CompletionReport
from mentor_course.report.render import cell_text

STYLE = """
body { font-family: system-ui, sans-serif; color: #1b1b1b; line-height: 1.5; margin: 0; }
header, main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
header { border-bottom: 1px solid #6b6b6b; display: flex; gap: 1rem; align-items: center;
  flex-wrap: wrap; justify-content: space-between; }
a { color: #0b5cad; }
label { display: block; font-weight: 600; margin-top: 0.5rem; }
input, select, button { font: inherit; min-height: 2.75rem; padding: 0.3rem 0.5rem; }
input, select { border: 2px solid #6b6b6b; border-radius: 6px; }
button { border: 2px solid #0b5cad; background: #0b5cad; color: #fff; border-radius: 6px;
  padding: 0.3rem 1rem; margin-top: 0.5rem; cursor: pointer; }
:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.box { border: 1px solid #6b6b6b; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
.link { word-break: break-all; font-family: monospace; background: #f2f2f2; padding: 0.5rem; }
.error { color: #a4161a; font-weight: 600; }
table { border-collapse: collapse; } th, td { border: 1px solid #6b6b6b; padding: 0.3rem 0.6rem; }
.code { font-size: 2.5rem; letter-spacing: 0.2em; } .prompt { font-size: 1.6rem; font-weight: 700; }
.tally { font-size: 1.4rem; } .steps { display: flex; gap: 1rem; }
fieldset { border: 1px solid #6b6b6b; border-radius: 8px; } legend { font-weight: 700; }
"""


DESCRIPTION = "the mentor self-care course's server, for mentors and their coordinators."
FAVICON = "/_static/favicon.svg"


def page(title: str, body: str, signed_in: str = "", head: str = "") -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{escape(title)}: {DESCRIPTION}">
<link rel="icon" href="{FAVICON}">{head}
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><header><a href="/">Back to the course</a>{signed_in}</header>
<main><h1>{escape(title)}</h1>
{body}
</main></body></html>
"""


def problem_page(title: str, reason: str, next_step: str) -> str:
    """An error as a person sees it: what went wrong (escaped), then `next_step` (our own
    HTML: a link or an instruction)."""
    text = reason[:1].upper() + reason[1:]
    return page(title, f"<p>{escape(text.rstrip('.'))}.</p><p>{next_step}</p>")


def login_page(error: str | None = None) -> str:
    problem = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return page(
        "Coordinator sign-in",
        f"""{problem}
<form method="post" action="/coordinator/login">
<label for="name">Name</label><input id="name" name="name" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>""",
    )


def signed_in_header(name: str, csrf: str, sign_out: str = "/coordinator/logout") -> str:
    return (
        f'<form method="post" action="{sign_out}">Signed in as {escape(name)} '
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        '<button type="submit">Sign out</button></form>'
    )


def start_page(token: str, learner: str, signed_in_as: str | None) -> str:
    """The enrollment link's page: only its button, a POST, uses the link up, so a mail
    system's link scanner opening the link on delivery leaves it working."""
    other = (
        f"<p>This device is signed in as {escape(signed_in_as)} now; starting signs "
        f"{escape(signed_in_as)} out here.</p>"
        if signed_in_as
        else ""
    )
    return page(
        "Welcome to the course",
        f"""<p>This is the personal link to the course for {escape(learner)}. Start the
course to sign in on this device: your knowledge checks are then saved to your progress, and
your coordinator can see which ones you have passed (never your answers to the reflections or
your self-care plan).</p>{other}
<form method="post" action="/enroll/{quote(token, safe="")}">
<button type="submit">Start the course</button></form>
<p>The link works once. To use the course on another device later, ask your coordinator for
a new link.</p>""",
    )


def already_signed_in_page(name: str, csrf: str) -> str:
    return page(
        "You are already signed in",
        f"""<p>This device is signed in as {escape(name)}, so there is nothing more to do with
this link.</p><p><a href="/">Continue the course</a> or see <a href="/me">My progress</a>.</p>""",
        signed_in_header(name, csrf, "/me/sign-out"),
    )


def spent_link_page(status: str) -> str:
    why = {"expired": "has expired", "revoked": "was withdrawn"}.get(
        status, "has already been used"
    )
    return page(
        f"This link {why}",
        """<p>Each enrollment link works once, for a limited time. If you opened it on this
device before, you may still be signed in here: <a href="/">go to the course</a> and look for
your name at the top of the page.</p><p>On a new device, or if you were signed out, ask your
coordinator for a new link. Nothing you did is lost: your passed knowledge checks stay on your
record.</p>""",
    )


def unknown_link_page() -> str:
    return page(
        "This link does not work",
        """<p>The address may be incomplete: check that you copied the whole link from your
message. If it still does not work, ask your coordinator for a new one.</p>
<p>You can still <a href="/">read the course</a> and use its knowledge checks as a
self-check.</p>""",
    )


def signed_out_page() -> str:
    return page(
        "You are signed out",
        """<p>This device is no longer signed in to the course. Your progress is kept.</p>
<p>To sign in again, ask your coordinator for a new enrollment link. You can still
<a href="/">read the course</a> meanwhile.</p>""",
    )


def progress_page(report: CompletionReport, name: str, csrf: str) -> str:
    header = signed_in_header(name, csrf, "/me/sign-out")
    if not report.rows:
        return page(
            "My progress",
            f"<p>Signed in as {escape(name)}. No knowledge checks taken yet.</p>",
            header,
        )
    (row,) = report.rows
    items = "".join(
        f"<li>{escape(quiz.title)}: {escape(cell_text(cell))}</li>"
        for quiz, cell in zip(report.quizzes, row.cells, strict=True)
    )
    certificate = (
        '<p class="box">You have passed every knowledge check. <a href="/me/certificate.pdf">'
        "Download your certificate of completion (PDF)</a>.</p>"
        if row.completed_on
        else "<p>Pass every knowledge check to get your certificate of completion.</p>"
    )
    return page(
        "My progress",
        f"<p>Signed in as {escape(row.learner)}. {row.passed} of {len(row.cells)} "
        f"knowledge checks passed.</p><ul>{items}</ul>{certificate}",
        header,
    )


def verified_page(learner: str, course: str, completed_on: dt.date) -> str:
    """What a certificate's code confirms: the name, the course and the date, nothing more."""
    return page(
        "Certificate verified",
        f"""<p role="status">This certificate is genuine: {escape(learner)} completed
{escape(course)} on {date_text(completed_on)}.</p>""",
    )


def unverified_page() -> str:
    return page(
        "No such certificate",
        """<p>No certificate has this code. Check it against the one printed on the
certificate (letters and digits; O and 0, I and 1 are read alike). A certificate whose mentor
was removed from the course at their request is no longer listed.</p>""",
    )
