"""Schema migrations keep users' data: a database written by the previous schema opens intact."""

from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import detente.store.db as store_db
from detente.cli import app
from detente.errors import StoreError
from detente.store import Store
from detente.store.schema import LATEST_VERSION, MIGRATIONS, Migration
from factories import build_demo_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from detente.web import create_app  # noqa: E402

# sha256 of migration 1's SQL as shipped; a shipped migration must never change.
MIGRATION_1_SHA256 = "36296e32a43a58637e31cc17b4e6b09886c2a27531f6d0b6e6d2df9d892e8e75"
DATA_TABLES = (
    "articles",
    "article_sources",
    "sentences",
    "mentions",
    "events",
    "event_actors",
    "quotes",
    "issue_tags",
    "assessments",
)


def columns(store: Store, table: str) -> list[str]:
    return [r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position", [table]).fetchall()]


Snapshot = dict[str, tuple[tuple[str, ...], list[tuple]]]  # table -> (columns, sorted rows)


def snapshot(store: Store, like: Snapshot | None = None) -> Snapshot:
    """Every row of every data table, sorted, so two snapshots compare exactly; with ``like``
    (an older snapshot), only the columns that one had: later migrations add columns."""
    out = {}
    for t in DATA_TABLES:
        cols = like[t][0] if like else tuple(columns(store, t))
        rows = store.con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()
        out[t] = (cols, sorted(rows, key=repr))
    return out


def _writer_of_schema(version: int):
    """The store's row builder as a detente of that schema version had it: event_actors
    rows without ``resolved_by`` before migration 4."""
    rows_of = store_db._coded_rows

    def old_rows(batch):
        rows = rows_of(batch)
        if version < 4:
            rows["event_actors"].pop("resolved_by", None)
        return rows

    return old_rows


@pytest.fixture
def v1_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Snapshot]:
    """A database written by detente with only migration 1 (the previous schema), with data."""
    path = tmp_path / "v1.duckdb"
    with monkeypatch.context() as m:
        m.setattr(store_db, "MIGRATIONS", MIGRATIONS[:1])
        m.setattr(store_db, "LATEST_VERSION", 1)
        m.setattr(store_db, "_coded_rows", _writer_of_schema(1))
        build_demo_db(path)
        with Store(path, read_only=True) as store:
            assert store.schema_version() == 1
            tables = {
                r["table_name"] for r in store.query("SELECT table_name FROM duckdb_tables()")
            }
            assert "checks" not in tables
            before = snapshot(store)
    assert sum(len(rows) for _, rows in before.values()) > 100
    assert "resolved_by" not in before["event_actors"][0]
    return path, before


def test_previous_schema_opens_with_its_data_and_is_upgraded(v1_db: tuple[Path, Snapshot]) -> None:
    path, before = v1_db
    with Store(path) as store:
        assert store.schema_version() == LATEST_VERSION == 4
        assert snapshot(store, like=before) == before
        # rows stored before migration 4 do not say how their actors were resolved
        assert store.query(
            "SELECT count(*) AS n FROM event_actors WHERE resolved_by IS NOT NULL") == [{"n": 0}]
        versions = store.query("SELECT version, name FROM schema_migrations ORDER BY version")
        assert [v["version"] for v in versions] == [m.version for m in MIGRATIONS]
        assert store.query("SELECT count(*) AS n FROM checks") == [{"n": 0}]
        assert store.migrate() == []  # idempotent: nothing left to apply
    # The upgraded file serves as before.
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        stats = client.get("/api/stats").json()
    assert stats["n_articles"] == len(before["articles"][1])
    assert stats["n_events"] == len(before["events"][1])


def test_previous_schema_read_only_says_how_to_upgrade(v1_db: tuple[Path, Snapshot]) -> None:
    path, before = v1_db
    with pytest.raises(StoreError, match="schema version 1, this detente needs 4") as exc:
        Store(path, read_only=True)
    assert "detente check --db FILE" in str(exc.value)
    served = CliRunner().invoke(app, ["serve", "--db", str(path), "--get", "/api/stats"])
    assert served.exit_code == 2 and "detente check" in served.output
    checked = CliRunner().invoke(app, ["check", "--db", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "upgraded the schema to version 4" in checked.output
    with Store(path, read_only=True) as store:
        assert snapshot(store, like=before) == before


def test_a_failing_migration_is_rolled_back(
    v1_db: tuple[Path, Snapshot], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, before = v1_db
    bad = Migration(5, "a broken one", "CREATE TABLE half_done (x INTEGER); SELECT * FROM nowhere;")
    monkeypatch.setattr(store_db, "MIGRATIONS", [*MIGRATIONS, bad])
    with pytest.raises(StoreError, match=r"migration 5 \(a broken one\) failed"):
        Store(path)
    monkeypatch.setattr(store_db, "MIGRATIONS", MIGRATIONS)
    with Store(path) as store:
        assert store.schema_version() == 4  # migrations 2 to 4 went through, 5 left no trace
        tables = {r["table_name"] for r in store.query("SELECT table_name FROM duckdb_tables()")}
        assert "half_done" not in tables and "checks" in tables
        assert snapshot(store, like=before) == before


def test_shipped_migrations_are_never_edited() -> None:
    assert hashlib.sha256(MIGRATIONS[0].sql.encode()).hexdigest() == MIGRATION_1_SHA256
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


@pytest.mark.parametrize("migration", MIGRATIONS[1:], ids=lambda m: f"v{m.version}")
def test_later_migrations_only_add(migration: Migration) -> None:
    """Upgrades add tables, columns and indexes; they never drop or rewrite what users have."""
    sql = re.sub(r"--[^\n]*", "", migration.sql).upper()
    for word in ("DROP", "DELETE", "UPDATE", "TRUNCATE", "RENAME"):
        assert not re.search(rf"\b{word}\b", sql), f"migration {migration.version} uses {word}"


def test_new_database_has_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    build_demo_db(path)
    with Store(path, read_only=True) as store:
        assert store.schema_version() == LATEST_VERSION
