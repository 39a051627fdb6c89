"""Running the web app: uvicorn on a host/port, or one request answered in-process.

The server binds to 127.0.0.1 by default. Any other address exposes the
database to the network, so ``serve`` says so loudly on stderr. Requests run
their Python work in at most ``SERVE_THREADS`` threads (``DETENTE_SERVE_THREADS``).
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from pathlib import Path

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Requests run their Python work in at most this many threads: the serve_threads
# setting (settings.yaml says why 4; DETENTE_SERVE_THREADS overrides it). Answers from
# the answer cache need no thread.
SERVE_THREADS = 4


def serve_threads() -> int:
    """The serve_threads setting, read now (a wrong value is a ConfigError naming it)."""
    from detente.settings import load_settings

    return load_settings().serve_threads


def keep_out_of_collections(after_seconds: float = 0.05) -> None:
    """What a server loads and keeps for long (modules, dyad rows, clusters) stays out of the
    cyclic collector's passes (``gc.freeze``, ``memo.FREEZE_AFTER``): a full collection over
    them paused every running request for about 0.2 s (RELIABILITY.md §4)."""
    from detente.analytics import memo

    memo.FREEZE_AFTER = after_seconds
    gc.freeze()


def exposure_warning(host: str) -> str | None:
    """The warning to print for ``host``, or None when it is local only."""
    if host in LOCAL_HOSTS:
        return None
    return (
        f"WARNING: detente serve is listening on {host}, not on 127.0.0.1: anyone who can reach "
        "this machine on that address can read the whole database (there is no login). "
        "Use --host 127.0.0.1 unless you mean to share it."
    )


def serve(
    db_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "info",
    corrections: bool = False,
    author: str | None = None,
    warm_seconds: float = 15.0,
) -> None:
    """Serve the app with uvicorn until interrupted (``corrections``: see create_app).

    First the busiest dyads' pages and series are computed, for at most
    ``warm_seconds`` (0: not at all; ``web.warm``)."""
    import uvicorn

    from detente.web.app import create_app

    # Fails here, before binding, if the database cannot be opened. With corrections
    # on, this first open for writing also adds the corrections table to an older file.
    app = create_app(db_path, corrections=corrections, author=author)
    # Hold no lock between requests, so `detente run` can write to the same file meanwhile.
    app.state.store.close()
    app.state.store = None
    app.state.per_request = True
    app.state.threads = serve_threads()
    if warm_seconds > 0:  # the busiest dyads, before listening (web.warm)
        from detente.web import warm

        started = time.perf_counter()
        try:
            done = warm.warm(db_path, app.state.templates, seconds=warm_seconds)
        except Exception as exc:  # noqa: BLE001 - a failed warm-up costs speed, not service
            print(f"detente serve: nothing computed ahead ({exc})", file=sys.stderr)
        else:
            warm.report(done, time.perf_counter() - started)
    keep_out_of_collections()
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def get_once(db_path: str | Path, path: str) -> tuple[int, str, str]:
    """Answer one GET request in-process (httpx's ASGI transport): (status, content type, body).

    No socket is opened, so this works where binding a port does not, and
    makes every page and endpoint testable from the command line.
    """
    import httpx

    from detente.web.app import create_app

    app = create_app(db_path)

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path if path.startswith("/") else f"/{path}")

    try:
        response = asyncio.run(fetch())
    finally:
        if app.state.store is not None:
            app.state.store.close()
    return response.status_code, response.headers.get("content-type", ""), response.text
