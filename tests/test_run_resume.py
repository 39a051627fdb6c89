"""A `detente run` killed partway (SIGKILL, no clean-up) is completed by running it again,
with exactly the rows of an uninterrupted run; a Dask work unit that died before its
marker is redone without leaving a duplicate file behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from detente.distributed.partition import plan_units
from detente.distributed.worker import UnitSettings, read_marker, run_unit
from test_scale import CORPUS, local_reference, run_cli, snapshot

pytestmark = pytest.mark.slow

PROGRESS = re.compile(r"coding: (\d+)/(\d+) articles")


def test_killed_run_resumes_to_exactly_the_uninterrupted_result(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    reference = local_reference(tmp_path_factory)
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from detente.cli import main; main()",
            "run",
            str(CORPUS),
            "--db",
            str(db),
            "--batch-size",
            "5",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    seen = threading.Event()
    lines: list[str] = []

    def watch() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:  # progress lines go to stderr when it is not a terminal
            lines.append(line)
            if PROGRESS.search(line):
                seen.set()

    threading.Thread(target=watch, daemon=True).start()
    assert seen.wait(timeout=300), "".join(lines)
    proc.send_signal(signal.SIGKILL)  # right after the first coding commit: mid-way through batch 2
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "".join(lines)

    con = duckdb.connect(str(db))
    total, coded = con.execute("SELECT count(*), count(coded_version) FROM articles").fetchone()
    partial = con.execute(
        "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE a.coded_version IS NULL"
    ).fetchone()[0]
    con.close()
    assert total == 43 and 0 < coded < total and coded % 5 == 0  # whole batches only
    assert partial == 0  # no rows of an article whose batch did not commit

    out = run_cli(str(CORPUS), "--db", str(db), "--quiet")
    assert f"coded {total - coded} article(s)" in out  # only what was left
    assert snapshot(db) == snapshot(reference)


def test_dead_unit_is_redone_without_duplicate_files(tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    units, _ = plan_units(
        [
            str(CORPUS / "txt" / n)
            for n in ("usa-rus-tracy-first-meeting.txt", "rus-ukr-kherson-shelling.txt")
        ],
        "fp",
        target_bytes=10**9,
    )
    [unit] = units
    settings = UnitSettings(str(out))
    first = run_unit(unit, settings)
    assert first.coded == 2 and read_marker(out, unit.id) is not None
    files = sorted(out.rglob(f"part-{unit.id}-*.parquet"))
    # a worker killed after moving its files but before writing its marker:
    (out / "_units" / f"{unit.id}.json").unlink()
    again = run_unit(unit, settings)
    assert not again.skipped and again.events == first.events
    after = sorted(out.rglob(f"part-{unit.id}-*.parquet"))
    assert len(after) == len(files) and not set(after) & set(files)  # replaced, not added to
    con = duckdb.connect()
    n = con.execute(
        f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning = true)"
    ).fetchone()[0]
    assert n == first.events
    # with the marker in place, the unit is not run again
    assert run_unit(unit, settings).skipped
    assert sorted(out.rglob(f"part-{unit.id}-*.parquet")) == after
