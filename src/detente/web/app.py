"""The FastAPI application: JSON API, pages and static files over a read-only database.

from detente.web import create_app
app = create_app("detente.duckdb")   # then: uvicorn, or fastapi.testclient.TestClient(app)

Two guards sit in front of every route:

- Host header (DNS rebinding): there is no login, so a web page the user
  visits could point its own domain at 127.0.0.1 and read the local API. Only
  requests whose Host is a loopback name, the address the server is bound to
  (the ASGI ``server`` of the connection), or a name the user allows
  (``allowed_hosts=``, or ``DETENTE_ALLOWED_HOSTS=name1,name2`` for serving
  under another name) are answered; others get HTTP 400.
- Answer cache: the dyad series and the dyad page aggregate every event of a
  dyad on each request; under load (20 clients) that made p99 seconds long.
  Their answers are kept (LRU, bounded by count and bytes) keyed by the URL
  (default parameters dropped, the others sorted: ``?freq=month`` is the page
  itself), the Host and the database file's size and modification time (and its
  write-ahead log's), so a `detente run` writing meanwhile is seen at once.
  Concurrent requests for one key wait for the first instead of repeating it.
- Writes: none, unless corrections are on (``corrections=True``): then the
  article page's correction forms write to the ``corrections`` table, guarded
  against cross-site requests by a token (``detente.web.corrections``).
- Response size: an API answer over the ``max_response_bytes`` setting (default
  8 MiB; ``DETENTE_MAX_RESPONSE_BYTES``) is replaced by a 400 in the API's error
  shape asking for a smaller ``limit``, so one request cannot pull a huge page
  through the server and the client.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request, Response
from starlette._utils import parse_host_header
from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.report.render import environment
from detente.store import Store
from detente.web import api, errors, pages
from detente.web import corrections as corrections_web

# Pages load scripts only from this server; figure data sits in non-executable JSON script tags.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


class BoundHostMiddleware(TrustedHostMiddleware):
    """TrustedHostMiddleware that also accepts the address the connection came in on.

    ``detente serve --host 192.0.2.7`` is then reachable as http://192.0.2.7:PORT/
    without configuration, while a rebinding domain (Host: attacker.example) is
    refused. Test clients (Host ``testserver``) pass the same way.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self.allow_any:
            parsed = parse_host_header(Headers(scope=scope).get("host"))
            server = scope.get("server")
            if parsed is not None and server:
                host = parsed.host.lower().strip("[]")
                if host == str(server[0]).lower().strip("[]"):
                    await self.app(scope, receive, send)
                    return
        await super().__call__(scope, receive, send)


