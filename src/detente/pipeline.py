"""The pipeline object: wires the stages and streams articles through them.

    Article ─► spaCy Doc ─► Mentions (actors) ─► Events (coder)
                                              └► Quotes, issues, tone, assessments (signals)

Stages never call each other; this module hands each one what it needs. The
coding stages run on articles already in the store, in batches committed one
transaction each, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.records import Article, CodedArticle, Event

# Bump when coding output changes, so `detente run` re-codes stored articles.
CODER_VERSION = "detente-0.1.0/coder-1"

# spaCy components the coding stages do not use.
_UNUSED_COMPONENTS: tuple[str, ...] = ()


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        body=row["body"],
        title=row.get("title"),
        authors=list(row.get("authors") or []),
        published=str(row["published"])[:10] if row.get("published") else None,
        publisher=row.get("publisher"),
        url=row.get("url"),
        language=row.get("language"),
        comments=list(row.get("comments") or []),
        source_path=row.get("source_path"),
        duplicate_of=row.get("duplicate_of"),
    )


def _attach_issues(events: list[Event], tags: list[Any]) -> None:
    """An event is about the issues named in its own sentence."""
    from detente.signals import issues_by_sentence

    by_sentence = issues_by_sentence(tags)
    for e in events:
        e.issues = list(by_sentence.get(e.sentence_index, []))


class Coder:
    """Everything that turns an Article into a CodedArticle; build once per process."""

    def __init__(self, actor_files: Iterable[str | Path] = ()):
        from detente.actors import ActorResolver
        from detente.events.coder import EventCoder
        from detente.nlp import load_nlp

        self.nlp = load_nlp(_UNUSED_COMPONENTS)
        self.resolver = ActorResolver.default(extra_files=[Path(p) for p in actor_files])
        self.events = EventCoder()

    def code_doc(self, doc: Any, article: Article) -> CodedArticle:
        from detente.nlp import sentences_of
        from detente.signals import extract_signals

        sentences = sentences_of(doc, article.id)
        mentions = self.resolver.resolve(doc, article.id, article.published, article.authors)
        events = self.events.code(doc, article.id, article.published, mentions)
        signals = extract_signals(doc, article, sentences, mentions)
        for s in sentences:
            s.tone = signals.sentence_tones.get(s.index)
        _attach_issues(events, signals.issues)
        return CodedArticle(
            article=article,
            sentences=sentences,
            mentions=mentions,
            events=events,
            quotes=signals.quotes,
            issues=signals.issues,
            assessments=signals.assessments,
            tone=signals.tone,
            main_dyad=signals.main_dyad,
        )

    def code_article(self, article: Article) -> CodedArticle:
        return self.code_doc(self.nlp(article.body), article)

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle]:
        """Stream: spaCy parses in batches, results come out one article at a time."""
        pairs = ((a.body, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.code_doc(doc, article)

    def code_text(self, text: str, date: str | None = None, article_id: str = "text") -> list[Event]:
        doc = self.nlp(text)
        mentions = self.resolver.resolve(doc, article_id, date)
        return self.events.code(doc, article_id, date, mentions)


_default: Coder | None = None


def default_coder() -> Coder:
    global _default
    if _default is None:
        _default = Coder()
    return _default


def code_text(text: str, date: str | None = None) -> list[Event]:
    """Code one text on the spot (used by `detente code` and `detente eval`)."""
    return default_coder().code_text(text, date)


@dataclass
class CodingReport:
    coded: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    assessments: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)


def code_pending(
    store: Any,
    *,
    recode: bool = False,
    batch_size: int = 25,
    coder: Coder | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> CodingReport:
    """Code every stored article not yet coded by this CODER_VERSION, one transaction per batch."""
    started = time.perf_counter()
    report = CodingReport()
    ids = store.uncoded_article_ids(CODER_VERSION, recode=recode)
    if not ids:
        return report
    coder = coder or default_coder()
    total = len(ids)
    for start in range(0, total, batch_size):
        chunk = ids[start : start + batch_size]
        placeholders = ",".join("?" * len(chunk))
        rows = store.article_rows(where=f"WHERE id IN ({placeholders})", params=chunk, order="id")
        articles = [article_from_row(r) for r in rows]
        batch = list(coder.code_articles(articles))
        store.save_coded(batch, CODER_VERSION)
        for ca in batch:
            report.coded += 1
            report.events += len(ca.events)
            report.quotes += len(ca.quotes)
            report.assessments += len(ca.assessments)
        if on_progress:
            on_progress(min(start + batch_size, total), total)
    report.seconds = time.perf_counter() - started
    return report
