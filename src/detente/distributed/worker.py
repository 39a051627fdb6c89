"""One work unit, on whichever machine runs it: ingest, code, write Parquet.

The unit runs the very code of a local ``detente run`` (``ingest_paths``, then
``code_in_process``, which is what ``code_pending`` runs with one job) against a
throwaway DuckDB file in the worker's temp folder, then copies the tables out as
Parquet. Files are written to a staging folder and moved into place, and a marker
``_units/<id>.json`` is written last: a unit without its marker did not finish,
and running it again first deletes whatever it left behind, so a killed worker
never leaves half a unit to be loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from detente.coding import BATCH_SIZE, Coder, code_in_process
from detente.distributed.parquet import STAGING_DIR, UNITS_DIR, export_tables, unit_files
from detente.distributed.partition import WorkUnit
from detente.ingest import IngestOptions, ingest_paths
from detente.nlp.model import collector_paused

# The unit's scratch database must not take a worker's memory: it spills to disk instead.
SCRATCH_MEMORY = "512MB"


@dataclass(frozen=True)
class UnitSettings:
    """What every unit of a run shares (sent to the workers with each task)."""

    out_dir: str
    options: IngestOptions = field(default_factory=IngestOptions)
    # (file name, contents): the workers may not see the client's disk
    actor_files: tuple[tuple[str, bytes], ...] = ()
    batch_size: int = BATCH_SIZE  # settings.yaml, DETENTE_BATCH_SIZE
    redo: bool = False  # run even when the unit's marker exists (--recode)


@dataclass
class UnitResult:
    unit: str
    order: int
    articles: int = 0
    coded: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    skipped: bool = False  # finished by an earlier run
    problems: list[dict[str, str]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UnitResult:
        data = dict(data)
        data["failures"] = [tuple(f) for f in data.get("failures", [])]
        return cls(**data)


def marker_path(out: Path, unit_id: str) -> Path:
    return out / UNITS_DIR / f"{unit_id}.json"


def read_marker(out: Path, unit_id: str) -> UnitResult | None:
    path = marker_path(out, unit_id)
    if not path.is_file():
        return None
    try:
        return UnitResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return None  # a torn marker: run the unit again


_coders: dict[str, Any] = {}


def _coder(actor_files: tuple[tuple[str, bytes], ...]) -> Any:
    """One Coder per worker process and set of actor files (the model loads once)."""
    key = hashlib.sha256(
        repr([(n, hashlib.sha256(d).hexdigest()) for n, d in actor_files]).encode()
    )
    digest = key.hexdigest()[:16]
    if digest not in _coders:
        paths = []
        if actor_files:
            folder = Path(tempfile.gettempdir()) / f"detente-actors-{digest}"
            folder.mkdir(parents=True, exist_ok=True)
            for i, (name, data) in enumerate(actor_files):
                path = folder / f"{i:02d}-{Path(name).name}"  # keep the suffix: it names the format
                path.write_bytes(data)
                paths.append(path)
        with collector_paused():  # it lives as long as the worker
            _coders[digest] = Coder(actor_files=paths)
    return _coders[digest]


def run_unit(unit: WorkUnit, settings: UnitSettings) -> UnitResult:
    """Ingest and code one unit into Parquet under ``settings.out_dir`` (idempotent)."""
    from detente.store import Store

    out = Path(settings.out_dir)
    if not settings.redo:
        done = read_marker(out, unit.id)
        if done is not None:
            done.skipped = True
            return done
    started = time.perf_counter()
    for stale in unit_files(out, unit.id):
        stale.unlink(missing_ok=True)
    staging = out / STAGING_DIR / unit.id
    shutil.rmtree(staging, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"detente-unit-{unit.id}-"))
    result = UnitResult(unit=unit.id, order=unit.order)
    try:
        with Store(scratch / "unit.duckdb") as store:
            store.con.execute(f"SET memory_limit = '{SCRATCH_MEMORY}'")
            store.con.execute("SET threads = 1")
            report = ingest_paths(list(unit.locations), store, options=settings.options)
            _restore_names(store, unit)
            _record_order(store, report.article_ids)
            coding = code_in_process(
                store, _coder(settings.actor_files), batch_size=settings.batch_size
            )
            export_tables(store.con, staging, unit.id)
        names = dict(zip(unit.locations, unit.names, strict=True)) if unit.names else {}
        result.articles = report.inserted
        result.coded = coding.coded
        result.events = coding.events
        result.words = coding.words
        result.failures = list(coding.failures)
        result.problems = [
            {**asdict(p), "source": _renamed(p.source, names)} for p in report.problems
        ]
        _publish(staging, out)
        result.seconds = time.perf_counter() - started
        _write_marker(out, result)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _restore_names(store: Any, unit: WorkUnit) -> None:
    """Store sources under the names the user gave (as a local run does), not the absolute
    paths the worker read."""
    for location, name in zip(unit.locations, unit.names, strict=False):
        if location == name:
            continue
        for table in ("articles", "article_sources"):
            # records inside a file carry a suffix: "export.jsonl:5", "crawl.warc.gz#<uri>"
            store.con.execute(
                f"UPDATE {table} SET source_path = ? || source_path[? + 1:] "
                "WHERE source_path = ? OR (starts_with(source_path, ?) "
                "AND substr(source_path, ? + 1, 1) IN (':', '#'))",
                [name, len(location), location, location, len(location)],
            )


def _renamed(source: str, names: dict[str, str]) -> str:
    """A problem's source ("/abs/path.jsonl line 5") under the name the user gave."""
    for location, name in names.items():
        if source == location or source.startswith((location + ":", location + "#")):
            return name + source[len(location) :]
    return source


def _record_order(store: Any, article_ids: list[str]) -> None:
    """Where each article first appeared in the unit: the loader replays input order with it."""
    first: dict[str, int] = {}
    for seq, article_id in enumerate(article_ids):
        first.setdefault(article_id, seq)
    store.con.execute("CREATE TABLE article_order (article_id VARCHAR PRIMARY KEY, seq INTEGER)")
    if first:
        store.con.executemany("INSERT INTO article_order VALUES (?, ?)", list(first.items()))


def _publish(staging: Path, out: Path) -> None:
    """Move the unit's files from staging into the dataset (same file system: atomic renames)."""
    if not staging.is_dir():
        return
    for path in sorted(staging.rglob("*.parquet")):
        target = out / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


def _write_marker(out: Path, result: UnitResult) -> None:
    path = marker_path(out, result.unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(result), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
