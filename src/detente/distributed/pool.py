"""Code batches of articles in N local worker processes; the caller stays the one writer.

    with ProcessCoder(jobs=2) as pool:
        for coded, failures in pool.code_batches(batches):
            store.save_coded(coded, CODER_VERSION)

Each worker builds one :class:`~detente.coding.Coder` (one model load) when it
starts and keeps it for every batch. Workers are started with "spawn", not
"fork": the parent holds a DuckDB connection whose threads must not be copied
into children. At most ``2 * jobs`` batches are in flight, so a huge corpus
never queues up in memory; results come back in completion order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.coding import Coder, Failure
from detente.errors import ConfigError, DetenteError

if TYPE_CHECKING:
    from detente.records import Article, CodedArticle

BatchResult = tuple[list["CodedArticle"], list["Failure"]]

_coder: Coder | None = None


def _start_worker(actor_files: Sequence[str], model: str | None = None) -> None:
    global _coder
    _coder = Coder(actor_files, model=model)


def _code_batch(articles: list[Article]) -> BatchResult:
    assert _coder is not None, "worker started without a coder"
    return _coder.code_batch(articles)


class ProcessCoder:
    """A pool of ``jobs`` coding processes (use as a context manager)."""

    def __init__(self, jobs: int, actor_files: Iterable[str | Path] = (), model: str | None = None):
        if jobs < 1:
            raise ConfigError(f"--jobs must be 1 or more, not {jobs}", hint="e.g. --jobs 2")
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
                    pending.add(self._pool.submit(_code_batch, batch))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                yield _result(fut)


def _result(fut: Future[Any]) -> BatchResult:
    try:
        return fut.result()
    except BrokenProcessPool as exc:
        raise DetenteError(
            "a coding worker process died (out of memory, or killed)",
            hint="run the same command again: finished batches are kept; try fewer --jobs",
        ) from exc
