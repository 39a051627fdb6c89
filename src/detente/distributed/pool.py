"""Code batches of articles with the help of local worker processes; the caller stays the one writer.

Two ways to use N cores (``detente run --jobs N`` picks one, see
:func:`detente.pipeline.code_pending`):

    with ParseAhead(parsers=1) as pool:                 # N-1 parsers, this process codes
        for coded, failures in pool.code_batches(batches, coder):
            store.save_coded(coded, coder.version)

    with ProcessCoder(jobs=4) as pool:                  # N full copies of the coder
        ...

:class:`ParseAhead` is a pipeline: worker processes only parse (spaCy, with
nothing of the actor, event or signal stages loaded) and send each batch back as a
``DocBin`` (plus ``doc.tensor``, which DocBin leaves out); this process reads the
Docs into its own vocabulary and runs the coding stages, and parses a batch
itself whenever no parsed one is waiting, so neither side idles. Parsing was
about 70% of the work with spaCy's blis; with numpy's BLAS (the matrix_library
setting) it is under half (BENCHMARKS.md), so the coding process is the limit
already at two; with more cores, and :class:`ProcessCoder`, where each
worker builds one :class:`~detente.coding.Coder` and codes whole batches, scales
further at the price of a whole coder per process.

Workers are started with "spawn", not "fork": the parent holds a DuckDB
connection whose threads must not be copied into children. At most a few
batches per worker are in flight (2 per coder, AHEAD_PER_PARSER per parser), so a
huge corpus never queues up in memory; results come back in completion order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.coding import Coder, Failure, _safe_text, freeze_loaded, parse_batch
from detente.errors import ConfigError, DetenteError, Errors
from detente.nlp.model import collector_paused

if TYPE_CHECKING:
    from detente.records import Article, CodedArticle

BatchResult = tuple[list["CodedArticle"], list["Failure"]]

_coder: Coder | None = None
_nlp: Any = None

# A parser's answer for one batch: the parsed Docs as DocBin bytes, their tensors (in the
# same order; empty when the coder does not read them), and (index in the batch, reason)
# for each text that could not be parsed.
Parsed = tuple[bytes, list[Any], list[tuple[int, str]]]

# Batches handed to each parser ahead of the coder. The coding process parses a whole
# batch itself when none is ready; with only two queued, the parser ran dry meanwhile and
# sat idle for about a third of a --jobs 2 run (py-spy, 16x corpus).
AHEAD_PER_PARSER = 4


def _start_worker(actor_files: Sequence[str], model: str | None = None) -> None:
    global _coder
    with collector_paused():
        _coder = Coder(actor_files, model=model)
        freeze_loaded()


def _start_parser() -> None:
    global _nlp
    with collector_paused():
        from detente.nlp import load_nlp

        _nlp = load_nlp()
        freeze_loaded()


def _ready() -> bool:
    """A task that returns once the worker is started (its model loaded)."""
    return True


def _parse(texts: list[str], tensors: bool = True) -> Parsed:
    """In a parser process: parse one batch and ship it back (``tensors``: with each Doc's
    tensor, which only the model coder reads: about 380 bytes a token to pickle and pipe)."""
    from spacy.tokens import DocBin

    assert _nlp is not None, "parser started without a model"
    docs, failures = parse_batch(_nlp, texts)
    # DocBin keeps every token attribute, entity, span group and user_data, and the
    # strings they need; the tensor (the model coder's features) travels beside it.
    shipped = DocBin(store_user_data=True)
    for _, doc in docs:
        shipped.add(doc)
    return shipped.to_bytes(), [doc.tensor for _, doc in docs] if tensors else [], failures


def _code_batch(articles: list[Article]) -> BatchResult:
    assert _coder is not None, "worker started without a coder"
    return _coder.code_batch(articles)


class ProcessCoder:
    """A pool of ``jobs`` coding processes (use as a context manager)."""

    def __init__(self, jobs: int, actor_files: Iterable[str | Path] = (), model: str | None = None):
        if jobs < 1:
            raise ConfigError(Errors.E200_BAD_JOBS, jobs=jobs)
        self.jobs = jobs
        self.actor_files = [str(Path(p).resolve()) for p in actor_files]
        self.model = model
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessCoder:
        self._pool = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.actor_files, self.model),
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def code_batches(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        """Results of every batch, as they complete (not in input order)."""
        if self._pool is None:
            raise RuntimeError("use ProcessCoder as a context manager")
        limit = 2 * self.jobs
        pending: set[Future[Any]] = set()
        source = iter(batches)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                elif batch:
                    pending.add(_submit(self._pool, _code_batch, batch))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                yield _result(fut)


class ParseAhead:
    """``parsers`` parsing processes feeding a coder in this process (a context manager).

    The parsers load the spaCy pipeline only (the same one, ``load_nlp()``), so the
    coder may have extra actors, patterns or the model: they stay in this process.
    The parsers start loading on entry, so build the coder after entering.
    """

    def __init__(self, parsers: int, *, parse_here: bool = True):
        if parsers < 1:
            raise ConfigError(Errors.E200_BAD_PARSE_AHEAD_JOBS, jobs=parsers + 1)
        self.parsers = parsers
        self.parse_here = parse_here  # False: every batch goes through a parser (tests)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParseAhead:
        self._pool = ProcessPoolExecutor(
            max_workers=self.parsers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_parser,
        )
        # Start the parsers now: their model loads while this process does what comes next.
        for _ in range(self.parsers):
            self._pool.submit(_ready)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the parsers (waiting for a model still loading); a closed pool codes nothing."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def code_batches(self, batches: Iterable[list[Article]], coder: Coder) -> Iterator[BatchResult]:
        """Results of every batch, coded by ``coder``, as they complete (not in input order)."""
        pool = self._pool
        if pool is None:
            raise RuntimeError("use ParseAhead as a context manager")
        limit = AHEAD_PER_PARSER * self.parsers
        tensors = coder.model is not None  # the model's features read doc.tensor
        sent: deque[tuple[Future[Any], list[Article]]] = deque()
        source = iter(batches)
        exhausted = False
        while sent or not exhausted:
            # Keep every parser busy.
            while not exhausted and len(sent) < limit:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                elif batch:
                    texts = [_safe_text(a.body) for a in batch]
                    sent.append((_submit(pool, _parse, texts, tensors), batch))
            # Code what the parsers have finished, oldest first.
            ready = [item for item in sent if item[0].done()]
            if ready:
                for item in ready:
                    sent.remove(item)
                results = [(coder, fut, batch) for fut, batch in ready]
                if exhausted and not sent:
                    # Nothing left to parse: end the parsers before the last coding and
                    # the final writes, so their memory is not added to the run's peak.
                    pool.shutdown(wait=True)
                for args in results:
                    yield _code(*args)
                continue
            # None finished: parse and code the next batch here rather than wait.
            if self.parse_here and not exhausted:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                elif batch:
                    yield coder.code_batch(batch)
            elif sent:
                wait([fut for fut, _ in sent], return_when=FIRST_COMPLETED)


def _code(coder: Coder, fut: Future[Any], batch: list[Article]) -> BatchResult:
    """A parser's batch, read into ``coder``'s vocabulary and coded here."""
    from spacy.tokens import DocBin

    data, tensors, failures = _result(fut)
    docs = DocBin(store_user_data=True).from_bytes(data).get_docs(coder.nlp.vocab)
    unparsed = {i for i, _ in failures}
    parsed = [article for i, article in enumerate(batch) if i not in unparsed]
    pairs = list(zip(docs, parsed, strict=True))
    if tensors:
        for (doc, _), tensor in zip(pairs, tensors, strict=True):
            doc.tensor = tensor
    return coder.code_parsed(pairs, [(batch[i].id, why) for i, why in failures])


def _submit(pool: ProcessPoolExecutor, fn: Any, *args: Any) -> Future[Any]:
    try:
        return pool.submit(fn, *args)
    except BrokenProcessPool as exc:
        raise _died() from exc


def _died() -> DetenteError:
    return DetenteError(Errors.E000_WORKER_DIED)


def _result(fut: Future[Any]) -> Any:
    try:
        return fut.result()
    except BrokenProcessPool as exc:
        raise _died() from exc
