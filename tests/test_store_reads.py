"""The reads that ingest, the Dask loader and the CLI make through Store methods, not their own SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import StoreError
from detente.records import Article
from detente.store import Store


def _article(article_id: str, title: str, duplicate_of: str | None = None) -> Article:
    return Article(id=article_id, body=f"Body of {title}.", title=title, duplicate_of=duplicate_of)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "reads.duckdb") as s:
        # three batches, so ingest time orders them (oldest first), not the ids
        s.add_articles([_article("ff01", "first")], signatures={"ff01": [3, 2, 1]})
        s.add_articles([_article("aa02", "second", duplicate_of="ff01")],
                       signatures={"aa02": [3, 2, 9]})
        s.add_articles([_article("AB03", "third"), _article("ab04", "fourth")],
                       signatures={"AB03": [7, 7, 7]})
        yield s


def test_signatures_stream_oldest_first_with_the_duplicate_mark(store: Store) -> None:
    assert list(store.minhash_signatures()) == [
        ("ff01", [3, 2, 1], None),
        ("aa02", [3, 2, 9], "ff01"),
        ("AB03", [7, 7, 7], None),
    ]
    assert store.minhash_signature("aa02") == [3, 2, 9]
    assert store.minhash_signature("ab04") is None  # stored without a signature
    assert store.minhash_signature("nope") is None


def test_ids_by_prefix_ignore_case_and_count_all(store: Store) -> None:
    assert store.articles_starting_with("FF", 5) == ([{"id": "ff01", "title": "first"}], 1)
    matches, total = store.articles_starting_with(" ab", 1)
    assert (matches, total) == ([{"id": "AB03", "title": "third"}], 2)
    assert store.articles_starting_with("zz", 5) == ([], 0)


def test_count(store: Store) -> None:
    assert (store.count("articles"), store.count("events")) == (4, 0)
    with pytest.raises(StoreError, match="no table"):
        store.count("articles; DROP TABLE articles")


def test_the_command_line_writes_no_sql() -> None:
    """CLI commands call Store methods and the query modules (docs/ARCHITECTURE.md)."""
    import ast
    import re

    import detente.cli

    sql = re.compile(r"^\s*(SELECT\s|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX|VIEW)"
                     r"|WITH \w+ AS)")
    found = []
    for path in sorted(Path(detente.cli.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.match(node.value):
                found.append(f"{path.name}:{node.lineno}")
    assert not found, f"SQL in the CLI: {found}"


def test_the_web_routes_and_the_report_builder_write_no_sql() -> None:
    """Their counts come from the one query layer (analytics/queries.py)."""
    import ast
    import re

    import detente.report.build
    import detente.web.api

    sql = re.compile(r"^\s*(SELECT\s|INSERT INTO|UPDATE \w+ SET|DELETE FROM|WITH \w+ AS)")
    found = []
    for module in (detente.web.api, detente.report.build):
        path = Path(module.__file__)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.match(node.value):
                found.append(f"{path.name}:{node.lineno}")
    assert not found, f"SQL outside the query layer: {found}"


def test_articles_come_back_as_records_by_id(store: Store) -> None:
    from detente.records import Article

    got = store.articles(["ff01", "nope", "AB03", "aa02"])
    assert [a.id for a in got] == ["AB03", "aa02", "ff01"]  # by id; an unknown id is left out
    assert all(isinstance(a, Article) for a in got)
    assert got[1].duplicate_of == "ff01" and got[2].title == "first" and got[2].body == "Body of first."
    assert store.articles([]) == []
