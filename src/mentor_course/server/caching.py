"""How long browsers may keep what the server sends.

A file whose address carries a checksum of its content (Sphinx's `?v=` on the files it
copies, the theme's `?digest=`) never changes under that address: a year, immutable. Every
other file and page is kept but revalidated (`no-cache`, answered 304 from its ETag when it
has not changed), so a rebuilt course shows at once. A version label such as `?v=0.1.0`
names no content, so it is revalidated too. Private routes keep the security headers'
`no-store`; a route that sets its own policy keeps it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from mentor_course.server.security import PRIVATE_PREFIXES, ASGIApp, Message, Receive, Scope, Send

CHECKSUM = re.compile(r"[0-9a-f]{8,}")
YEAR = 365 * 24 * 3600


def policy(path: str, query: str) -> str | None:
    if path.startswith(PRIVATE_PREFIXES):
        return None
    fingerprints = [v for key in ("v", "digest") for v in parse_qs(query).get(key, [])]
    if any(CHECKSUM.fullmatch(value) for value in fingerprints):
        return f"public, max-age={YEAR}, immutable"
    return "no-cache"


class CachePolicy:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        chosen = policy(scope["path"], scope.get("query_string", b"").decode("latin-1"))

        async def send_with_policy(message: Message) -> None:
            if chosen and message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"cache-control" for name, _ in headers):
                    message["headers"] = [*headers, (b"cache-control", chosen.encode())]
            await send(message)

        await self.app(scope, receive, send_with_policy)
