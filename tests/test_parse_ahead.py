"""`--jobs 2`'s pipeline: Docs parsed in another process and shipped back (DocBin and the
tensor) code exactly as Docs parsed here; a text that cannot be parsed is a failure of its
article only. The whole run, jobs 1 against jobs 2, is compared in test_scale.py."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from detente.coding import default_coder
from detente.distributed.pool import ParseAhead
from detente.records import Article

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "txt"


def _articles(n: int) -> list[Article]:
    paths = sorted(CORPUS.glob("*.txt"))[:n]
    return [Article(id=f"a{i}", body=p.read_text(encoding="utf-8"), published="2018-01-26")
            for i, p in enumerate(paths)]


def _by_id(coded: list) -> dict[str, dict]:
    return {ca.article.id: asdict(ca) for ca in coded}


def test_docs_parsed_in_a_parser_process_code_as_docs_parsed_here() -> None:
    coder = default_coder()
    articles = _articles(8)
    assert len(articles) == 8
    here, failures = coder.code_batch(articles)
    assert not failures
    shipped: list = []
    with ParseAhead(1, parse_here=False) as pool:  # every batch through the parser process
        for coded, failed in pool.code_batches([articles[:3], [], articles[3:]], coder):
            assert not failed
            shipped.extend(coded)
    assert _by_id(shipped) == _by_id(here)
    assert sum(len(ca.events) for ca in here) > 0


def test_an_unparsable_text_fails_alone_in_a_shipped_batch() -> None:
    coder = default_coder()
    articles = _articles(2)
    too_long = Article(id="huge", body="word " * 250_000)  # over spaCy's max_length
    with ParseAhead(1, parse_here=False) as pool:
        results = list(pool.code_batches([[articles[0], too_long, articles[1]]], coder))
    (coded, failures), = results
    assert [ca.article.id for ca in coded] == ["a0", "a1"]
    assert [(i, why.startswith("cannot be parsed")) for i, why in failures] == [("huge", True)]


def test_the_model_coder_reads_the_shipped_tensor() -> None:
    """``--coder model`` reads ``doc.tensor``, which DocBin leaves out: it travels beside it."""
    from detente.coding import Coder

    coder = Coder(model="")
    articles = _articles(4)
    here, _ = coder.code_batch(articles)
    shipped: list = []
    with ParseAhead(1, parse_here=False) as pool:
        for coded, _ in pool.code_batches([articles], coder):
            shipped.extend(coded)
    assert _by_id(shipped) == _by_id(here)
