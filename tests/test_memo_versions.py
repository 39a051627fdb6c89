"""What the memo kept for a database file is dropped when the file changes (a busy dyad's
kept rows and clusters are large; an old version must not stay until the LRU evicts it)."""

from __future__ import annotations

from pathlib import Path

from detente.analytics import DyadQuery, dyad_series, memo
from detente.store import Store
from factories import build_demo_db


def test_a_new_version_of_the_file_drops_the_old_ones(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    build_demo_db(db)
    other = tmp_path / "other.duckdb"
    build_demo_db(other)
    memo.clear()
    with Store(other, read_only=True) as store:
        dyad_series(store, DyadQuery("USA", "RUS"), freq="month")
        other_version = memo.version(store)
    with Store(db, read_only=True) as store:
        first = dyad_series(store, DyadQuery("USA", "RUS"), freq="month")
        old = memo.version(store)
    kept = {k[0] for k in memo._entries}
    assert kept == {old, other_version}
    with Store(db) as writer:  # e.g. `detente run` adding articles
        writer.con.execute("UPDATE events SET negated = NOT coalesce(negated, false)")
    with Store(db, read_only=True) as store:
        again = dyad_series(store, DyadQuery("USA", "RUS"), freq="month")
        new = memo.version(store)
    assert new != old and again is not first
    kept = {k[0] for k in memo._entries}
    assert old not in kept  # the stale version's values are gone
    assert kept == {new, other_version}  # another file's are not touched
    memo.clear()
