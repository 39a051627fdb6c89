"""The answer cache of the dyad endpoints: hits, invalidation when the file changes, one
computation for concurrent requests, nothing kept but 200s, and only the costly paths."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from detente.web.app import AnswerCacheMiddleware


class CountingApp:
    """An ASGI app that answers with how often it was called (and 404 for /dyad/X/missing)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.calls = 0
        self.delay = delay

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        self.calls += 1
        await asyncio.sleep(self.delay)
        status = 404 if scope["path"].endswith("/missing") else 200
        body = f"call {self.calls}".encode()
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": body})


def get_all(app, paths: list[str], host: str = "127.0.0.1") -> list[httpx.Response]:  # noqa: ANN001
    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as c:
            return list(await asyncio.gather(*(c.get(p) for p in paths)))

    return asyncio.run(go())


def test_repeated_dyad_answers_are_computed_once(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"v1")
    inner = CountingApp()
    app = AnswerCacheMiddleware(inner, str(db))
    first = get_all(app, ["/api/dyads/ARL/BRV/series?freq=month"])
    again = get_all(app, ["/api/dyads/ARL/BRV/series?freq=month"] * 3)
    assert inner.calls == 1
    assert {r.text for r in first + again} == {"call 1"}
    get_all(app, ["/api/dyads/ARL/BRV/series?freq=week", "/dyad/ARL/BRV"])
    assert inner.calls == 3, "another query or path is another answer"


def test_a_changed_database_file_is_seen_at_once(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"v1")
    inner = CountingApp()
    app = AnswerCacheMiddleware(inner, str(db))
    get_all(app, ["/dyad/ARL/BRV"])
    db.write_bytes(b"v2 longer")  # a run wrote to it
    assert get_all(app, ["/dyad/ARL/BRV"])[0].text == "call 2"
    (tmp_path / "x.duckdb.wal").write_bytes(b"log")
    assert get_all(app, ["/dyad/ARL/BRV"])[0].text == "call 3"


def test_concurrent_requests_for_one_answer_wait_for_the_first(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"v1")
    inner = CountingApp(delay=0.05)
    app = AnswerCacheMiddleware(inner, str(db))
    answers = get_all(app, ["/api/dyads/ARL/BRV/series"] * 20)
    assert inner.calls == 1 and {r.text for r in answers} == {"call 1"}


def test_only_successful_answers_of_the_dyad_paths_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"v1")
    inner = CountingApp()
    app = AnswerCacheMiddleware(inner, str(db))
    get_all(app, ["/dyad/ARL/missing", "/dyad/ARL/missing"])
    get_all(app, ["/api/events?limit=5", "/api/events?limit=5"])
    assert inner.calls == 4


def test_the_host_is_part_of_the_key(tmp_path: Path) -> None:
    """Answers hold absolute `next` links: one Host's answer is never given to another."""
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"v1")
    inner = CountingApp()
    app = AnswerCacheMiddleware(inner, str(db))
    get_all(app, ["/dyad/ARL/BRV"], host="127.0.0.1")
    get_all(app, ["/dyad/ARL/BRV"], host="localhost")
    assert inner.calls == 2
