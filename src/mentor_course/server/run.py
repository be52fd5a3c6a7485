"""Run the course server process (what `mentor-course serve` does)."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI


def run(app: FastAPI, host: str, port: int) -> None:
    # No access log: an enrollment link carries its token in the URL, and tokens
    # must never reach a log.
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
