"""The server's safety net: security headers, a body size limit, CSRF checks, login limits,
and the coordinators' password hashing."""

from __future__ import annotations

import json
import logging
import math
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from fastapi import HTTPException, Request

from mentor_course.server.pages import problem_page

log = logging.getLogger("mentor_course.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Hashes coordinators' passwords (`mentor-course coordinator add`) and checks them at sign-in.
passwords = PasswordHasher()


@cache
def dummy_hash() -> str:
    """What a sign-in with an unknown name is checked against, made with the same parameters."""
    return passwords.hash("not anyone's password")


# The book's theme uses small inline scripts, and the widgets import their
# modules from blob: URLs; nothing may come from another origin.
BOOK_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Our own pages (coordinator, progress) have no scripts at all; `connect-src 'self'` lets
# crawlers' in-page checks (Lighthouse reads /robots.txt so) reach this server, nothing else.
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Live check-in pages load one script of ours, to follow the room; coordinator pages one to
# copy links.
SCRIPTED_CSP = PAGE_CSP.replace("default-src 'none';", "default-src 'none'; script-src 'self';")
SCRIPTED_PAGES = ("/coordinator", "/live/")
PRIVATE_PREFIXES = ("/api/", "/coordinator", "/me", "/enroll/", "/live/", "/join")
OWN_PAGES = ("/coordinator", "/me", "/enroll/", "/live/", "/join")


class SecurityHeaders:
    """Adds the security headers to every response, errors included.

    Pure ASGI and the outermost of our middleware: an exception no handler took becomes a
    plain 500 here, with the headers, rather than Starlette's bare one outside them. `hsts`
    (under `serve --https`) tells browsers to use HTTPS only, for a year.
    """

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app, self.hsts = app, hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        ours = path.startswith(OWN_PAGES)
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _policy(path, ours).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                if self.hsts:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                if path.startswith(PRIVATE_PREFIXES):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # A bug: its traceback is logged for whoever fixes it; the person sees a short page.
            log.exception("unexpected error answering %s %s", scope["method"], path)
            if started:
                raise
            body = b"Something went wrong on the course server. Please try again in a moment."
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                }
            )
            await send({"type": "http.response.body", "body": body})


def _policy(path: str, ours: bool) -> str:
    if path.startswith(SCRIPTED_PAGES):
        return SCRIPTED_CSP
    return PAGE_CSP if ours else BOOK_CSP


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, declared or streamed; paths in
    `larger` (a roster upload) have a limit of their own."""

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None) -> None:
        self.app, self.default, self.larger = app, limit, larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.default)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(scope, send, limit)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(scope, send, limit)


class StrictInput:
    """Refuses input no route could store or answer about, each with a 400 and the reason:

    - a NUL character anywhere (in the path, the query, a form or JSON): PostgreSQL cannot
      store one, and no name or answer needs one;
    - in JSON, NaN and Infinity (not JSON, though Python's parser takes them), unpaired
      surrogates (no UTF-8 can hold them) and nesting too deep to walk: FastAPI's own answer
      failed to encode them and became a 500.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
            await _refuse(scope, send, 400, NUL_REASON)
            return
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"")
        if not any(kind in content_type for kind in (b"json", b"form")):
            await self.app(scope, receive, send)
            return
        messages, body = [], b""
        while True:  # bounded: BodyLimit, outside, counts what is read here
            message = await receive()
            messages.append(message)
            body += message.get("body", b"")
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        if b"json" in content_type:
            problem = _json_problem(body)
        else:
            # In a urlencoded form a "%" typed by a person is "%25": "%00" can only be a NUL.
            url_nul = b"urlencoded" in content_type and b"%00" in body
            problem = NUL_REASON if b"\x00" in body or url_nul else None
        if problem:
            await _refuse(scope, send, 400, problem)
            return
        replay = iter(messages)

        async def replayed() -> Message:
            return next(replay, None) or await receive()

        await self.app(scope, replayed, send)


NUL_REASON = "the request holds a NUL character, which no field may contain"


class _Refused(ValueError):
    pass


def _no_constant(name: str) -> None:
    raise _Refused(f"{name} is not a JSON number; send a finite number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400 parses as infinity
        raise _Refused(f"{text[:20]} is too large a number; send a finite one")
    return number


def _json_problem(body: bytes) -> str | None:
    try:
        parsed = json.loads(body, parse_constant=_no_constant, parse_float=_finite)
        text = json.dumps(parsed, ensure_ascii=False)
        text.encode("utf-8")
    except RecursionError:
        return "the JSON is nested too deeply"
    except UnicodeEncodeError:
        return "the JSON holds an unpaired surrogate (a lone \\ud800 to \\udfff)"
    except _Refused as exc:
        return str(exc)
    except ValueError:
        return None  # malformed JSON is left to the API, which says where
    # json.dumps writes a NUL in a string as an escape; the parsed text itself has none.
    return NUL_REASON if "\\u0000" in text and _holds_nul(parsed) else None


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


async def _refuse(scope: Scope, send: Send, status: int, reason: str) -> None:
    """A refusal before any route runs: JSON for the API, a short page for a person."""
    if scope["path"].startswith("/api/"):
        content_type, body = b"application/json", json.dumps({"detail": reason}).encode()
    else:
        page = problem_page("That request could not be used", reason, "Go back and try again.")
        content_type, body = b"text/html; charset=utf-8", page.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type)],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    await _refuse(scope, send, 413, f"the request body is larger than {limit} bytes")


