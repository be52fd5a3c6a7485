"""Who is signed in, remembered for a few seconds so busy pages skip the store.

Every API request names its session; looking it up in the store each time
costs a database round trip per request. Entries live `ttl` seconds, and
signing out forgets at once, in this process. Another server process notices
a sign-out within `ttl`; the store itself refuses attempts for a learner who
was deleted meanwhile.
"""

from __future__ import annotations

import time

from mentor_course.store import SignedIn, Store, token_hash

MAX_ENTRIES = 50_000


class SessionCache:
    def __init__(self, store: Store, ttl: float = 5.0) -> None:
        self.store, self.ttl = store, ttl
        self._entries: dict[str, tuple[float, SignedIn]] = {}

    def cached(self, token: str) -> SignedIn | None:
        """The session's holder if it was looked up in the last `ttl` seconds."""
        entry = self._entries.get(token_hash(token))
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def lookup(self, token: str) -> SignedIn | None:
        """The session's holder from the store (blocking), remembered if there is one."""
        who = self.store.session_for(token)
        if who is not None:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[token_hash(token)] = (time.monotonic() + self.ttl, who)
        return who

    def forget(self, token: str) -> None:
        self._entries.pop(token_hash(token), None)
