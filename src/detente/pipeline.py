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

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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
    model_choice,
    pending_batches,
    pending_ids,
    write_all,
)
from detente.coding import _safe_text as _safe_text  # detente.explain's import
from detente.errors import ConfigError

__all__ = [
    "BATCH_SIZE",
    "CODERS",
    "CODER_VERSION",
    "Coder",
    "CodingReport",
    "Failure",
    "article_from_row",
    "code_pending",
    "code_text",
    "default_coder",
    "model_choice",
    "pending_batches",
]


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
) -> CodingReport:
    """Code every stored article not yet coded by this CODER_VERSION, one transaction per batch.

    ``jobs`` > 1 parses and codes in that many worker processes (each loads the
    model once, with ``actor_files``); this process reads the batches and writes
    the results, so the database keeps a single writer. ``on_progress(done, total)``
    is called after each committed batch.
    """
    if pattern_files and jobs > 1:
        raise ConfigError("--patterns runs in one process for now", hint="use --jobs 1 with --patterns")
    if coder is None:
        custom = actor_files or model is not None or pattern_files
        coder = Coder(actor_files, model=model, pattern_files=pattern_files) if custom else default_coder()
    if jobs <= 1:
        return code_in_process(store, coder, recode=recode, batch_size=batch_size,
                               on_progress=on_progress, min_confidence=min_confidence)
    report = CodingReport()
    version = getattr(coder, "version", CODER_VERSION)  # any object with code_batch will do
    ids = pending_ids(store, version, recode=recode, on_progress=on_progress)
    if not ids:
        return report
    # Imported here, not at the top: `detente code` and `import detente` need no pool.
    from detente.distributed.pool import ProcessCoder

    total = len(ids)
    # Several smaller batches per worker keep every process busy to the end.
    size = max(1, min(batch_size, -(-total // (4 * jobs))))
    started = time.perf_counter()  # includes the workers' model loads
    with ProcessCoder(jobs, actor_files, model=model) as pool:
        batches = pending_batches(store, ids, size)
        write_all(store, pool.code_batches(batches), report, total, on_progress, version,
                  min_confidence)
    report.seconds = time.perf_counter() - started
    return report
