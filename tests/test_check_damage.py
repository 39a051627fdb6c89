"""Damaged database files: `detente check` never says ok, and nothing writes into them.

Each test damages a real database the way disks and copies do (a zeroed
stretch of blocks, a cut tail, a full disk while writing) and checks that the
user sees one E400 line, exit status 2, no traceback, and that `ingest`
refuses to write into the file.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.ingest import ingest_paths
from detente.store import Store
from detente.store.blocks import bad_blocks

runner = CliRunner()
WORDS = [
    "Arland",
    "Borovia",
    "talks",
    "treaty",
    "river",
    "border",
    "minister",
    "said",
    "Monday",
    "officials",
    "trade",
    "water",
    "farms",
    "envoy",
    "summit",
    "accord",
    "protest",
    "sanctions",
    "Calder",
    "delegation",
]


def export(path: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = " ".join(rng.choice(WORDS) for _ in range(250)) + f" Report {seed}-{i} ends."
            fh.write(json.dumps({"title": f"Report {seed}-{i}", "text": body}) + "\n")
    return path


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("damage")
    db = base / "healthy.duckdb"
    with Store(db) as store:
        ingest_paths([str(export(base / "a.jsonl", 600, 1))], store)
    return db


def layout(db: Path) -> tuple[int, int, set[int]]:
    """(block size, total blocks, blocks holding table data)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        size, total = con.execute(
            "SELECT block_size, total_blocks FROM pragma_database_size()"
        ).fetchone()
        used: set[int] = set()
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            used |= {
                r[0]
                for r in con.execute(
                    f"SELECT DISTINCT block_id FROM pragma_storage_info('{table}') "
                    "WHERE block_id >= 0"
                ).fetchall()
            }
    finally:
        con.close()
    return int(size), int(total), used


def zero_block(db: Path, number: int, block_size: int) -> None:
    with db.open("r+b") as fh:
        fh.seek(3 * 4096 + number * block_size)
        fh.write(b"\0" * min(65536, block_size))


def one_line_error(result, text: str) -> None:  # noqa: ANN001
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert any(ln.startswith("error [E400]") and text in ln for ln in lines), result.output


def test_healthy_database_passes(healthy: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(healthy, db)
    size, total, _ = layout(db)
    assert bad_blocks(db, size, total) == []
    result = runner.invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 0 and "ok: all" in result.output


def test_zeroed_data_block_is_damage(healthy: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(healthy, db)
    size, _, used = layout(db)
    zero_block(db, min(used), size)
    one_line_error(runner.invoke(app, ["check", "--db", str(db)]), "is damaged")


def test_zeroed_block_no_query_reads_is_found_and_ingest_refuses_it(
    healthy: Path, tmp_path: Path
) -> None:
    """Index and free-list blocks load only on the next write: before, the next run failed."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(healthy, db)
    size, total, used = layout(db)
    data = db.read_bytes()
    others = [
        b
        for b in range(total)
        if b not in used and data[3 * 4096 + b * size : 3 * 4096 + (b + 1) * size].strip(b"\0")
    ]
    assert others, "the test database has blocks besides table data"
    zero_block(db, others[-1], size)
    damaged = db.read_bytes()
    one_line_error(runner.invoke(app, ["check", "--db", str(db)]), "fail their checksum")
    new = export(tmp_path / "b.jsonl", 50, 2)
    one_line_error(runner.invoke(app, ["ingest", str(new), "--db", str(db)]), "is damaged")
    assert db.read_bytes() == damaged, "nothing was written into the damaged file"


def test_cut_tail_is_damage_and_ingest_refuses_it(healthy: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(healthy, db)
    size, _, _ = layout(db)
    with db.open("r+b") as fh:
        fh.truncate(db.stat().st_size - size)
    length = db.stat().st_size
    one_line_error(runner.invoke(app, ["check", "--db", str(db)]), "cut short")
    new = export(tmp_path / "b.jsonl", 20, 3)
    one_line_error(runner.invoke(app, ["ingest", str(new), "--db", str(db)]), "cut short")
    assert db.stat().st_size == length
    one_line_error(runner.invoke(app, ["articles", "--db", str(db)]), "cut short")


def test_full_disk_while_writing_is_one_line(
    healthy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(healthy, db)

    def full(self: Store, table: str, rows: list, *, or_ignore: bool = False) -> None:
        raise duckdb.IOException(f'Could not write file "{self.path}": No space left on device')

    monkeypatch.setattr(Store, "_bulk_insert", full)
    new = export(tmp_path / "b.jsonl", 20, 4)
    result = runner.invoke(app, ["ingest", str(new), "--db", str(db)])
    one_line_error(result, "the disk is full")


@pytest.mark.parametrize("damage", ["zeroed block", "cut tail"])
def test_run_refuses_a_damaged_database_and_writes_nothing(
    healthy: Path, tmp_path: Path, damage: str
) -> None:
    """`detente run` opens the file for writing only after the same checks as `check`."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(healthy, db)
    size, total, used = layout(db)
    if damage == "zeroed block":
        data = db.read_bytes()
        others = [
            b
            for b in range(total)
            if b not in used and data[3 * 4096 + b * size : 3 * 4096 + (b + 1) * size].strip(b"\0")
        ]
        zero_block(db, others[-1], size)
        text = "fail their checksum"
    else:
        with db.open("r+b") as fh:
            fh.truncate(db.stat().st_size - size)
        text = "cut short"
    damaged = db.read_bytes()
    before = sorted(p.name for p in tmp_path.iterdir())
    new = export(tmp_path / "b.jsonl", 20, 5)
    result = runner.invoke(app, ["run", str(new), "--db", str(db), "--quiet"])
    one_line_error(result, text)
    assert len([ln for ln in result.output.splitlines() if ln.strip()]) == 1, result.output
    assert db.read_bytes() == damaged, "nothing was written into the damaged file"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "b.jsonl"]), (
        "no write-ahead log or other file was created"
    )
