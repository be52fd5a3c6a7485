"""One course server's state: its settings, store, quiz banks and the helpers every router uses.

`create_app` builds one `ServerState` and puts it on `app.state.server`; routes reach it
through the `State` dependency (deps.py), never through module globals, so several apps
(one per test, say) can run in one process, each on its own store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from fastapi import HTTPException, Request, Response

from mentor_course.course import Course
from mentor_course.mail import MailSettings
from mentor_course.quiz import QuizBank
from mentor_course.references import load_references
from mentor_course.report import QuizColumn
from mentor_course.server.offline import OfflineCopies
from mentor_course.server.room import JoinAddress, join_address
from mentor_course.server.security import LoginLimiter, RateLimit
from mentor_course.server.sessions import SessionCache
from mentor_course.store import AttemptWriter, LiveSession, Store
from mentor_course.support import ProgramConfig, load_program_config

COOKIE = "mentor_course_session"
MENTOR_SESSION = dt.timedelta(days=30)
COORDINATOR_SESSION = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Settings:
    store_url: str | None
    book_dir: Path
    course: Course
    max_body: int = 64 * 1024
    secure_cookies: bool = False  # served over HTTPS (`serve --https`): Secure cookies, HSTS
    host: str = "127.0.0.1"  # the address `serve` listens on, to tell phones where to join
    # Where mentors reach the course (`serve --base-url`), when it is not where a
    # coordinator's browser reaches it (a reverse proxy): links and emails point there.
    base_url: str | None = None
    mail: MailSettings | None = None  # from MENTOR_COURSE_SMTP_*: without it, links are copied
    # How long a sign-in lasts: a mentor's phone for a month of the course, a coordinator's
    # browser (which sees every mentor's record) for a working day.
    mentor_session: dt.timedelta = MENTOR_SESSION
    coordinator_session: dt.timedelta = COORDINATOR_SESSION


# Self-checks a client may make in an hour without signing in: a visitor trying every
# knowledge check a few times, not an attacker probing for the key.
SELF_CHECKS_PER_HOUR = 20


def _program(course: Course) -> ProgramConfig:
    path = course.root / "program.yml"
    if not path.is_file():
        return ProgramConfig(program="Your mentoring program")
    config, _ = load_program_config(path)
    return config


@dataclass(frozen=True)
class ServerState:
    settings: Settings
    store: Store
    banks: dict[str, QuizBank]
    citations: dict[str, str]
    quiz_columns: list[QuizColumn]
    limiter: LoginLimiter
    join_limiter: RateLimit
    check_limiter: RateLimit
    sessions: SessionCache
    writer: AttemptWriter
    offline: OfflineCopies
    program: ProgramConfig  # its name and the course's hours, for emails and certificates
    course_title: str

    @classmethod
    def open(cls, settings: Settings) -> ServerState:
        """Open the store and read the course's quiz banks and references."""
        store = Store.open(settings.store_url)
        banks = {bank.id: bank for bank in settings.course.banks()}
        return cls(
            settings=settings,
            store=store,
            banks=banks,
            citations=load_references(settings.course.bibliography),
            quiz_columns=[QuizColumn(b.id, b.title) for b in banks.values()],
            limiter=LoginLimiter(),
            # A room of phones on one network may share an address: generous, but bounded.
            join_limiter=RateLimit(
                120, 60, "too many phones joined from here in a minute; wait a moment"
            ),
            check_limiter=RateLimit(
                SELF_CHECKS_PER_HOUR,
                3600,
                "you have checked many attempts from here this hour without signing in; open "
                "the course with your enrollment link to have them recorded, or come back later",
            ),
            sessions=SessionCache(store),
            writer=AttemptWriter(store),
            offline=OfflineCopies(settings.book_dir),
            program=_program(settings.course),
            course_title=settings.course.title(),
        )

    def close(self) -> None:
        # The writer first: its last commit still needs the store.
        self.writer.close()
        self.store.close()

    def bank(self, bank_id: str) -> QuizBank:
        """The quiz `bank_id`, or a 404."""
        if bank_id not in self.banks:
            raise HTTPException(404, f"no quiz {bank_id!r}")
        return self.banks[bank_id]

    def live(self, code: str) -> tuple[LiveSession, QuizBank]:
        """The live check-in with join code `code` and its quiz, or a 404."""
        found = self.store.group_session(code)
        if found is None or found.bank_id not in self.banks:
            raise HTTPException(404, "no group check-in with that code")
        quiz = self.banks[found.bank_id]
        # A check-in started before its bank lost questions may point past its end.
        last = len(quiz.questions) - 1
        return replace(found, question_index=min(found.question_index, last)), quiz

    def public_address(self, request: Request) -> JoinAddress:
        """Where a mentor's phone reaches the course, for links, emails and the join page:
        the base URL if one is set, else the address the coordinator's browser used (or this
        machine's network address, if that was its own loopback)."""
        if self.settings.base_url:
            return JoinAddress(self.settings.base_url.rstrip("/"), True)
        url = request.url
        return join_address(url.scheme, url.hostname or "", url.port, self.settings.host)

    def secure_cookies(self, request: Request) -> bool:
        """Whether cookies get the Secure flag: always behind an HTTPS proxy, else over https."""
        return self.settings.secure_cookies or request.url.scheme == "https"

    def end_session(self, request: Request) -> None:
        """End the session the request's cookie holds, if any (the caller drops the cookie)."""
        token = request.cookies.get(COOKIE)
        if token:
            # Forgotten by this process's cache at once, not `ttl` seconds later.
            self.sessions.forget(token)
            self.store.end_session(token)

    def set_session(
        self, response: Response, request: Request, token: str, lifetime: dt.timedelta
    ) -> None:
        """Sign the browser in: the session cookie, out of reach of the page's scripts, kept
        as long as the session lasts in the store."""
        response.set_cookie(
            COOKIE,
            token,
            httponly=True,
            samesite="lax",
            secure=self.secure_cookies(request),
            max_age=int(lifetime.total_seconds()),
        )
