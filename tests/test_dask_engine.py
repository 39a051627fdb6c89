"""`detente run --engine dask` on a real LocalCluster (2 worker processes, loopback) codes
exactly what a local run codes, leaves DuckDB-readable hive-partitioned Parquet, and a
second run of the same command skips the finished units."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.distributed.parquet import read_table
from test_scale import CORPUS, event_keys, local_reference, run_cli, snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    work = tmp_path_factory.mktemp("dask")
    db, out = work / "dask.duckdb", work / "parquet"
    output = run_cli(
        str(CORPUS),
        "--engine",
        "dask",
        "--jobs",
        "2",
        "--db",
        str(db),
        "--out",
        str(out),
        "--quiet",
    )
    return db, out, output


def test_dask_engine_codes_the_same_events_as_a_local_run(
    dask_run: tuple[Path, Path, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    db, _, output = dask_run
    reference = local_reference(tmp_path_factory)
    assert "tcp://127.0.0.1:" in output  # a real cluster, on loopback
    assert event_keys(db) == event_keys(reference)
    # and everything else: mentions, quotes, sources, duplicates marked as a local ingest does
    assert snapshot(db) == snapshot(reference)


def test_parquet_output_is_what_was_loaded(dask_run: tuple[Path, Path, str]) -> None:
    db, out, _ = dask_run
    con = duckdb.connect()
    n_parquet, months = con.execute(
        f"SELECT count(*), count(DISTINCT date_month) FROM {read_table(out, 'events')}"
    ).fetchone()
    n_db = (
        duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM events").fetchone()[0]
    )
    assert n_parquet == n_db and months > 3
    # one row per article, duplicates marked as in the database
    articles = "SELECT id, duplicate_of FROM {} ORDER BY id"
    in_parquet = con.execute(articles.format(read_table(out, "articles"))).fetchall()
    in_db = duckdb.connect(str(db), read_only=True).execute(articles.format("articles")).fetchall()
    assert in_parquet == in_db
    units = list((out / "_units").glob("*.json"))
    assert len(units) > 1  # the corpus was split over the workers
    parts = {p.name.split("-")[1] for p in (out / "events").glob("*/part-*.parquet")}
    assert parts <= {u.stem for u in units}


def test_rerun_skips_finished_units_and_changes_nothing(dask_run: tuple[Path, Path, str]) -> None:
    db, out, _ = dask_run
    before = snapshot(db)
    result = CliRunner().invoke(
        app, ["run", str(CORPUS), "--engine", "dask", "--db", str(db), "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    units = len(list((out / "_units").glob("*.json")))
    assert f"{units} unit(s), {units} already written" in " ".join(result.output.split())
    assert snapshot(db) == before


def test_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("detente.distributed.dask_runner.CONNECT_TIMEOUT", "2s")
    result = CliRunner().invoke(
        app,
        [
            "run",
            str(CORPUS / "txt"),
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:9",
            "--db",
            str(tmp_path / "x.duckdb"),
            "--quiet",
        ],
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in " ".join(result.output.split())
