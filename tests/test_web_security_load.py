"""The load test (benchmarks/load_test.py) runs end to end on a small database, with no errors.

The full run (12,000 events, 1,000 requests per endpoint) is a documented
command in RELIABILITY.md; this keeps the script working, on loopback, at a
size CI affords. No timing is asserted.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

LOAD_TEST = Path(__file__).resolve().parents[1] / "benchmarks" / "load_test.py"


@pytest.fixture(scope="module")
def load_test():
    spec = importlib.util.spec_from_file_location("load_test", LOAD_TEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_generated_database_holds_the_events_asked_for(load_test, tmp_path: Path) -> None:
    from detente.store import Store
    from detente.store.check import check_store

    info = load_test.generate(tmp_path / "g.duckdb", 200, seed=3)
    assert info["events"] >= 200 and info["articles"] * 4 == info["events"]
    with Store(tmp_path / "g.duckdb", read_only=True) as store:
        assert check_store(store).ok  # the generator writes sound, checkable data
        dyads = store.query(
            "SELECT count(DISTINCT (source_country, target_country)) AS n FROM events"
        )
        assert dyads[0]["n"] > 4


@pytest.mark.slow
def test_load_test_runs_on_loopback_without_errors(load_test, tmp_path: Path, capsys) -> None:
    out = tmp_path / "load.json"
    status = load_test.main(
        [
            "--events",
            "300",
            "--requests",
            "30",
            "--concurrency",
            "2",
            "--warmup",
            "2",
            "--db",
            str(tmp_path / "l.duckdb"),
            "--out",
            str(out),
        ]
    )
    result = json.loads(out.read_text())
    assert status == 0 and result["errors"] == 0
    assert result["host"] == "127.0.0.1"
    for name in ("series", "events"):
        e = result["endpoints"][name]
        assert e["requests"] == 30 and e["errors"] == 0
        assert 0 < e["p50_ms"] <= e["p99_ms"] <= e["max_ms"]
    assert json.loads(capsys.readouterr().out)["errors"] == 0