def client_address(request: Request) -> str:
    """The client's address: the connection's, or the one a trusted proxy forwarded (uvicorn
    reads forwarded headers only from the proxies `serve --trusted-proxy` names)."""
    return request.client.host if request.client else "unknown"


def same_origin(request: Request) -> None:
    """Refuse a state-changing request that another site's page sent (CSRF).

    Browsers say where a request comes from in Sec-Fetch-Site. Without it, the
    Origin header is compared; our no-referrer policy makes browsers send
    "Origin: null" on their own form posts, so "null" proves nothing either way.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site not in {"same-origin", "none"}:
            raise HTTPException(403, "this request came from another site")
        return
    origin = request.headers.get("origin")
    if origin not in (None, "null") and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(403, "this request came from another site")


class RateLimit:
    """At most `limit` events per key in `window` seconds.

    Memory is bounded by `max_keys`: the key least recently seen is forgotten first, so a
    flood of new keys cannot wipe the count of a busy one.
    """

    def __init__(self, limit: int, window: float, message: str, max_keys: int = 10_000) -> None:
        self.limit, self.window, self.message, self.max_keys = limit, window, message, max_keys
        self.events: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str, now: float) -> deque[float]:
        recent = self.events.get(key)
        if recent is None:
            recent = self.events[key] = deque()
            if len(self.events) > self.max_keys:
                self.events.popitem(last=False)
        self.events.move_to_end(key)
        while recent and recent[0] < now - self.window:
            recent.popleft()
        return recent

    def over(self, key: str) -> bool:
        """Whether `key` has had `limit` events in the window (counting none)."""
        return len(self._recent(key, time.monotonic())) >= self.limit

    def count(self, key: str) -> None:
        self._recent(key, time.monotonic()).append(time.monotonic())

    def check(self, key: str) -> None:
        """Count one event for `key`, or refuse it with 429 when `key` is over the limit."""
        if self.over(key):
            raise HTTPException(429, self.message)
        self.count(key)


class LoginLimiter:
    """Slows password guessing without locking the rightful coordinator out.

    Per account: after `free` failed sign-ins in a row, each next try must wait twice as
    long as the last (1 s, 2 s, 4 s, ... at most `max_delay`), wherever it comes from, so
    guessing from many addresses gains nothing; the right password after the wait works,
    and it clears the count. Per client address: at most `per_client` failures in
    `window` seconds across all names, so one client cannot spray names. Both tables are
    bounded (`RateLimit`, an LRU of accounts).
    """

    def __init__(
        self,
        free: int = 5,
        max_delay: float = 60.0,
        per_client: int = 30,
        window: float = 15 * 60,
        max_keys: int = 10_000,
    ) -> None:
        self.free, self.max_delay, self.max_keys = free, max_delay, max_keys
        self.accounts: OrderedDict[str, tuple[int, float]] = OrderedDict()  # failures, last
        self.clients = RateLimit(
            per_client, window, "too many failed sign-ins from here; wait 15 minutes", max_keys
        )

    def wait(self, name: str) -> float:
        """Seconds until `name` may be tried again (0: now)."""
        failures, last = self.accounts.get(name, (0, 0.0))
        if failures < self.free:
            return 0.0
        delay = min(self.max_delay, 2.0 ** (failures - self.free))
        return max(0.0, last + delay - time.monotonic())

    def check(self, name: str, address: str) -> None:
        if self.clients.over(address):
            raise HTTPException(429, self.clients.message)
        wait = self.wait(name)
        if wait > 0:
            raise HTTPException(
                429,
                f"too many failed sign-ins for this name; try again in {math.ceil(wait)} seconds",
                headers={"Retry-After": str(math.ceil(wait))},
            )

    def failed(self, name: str, address: str) -> None:
        self.clients.count(address)
        failures, _ = self.accounts.pop(name, (0, 0.0))
        self.accounts[name] = (failures + 1, time.monotonic())
        if len(self.accounts) > self.max_keys:
            self.accounts.popitem(last=False)

    def succeeded(self, name: str) -> None:
        self.accounts.pop(name, None)
