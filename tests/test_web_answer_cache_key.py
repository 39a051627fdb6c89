"""Query strings that ask for the same dyad answer share one cache entry (defaults dropped,
parameters sorted); anything that changes the answer keeps its own."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from detente.web.app import AnswerCacheMiddleware, _same_answer, create_app
from factories import build_demo_db


def test_same_answer_keys() -> None:
    assert _same_answer("") == _same_answer("freq=month") == _same_answer("weight=none")
    assert _same_answer("plover=AID&freq=week") == _same_answer("freq=week&plover=AID")
    assert _same_answer("freq=week") != _same_answer("")
    assert _same_answer("since=") != _same_answer("")  # a blank value is a value
    assert _same_answer("freq=week&freq=month") == "freq=week&freq=month"  # the last one wins


def _cache(app) -> AnswerCacheMiddleware:
    stack = app.middleware_stack
    while not isinstance(stack, AnswerCacheMiddleware):
        stack = stack.app
    return stack


def test_the_page_with_its_default_frequency_is_the_page(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    build_demo_db(db)
    app = create_app(db)
    with TestClient(app) as client:
        plain = client.get("/dyad/USA/RUS")
        assert plain.status_code == 200
        cache = _cache(app)
        assert len(cache.entries) == 1
        same = client.get("/dyad/USA/RUS?freq=month&weight=none")
        assert same.text == plain.text
        assert len(cache.entries) == 1  # answered from the entry of /dyad/USA/RUS
        other = client.get("/dyad/USA/RUS?freq=quarter")
        assert other.status_code == 200 and other.text != plain.text
        assert len(cache.entries) == 2
