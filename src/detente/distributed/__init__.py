"""Scale: a local process pool and a Dask runner around the same pipeline code.

    ProcessCoder(jobs, actor_files)        N local coding processes; the caller writes
    run_dask(inputs, store, out_dir=...)   units of input on Dask workers -> Parquet -> store
    load_units(store, out, units)          Parquet of finished units -> the database
    plan_units(inputs, fingerprint)        inputs -> work units (stable ids, input order)
    coding_progress(label, quiet=...)      Rich bar / log lines / nothing

`detente run --jobs N` uses the pool, `detente run --engine dask` the runner;
docs/SCALE.md tells how to point it at a cluster and query the Parquet.
"""

from detente.distributed.dask_runner import DaskRunReport, dask_client, run_dask
from detente.distributed.load import LoadReport, load_units
from detente.distributed.parquet import EXPORTS, read_table
from detente.distributed.partition import WorkUnit, plan_units
from detente.distributed.pool import ProcessCoder
from detente.distributed.progress import coding_progress
from detente.distributed.worker import UnitResult, UnitSettings, run_unit

__all__ = [
    "DaskRunReport",
    "EXPORTS",
    "LoadReport",
    "ProcessCoder",
    "UnitResult",
    "UnitSettings",
    "WorkUnit",
    "coding_progress",
    "dask_client",
    "load_units",
    "plan_units",
    "read_table",
    "run_dask",
    "run_unit",
]
