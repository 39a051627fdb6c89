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


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every data table, sorted, so two snapshots compare exactly."""
    out = {}
    for t in DATA_TABLES:
        rows = store.con.execute(f"SELECT * FROM {t}").fetchall()
        out[t] = sorted(rows, key=repr)
    return out


@pytest.fixture
def v1_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    """A database written by detente with only migration 1 (the previous schema), with data."""
    path = tmp_path / "v1.duckdb"
    with monkeypatch.context() as m:
        m.setattr(store_db, "MIGRATIONS", MIGRATIONS[:1])
        m.setattr(store_db, "LATEST_VERSION", 1)
        build_demo_db(path)
        with Store(path, read_only=True) as store:
            assert store.schema_version() == 1
            tables = {
                r["table_name"] for r in store.query("SELECT table_name FROM duckdb_tables()")
            }
            assert "checks" not in tables
            before = snapshot(store)
    assert sum(len(v) for v in before.values()) > 100
    return path, before


def test_previous_schema_opens_with_its_data_and_is_upgraded(v1_db: tuple[Path, dict]) -> None:
    path, before = v1_db
    with Store(path) as store:
        assert store.schema_version() == LATEST_VERSION == 3
        assert snapshot(store) == before
        versions = store.query("SELECT version, name FROM schema_migrations ORDER BY version")
        assert [v["version"] for v in versions] == [m.version for m in MIGRATIONS]
        assert store.query("SELECT count(*) AS n FROM checks") == [{"n": 0}]
        assert store.migrate() == []  # idempotent: nothing left to apply
    # The upgraded file serves as before.
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        stats = client.get("/api/stats").json()
    assert stats["n_articles"] == len(before["articles"])
    assert stats["n_events"] == len(before["events"])


def test_previous_schema_read_only_says_how_to_upgrade(v1_db: tuple[Path, dict]) -> None:
    path, before = v1_db
    with pytest.raises(StoreError, match="schema version 1, this detente needs 3") as exc:
        Store(path, read_only=True)
    assert "detente check --db FILE" in str(exc.value)
    served = CliRunner().invoke(app, ["serve", "--db", str(path), "--get", "/api/stats"])
    assert served.exit_code == 2 and "detente check" in served.output
    checked = CliRunner().invoke(app, ["check", "--db", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "upgraded the schema to version 3" in checked.output
    with Store(path, read_only=True) as store:
        assert snapshot(store) == before


def test_a_failing_migration_is_rolled_back(
    v1_db: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, before = v1_db
    bad = Migration(4, "a broken one", "CREATE TABLE half_done (x INTEGER); SELECT * FROM nowhere;")
    monkeypatch.setattr(store_db, "MIGRATIONS", [*MIGRATIONS, bad])
    with pytest.raises(StoreError, match=r"migration 4 \(a broken one\) failed"):
        Store(path)
    monkeypatch.setattr(store_db, "MIGRATIONS", MIGRATIONS)
    with Store(path) as store:
        assert store.schema_version() == 3  # migrations 2 and 3 went through, 4 left no trace
        tables = {r["table_name"] for r in store.query("SELECT table_name FROM duckdb_tables()")}
        assert "half_done" not in tables and "checks" in tables
        assert snapshot(store) == before


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
