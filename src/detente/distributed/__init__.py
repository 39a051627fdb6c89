"""Scale: a local process pool and a Dask runner around the same pipeline code.

    ProcessCoder(jobs, actor_files)        N local coding processes; the caller writes
    run_dask(inputs, store, out_dir=...)   units of input on Dask workers -> Parquet -> store
    load_units(store, out, units)          Parquet of finished units -> the database
    plan_units(inputs, fingerprint)        inputs -> work units (stable ids, input order)
    coding_progress(label, quiet=...)      Rich bar / log lines / nothing

`detente run --jobs N` uses the pool, `detente run --engine dask` the runner;
docs/SCALE.md tells how to point it at a cluster and query the Parquet.
"""

from detente.lazy import lazy_attributes

# Imported on first use: a `--jobs 2` parser process unpickles its start-up function from
# detente.distributed.pool, which imports this package first; eagerly importing the Dask
# runner, the Parquet loader and ingest here cost it about 15 MB of modules it never uses.
_LAZY = {
    "DaskRunReport": ".dask_runner",
    "dask_client": ".dask_runner",
    "run_dask": ".dask_runner",
    "LoadReport": ".load",
    "load_units": ".load",
    "EXPORTS": ".parquet",
    "read_table": ".parquet",
    "WorkUnit": ".partition",
    "plan_units": ".partition",
    "ProcessCoder": ".pool",
    "coding_progress": ".progress",
    "UnitResult": ".worker",
    "UnitSettings": ".worker",
    "run_unit": ".worker",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


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
