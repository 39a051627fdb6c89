"""`--jobs 2`'s parser process, started before ingest and fed ahead: it is the one
code_pending uses, it is closed when there is nothing for it to do, and it ships tensors
only to a coder that reads them. That the output is the same as one job's is
test_scale.py's and test_parse_ahead.py's business."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import detente.distributed.pool as pool_module
from detente.ingest import ingest_paths
from detente.nlp import load_nlp
from detente.pipeline import code_pending, parsers_for
from detente.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "txt"


def test_a_parser_ships_tensors_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "_nlp", load_nlp())
    texts = ["Chile recalled its ambassador.", "Peru protested."]
    data, tensors, failures = pool_module._parse(texts, False)
    assert data and tensors == [] and failures == []
    _, tensors, _ = pool_module._parse(texts, True)
    assert [t.shape[0] for t in tensors] == [5, 3]  # one row per token


def test_parsers_are_started_only_for_the_jobs_that_use_them() -> None:
    with parsers_for(1) as none:
        assert none is None
    with parsers_for(8) as none:  # beyond PARSE_AHEAD_JOBS every worker codes
        assert none is None


def _store_with_articles(tmp_path: Path, n: int) -> Store:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:n]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    store = Store(tmp_path / "db.duckdb")
    ingest_paths([str(folder)], store)
    return store


def test_code_pending_uses_the_parsers_started_before_it(
    tmp_path: Path, parse_ahead_calls: list[Any]
) -> None:
    store = _store_with_articles(tmp_path, 6)
    try:
        with parsers_for(2) as parsers:
            report = code_pending(store, jobs=2, batch_size=2, parsers=parsers)
        assert parse_ahead_calls == [parsers]
        assert report.coded == 6 and not report.failures
    finally:
        store.close()


def test_parsers_with_nothing_to_do_are_closed_before_coding(tmp_path: Path) -> None:
    store = _store_with_articles(tmp_path, 2)
    try:
        with parsers_for(2) as parsers:
            report = code_pending(store, jobs=2, batch_size=25, parsers=parsers)  # one batch
            assert parsers._pool is None  # closed, not left holding a model
        assert report.coded == 2
    finally:
        store.close()
