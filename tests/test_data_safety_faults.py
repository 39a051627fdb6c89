"""Faults inside a write (an error mid-transaction) leave no partial article behind.

The coder is replaced by a small deterministic fake, so these run in a second
and exercise only what they are about: the store's transactions and the
resume logic of ``code_pending``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from detente.pipeline import code_pending
from detente.records import (
    ActorRef,
    Article,
    CodedArticle,
    Event,
    Mention,
    Sentence,
    article_id_for,
    content_id,
)
from detente.store import Store
from detente.store.check import check_store

N = 60
BATCH = 25


def articles() -> list[Article]:
    out = []
    for i in range(N):
        body = f"Invented: Arland thanked Borovia for report {i}."
        out.append(Article(id=article_id_for(body), body=body, source_path=f"mem/{i}.txt"))
    return out


class FakeCoder:
    """One sentence, one mention and one event per article; can fail on a chosen article."""

    def __init__(self, fail_on: str | None = None):
        self.fail_on = fail_on

    def code_batch(self, batch: Iterable[Article]) -> tuple[list[CodedArticle], list]:
        return list(self.code_articles(batch)), []

    def code_articles(self, batch: Iterable[Article]) -> Iterator[CodedArticle]:
        for a in batch:
            if a.id == self.fail_on:
                raise RuntimeError(f"coder fault on {a.id}")
            start = a.body.index("Arland")
            actor = ActorRef("Arland", "Arland", "ARL", "GOV", "ARLGOV", start, start + 6)
            yield CodedArticle(
                article=a,
                sentences=[Sentence(a.id, 0, 0, len(a.body), a.body)],
                mentions=[
                    Mention(
                        a.id,
                        0,
                        start,
                        start + 6,
                        "Arland",
                        "Arland",
                        "ARL",
                        "GOV",
                        "ARLGOV",
                        "dictionary",
                        0.9,
                    )
                ],
                events=[
                    Event(
                        id=content_id(a.id, "0", "041"),
                        article_id=a.id,
                        sentence_index=0,
                        start=0,
                        end=len(a.body),
                        sentence=a.body,
                        date=None,
                        source=[actor],
                        target=[],
                        cameo="041",
                        cameo_root="04",
                        plover="CONSULT",
                        plover_mode=None,
                        plover_context=None,
                        quad_class=1,
                        goldstein=1.0,
                        negated=False,
                        modality="actual",
                        rule="test.fake",
                        confidence=1.0,
                    )
                ],
            )


def stored(db: Path) -> Store:
    store = Store(db)
    store.add_articles(articles())
    return store


def coded_state(store: Store) -> tuple[int, int, int]:
    row = store.query(
        "SELECT (SELECT count(coded_version) FROM articles) AS coded, "
        "(SELECT count(*) FROM events) AS events, (SELECT count(*) FROM mentions) AS mentions"
    )[0]
    return row["coded"], row["events"], row["mentions"]


def test_error_in_the_middle_of_a_batch_rolls_the_batch_back(
    tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = stored(tmp_db)
    calls = {"n": 0}
    real = Store._insert_coded

    def flaky(self: Store, ca: CodedArticle) -> None:
        calls["n"] += 1
        if calls["n"] == BATCH + 7:  # the 7th article of the second batch: disk full, say
            raise OSError(28, "No space left on device")
        real(self, ca)

    monkeypatch.setattr(Store, "_insert_coded", flaky)
    with pytest.raises(OSError, match="No space left"):
        code_pending(store, coder=FakeCoder(), batch_size=BATCH)  # type: ignore[arg-type]
    assert coded_state(store) == (BATCH, BATCH, BATCH)  # the first batch, nothing of the second
    assert check_store(store).ok

    monkeypatch.setattr(Store, "_insert_coded", real)
    report = code_pending(store, coder=FakeCoder(), batch_size=BATCH)  # type: ignore[arg-type]
    assert report.coded == N - BATCH
    assert coded_state(store) == (N, N, N)
    assert check_store(store).ok
    store.close()


def test_coder_fault_keeps_the_committed_batches(tmp_db: Path) -> None:
    store = stored(tmp_db)
    ids = store.uncoded_article_ids("any")
    with pytest.raises(RuntimeError, match="coder fault"):
        code_pending(store, coder=FakeCoder(fail_on=ids[BATCH + 3]), batch_size=BATCH)  # type: ignore[arg-type]
    assert coded_state(store) == (BATCH, BATCH, BATCH)
    assert check_store(store).ok
    store.close()


def test_recoding_replaces_rows_instead_of_adding(tmp_db: Path) -> None:
    store = stored(tmp_db)
    for _ in range(3):
        code_pending(store, coder=FakeCoder(), batch_size=BATCH, recode=True)  # type: ignore[arg-type]
    assert coded_state(store) == (N, N, N)
    assert check_store(store).ok
    store.close()


def test_error_while_adding_articles_adds_none_of_the_batch(
    tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = articles()
    calls = {"n": 0}
    real = Store.has_article

    def flaky(self: Store, article_id: str) -> bool:
        calls["n"] += 1
        if calls["n"] == 40:
            raise OSError(5, "Input/output error")
        return real(self, article_id)

    with Store(tmp_db) as store:
        monkeypatch.setattr(Store, "has_article", flaky)
        with pytest.raises(OSError):
            store.add_articles(batch)
        monkeypatch.setattr(Store, "has_article", real)
        assert store.query("SELECT count(*) AS n FROM articles") == [{"n": 0}]
        assert store.query("SELECT count(*) AS n FROM article_sources") == [{"n": 0}]
        assert store.add_articles(batch) == (N, 0)
        assert check_store(store).ok
