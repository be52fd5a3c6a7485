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

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from mentor_course.server.routes import coordinator, live, mentor, public
from mentor_course.server.security import BodyLimit, SecurityHeaders
from mentor_course.server.state import ServerState, Settings


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
    for router in (public.router, mentor.router, coordinator.router, live.router):
        app.include_router(router)
    # Mounted after the routes: the book answers every path that no route claims.
    app.mount("/", StaticFiles(directory=settings.book_dir, html=True), name="book")
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(SecurityHeaders)
    return app


@asynccontextmanager
async def _closing(app: FastAPI) -> AsyncIterator[None]:
    yield
    state: ServerState = app.state.server
    state.close()
