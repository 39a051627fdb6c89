"""The bundled sample corpus: what `make demo` runs on must ingest and code cleanly.

Expected metadata comes from examples/corpus_manifest.tsv (written with the corpus).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from detente.ingest import ingest_paths
from detente.pipeline import code_pending
from detente.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Store(db) as store:
        report = ingest_paths([str(EXAMPLES / "corpus")], store)
        assert report.problems == [], report.problems  # the folder holds articles only
        code_pending(store)
    return db


def test_metadata_matches_the_manifest(sample_db: Path):
    with Store(sample_db, read_only=True) as store:
        stored = {r["title"]: r for r in store.article_rows()}
    rows = list(csv.DictReader((EXAMPLES / "corpus_manifest.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) >= 30
    found = 0
    for row in rows:
        art = stored.get(row["title"])
        if art is None:
            continue  # the exact duplicate is stored once, under its first title
        found += 1
        assert art["published"] == (row["published"] or None), row["file"]
        assert art["authors"] == [a for a in row["authors"].split(";") if a], row["file"]
        assert art["publisher"] == (row["publisher"] or None), row["file"]
        assert art["url"] == (row["url"] or None), row["file"]
    assert found >= len(rows) - 2


def test_duplicates_are_counted_once(sample_db: Path):
    with Store(sample_db, read_only=True) as store:
        n = store.query("SELECT count(*) AS n FROM articles")[0]["n"]
        near = store.query("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")[0]["n"]
    assert n == 43 and near == 1


def test_corpus_spans_three_dyads_over_a_year(sample_db: Path):
    with Store(sample_db, read_only=True) as store:
        dyads = store.query(
            "SELECT list_sort([source_country, target_country]) AS d, count(*) AS n FROM events "
            "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
            "AND source_country <> target_country GROUP BY d HAVING count(*) >= 3"
        )
        span = store.query("SELECT min(date) AS a, max(date) AS b FROM events")[0]
    assert len(dyads) >= 3, dyads
    assert (span["b"] - span["a"]).days >= 365


def test_articles_json_carries_main_dyad_issues_and_tone(sample_db: Path):
    import json

    from typer.testing import CliRunner

    from detente.cli import app

    result = CliRunner().invoke(app, ["articles", "--db", str(sample_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    usa_rus = [r for r in rows if r["main_dyad"] == ["RUS", "USA"]]
    assert len(usa_rus) >= 10
    assert all(isinstance(r["issues"], list) for r in rows)
    assert any("sanctions" in r["issues"] for r in usa_rus)
    assert all(r["tone"] is None or -1 <= r["tone"] <= 1 for r in rows)
