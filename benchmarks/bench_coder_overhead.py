"""What the trained model adds to coding real news, side by side with the rules.

Codes the news gold texts (../shared/eval/news_dev and news_train) in one process with
`--coder rules` and `--coder model`, alternating, and prints the median of each
(parse, actors, events, signals; process start and ingest excluded), in wall time and
in the process's CPU time: on a shared machine the CPU time drifts far less.

    .venv/bin/python benchmarks/bench_coder_overhead.py --repeat 3

``--run CORPUS`` times whole `detente run CORPUS` commands instead (start, ingest,
coding, writes), `--coder rules` and `--coder model` alternating, each on an empty
database: wall time, CPU time (user + system) and peak resident memory of the process,
as the kernel reports them when it ends (``os.wait4``), medians of ``--repeat``:

    .venv/bin/python benchmarks/make_corpus.py /tmp/corpus-4x --articles 200 --seed 4
    .venv/bin/python benchmarks/bench_coder_overhead.py --run /tmp/corpus-4x --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
CODERS = ("rules", "model")


def in_process(gold_folders: list[str], repeat: int) -> None:
    from detente.evaluation.news_eval import gold_articles, load_news_gold
    from detente.pipeline import Coder

    gold = [g for folder in gold_folders for g in load_news_gold(folder)]
    articles = [a for _, a in gold_articles(gold)]
    coders = {"rules": Coder(), "model": Coder(model="")}
    for c in coders.values():  # warm up: first-call costs are not coding
        list(c.code_articles(articles[:5]))
    wall: dict[str, list[float]] = {k: [] for k in coders}
    cpu: dict[str, list[float]] = {k: [] for k in coders}
    for _ in range(repeat):
        for name, c in coders.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            list(c.code_articles(articles))
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - cpu_started)
    _report(f"{len(articles)} articles", repeat, {"wall": wall, "cpu": cpu})


def whole_runs(corpus: Path, repeat: int) -> None:
    measures: dict[str, dict[str, list[float]]] = {m: {k: [] for k in CODERS}
                                                   for m in ("wall", "cpu", "peak_mb")}
    with tempfile.TemporaryDirectory(prefix="detente-overhead-") as tmp:
        for _ in range(repeat):
            for coder in CODERS:
                db = Path(tmp) / f"{coder}.duckdb"
                for p in (db, db.with_name(db.name + ".wal")):
                    p.unlink(missing_ok=True)
                cmd = [sys.executable, "-c", "from detente.cli import main; main()", "run",
                       str(corpus), "--db", str(db), "--quiet", "--coder", coder]
                started = time.perf_counter()
                proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
                _pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
                if proc.returncode != 0:
                    raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
                measures["wall"][coder].append(time.perf_counter() - started)
                measures["cpu"][coder].append(usage.ru_utime + usage.ru_stime)
                measures["peak_mb"][coder].append(usage.ru_maxrss / 1024)  # KiB on Linux
    _report(f"`detente run {corpus}`", repeat, measures)


def _report(what: str, repeat: int, measures: dict[str, dict[str, list[float]]]) -> None:
    for label, values in measures.items():
        med = {k: statistics.median(v) for k, v in values.items()}
        if label == "peak_mb":
            print(f"{what}, median of {repeat}, peak MB: rules {med['rules']:.0f}, "
                  f"model {med['model']:.0f}, model - rules {med['model'] - med['rules']:+.0f} MB")
        else:
            print(f"{what}, median of {repeat}, {label}: rules {med['rules']:.2f} s, "
                  f"model {med['model']:.2f} s, model/rules {med['model'] / med['rules']:.3f}")
        # every run: a noisy round shows here
        print("  runs: " + "; ".join(f"{k} " + " ".join(f"{s:.2f}" for s in v) for k, v in values.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--gold", nargs="*", default=[str(SHARED / "news_dev"), str(SHARED / "news_train")])
    ap.add_argument("--run", type=Path, default=None, metavar="CORPUS",
                    help="time whole `detente run CORPUS` commands instead")
    args = ap.parse_args()
    load = os.getloadavg()
    if args.run is not None:
        whole_runs(args.run, args.repeat)
    else:
        in_process(args.gold, args.repeat)
    print(f"load average at start {load[0]:.1f}, at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
