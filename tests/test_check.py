"""`detente check`: a sound database passes; each kind of damage is found and named."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.store import Store
from detente.store.check import SQL_CHECKS, check_database, check_store
from detente.store.schema import LATEST_VERSION
from factories import build_demo_db

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "demo.duckdb"
    build_demo_db(path)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database, free to damage."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, path)
    return path


def findings(path: Path) -> dict[str, dict]:
    result = runner.invoke(app, ["check", "--db", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["ok"] == (result.exit_code == 0)
    return {f["check"]: f for f in report["findings"]}


def test_sound_database_passes_and_the_result_is_recorded(demo: Path) -> None:
    result = runner.invoke(app, ["check", "--db", str(demo)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output and "checks passed" in result.output
    with Store(demo, read_only=True) as store:
        rows = store.query("SELECT ok, schema_version, counts FROM checks")
    assert len(rows) == 1 and rows[0]["ok"] is True
    assert rows[0]["schema_version"] == LATEST_VERSION
    assert json.loads(rows[0]["counts"])["articles"] == 15


def test_check_store_only_reads(demo: Path) -> None:
    with Store(demo, read_only=True) as store:  # a read-only store is enough
        report = check_store(store)
    assert report.ok and report.counts["events"] > 0
    assert len(report.checks) == len(SQL_CHECKS) + 4


def damage(path: Path, *statements: str) -> None:
    con = duckdb.connect(str(path))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()


def one_article(path: Path, offset: int) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT article_id FROM events) "
            "AND id IN (SELECT article_id FROM mentions) ORDER BY id LIMIT 1 OFFSET ?",
            [offset],
        ).fetchone()[0]
    finally:
        con.close()


def test_every_kind_of_damage_is_found(demo: Path) -> None:
    partial, unsentenced, edited = (one_article(demo, i) for i in range(3))
    con = duckdb.connect(str(demo), read_only=True)
    partial_tables = {
        t
        for t in ("sentences", "mentions", "events", "quotes", "issue_tags", "assessments")
        if con.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", [partial]).fetchone()[0]
    }
    con.close()
    assert {"sentences", "mentions", "events"} <= partial_tables
    damage(
        demo,
        # rows whose article or event is gone
        "INSERT INTO mentions VALUES ('gone', 0, 0, 4, 'Gone', NULL, NULL, NULL, 'XXX', "
        "'dictionary', 1.0, NULL, NULL, 'actor')",
        "INSERT INTO event_actors (event_id, role, pos, text, name, country, sector, code) "
        "VALUES ('no-such-event', 'source', 0, 'x', 'x', 'USA', 'GOV', 'USAGOV')",
        "INSERT INTO removals VALUES ('gone', 0, 'nav', 'navigation', 'Menu', 1)",
        # an article whose coded rows stayed although it is not marked coded
        f"UPDATE articles SET coded_version = NULL WHERE id = '{partial}'",
        # a coded article without its sentences
        f"DELETE FROM sentences WHERE article_id = '{unsentenced}'",
        # spans out of bounds, and a stored text that is not the body slice
        "UPDATE quotes SET end_char = 1000000 WHERE id = (SELECT min(id) FROM quotes)",
        "UPDATE mentions SET text = 'Somebody Else' WHERE rowid = "
        "(SELECT min(rowid) FROM mentions WHERE article_id <> 'gone')",
        # codes outside the ontology, values outside their ranges
        "UPDATE events SET cameo = '999', cameo_root = '99' WHERE id = (SELECT min(id) FROM events)",
        "UPDATE events SET plover = 'PARTY' WHERE id = (SELECT max(id) FROM events)",
        "UPDATE events SET quad_class = 7 WHERE id = (SELECT max(id) FROM events)",
        # a copy of an article that does not exist, an edited body
        "UPDATE articles SET duplicate_of = 'ffffffffffffffff' WHERE id = (SELECT max(id) FROM articles)",
        f"UPDATE articles SET body = body || ' (edited)' WHERE id = '{edited}'",
        # a migration from a newer detente
        "INSERT INTO schema_migrations VALUES (99, 'from the future', now())",
    )
    found = findings(demo)
    assert set(found) == {
        "orphan-mentions",
        "orphan-event_actors",
        "orphan-removals",
        "coded-without-sentences",
        "event-wrong-article",
        "span-bounds-quotes",
        "span-text-mentions",
        "invalid-cameo",
        "invalid-plover",
        "event-values",
        "duplicate-of-missing",
        "article-id-hash",
        "schema-version",
    } | {f"uncoded-with-{t}" for t in partial_tables}
    assert found["orphan-mentions"]["examples"] == ["gone"]
    assert found["uncoded-with-events"]["examples"] == [partial]
    assert found["coded-without-sentences"]["examples"] == [unsentenced]
    assert found["article-id-hash"]["examples"] == [edited]
    assert found["invalid-cameo"]["examples"] == ["'999' x1"]
    assert "newer" in found["schema-version"]["message"]
    assert "1000000" in found["span-bounds-quotes"]["examples"][0]


def test_table_output_lists_the_problems_and_exits_1(demo: Path) -> None:
    damage(
        demo,
        "INSERT INTO event_actors (event_id, role, pos, text, name, country, sector, code) "
        "VALUES ('no-such-event', 'source', 0, 'x', 'x', 'USA', 'GOV', 'USAGOV')",
    )
    result = runner.invoke(app, ["check", "--db", str(demo)])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "orphan-event_actors" in text and "no-such-event" in text
    assert "database check failed" in text and "--recode" in text
    with Store(demo, read_only=True) as store:
        assert store.query("SELECT ok FROM checks") == [{"ok": False}]


def test_old_schema_is_upgraded_by_check(demo: Path) -> None:
    damage(demo, "DROP TABLE checks", "DROP TABLE corrections",
           "ALTER TABLE event_actors DROP COLUMN resolved_by",
           "DELETE FROM schema_migrations WHERE version >= 2")
    report = check_database(demo)
    assert report.ok and report.migrated == [2, 3, 4] and report.schema_version == LATEST_VERSION
    again = check_database(demo)
    assert again.migrated == []


# -- files that cannot be opened: exit status 2 and one line ---------------------------------


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no database at" in result.output and "--db FILE" in result.output
    assert not (tmp_path / "none.duckdb").exists(), "check does not create a database"


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n")
    result = runner.invoke(app, ["check", "--db", str(path)])
    assert result.exit_code == 2
    assert "cannot open database" in result.output and "not a valid DuckDB" in result.output


def test_truncated_database(demo: Path) -> None:
    data = demo.read_bytes()
    demo.write_bytes(data[: len(data) // 3])
    result = runner.invoke(app, ["check", "--db", str(demo)])
    assert result.exit_code == 2, result.output
    assert "E400" in result.output and "Traceback" not in result.output
    text = " ".join(result.output.split())
    assert "damaged" in text or "cannot open database" in text


def test_locked_database(demo: Path) -> None:
    """Another process writing to the file: check says so instead of waiting or crashing."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
            "sys.stdin.read()",
            str(demo),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = runner.invoke(app, ["check", "--db", str(demo)])
    finally:
        holder.communicate("", timeout=30)
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "cannot open database" in text and "lock" in text.lower()
    assert "locked by another process writing to it (PID" in text
    assert "wait for that process to finish" in text


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0 and "Example: detente check --db" in result.output
