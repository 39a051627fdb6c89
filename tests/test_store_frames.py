"""The store reads its batches' tables of columns from Python variables of any frame
(DuckDB's ``python_scan_all_frames``) only while it writes them: a user's SQL on
``Store.con`` names tables of the database, and a missing one is an error, whatever
variables the functions that called it hold."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy
import pytest

from detente.records import Article, CodedArticle, Sentence
from detente.store import Store
from detente.store.db import _scan_python_frames


def _written(path: Path) -> Store:
    """A store that has run both of its column-table writes (articles, a coded batch)."""
    store = Store(path)
    body = "Invented: Arland sent flowers to Borovia."
    article = Article(id="fr01", body=body, source_path="mem/fr01.txt")
    store.add_articles([article])
    sentence = Sentence(article_id="fr01", index=0, start=0, end=len(body), text=body)
    store.save_coded([CodedArticle(article=article, sentences=[sentence], tone=0.5)], "v1")
    return store


def _users_query(store: Store) -> list[tuple[int]]:
    """A library user's query, one frame below the function holding the variable."""
    return store.con.execute("SELECT * FROM tanks_on_hand").fetchall()


def test_a_missing_table_is_an_error_though_a_caller_holds_a_variable_of_its_name(
    tmp_path: Path,
) -> None:
    with _written(tmp_path / "frames.duckdb") as store:
        tanks_on_hand = {"n": numpy.arange(3)}  # noqa: F841  (what a wide scan would read)
        with pytest.raises(duckdb.CatalogException, match="tanks_on_hand"):
            _users_query(store)


def test_while_the_store_writes_a_caller_variable_is_read(tmp_path: Path) -> None:
    """The twin: inside the store's writes the wide scan is on (and the batch went in),
    so the test above fails if the setting outlives them."""
    with _written(tmp_path / "frames.duckdb") as store:
        assert store.con.execute(
            "SELECT coded_version, tone FROM articles WHERE id = 'fr01'"
        ).fetchall() == [("v1", 0.5)]
        assert store.count("sentences") == 1
        tanks_on_hand = {"n": numpy.arange(3)}  # noqa: F841  (read by name below)
        with _scan_python_frames(store.con):
            assert _users_query(store) == [(0,), (1,), (2,)]
        with pytest.raises(duckdb.CatalogException):
            _users_query(store)
