"""Faults inside a write (an error mid-transaction) leave no partial article behind.

The coder is replaced by a small deterministic fake, so these run in a second
and exercise only what they are about: the store's transactions and the
resume logic of ``code_pending``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from detente.errors import StoreError
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
from fuzzing import report_counts

N = 60
BATCH = 25


FAULTS = Counter()  # faults injected and recovered from, for RELIABILITY.md


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    report_counts(__name__, FAULTS, what="faults injected, all recovered")


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
            actor = ActorRef(
                text="Arland",
                name="Arland",
                country="ARL",
                sector="GOV",
                code="ARLGOV",
                start=start,
                end=start + 6,
            )
            yield CodedArticle(
                article=a,
                sentences=[Sentence(a.id, 0, 0, len(a.body), a.body)],
                mentions=[
                    Mention(
                        article_id=a.id,
                        sentence_index=0,
                        start=start,
                        end=start + 6,
                        text="Arland",
                        name="Arland",
                        country="ARL",
                        sector="GOV",
                        code="ARLGOV",
                        resolved_by="dictionary",
                        confidence=0.9,
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


class FailingConnection:
    """The store's DuckDB connection, failing one chosen statement as a full disk would.

    Wrapping the connection, not a private Store method, keeps the fault where it
    happens in life (a write the database cannot do) whatever the store's insert code is.
    """

    def __init__(self, con: Any, statement: str, nth: int):
        self._con = con
        self._statement = statement
        self._nth = nth
        self.seen = 0

    def _check(self, sql: str) -> None:
        if sql.lstrip().upper().startswith(self._statement):
            self.seen += 1
            if self.seen == self._nth:
                raise duckdb.IOException("could not write: No space left on device")

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        self._check(sql)
        return self._con.execute(sql, *args, **kwargs)

    def executemany(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        self._check(sql)
        return self._con.executemany(sql, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def test_error_in_the_middle_of_a_batch_rolls_the_batch_back(tmp_db: Path) -> None:
    store = stored(tmp_db)
    real = store.con
    # The second batch's events fail to insert, after its sentences and mentions went in.
    store.con = FailingConnection(real, "INSERT INTO EVENTS", nth=2)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="disk is full"):  # one E400 line, not a traceback
        code_pending(store, coder=FakeCoder(), batch_size=BATCH)  # type: ignore[arg-type]
    store.con = real
    assert coded_state(store) == (BATCH, BATCH, BATCH)  # the first batch, nothing of the second
    assert store.query("SELECT count(*) AS n FROM sentences") == [{"n": BATCH}]
    assert check_store(store).ok

    report = code_pending(store, coder=FakeCoder(), batch_size=BATCH)  # type: ignore[arg-type]
    assert report.coded == N - BATCH
    assert coded_state(store) == (N, N, N)
    assert check_store(store).ok
    FAULTS["write_error_mid_transaction"] += 1
    store.close()


def test_coder_fault_keeps_the_committed_batches(tmp_db: Path) -> None:
    store = stored(tmp_db)
    ids = store.uncoded_article_ids("any")
    bad = ids[BATCH + 3]
    try:  # today the error stops the run; a runner that records it and goes on is fine too
        code_pending(store, coder=FakeCoder(fail_on=bad), batch_size=BATCH)  # type: ignore[arg-type]
    except RuntimeError as exc:
        assert "coder fault" in str(exc)
        assert coded_state(store) == (BATCH, BATCH, BATCH)  # the batch with the fault: none of it
    else:
        assert store.query("SELECT coded_version FROM articles WHERE id = ?", [bad]) == [
            {"coded_version": None}
        ]
    assert check_store(store).ok
    code_pending(store, coder=FakeCoder(), batch_size=BATCH)  # type: ignore[arg-type]
    assert coded_state(store) == (N, N, N) and check_store(store).ok
    FAULTS["coder_error"] += 1
    store.close()


def test_recoding_replaces_rows_instead_of_adding(tmp_db: Path) -> None:
    store = stored(tmp_db)
    for _ in range(3):
        code_pending(store, coder=FakeCoder(), batch_size=BATCH, recode=True)  # type: ignore[arg-type]
    assert coded_state(store) == (N, N, N)
    assert check_store(store).ok
    store.close()


def test_error_while_adding_articles_adds_none_of_the_batch(tmp_db: Path) -> None:
    batch = articles()
    with Store(tmp_db) as store:
        real = store.con
        # Articles went in; recording where they came from fails.
        store.con = FailingConnection(real, "INSERT INTO ARTICLE_SOURCES", nth=1)  # type: ignore[assignment]
        # An IO error (here a full disk) is one E400 line for the user, not a DuckDB traceback.
        with pytest.raises(StoreError, match="disk is full"):
            store.add_articles(batch)
        store.con = real
        assert store.query("SELECT count(*) AS n FROM articles") == [{"n": 0}]
        assert store.query("SELECT count(*) AS n FROM article_sources") == [{"n": 0}]
        assert store.add_articles(batch) == (N, 0)
        assert check_store(store).ok
    FAULTS["ingest_write_error"] += 1
