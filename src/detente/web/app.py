"""The FastAPI application: JSON API, pages and static files over a read-only database.

from detente.web import create_app
app = create_app("detente.duckdb")   # then: uvicorn, or fastapi.testclient.TestClient(app)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response

from detente.report.render import environment
from detente.store import Store
from detente.web import api, errors, pages

# Pages load scripts only from this server; figure data sits in non-executable JSON script tags.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def create_app(db_path: str | Path) -> FastAPI:
    """An app reading ``db_path`` read-only (StoreError now if it cannot be opened)."""
    from detente import __version__

    store = Store(db_path, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        # Closed at shutdown; a later request (a test client started again) reopens it.
        if app.state.store is not None:
            app.state.store.close()
            app.state.store = None

    app = FastAPI(
        title="detente",
        version=__version__,
        description="Events, quotes, issues and dyad time series coded from news text. Read-only.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.db_path = str(db_path)
    app.state.templates = environment("detente.web", "detente.report")
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def _headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    return app
