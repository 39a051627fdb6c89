"""Coding in this process: the Coder, and the loop that codes the store's pending articles.

    Article ─► spaCy Doc ─► Mentions (actors) ─► Events (rules, then the model if chosen)
                                              └► Quotes, issues, tone, assessments (signals)

:class:`Coder` hands each stage what it needs, the spaCy pipeline included (its
tokenizer splits the signals' YAML phrases, the resolver parses bylines with it);
stages never call each other or load spaCy themselves.
:func:`code_in_process` codes the stored articles not yet coded by a coder's
version, one transaction per batch, so an interrupted run resumes where it stopped.

This module sits below both :mod:`detente.pipeline` (which adds worker processes)
and :mod:`detente.distributed` (whose pool and Dask units build a Coder here), so
neither of those imports the other's way back: the dependency goes one way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import DetenteError, Errors
from detente.records import Article, CodedArticle, Event, Mention
from detente.settings import settings

# Bump when coding output changes, so `detente run` re-codes stored articles.
# The stored version also names the coder (rules, or the model file's digest).
CODER_VERSION = "detente-0.1.0/coder-237"

# What `--coder` accepts: the rules alone, or the rules proposing and the shipped model
# (or the file given with --model) deciding.
CODERS = ("rules", "model")

# Articles per coding transaction (and per task handed to a worker process): settings.yaml.
BATCH_SIZE = settings().batch_size

# (article id, what went wrong) for an article the coding stages refused.
Failure = tuple[str, str]


# A stored row as the Article to code (the name callers import; the store reads
# Articles itself with Store.articles).
article_from_row = Article.from_row


def _attach_issues(events: list[Event], tags: list[Any]) -> None:
    """An event is about the issues named in its own sentence."""
    from detente.signals import issues_by_sentence

    by_sentence = issues_by_sentence(tags)
    for e in events:
        e.issues = list(by_sentence.get(e.sentence_index, []))


def model_choice(coder: str = "rules", model: str | Path | None = None) -> str | None:
    """``--coder``/``--model`` as one value: None for the rules alone, else a model path
    ("" for the model shipped in the package)."""
    from detente.errors import ConfigError

    if coder not in CODERS:
        raise ConfigError(Errors.E200_UNKNOWN_CODER, coder=coder)
    if model is not None:
        return str(model)  # --model FILE implies the model coder
    return "" if coder == "model" else None


class Coder:
    """Everything that turns an Article into a CodedArticle; build once per process.

    ``model``: None codes with the rules alone; a path (or "" for the shipped model)
    lets the trained decision choose among the rules' and its own candidates.
    """

    def __init__(self, actor_files: Iterable[str | Path] = (), model: str | None = None,
                 pattern_files: Sequence[str | Path] = ()):
        from detente.actors import ActorResolver
        from detente.events.coder import EventCoder
        from detente.nlp import load_nlp

        self.nlp = load_nlp()
        self.resolver = ActorResolver.default(extra_files=[Path(p) for p in actor_files])
        self.model = None
        self.version = CODER_VERSION  # the rules alone
        if pattern_files:
            import hashlib

            from detente.events.patterns import load_patterns

            self.events = EventCoder(load_patterns(extra=pattern_files))
            digest = hashlib.sha256(b"".join(Path(p).read_bytes() for p in pattern_files)).hexdigest()
            self.version = f"{CODER_VERSION}+patterns-{digest[:8]}"
        else:
            self.events = EventCoder()
        if model is not None:
            from detente.learn import load_model
            from detente.learn.features import pattern_lexicon

            self.model = load_model(model or None)
            self.lexicon = pattern_lexicon(self.events.book)
            self.speech = set(self.events.speech)
            self.version = f"{self.version}/model-{self.model.digest}"

    def decide(self, doc: Any, article: Article, mentions: list[Any], events: list[Event],
               tones: dict[int, float] | None = None, *, whole: bool = False) -> list[Event]:
        """The model's events in place of the rules' (the rules' are its candidates); none in
        a fragment the article breaks off in (see :meth:`read`)."""
        if self.model is None:
            return events
        from detente.learn.model import decide, to_events

        choices = decide(self.model, doc, mentions, events, self.speech, self.lexicon, tones=tones)
        decided = to_events(self.model, choices, article.id, article.published, mentions,
                            self.events.dater, doc)
        return decided if whole else _before_break(doc, decided)

    def read(self, doc: Any, article: Article, *, whole: bool = False
             ) -> tuple[list[Mention], list[Event]]:
        """The rules' reading of a parsed article: its title-case headlines parsed again in
        sentence case, its actors resolved, its events coded. Every path that codes (run,
        code, explain, train) starts here, so rules, model, explanations and training read
        the same parse. An article that breaks off mid-sentence (a page's stored opening, a
        feed's excerpt) codes nothing in that last fragment; ``whole``: the text is known to
        be complete (typed by the user)."""
        self.recase(doc)
        mentions = self.resolver.resolve(
            doc, article.id, article.published, article.authors, nlp=self.nlp
        )
        events = self.events.code(doc, article.id, article.published, mentions)
        return mentions, events if whole else _before_break(doc, events)

    def recase(self, doc: Any) -> Any:
        """``doc`` with its title-case headlines parsed again in sentence case (names kept
        as written; detente.nlp.headlines)."""
        from detente.nlp.headlines import recase_headlines

        recase_headlines(doc, self.nlp, self._names)
        return doc

    def _names(self, doc: Any) -> set[int]:
        """Tokens the actor dictionaries name (countries, people, places, organizations)."""
        hits = self.resolver.lexicon(doc.vocab).hits(doc)
        return {i for h in hits.values() if h.kind != "agent" for i in range(h.start, h.end)}

    def code_doc(self, doc: Any, article: Article) -> CodedArticle:
        from detente.nlp import sentences_of
        from detente.signals import extract_signals

        mentions, events = self.read(doc, article)
        sentences = sentences_of(doc, article.id)
        tones = None
        if self.model is not None:  # one tone pass for the model's features and the signals
            from detente.signals.tone import sentence_tones

            tones = sentence_tones(doc, sentences, tokenizer=self.nlp.tokenizer)
        events = self.decide(doc, article, mentions, events, tones)
        signals = extract_signals(
            doc, article, sentences, mentions, tones, tokenizer=self.nlp.tokenizer
        )
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

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[CodedArticle]:
        """Stream: spaCy parses in batches, results come out one article at a time."""
        pairs = ((a.body, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.code_doc(doc, article)

    def code_batch(self, articles: Sequence[Article]) -> tuple[list[CodedArticle], list[Failure]]:
        """Code a batch; an article a stage refuses (a DetenteError) becomes a Failure,
        the others are coded. The failed article stays uncoded, so the next run retries it."""
        docs, failures = parse_batch(self.nlp, [_safe_text(a.body) for a in articles])
        return self.code_parsed(
            [(doc, articles[i]) for i, doc in docs], [(articles[i].id, why) for i, why in failures]
        )

    def code_parsed(
        self, docs: Iterable[tuple[Any, Article]], failures: Sequence[Failure] = ()
    ) -> tuple[list[CodedArticle], list[Failure]]:
        """The coding half of :meth:`code_batch`, on Docs parsed here or in a parser process
        (:mod:`detente.distributed.pool`); ``failures`` are the articles that could not be parsed."""
        coded: list[CodedArticle] = []
        failed = list(failures)
        for doc, article in docs:
            try:
                coded.append(self.code_doc(doc, article))
            except DetenteError as exc:
                failed.append((article.id, str(exc)))
            except Exception as exc:  # a defect must not block every later run at this article
                failed.append(
                    (article.id, f"internal error {type(exc).__name__}: {exc} (please report it)")
                )
        return coded, failed

    def code_text(
        self, text: str, date: str | None = None, article_id: str = "text"
    ) -> list[Event]:
        doc = self.nlp(_safe_text(text))
        article = Article(id=article_id, body=text, published=date)
        mentions, events = self.read(doc, article, whole=True)
        return self.decide(doc, article, mentions, events, whole=True)


# Texts spaCy runs through its network at once. Its memory grows with this (about 130 MB
# at 25 articles of the synthetic corpus, 53 MB at 10), its speed barely: CPU time at 8 was
# that of 25 or less, and the annotations and tensors are the same bit for bit at 25, 8,
# 5 and 1 (800 articles; docs/SPEED_HISTORY.md).
PARSE_BATCH_SIZE = 8


# How a complete text ends: a sentence's closing mark, or a quotation or bracket closed
# after it. A text of two sentences or more that ends otherwise, or in an ellipsis, was cut.
_CLOSING = frozenset(".!?\"'\u201d\u2019)]")
_TRUNCATION = ("...", "\u2026")


def broken_off(doc: Any) -> int | None:
    """Where the fragment a text breaks off in starts (a character offset), or None when
    the text ends a sentence. The news conventions code nothing in such a fragment."""
    i = len(doc) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    last = doc[i].text
    if last[-1] in _CLOSING and not last.endswith(_TRUNCATION):
        return None
    sent = doc[i].sent
    return None if sent.start == 0 else sent.start_char  # one line alone: whole as it stands


def _before_break(doc: Any, events: list[Event]) -> list[Event]:
    cut = broken_off(doc)
    return events if cut is None else [e for e in events if e.start < cut]


def parse_batch(nlp: Any, texts: Sequence[str]) -> tuple[list[tuple[int, Any]], list[tuple[int, str]]]:
    """Parse ``texts`` with ``nlp.pipe``: (index, Doc) for each parsed text and
    (index, reason) for each that could not be. One unparsable text (e.g. over spaCy's
    length limit) spoils a batch, so then each text is parsed alone."""
    from detente.nlp.model import remember_text

    try:
        parsed = nlp.pipe(texts, batch_size=PARSE_BATCH_SIZE)
        return [(i, remember_text(doc, text))
                for i, (doc, text) in enumerate(zip(parsed, texts, strict=True))], []
    except Exception:
        docs: list[tuple[int, Any]] = []
        failures: list[tuple[int, str]] = []
        for i, text in enumerate(texts):
            try:
                docs.append((i, remember_text(nlp(text), text)))
            except Exception as exc:
                failures.append((i, f"cannot be parsed: {exc}"))
        return docs, failures


_frozen = False


def freeze_loaded() -> None:
    """Call once the Coder is built in a process that codes many articles: the model,
    dictionaries and patterns live as long as the process, so the cyclic garbage collector
    leaves them out of its later passes (``gc.freeze``). Over 300 articles of the synthetic
    corpus this took the collector's time from about 0.29 s to 0.05-0.09 s (docs/SPEED_HISTORY.md).

    Such a process also collects less often (:data:`GC_YOUNG_THRESHOLD`): coding allocates
    many short-lived containers (records, lists, spaCy objects), nearly all freed by their
    reference counts, and each of the collector's passes over the young ones found little.

    Only the first call in a process freezes: a library that codes again and again must
    not freeze, and so keep forever, whatever garbage each later call finds."""
    global _frozen
    if not _frozen:
        import gc

        gc.freeze()
        gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        _frozen = True


# New containers between two passes of the cyclic collector over the youngest generation,
# once a coding process has frozen what it loaded (Python's default: 700). On the 16x
# synthetic corpus, coding 800 parsed articles ran 418 young, 37 middle and 3 full passes
# (0.66 s inside the collector); with 50,000, 4 young passes (0.06 s), peak memory the same.
GC_YOUNG_THRESHOLD = 50_000


def _safe_text(text: str) -> str:
    """Lone surrogates (possible from library callers, not from ingest) become U+FFFD,
    one character for one, so offsets stay valid."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


_coders: dict[str | None, Coder] = {}


def default_coder(model: str | None = None) -> Coder:
    """One Coder per process and per model choice (None: rules alone)."""
    if model not in _coders:
        _coders[model] = Coder(model=model)
    return _coders[model]


def code_text(text: str, date: str | None = None, model: str | None = None) -> list[Event]:
    """Code one text on the spot (used by `detente code` and `detente eval`)."""
    return default_coder(model).code_text(text, date)


@dataclass
class CodingReport:
    coded: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    assessments: int = 0
    words: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0  # of ``seconds``, spent in Store.save_coded (the one writer)
    failures: list[Failure] = field(default_factory=list)

    def add(self, batch: Sequence[CodedArticle], failures: Sequence[Failure] = ()) -> None:
        for ca in batch:
            self.coded += 1
            self.events += len({e.id for e in ca.events})
            self.quotes += len({q.id for q in ca.quotes})
            self.assessments += len({a.id for a in ca.assessments})
            self.words += len(ca.article.body.split())
        self.failures.extend(failures)

    @property
    def articles_per_second(self) -> float:
        return self.coded / self.seconds if self.seconds > 0 else 0.0


def pending_batches(store: Any, ids: Sequence[str], batch_size: int) -> Iterator[list[Article]]:
    """The articles of ``ids``, read from the store one batch at a time (bodies never pile up)."""
    for start in range(0, len(ids), batch_size):
        yield store.articles(ids[start : start + batch_size])


def code_in_process(
    store: Any,
    coder: Any,
    *,
    recode: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int, int], None] | None = None,
    min_confidence: float = 0.0,
    ids: Sequence[str] | None = None,
) -> CodingReport:
    """Code every stored article not yet coded by ``coder``'s version, in this process.

    ``coder`` is a :class:`Coder` or any object with ``code_batch`` (and optionally
    ``version``). Reads one batch at a time, writes each in one transaction, calls
    ``on_progress(done, total)`` after each commit; events under ``min_confidence``
    are not stored. ``ids``: the pending articles when the caller has read them
    (:func:`pending_ids`, which has reported the total).
    """
    report = CodingReport()
    version = getattr(coder, "version", CODER_VERSION)  # any object with code_batch will do
    if ids is None:
        ids = pending_ids(store, version, recode=recode, on_progress=on_progress)
    if not ids:
        return report
    started = time.perf_counter()  # the model is loaded: time the work itself
    results: Iterator[tuple[list[CodedArticle], list[Failure]]] = (
        coder.code_batch(b) for b in pending_batches(store, ids, batch_size)
    )
    write_all(store, results, report, len(ids), on_progress, version, min_confidence)
    report.seconds = time.perf_counter() - started
    return report


def pending_ids(
    store: Any, version: str, *, recode: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """The ids of the stored articles to code (all with ``recode``); reports ``(0, total)``
    to ``on_progress`` when there are some."""
    ids = store.uncoded_article_ids(version, recode=recode)
    if ids and on_progress:
        on_progress(0, len(ids))
    return ids


def write_all(
    store: Any,
    results: Iterable[tuple[list[CodedArticle], list[Failure]]],
    report: CodingReport,
    total: int,
    on_progress: Callable[[int, int], None] | None,
    version: str = CODER_VERSION,
    min_confidence: float = 0.0,
) -> None:
    """The single writer: one transaction per batch, progress after each commit; events
    under ``min_confidence`` are not stored."""
    done = 0
    for batch, failures in results:
        if min_confidence > 0:
            for ca in batch:
                ca.events = [e for e in ca.events if e.confidence >= min_confidence]
        started = time.perf_counter()
        store.save_coded(batch, version)
        report.write_seconds += time.perf_counter() - started
        report.add(batch, failures)
        done += len(batch) + len(failures)
        if on_progress:
            on_progress(done, total)
