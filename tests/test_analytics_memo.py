"""Cheaper dyad aggregates give the same answers: SQL left_out, periods in Python, the memo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from detente.analytics import dyad_series, memo
from detente.analytics.params import FREQS, MODALITIES, DyadQuery
from detente.analytics.queries import dyad_event_rows, left_out, why_left_out
from detente.analytics.series import period_start
from detente.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def one_count_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus, coded (as tests/test_one_count.py)."""
    from detente.ingest import ingest_paths
    from detente.pipeline import code_pending

    db = tmp_path_factory.mktemp("memo") / "sample.duckdb"
    with Store(db) as store:
        ingest_paths([str(EXAMPLES / "corpus")], store)
        code_pending(store)
    return db


def test_period_start_is_duckdb_date_trunc() -> None:
    con = duckdb.connect()
    days = [date(2023, 1, 1) + timedelta(days=i) for i in range(0, 800, 3)]
    for freq in FREQS:
        got = con.execute(
            "SELECT list(CAST(date_trunc(?, d) AS DATE)) FROM (SELECT unnest(?) AS d)",
            [freq, days],
        ).fetchone()[0]
        assert got == [period_start(d, freq) for d in days], freq


def _python_left_out(db, q: DyadQuery) -> dict[str, int]:
    wide = replace(q, include_negated=True, modalities=MODALITIES, min_confidence=None)
    out = {"total": 0, "kept": 0}
    for r in dyad_event_rows(db, wide, canonical_only=False, undated=None):
        why = why_left_out(
            r,
            include_negated=q.include_negated,
            modalities=q.modalities,
            min_confidence=q.min_confidence,
        )
        out["total"] += 1
        out[why or "kept"] = out.get(why or "kept", 0) + 1
    return out


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"directed": True},
        {"include_negated": True},
        {"modalities": MODALITIES},
        {"min_confidence": 0.7},
        {"modalities": ("actual", "intent"), "min_confidence": 0.5},
    ],
)
def test_left_out_in_sql_is_the_python_rule(one_count_db: Path, extra: dict) -> None:
    with Store(one_count_db, read_only=True) as store:
        pairs = store.query(
            "SELECT DISTINCT source_country AS a, target_country AS b FROM events "
            "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
            "AND source_country <> target_country"
        )
        assert pairs
        for p in pairs:
            q = DyadQuery(p["a"], p["b"], **extra)
            assert left_out(store, q) == _python_left_out(store, q), q


def test_memo_answers_again_and_sees_a_changed_file(tmp_path: Path, one_count_db: Path) -> None:
    memo.clear()
    with Store(one_count_db, read_only=True) as store:
        p = store.query(
            "SELECT source_country AS a, target_country AS b, count(*) AS n FROM events "
            "WHERE source_country <> target_country GROUP BY ALL ORDER BY n DESC LIMIT 1"
        )[0]
        q = DyadQuery(p["a"], p["b"])
        first = dyad_series(store, q, freq="month")
        assert dyad_series(store, q, freq="month") is first  # kept
        assert memo.version(store) is not None
    with Store(one_count_db) as writer:  # a writer is never remembered
        assert memo.version(writer) is None
        writer.con.execute(
            "UPDATE events SET negated = true WHERE id IN (SELECT id FROM events "
            "WHERE source_country = ? AND target_country = ? AND NOT coalesce(negated, false) "
            "LIMIT 1)",
            [p["a"], p["b"]],
        )
    with Store(one_count_db, read_only=True) as store:
        again = dyad_series(store, q, freq="month")
        assert again is not first
        assert again.left_out.get("negated", 0) == first.left_out.get("negated", 0) + 1
    memo.clear()
