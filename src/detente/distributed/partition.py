"""Split the inputs of a run into work units: runs of consecutive sources, about equal in bytes.

A unit is what one Dask task ingests and codes. Units keep input order (a
unit is a contiguous slice of :func:`detente.ingest.expand_inputs`), so the
loader can replay "first seen wins" for duplicates exactly as a local run does.
A unit's id hashes everything that decides its output (the sources with their
size and modification time, the coder version, the actor files, the ingest
options), so re-running the same command finds the units already written and
skips them, and changing any of those makes new units.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from detente.errors import Errors
from detente.ingest import IngestOptions, expand_inputs
from detente.records import Problem

URL_BYTES = 64 * 1024  # what a URL counts for when sizing units (unknown until fetched)
MIN_UNIT_BYTES = 32 * 1024
MAX_UNIT_BYTES = 8 * 1024 * 1024
UNITS_PER_RUN = 64  # aim: enough units to keep a cluster busy, few enough to keep files large


@dataclass(frozen=True)
class WorkUnit:
    id: str  # 16 hex digits; also the prefix of every Parquet file the unit writes
    order: int  # position of the unit in the run (input order)
    locations: tuple[str, ...]  # files (absolute paths) and URLs, in input order
    size: int  # bytes on disk (URLs count URL_BYTES)
    names: tuple[str, ...] = ()  # the same sources as the user gave them (stored as source_path)


def fingerprint(
    coder_version: str,
    options: IngestOptions,
    actor_files: Sequence[tuple[str, bytes]] = (),
) -> str:
    """Everything besides the sources that changes what a unit writes."""
    h = hashlib.sha256()
    h.update(coder_version.encode())
    h.update(json.dumps(asdict(options), sort_keys=True, default=str).encode())
    for name, data in actor_files:
        h.update(name.encode())
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _source_key(location: str, path: Path | None) -> tuple[str, int, str, str]:
    """(where a worker reads it, size, modification time, the name the user gave)."""
    if path is None:
        return location, URL_BYTES, "", location
    st = path.stat()
    return str(path.resolve()), st.st_size, str(st.st_mtime_ns), location


def unit_bytes(total: int) -> int:
    """Target size of a unit: about UNITS_PER_RUN units, within [MIN, MAX] bytes each.

    It depends only on the inputs (not on the number of workers), so a run
    resumed on a bigger or smaller cluster finds the same units.
    """
    return max(MIN_UNIT_BYTES, min(MAX_UNIT_BYTES, total // UNITS_PER_RUN))


def plan_units(
    inputs: Iterable[str], run_fingerprint: str, target_bytes: int | None = None
) -> tuple[list[WorkUnit], list[Problem]]:
    """Work units over every readable source of ``inputs``, and the inputs that are not."""
    sources: list[tuple[str, int, str, str]] = []
    problems: list[Problem] = []
    for src in expand_inputs(inputs):
        if isinstance(src, Problem):
            problems.append(src)
            continue
        try:
            sources.append(_source_key(src.location, src.path))
        except OSError as exc:
            problems.append(
                Problem.of(Errors.E100_CANNOT_READ_UNIT, src.location, strerror=exc.strerror)
            )
    target = target_bytes or unit_bytes(sum(s[1] for s in sources))
    units: list[WorkUnit] = []
    group: list[tuple[str, int, str, str]] = []

    def close() -> None:
        h = hashlib.sha256(run_fingerprint.encode())
        for loc, size, mtime, _ in group:
            h.update(f"\0{loc}\0{size}\0{mtime}".encode())
        units.append(
            WorkUnit(
                id=h.hexdigest()[:16],
                order=len(units),
                locations=tuple(g[0] for g in group),
                size=sum(g[1] for g in group),
                names=tuple(g[3] for g in group),
            )
        )
        group.clear()

    for s in sources:
        group.append(s)
        if sum(g[1] for g in group) >= target:
            close()
    if group:
        close()
    return units, problems
