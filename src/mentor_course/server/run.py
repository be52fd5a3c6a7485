"""Run the course server process (what `mentor-course serve` does)."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI


def run(app: FastAPI, host: str, port: int, trusted_proxies: list[str] | None = None) -> None:
    """Serve `app`. Forwarded headers (X-Forwarded-For, -Proto) are believed only from
    `trusted_proxies`: uvicorn's default trusts them from 127.0.0.1, so any local client
    could pick its own address and slip past the sign-in limiter."""
    # No access log: an enrollment link carries its token in the URL, and tokens
    # must never reach a log.
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        proxy_headers=bool(trusted_proxies),
        forwarded_allow_ips=",".join(trusted_proxies or []) or None,
    )
