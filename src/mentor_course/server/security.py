"""The server's safety net: security headers, a body size limit, CSRF checks, login limits,
and the coordinators' password hashing."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from argon2 import PasswordHasher
from fastapi import HTTPException, Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Hashes coordinators' passwords (`mentor-course coordinator add`) and checks them at sign-in.
passwords = PasswordHasher()

# The book's theme uses small inline scripts, and the widgets import their
# modules from blob: URLs; nothing may come from another origin.
BOOK_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Our own pages (coordinator, progress) have no scripts at all.
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Live check-in pages load one script of ours, to follow the room.
LIVE_CSP = PAGE_CSP.replace(
    "default-src 'none';", "default-src 'none'; script-src 'self'; connect-src 'self';"
)
LIVE_PAGES = ("/coordinator/live/", "/live/")
PRIVATE_PREFIXES = ("/api/", "/coordinator", "/me", "/enroll/", "/live/", "/join")
OWN_PAGES = ("/coordinator", "/me", "/enroll/", "/live/", "/join")


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI, so errors get them too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        ours = path.startswith(OWN_PAGES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _policy(path, ours).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                if path.startswith(PRIVATE_PREFIXES):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _policy(path: str, ours: bool) -> str:
    if path.startswith(LIVE_PAGES):
        return LIVE_CSP
    return PAGE_CSP if ours else BOOK_CSP


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send, self.limit)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail": "the request body is larger than {limit} bytes"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


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


class LoginLimiter:
    """At most `attempts` failed logins per name and address in `window` seconds."""

    def __init__(self, attempts: int = 5, window: float = 15 * 60) -> None:
        self.attempts, self.window = attempts, window
        self.failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def check(self, name: str, address: str) -> None:
        recent = self.failures[(name, address)]
        while recent and recent[0] < time.monotonic() - self.window:
            recent.popleft()
        if len(recent) >= self.attempts:
            raise HTTPException(429, "too many failed sign-ins; wait 15 minutes and try again")

    def failed(self, name: str, address: str) -> None:
        self.failures[(name, address)].append(time.monotonic())

    def succeeded(self, name: str, address: str) -> None:
        self.failures.pop((name, address), None)


class RateLimit:
    """At most `limit` events per key in `window` seconds; memory bounded by `max_keys`."""

    def __init__(self, limit: int, window: float, message: str, max_keys: int = 10_000) -> None:
        self.limit, self.window, self.message, self.max_keys = limit, window, message, max_keys
        self.events: dict[str, deque[float]] = {}

    def check(self, key: str) -> None:
        """Count one event for `key`, or refuse it with 429 when `key` is over the limit."""
        now = time.monotonic()
        recent = self.events.get(key)
        if recent is None:
            if len(self.events) >= self.max_keys:
                self.events.clear()  # a flood of keys: start over rather than grow
            recent = self.events[key] = deque()
        while recent and recent[0] < now - self.window:
            recent.popleft()
        if len(recent) >= self.limit:
            raise HTTPException(429, self.message)
        recent.append(now)