class ResponseCapMiddleware:
    """Refuse API answers larger than ``limit`` bytes (by their Content-Length)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/api/"):
            await self.app(scope, receive, send)
            return
        refused = False

        async def capped(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start":
                length = Headers(raw=message.get("headers", [])).get("content-length")
                if length is not None and length.isdigit() and int(length) > self.limit:
                    refused = True
                    await _too_large(send, int(length), self.limit)
                    return
            if refused:
                return  # the body of the answer that was refused
            await send(message)

        await self.app(scope, receive, capped)


_CACHED_PATHS = re.compile(r"^/(?:api/dyads/[^/]+/[^/]+/series|dyad/[^/]+/[^/]+)$")
_CacheKey = tuple[str, str, str, tuple[int, ...]]
_Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class AnswerCacheMiddleware:
    """Keep the costly per-dyad answers until the database file changes (module docstring)."""

    def __init__(
        self, app: ASGIApp, db_path: str, max_entries: int = 512, max_bytes: int = 64 << 20
    ) -> None:
        self.app = app
        self.db_path = db_path
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: OrderedDict[_CacheKey, _Entry] = OrderedDict()
        self.size = 0
        self.inflight: dict[_CacheKey, asyncio.Future[None]] = {}

    def _version(self) -> tuple[int, ...]:
        out: list[int] = []
        for path in (self.db_path, self.db_path + ".wal"):
            try:
                st = os.stat(path)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [-1, -1]
        return tuple(out)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not _CACHED_PATHS.match(scope.get("path", ""))
        ):
            await self.app(scope, receive, send)
            return
        key: _CacheKey = (
            scope["path"],
            _same_answer(scope.get("query_string", b"").decode("latin-1")),
            Headers(scope=scope).get("host", ""),
            self._version(),
        )
        while True:
            hit = self.entries.get(key)
            if hit is not None:
                self.entries.move_to_end(key)
                await _replay(send, hit)
                return
            waiting = self.inflight.get(key)
            if waiting is None:
                break
            await asyncio.shield(waiting)  # the first request for this key computes it
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.inflight[key] = done
        try:
            status, headers, chunks = 0, [], []

            async def keep(message: Message) -> None:
                nonlocal status, headers
                if message["type"] == "http.response.start":
                    status, headers = message["status"], list(message.get("headers", []))
                elif message["type"] == "http.response.body":
                    chunks.append(message.get("body", b""))
                await send(message)

            await self.app(scope, receive, keep)
            body = b"".join(chunks)
            if status == 200 and len(body) <= self.max_bytes // 8:
                self._store(key, (status, headers, body))
        finally:
            del self.inflight[key]
            done.set_result(None)

    def _store(self, key: _CacheKey, entry: _Entry) -> None:
        self.entries[key] = entry
        self.size += len(entry[2])
        while len(self.entries) > self.max_entries or self.size > self.max_bytes:
            _, old = self.entries.popitem(last=False)
            self.size -= len(old[2])


# Parameters whose default value gives the same answer as leaving them out.
_DEFAULTS = {("freq", "month"), ("weight", "none")}


def _same_answer(query: str) -> str:
    """One cache key for query strings that ask for the same answer: defaults dropped,
    parameters in name order (``?freq=month`` is ``/dyad/A/B`` itself). A name given
    twice keeps the query as it is (the last value wins, order matters)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    if len({k for k, _ in pairs}) != len(pairs):
        return query
    return urlencode(sorted(p for p in pairs if p not in _DEFAULTS))


async def _replay(send: Send, entry: _Entry) -> None:
    status, headers, body = entry
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _too_large(send: Send, size: int, limit: int) -> None:
    body = json.dumps(
        {
            "error": {
                "status": 400,
                "code": "bad_parameter",
                "message": f"the answer would be {size / 1e6:.1f} MB, over the "
                f"{limit / 1e6:.1f} MB one API page may be; ask for fewer rows with a "
                "smaller limit (and follow the `next` link)",
                "param": "limit",
            }
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"x-content-type-options", b"nosniff"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _env_hosts() -> list[str]:
    """The allowed_hosts setting (DETENTE_ALLOWED_HOSTS), read now."""
    from detente.settings import load_settings

    return [h.strip() for h in (load_settings().allowed_hosts or "").split(",") if h.strip()]


def _env_limit() -> int:
    """The max_response_bytes setting (DETENTE_MAX_RESPONSE_BYTES), read now."""
    from detente.settings import load_settings

    return load_settings().max_response_bytes


def create_app(
    db_path: str | Path,
    *,
    allowed_hosts: Sequence[str] | None = None,
    max_response_bytes: int | None = None,
    corrections: bool = False,
    author: str | None = None,
) -> FastAPI:
    """An app reading ``db_path`` read-only (StoreError now if it cannot be opened).

    ``allowed_hosts``: Host names answered besides the loopback names and the
    bound address (``["*"]`` turns the check off); default from
    DETENTE_ALLOWED_HOSTS. ``max_response_bytes``: the cap on one API answer.
    ``corrections``: let users correct events on article pages, the one write
    (the database is then opened for writing; ``web.corrections``); ``author``:
    the name the correction forms suggest.
    """
    from detente import __version__

    store = Store(db_path, read_only=not corrections)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threads = getattr(app.state, "threads", None)
        if threads:  # set by `serve` (serve.SERVE_THREADS)
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
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
    corrections_web.setup(app.state, enabled=corrections, author=author)
    app.include_router(api.router)
    app.include_router(corrections_web.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def _headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    limit = max_response_bytes if max_response_bytes is not None else _env_limit()
    app.add_middleware(AnswerCacheMiddleware, db_path=str(db_path))
    app.add_middleware(ResponseCapMiddleware, limit=limit)
    hosts = [*LOOPBACK_NAMES, *(allowed_hosts if allowed_hosts is not None else _env_hosts())]
    # Added last: runs first, before any route or other middleware sees the request.
    app.add_middleware(BoundHostMiddleware, allowed_hosts=hosts, www_redirect=False)
    return app
