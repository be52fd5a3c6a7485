"""The course server: the served book, a JSON API for quizzes, and coordinator pages.

Identity: a coordinator makes a single-use enrollment link per mentor
(`mentor-course enroll` or the coordinator page); opening it starts a
session cookie and redirects to the course without the token. Quiz answers
are graded here with the same `grade()` as the notebook, from banks whose
keys never reach the browser. A self-care plan never reaches this server.

`create_app` only assembles the app: its state (state.py), the routers by
audience (routes/), the book, the middleware and the lifespan.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from mentor_course.server.caching import CachePolicy
from mentor_course.server.errors import answer_errors
from mentor_course.server.routes import coordinator, live, mentor, outreach, people, public
from mentor_course.server.routes.outreach import ROSTER_BYTES as ROSTER_BODY
from mentor_course.server.security import BodyLimit, SecurityHeaders, StrictInput, log
from mentor_course.server.state import ServerState, Settings
from mentor_course.store import StoreUnwritable


def create_app(settings: Settings) -> FastAPI:
    state = ServerState.open(settings)
    app = FastAPI(
        title="mentor-course server",
        description="Quizzes, attempts and completion for the mentor self-care course.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=_closing,
    )
    app.state.server = state
    routers = (public, mentor, coordinator, people, outreach, live)
    for router in (module.router for module in routers):
        app.include_router(router)
    # Mounted after the routes: the book answers every path that no route claims.
    app.mount("/", StaticFiles(directory=settings.book_dir, html=True), name="book")
    answer_errors(app)
    app.add_middleware(StrictInput)
    # A roster's upload and its confirmation carry the whole file.
    roster_paths = {
        "/coordinator/roster": ROSTER_BODY,
        "/coordinator/roster/enroll": 3 * ROSTER_BODY,
    }
    app.add_middleware(BodyLimit, limit=settings.max_body, larger=roster_paths)
    # A chapter's HTML, CSS and JS are a fifth of their size compressed, on a phone's network.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(CachePolicy)
    app.add_middleware(SecurityHeaders, hsts=settings.secure_cookies)
    return app


PURGE_EVERY = 3600.0  # seconds between clean-ups of ended sessions and old links


@asynccontextmanager
async def _closing(app: FastAPI) -> AsyncIterator[None]:
    state: ServerState = app.state.server
    purging = asyncio.create_task(_purge_now_and_then(state))
    yield
    purging.cancel()
    state.close()


async def _purge_now_and_then(state: ServerState) -> None:
    while True:
        await asyncio.sleep(PURGE_EVERY)
        try:
            await asyncio.to_thread(state.store.purge_expired)
        except StoreUnwritable as exc:
            log.error("could not purge ended sessions: %s", exc)
