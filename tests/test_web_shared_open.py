"""`detente serve` opens the database once for overlapping requests and holds nothing after
the last one: a writer (`detente run`) gets the file as soon as the server is idle."""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import SimpleNamespace

from detente.store import Store
from detente.web.api import get_db
from factories import build_demo_db


def _request(state: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(app=SimpleNamespace(state=state))


def test_overlapping_requests_share_one_open_and_the_last_one_closes_it(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    build_demo_db(db)
    state = SimpleNamespace(per_request=True, db_path=str(db), store=None)
    first, second = get_db(_request(state)), get_db(_request(state))
    cur1, cur2 = next(first), next(second)
    shared = state.shared_open
    assert shared.users == 2 and shared.store is not None  # one open for both
    assert cur1.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    assert cur2.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    for gen in (first, second):
        with contextlib.suppress(StopIteration):
            next(gen)
    assert shared.users == 0 and shared.store is None
    with Store(db) as writer:  # nothing held: a run can write now
        writer.con.execute("UPDATE articles SET publisher = publisher")
    third = get_db(_request(state))  # and the next request opens it again
    assert next(third).execute("SELECT count(*) FROM events").fetchone()[0] > 0
    third.close()
    assert shared.store is None
