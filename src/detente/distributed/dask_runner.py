"""Run the pipeline on a Dask cluster: units of input on the workers, Parquet out, then the database.

    report = run_dask(["corpus/"], store, out_dir=Path("out"))                 # LocalCluster
    report = run_dask(["corpus/"], store, out_dir=Path("/shared/out"),
                      scheduler="tcp://10.0.0.5:8786")                         # existing cluster

The client splits the inputs into work units (:mod:`.partition`), each worker
runs the same ingest and coding code as a local run on its units
(:mod:`.worker`) and writes hive-partitioned Parquet (:mod:`.parquet`), and the
client loads the Parquet into ``store`` (:mod:`.load`), settling exact and near
duplicates in input order. Re-running the same command skips the units already
written, so an interrupted run resumes at unit granularity.

On a real cluster every worker needs detente installed (the same version) and
must see the input paths and the output folder at the same paths as the client
(a shared file system); URLs are fetched by the workers themselves.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from detente.coding import BATCH_SIZE, CODER_VERSION
from detente.distributed.load import LoadReport, load_units
from detente.distributed.parquet import EXPORTS, STAGING_DIR, UNITS_DIR, unit_files
from detente.distributed.partition import WorkUnit, fingerprint, plan_units
from detente.distributed.worker import UnitResult, UnitSettings, read_marker, run_unit
from detente.errors import ConfigError, DetenteError, Errors
from detente.ingest import IngestOptions
from detente.records import Problem

LOCAL_WORKERS = 2
WORKER_WAIT = "60s"  # how long to wait for a scheduler to have at least one worker
CONNECT_TIMEOUT = "20s"  # how long to try to reach a scheduler


@dataclass
class DaskRunReport:
    units: int = 0
    units_skipped: int = 0  # written by an earlier run of the same command
    ingested: int = 0  # articles read by the units run now
    coded: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    out_dir: str = ""
    scheduler: str = ""
    load: LoadReport = field(default_factory=LoadReport)
    problems: list[Problem] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def _probe() -> tuple[str, str]:
    """Runs on each worker: which detente, which coder."""
    import detente

    return detente.__version__, CODER_VERSION


@contextmanager
def dask_client(scheduler: str | None, workers: int = LOCAL_WORKERS) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster on loopback."""
    from dask.distributed import Client, LocalCluster

    if scheduler is None:
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(Errors.E200_DASK_SCHEDULER_UNREACHABLE, scheduler=scheduler, exc=exc) from None
    try:
        yield client
    finally:
        client.close()


def _check_workers(client: Any) -> None:
    import detente

    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        raise ConfigError(Errors.E200_DASK_WITHOUT_WORKERS, address=client.scheduler.address) from None
    try:
        seen = client.run(_probe)
    except ImportError as exc:
        raise ConfigError(Errors.E200_DASK_WORKER_WITHOUT_DETENTE, exc=exc) from None
    ours = (detente.__version__, CODER_VERSION)
    wrong = sorted(addr for addr, got in seen.items() if tuple(got) != ours)
    if wrong:
        raise ConfigError(
            Errors.E200_DASK_WORKER_VERSION,
            wrong=', '.join(wrong),
            ours=ours[0],
            ours2=ours[1],
        )


def _actor_contents(actor_files: Sequence[str | Path]) -> tuple[tuple[str, bytes], ...]:
    out = []
    for f in actor_files:
        path = Path(f)
        if not path.is_file():
            raise ConfigError(Errors.E200_NO_ACTOR_FILE, path=path)
        out.append((path.name, path.read_bytes()))
    return tuple(out)


def run_dask(
    inputs: Sequence[str],
    store: Any,
    *,
    out_dir: Path,
    scheduler: str | None = None,
    workers: int = LOCAL_WORKERS,
    options: IngestOptions | None = None,
    actor_files: Sequence[str | Path] = (),
    recode: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int, int], None] | None = None,
) -> DaskRunReport:
    """Ingest and code ``inputs`` on Dask, write Parquet under ``out_dir``, load it into ``store``."""
    started = datetime.now(timezone.utc).replace(tzinfo=None)
    opts = options or IngestOptions()
    actors = _actor_contents(actor_files)
    units, problems = plan_units(inputs, fingerprint(CODER_VERSION, opts, actors))
    out = out_dir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    report = DaskRunReport(units=len(units), out_dir=str(out), problems=list(problems))
    settings = UnitSettings(str(out), opts, actors, batch_size, redo=recode)
    results: list[UnitResult] = []
    todo: list[WorkUnit] = []
    for u in units:
        done = None if recode else read_marker(out, u.id)
        if done is not None:
            done.skipped = True
            results.append(done)
        else:
            todo.append(u)
    if on_progress:
        on_progress(len(results), len(units))
    if todo:
        with dask_client(scheduler, workers) as client:
            report.scheduler = client.scheduler.address
            _check_workers(client)
            results += _run_units(client, todo, settings, len(results), len(units), on_progress)
    for r in results:
        report.units_skipped += r.skipped
        if not r.skipped:
            report.ingested += r.articles
            report.coded += r.coded
            report.events += r.events
            report.words += r.words
            report.seconds += r.seconds
        report.failures += r.failures
        report.problems += [Problem(**p) for p in r.problems]
    report.load = load_units(store, out, units, opts)
    _prune(out, {u.id for u in units})
    store.record_run(
        uuid.uuid4().hex[:16],
        ("run --engine dask " + " ".join(inputs))[:500],
        started,
        {
            "engine": "dask",
            "units": report.units,
            "units_skipped": report.units_skipped,
            "inserted": report.load.inserted,
            "already_present": report.load.already_present,
            "near_duplicates": report.load.near_duplicates,
            "coded": report.load.coded,
            "problems": len(report.problems),
        },
        report.problems,
    )
    return report


def _run_units(
    client: Any,
    todo: list[WorkUnit],
    settings: UnitSettings,
    done: int,
    total: int,
    on_progress: Callable[[int, int], None] | None,
) -> list[UnitResult]:
    from dask.distributed import as_completed

    futures = client.map(
        run_unit, todo, settings=settings, key=[f"detente-unit-{u.id}" for u in todo]
    )
    by_key = {f.key: u for f, u in zip(futures, todo, strict=True)}
    results = []
    try:
        for fut in as_completed(futures):
            try:
                results.append(fut.result())
            except DetenteError:
                raise
            except Exception as exc:
                unit = by_key[fut.key]
                raise DetenteError(
                    Errors.E000_WORK_UNIT_FAILED,
                    id=unit.id,
                    locations=unit.locations[0],
                    exc=exc,
                ) from exc
            done += 1
            if on_progress:
                on_progress(done, total)
    finally:
        client.cancel(futures)
    return results


def _prune(out: Path, keep: set[str]) -> None:
    """Drop the files and markers of units this run does not have: the folder then holds
    exactly this run's inputs, and querying it with DuckDB counts nothing twice."""
    for marker in (out / UNITS_DIR).glob("*.json"):
        if marker.stem not in keep:
            for path in unit_files(out, marker.stem):
                path.unlink(missing_ok=True)
            marker.unlink(missing_ok=True)
    for table in EXPORTS:
        for path in (out / table).glob("*/part-*.parquet"):
            unit_id = path.name[len("part-") :].split("-", 1)[0]
            if unit_id not in keep:
                path.unlink(missing_ok=True)
    staging = out / STAGING_DIR
    if staging.is_dir() and not any(staging.iterdir()):
        staging.rmdir()
