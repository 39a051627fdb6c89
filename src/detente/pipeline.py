"""The pipeline: code the stored articles, in this process or in worker processes.

    Article ─► spaCy Doc ─► Mentions (actors) ─► Events (coder)
                                              └► Quotes, issues, tone, assessments (signals)

The stages are wired by :class:`~detente.coding.Coder`; :func:`code_pending` runs it
over every stored article not yet coded, in batches committed one transaction
each, so an interrupted run resumes where it stopped. Memory stays flat: only the
ids of the pending articles are held; bodies are read, parsed and written one
batch at a time (``jobs`` > 1 hands batches to worker processes, see
:mod:`detente.distributed.pool`; this process stays the one writer).

Imports go one way: this module uses :mod:`detente.coding` and
:mod:`detente.distributed`, and neither of those imports this one. The names
that moved to :mod:`detente.coding` are re-exported here, so
``from detente.pipeline import Coder`` keeps working.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

# CODER_VERSION is defined (and bumped) in detente/coding.py.
from detente.coding import (
    BATCH_SIZE,
    CODER_VERSION,
    CODERS,
    Coder,
    CodingReport,
    Failure,
    article_from_row,
    code_in_process,
    code_text,
    default_coder,
    freeze_loaded,
    model_choice,
    pending_batches,
    pending_ids,
    write_all,
)
from detente.coding import _safe_text as _safe_text  # detente.explain's import
from detente.errors import ConfigError, Errors

# Up to this many --jobs, one process codes and the others only parse; beyond it, every
# worker codes whole batches. Measured on 2 cores only (docs/SPEED_HISTORY.md); the crossover
# is an estimate made when parsing was about 70% of the work (under half with numpy's BLAS).
PARSE_AHEAD_JOBS = 3

# "auto" --jobs (the jobs setting): the cores this process may use, at most this many,
# and only as many as have AUTO_ARTICLES_PER_JOB articles each to code: a further process
# costs its start (spawn, imports, the model: about 2 s of CPU), about 70 articles' coding.
AUTO_JOBS_MAX = 4
AUTO_ARTICLES_PER_JOB = 100


class JobsPlan(NamedTuple):
    """--jobs when it is not given: how many processes at most, and how many articles each
    must have to code before another one starts (0: take ``jobs`` as given)."""

    jobs: int
    articles_per_job: int


def default_jobs_plan() -> JobsPlan:
    """The ``jobs`` setting as a plan: a number is taken as given; "auto" is the cores this
    process may run on (its CPU affinity, where the system has one), at most AUTO_JOBS_MAX,
    each with AUTO_ARTICLES_PER_JOB articles or more (decided after ingest)."""
    from detente.settings import settings

    jobs = settings().jobs
    if jobs != "auto":
        return JobsPlan(jobs=jobs, articles_per_job=0)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = max(1, min(cores or 1, AUTO_JOBS_MAX))
    return JobsPlan(jobs=jobs, articles_per_job=AUTO_ARTICLES_PER_JOB)


def default_jobs() -> int:
    """--jobs when it is not given, at most (see :func:`default_jobs_plan`)."""
    return default_jobs_plan().jobs


__all__ = [
    "BATCH_SIZE",
    "CODERS",
    "CODER_VERSION",
    "Coder",
    "CodingReport",
    "Failure",
    "JobsPlan",
    "article_from_row",
    "code_pending",
    "code_text",
    "default_coder",
    "default_jobs",
    "default_jobs_plan",
    "model_choice",
    "parsers_for",
    "pending_batches",
]


@contextlib.contextmanager
def parsers_for(jobs: int) -> Iterator[Any]:
    """The parser processes ``code_pending(jobs=jobs)`` will use, started now (None when
    that many jobs use none): their model loads while this process ingests, and they
    parse while it builds its coder, instead of loading then. Pass it to code_pending
    as ``parsers``; it is closed on leaving, used or not."""
    if not 1 < jobs <= PARSE_AHEAD_JOBS:
        yield None
        return
    from detente.distributed.pool import ParseAhead

    with ParseAhead(jobs - 1) as pool:
        yield pool


def code_pending(
    store: Any,
    *,
    recode: bool = False,
    batch_size: int = BATCH_SIZE,
    coder: Coder | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    actor_files: Sequence[str | Path] = (),
    model: str | None = None,
    pattern_files: Sequence[str | Path] = (),
    min_confidence: float = 0.0,
    parsers: Any = None,
    articles_per_job: int = 0,
) -> CodingReport:
    """Code every stored article not yet coded by this CODER_VERSION, one transaction per batch.

    ``jobs`` > 1 uses that many processes: up to PARSE_AHEAD_JOBS, ``jobs - 1`` worker
    processes only parse and this one codes (and parses when they are ahead); beyond
    it, each of ``jobs`` workers loads a whole coder (``actor_files``, ``model``) and
    codes batches (see :mod:`detente.distributed.pool`). Either way this process
    reads the batches and writes the results, so the database keeps a single writer.
    ``on_progress(done, total)`` is called after each committed batch. ``parsers``: the
    ParseAhead of :func:`parsers_for`, already started (the caller closes it).
    ``articles_per_job``: use fewer processes than ``jobs`` unless each has that many
    articles to code (the automatic default's rule, AUTO_ARTICLES_PER_JOB).
    """
    # A coder passed in that is not a Coder (any object with code_batch) cannot code Docs
    # parsed elsewhere: the workers then build their own.
    foreign = coder is not None and not isinstance(coder, Coder)
    whole_coders = jobs > PARSE_AHEAD_JOBS or foreign
    if pattern_files and whole_coders:
        raise ConfigError(Errors.E200_PATTERNS_JOBS, parse_ahead_jobs=PARSE_AHEAD_JOBS)
    custom = bool(actor_files or model is not None or pattern_files)
    # The version tells which articles are pending. The default coder's is known without
    # building it, so the parsers can start loading while this process builds its own.
    version = getattr(coder, "version", CODER_VERSION) if coder or not custom else None
    if version is None or jobs <= 1 or whole_coders:
        coder = coder or _build_coder(actor_files, model, pattern_files)
        version = getattr(coder, "version", CODER_VERSION)  # any object with code_batch will do
    report = CodingReport()
    ids = pending_ids(store, version, recode=recode, on_progress=on_progress)
    if not ids:
        return report
    if articles_per_job:
        jobs = max(1, min(jobs, len(ids) // articles_per_job))
        whole_coders = jobs > PARSE_AHEAD_JOBS or foreign
    in_process = jobs <= 1 or len(ids) <= batch_size  # one batch: no other process can help
    if parsers is not None and (in_process or whole_coders):
        parsers.close()  # started for nothing: end them before this process's coder loads
    if in_process:
        coder = coder or _build_coder(actor_files, model, pattern_files)
        freeze_loaded()
        return code_in_process(store, coder, ids=ids, batch_size=batch_size,
                               on_progress=on_progress, min_confidence=min_confidence)
    # Imported here, not at the top: `detente code` and `import detente` need no pool.
    from detente.distributed.pool import ParseAhead, ProcessCoder

    total = len(ids)
    # Several smaller batches per process keep every one busy to the end.
    size = max(1, min(batch_size, -(-total // (4 * jobs))))
    started = time.perf_counter()  # includes the workers' model loads
    with contextlib.ExitStack() as stack:
        batches = pending_batches(store, ids, size)
        if whole_coders:
            pool = stack.enter_context(ProcessCoder(jobs, actor_files, model=model))
            results = pool.code_batches(batches)
        else:
            # they start loading now, unless the caller started them earlier
            parse_ahead = parsers or stack.enter_context(ParseAhead(jobs - 1))
            coder = coder or _build_coder(actor_files, model, pattern_files)
            freeze_loaded()
            results = parse_ahead.code_batches(batches, coder)
        write_all(store, results, report, total, on_progress, version, min_confidence)
    report.seconds = time.perf_counter() - started
    return report


def _build_coder(actor_files: Sequence[str | Path], model: str | None,
                 pattern_files: Sequence[str | Path]) -> Coder:
    """The Coder, built with the collector held off and then frozen (first build only):
    it lives as long as the process (``nlp.model.collector_paused``)."""
    from detente.nlp.model import collector_paused

    with collector_paused():
        if actor_files or model is not None or pattern_files:
            coder = Coder(actor_files, model=model, pattern_files=pattern_files)
        else:
            coder = default_coder()
        freeze_loaded()
    return coder
