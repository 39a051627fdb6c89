"""The store writes by column name: a migration that adds or moves columns misplaces no value.

A later migration can only append columns (DuckDB's ADD COLUMN), and dropping a
column and adding it back moves it to the end. Both would shift every value of a
writer that inserts by position. Here a test-only migration does both to every
table a writer fills; every writer then stores the same values, each in its own
column, as on the shipped schema, and the added column holds its default.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import detente.store.db as store_db
from detente.errors import StoreError
from detente.records import Article, Problem, Removal, article_id_for
from detente.store import Store
from detente.store.check import CheckReport, Finding, record_check
from detente.store.corrections import Correction, add_correction
from detente.store.schema import MIGRATIONS, Migration
from factories import CODED_VERSION, demo_corpus

# table -> a column the test migration moves to the end (not in a key or an index)
MOVED = {
    "articles": "title",
    "article_sources": "first_seen",
    "removals": "reason",
    "article_minhash": None,
    "sentences": "text",
    "mentions": "name",
    "events": "sentence",
    "event_actors": "text",
    "quotes": "text",
    "issue_tags": "phrase",
    "assessments": "level",
    "runs": "command",
    "problems": "source",
    "checks": "counts",
    "corrections": "author",
}
# Written at a different time in each database, or at random: compared by presence only.
VARYING = {"ingested_at", "first_seen", "coded_at", "started_at", "finished_at", "checked_at",
           "created_at", "id"}


# DuckDB alters no table that has an index: the test migrations drop and remake them.
INDEXED = ("events", "mentions", "quotes", "issue_tags", "assessments", "corrections")


def _reshape(con_types: dict[str, dict[str, str]]) -> list[Migration]:
    """Three migrations (DuckDB alters a table only once its index is dropped and committed)."""
    statements = []
    for table, column in MOVED.items():
        if column:
            kind = con_types[table][column]
            statements.append(f'ALTER TABLE {table} DROP COLUMN "{column}";')
            statements.append(f'ALTER TABLE {table} ADD COLUMN "{column}" {kind};')
        statements.append(f"ALTER TABLE {table} ADD COLUMN added_later VARCHAR DEFAULT 'later';")
    v = MIGRATIONS[-1].version
    return [
        Migration(v + 1, "test: drop indexes", "\n".join(f"DROP INDEX {t}_article;" for t in INDEXED)),
        Migration(v + 2, "test: move and add columns", "\n".join(statements)),
        Migration(
            v + 3,
            "test: indexes again",
            "\n".join(f"CREATE INDEX {t}_article ON {t}(article_id);" for t in INDEXED),
        ),
    ]


def _columns(store: Store, table: str) -> dict[str, str]:
    """Column name -> type, in the table's order."""
    return dict(store.con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall())


def _shipped_types(tmp_path: Path) -> dict[str, dict[str, str]]:
    with Store(tmp_path / "types.duckdb") as store:
        return {t: _columns(store, t) for t in MOVED}


def _write_everything(path: Path) -> None:
    """Every writer of the store, once: articles, coding, runs, problems, checks, corrections."""
    builder, handles = demo_corpus()
    builder.write(path)
    body = "Invented: a cleaned article. Its footer was removed."
    extra = Article(
        id=article_id_for(body), body=body, title="Cleaned", published="2024-07-01",
        publisher="Example Times", source_path="tests/cleaned.txt",
        removals=[Removal("footer", "boilerplate", "Subscribe now", 3),
                  Removal("share", "share links", "Share this", 4)],
        evidence={"published": "dateline"},
    )
    with Store(path) as store:
        store.add_articles([extra], signatures={extra.id: [1, 2, 3]})
        store.add_articles([extra])  # the same text again from another file
        store.record_run(
            "run-1", "detente run tests", datetime(2024, 1, 1),
            {"articles": 2}, [Problem("bad.html", "no text left", "check it", "E102")],
        )
        record_check(store, CheckReport(
            path=str(path), schema_version=3, latest_version=3, counts={"articles": 17},
            findings=[Finding("orphans", "events", 1, "an event without its article")],
        ))
        event = handles["geneva"].coded.events[0]
        add_correction(store.con, Correction(
            action="fix", article_id=event.article_id, event_id=event.id, plover="CONSULT",
            source_code="USA", note="the envoy spoke", author="tester",
        ))


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows by the shipped column names, sorted (varying columns as presence)."""
    out = {}
    with Store(path, read_only=True) as store:
        for table in MOVED:
            names = [c for c in _SHIPPED[table] if c != "added_later"]
            select = ", ".join(
                f'"{c}" IS NOT NULL' if c in VARYING else f'CAST("{c}" AS VARCHAR)' for c in names
            )
            rows = store.con.execute(f"SELECT {select} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


_SHIPPED: dict[str, dict[str, str]] = {}


def test_every_writer_puts_every_value_in_its_column_after_a_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _SHIPPED.update(_shipped_types(tmp_path))
    shipped = tmp_path / "shipped.duckdb"
    _write_everything(shipped)
    before = _rows(shipped)

    reshape = _reshape(_SHIPPED)
    monkeypatch.setattr(store_db, "MIGRATIONS", [*MIGRATIONS, *reshape])
    monkeypatch.setattr(store_db, "LATEST_VERSION", reshape[-1].version)
    migrated = tmp_path / "migrated.duckdb"
    _write_everything(migrated)

    with Store(migrated, read_only=True) as store:
        for table, column in MOVED.items():
            order = list(_columns(store, table))
            assert order[-1] == "added_later", table
            if column:  # the migration really moved it: a positional writer would misplace values
                assert order[-2] == column, table
                assert order != list(_SHIPPED[table]), table
            count, later = store.con.execute(
                f"SELECT count(*), count(*) FILTER (added_later = 'later') FROM {table}"
            ).fetchone()
            assert count > 0, f"no writer filled {table}"
            assert later == count, table
    assert _rows(migrated) == before


def test_a_writer_naming_a_column_the_table_lacks_is_refused(tmp_db: Path) -> None:
    with Store(tmp_db) as store, pytest.raises(StoreError, match="no column nonesuch"):
        store._bulk_insert("runs", {"id": ["r"], "nonesuch": [1]})


def test_coded_rows_name_only_columns_of_their_tables(tmp_db: Path) -> None:
    builder, _ = demo_corpus()
    rows = store_db._coded_rows([b.coded for b in builder.articles])
    with Store(tmp_db) as store:
        for table, columns in rows.items():
            assert columns, table
            assert set(columns) <= set(_columns(store, table)), table
    assert CODED_VERSION
