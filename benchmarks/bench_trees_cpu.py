"""Whole `detente run`s of one corpus by two or more source trees, alternating, timed by CPU.

    .venv/bin/python benchmarks/bench_trees_cpu.py CORPUS SRC1,SRC2 [--pairs 4] [--work DIR]

Each SRC is a tree's ``src`` folder (``git archive COMMIT src | tar -x -C DIR``), put first
on the path. Every round runs each tree once on an empty database (the order reversed
every other round) and records the wall time and the CPU time (user + system, from
``os.wait4``), which moves much less than the wall time when other work shares the cores.
Prints one JSON object: per tree, every run's wall and CPU seconds and their medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(corpus: str, src: str, db: Path) -> tuple[float, float]:
    for f in (db, Path(f"{db}.wal")):
        f.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": src}
    cmd = [sys.executable, "-c", "from detente.cli import main; main()",
           "run", corpus, "--db", str(db), "--quiet"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({status})")
    return round(wall, 2), round(usage.ru_utime + usage.ru_stime, 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("trees", help="comma-separated src folders")
    ap.add_argument("--pairs", type=int, default=4)
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    trees = args.trees.split(",")
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-trees-"))
    work.mkdir(parents=True, exist_ok=True)
    out: dict[str, dict[str, list[float]]] = {t: {"wall": [], "cpu": []} for t in trees}
    load_start = os.getloadavg()
    for r in range(args.pairs):
        for tree in trees if r % 2 == 0 else trees[::-1]:
            wall, cpu = run_once(args.corpus, tree, work / f"tree-{trees.index(tree)}.duckdb")
            out[tree]["wall"].append(wall)
            out[tree]["cpu"].append(cpu)
    result = {
        "command": " ".join(sys.argv),
        "load_average_at_start": [round(x, 2) for x in load_start],
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "trees": {
            t: {**v, "wall_median": statistics.median(v["wall"]),
                "cpu_median": statistics.median(v["cpu"])}
            for t, v in out.items()
        },
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
