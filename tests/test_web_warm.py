"""`detente serve` computes the busiest dyads' pages and series before it listens
(``web.warm``): requests then find them, with the same bytes, and the file is not held."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.analytics import memo
from detente.store import Store
from detente.web import create_app, warm
from factories import build_demo_db


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.duckdb"
    build_demo_db(db)
    return db


def _pages(db: Path) -> list[str]:
    client = TestClient(create_app(db))
    pair = client.get("/api/dyads", params={"limit": 1}).json()["items"][0]
    a, b = pair["a"], pair["b"]
    return [
        f"/dyad/{a}/{b}",
        f"/dyad/{b}/{a}?freq=week",
        f"/api/dyads/{a}/{b}/series?freq=quarter",
        f"/api/dyads/{b}/{a}/series?freq=month&plover=CONSULT",
    ]


def test_requests_find_what_the_warm_up_computed(demo_db: Path, monkeypatch) -> None:
    memo.clear()
    urls = _pages(demo_db)
    memo.clear()
    cold = [TestClient(create_app(demo_db)).get(u) for u in urls]
    assert all(r.status_code == 200 for r in cold)
    memo.clear()
    app = create_app(demo_db)
    done = warm.warm(demo_db, app.state.templates)
    assert done["dyads"] >= 1 and done["pages"] >= 6 and done["series"] >= 1

    def computed_again(*args, **kwargs):
        raise AssertionError("computed again: the warm-up's view was not found")

    monkeypatch.setattr("detente.web.pages.dyad_view", computed_again)
    monkeypatch.setattr("detente.analytics.dyadrows.cluster_events", computed_again)
    client = TestClient(app)
    for url, before in zip(urls, cold, strict=True):
        got = client.get(url)
        assert got.status_code == 200, url
        assert got.content == before.content, url  # the same answer, byte for byte
    memo.clear()


def test_the_warm_up_holds_no_lock_and_stops_at_its_budget(demo_db: Path) -> None:
    memo.clear()
    app = create_app(demo_db)
    app.state.store.close()
    app.state.store = None
    done = warm.warm(demo_db, app.state.templates, seconds=0)
    assert done["pages"] == 0 and done["series"] == 0  # the budget was spent at once
    with Store(demo_db) as writer:  # closed afterwards: a run can write
        writer.con.execute("UPDATE articles SET publisher = publisher")
    memo.clear()


def test_a_database_being_written_is_skipped(demo_db: Path) -> None:
    memo.clear()
    app = create_app(demo_db)
    app.state.store.close()
    app.state.store = None
    with Store(demo_db):  # a writer holds the file
        assert warm.warm(demo_db, app.state.templates) == {"dyads": 0, "pages": 0, "series": 0}
    memo.clear()


def test_a_server_freezes_what_took_long_to_compute(demo_db: Path, monkeypatch) -> None:
    memo.clear()
    monkeypatch.setattr(memo, "FREEZE_AFTER", 0.0)
    gc.unfreeze()
    with Store(demo_db, read_only=True) as store:
        kept = memo.remember(store.con, ("test-freeze",), lambda: [object()])
        assert gc.get_freeze_count() > 0  # kept out of the collector's later passes
        assert memo.remember(store.con, ("test-freeze",), lambda: []) is kept
    gc.unfreeze()
    memo.clear()
