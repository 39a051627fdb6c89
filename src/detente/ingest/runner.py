"""Run ingest: inputs -> Articles -> the store, in batches, with a summary of what went wrong.

Streaming: sources are read one at a time and articles are written in
batches (one transaction each), so memory does not grow with the corpus;
only the near-duplicate index (LSH buckets, not texts) and the list of ids
for the report do. A run killed mid-way leaves the database as it was after
the last committed batch; re-running skips what is stored (ids are content
hashes) and completes the rest.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from detente.clean.duplicates import MinHash, NearDuplicateIndex, from_stored, signature
from detente.errors import (
    DecodeFailure,
    DetenteError,
    EmptyInput,
    Errors,
    FetchFailure,
    InputError,
    MalformedRecord,
    TooLarge,
    UnsupportedInput,
)
from detente.ingest.build import build_article
from detente.ingest.options import IngestOptions
from detente.ingest.sources import Source, display_name, expand_inputs
from detente.records import Article, Problem, without_headline
from detente.store import Store

_ERRORS: dict[str, type[InputError]] = {
    cls.code: cls
    for cls in (
        UnsupportedInput,
        EmptyInput,
        TooLarge,
        DecodeFailure,
        FetchFailure,
        MalformedRecord,
    )
}


@dataclass
class IngestReport:
    """What one run did. ``ok`` is what the exit status follows."""

    inserted: int = 0
    already_present: int = 0
    near_duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    sources: int = 0
    removals: int = 0
    run_id: str | None = None

    @property
    def ok(self) -> bool:
        """True when anything was ingested now or was already stored."""
        return self.inserted + self.already_present > 0

    def stats(self) -> dict[str, int]:
        return {
            "sources": self.sources,
            "inserted": self.inserted,
            "already_present": self.already_present,
            "near_duplicates": self.near_duplicates,
            "problems": len(self.problems),
            "removals": self.removals,
        }


def problem_from(exc: InputError) -> Problem:
    return Problem(exc.source or "?", exc.message, exc.hint or "", exc.code)


def error_from(problem: Problem) -> InputError:
    cls = _ERRORS.get(problem.code, InputError)
    return cls(problem.reason, hint=problem.hint, source=problem.source)


def articles_from_source(source: Source, options: IngestOptions) -> Iterator[Article | Problem]:
    """Articles and problems of one source; a failing source becomes one Problem.

    With :func:`expand_inputs`, the unit of work for a parallel runner (one task per source).
    Any exception from a reader or from cleaning one record, not only an
    InputError, becomes one Problem naming the source (and the record): a bug
    set off by one hostile input must not end the run and lose the batch.
    """
    try:
        for item in source.read(options):
            if isinstance(item, Problem):
                yield item
                continue
            try:
                yield build_article(item)
            except InputError as exc:
                yield problem_from(exc)
            except DetenteError:
                raise  # a settings or store error stops the run: it is not this input's fault
            except Exception as exc:  # noqa: BLE001 - one record must not stop the run
                yield unexpected(item.source_path, exc, "this record was skipped")
    except InputError as exc:
        yield problem_from(exc)
    except DetenteError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file must not stop the run
        yield unexpected(source.location, exc, "the rest of this input was not read")


def unexpected(source: str, exc: BaseException, lost: str) -> Problem:
    """The Problem for an exception no reader anticipated (a bug, or input no check foresaw)."""
    if isinstance(exc, RecursionError):
        return Problem.of(Errors.E100_NESTED_TOO_DEEP, source, lost=lost)
    if isinstance(exc, MemoryError):
        return Problem.of(Errors.E100_OUT_OF_MEMORY, source, lost=lost)
    if isinstance(exc, OSError):
        return Problem.of(Errors.E100_CANNOT_READ_INPUT, source, strerror=exc.strerror or exc,
                          lost=lost)
    return Problem.of(Errors.E100_UNEXPECTED_ERROR, source, exc_type=type(exc).__name__,
                      exc=str(exc)[:200], lost=lost)


def iter_articles(
    inputs: Iterable[str], options: IngestOptions | None = None
) -> Iterator[Article | Problem]:
    """Cleaned Articles (no store, no duplicate marking) and Problems, in input order.

    For callers that build Articles elsewhere (e.g. a Dask runner); duplicates
    are decided when storing (see :func:`ingest_paths`).
    """
    opts = options or IngestOptions()
    for source in expand_inputs(inputs):
        if isinstance(source, Problem):
            yield source
        else:
            yield from articles_from_source(source, opts)


class _Writer:
    """Batches articles into the store, marking exact and near duplicates."""

    def __init__(self, store: Store, options: IngestOptions, report: IngestReport):
        self.store = store
        self.options = options
        self.report = report
        self.batch: list[Article] = []
        self.signatures: dict[str, list[int]] = {}
        self.index = NearDuplicateIndex(
            threshold=options.near_duplicate_threshold,
            num_perm=options.num_perm,
            lookup=self._lookup,
        )
        for article_id, sig, dup in store.minhash_signatures():
            if len(sig) == options.num_perm:
                self.index.add(article_id, from_stored(sig, options.num_perm), dup, pending=False)

    def _lookup(self, article_id: str) -> MinHash | None:
        sig = self.store.minhash_signature(article_id)
        if not sig or len(sig) != self.options.num_perm:
            return None
        return from_stored(sig, self.options.num_perm)

    def add(self, article: Article) -> None:
        self.report.article_ids.append(article.id)
        self.batch.append(article)
        if len(self.batch) >= self.options.batch_size:
            self.flush()

    def _mark_duplicates(self) -> set[str]:
        """Signatures and near-duplicate marks for the batch's new articles, in input order;
        returns the ids of the batch that were stored already."""
        stored = self.store.existing_ids(a.id for a in self.batch)
        pending: set[str] = set()
        for article in self.batch:
            if article.id in stored or article.id in pending:
                continue
            mh = signature(
                without_headline(article.body, article.title), num_perm=self.options.num_perm, shingle_size=self.options.shingle_size
            )
            original = self.index.original_of(mh)
            if original and original != article.id:
                article.duplicate_of = original
                self.report.near_duplicates += 1
            self.report.removals += len(article.removals)
            self.index.add(article.id, mh, article.duplicate_of)
            self.signatures[article.id] = mh.hashvalues.tolist()
            pending.add(article.id)
        return stored

    def flush(self) -> None:
        if not self.batch:
            return
        stored = self._mark_duplicates()
        inserted, present = self.store.add_articles(
            self.batch, signatures=self.signatures, stored=stored
        )
        self.report.inserted += inserted
        self.report.already_present += present
        self.batch.clear()
        self.signatures.clear()
        self.index.forget_pending()


def ingest_paths(
    inputs: list[str],
    store: Store,
    *,
    options: IngestOptions | None = None,
    progress: bool = False,
) -> IngestReport:
    """Read, clean and store every input; returns what happened.

    Bad inputs become Problems in the report and the run goes on, unless
    ``options.strict``: then the first problem stops the run (what was read
    before it is stored) and is raised as the matching InputError.
    """
    opts = options or IngestOptions()
    report = IngestReport(run_id=uuid.uuid4().hex[:16])
    started = datetime.now(timezone.utc).replace(tzinfo=None)
    writer = _Writer(store, opts, report)
    failure: InputError | None = None
    try:
        with _progress(inputs, progress) as advance:
            for source in expand_inputs(inputs):
                report.sources += 1
                items = (
                    [source] if isinstance(source, Problem) else articles_from_source(source, opts)
                )
                for item in items:
                    if isinstance(item, Problem):
                        report.problems.append(item)
                        if opts.strict:
                            failure = error_from(item)
                            break
                    else:
                        writer.add(item)
                advance()
                if failure is not None:
                    break
            writer.flush()
    finally:
        command = "ingest " + " ".join(display_name(i) for i in inputs)
        store.record_run(
            report.run_id or "", command[:500], started, report.stats(), report.problems
        )
    if failure is not None:
        raise failure
    return report


class _progress:
    """A Rich progress bar over the sources (counted first), or nothing."""

    def __init__(self, inputs: list[str], enabled: bool):
        self.inputs = inputs
        self.enabled = enabled
        self.bar: Any = None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        total = sum(1 for _ in expand_inputs(self.inputs))
        self.bar = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self.bar.start()
        task = self.bar.add_task("ingest", total=total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
