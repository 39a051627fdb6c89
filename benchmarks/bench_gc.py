"""What the cyclic garbage collector costs while coding, with and without ``gc.freeze``.

    .venv/bin/python benchmarks/bench_gc.py DB [--articles 300] [--repeat 2]

DB: a database `detente run` filled (e.g. one bench_pipeline.py left in its --work
folder). Each round codes the same articles in a fresh process, once as `detente run`
does now (``coding.freeze_loaded()`` after the Coder is built) and once without, and
reports the seconds spent inside collections (``gc.callbacks``) and their count per
generation: steadier on a shared machine than the wall time, which is printed too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path


def child(db: str, n: int, freeze: bool) -> None:
    import gc

    from detente.coding import BATCH_SIZE, Coder, freeze_loaded
    from detente.store import Store

    with Store(db) as store:
        ids = sorted(store.uncoded_article_ids("none", recode=True))[:n]
        articles = store.articles(ids)
    coder = Coder()
    if freeze:
        freeze_loaded()
    spent = {"seconds": 0.0, "collections": [0, 0, 0]}
    began = [0.0]

    def timer(phase: str, info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            spent["seconds"] += time.perf_counter() - began[0]
            spent["collections"][info["generation"]] += 1

    gc.callbacks.append(timer)
    started = time.perf_counter()
    for i in range(0, len(articles), BATCH_SIZE):
        coder.code_batch(articles[i : i + BATCH_SIZE])
    print(json.dumps({"freeze": freeze, "articles": len(articles),
                      "wall": round(time.perf_counter() - started, 2),
                      "gc_seconds": round(spent["seconds"], 3),
                      "collections": spent["collections"]}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--child", choices=["freeze", "plain"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(str(args.db), args.articles, args.child == "freeze")
        return
    runs = []
    for _ in range(args.repeat):
        for mode in ("plain", "freeze"):
            out = subprocess.run([sys.executable, __file__, str(args.db), "--articles",
                                  str(args.articles), "--child", mode],
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout))
    print(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
