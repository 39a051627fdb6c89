"""What the trained model adds to coding real news, side by side with the rules.

Codes the news gold texts (../shared/eval/news_dev and news_train) in one process with
`--coder rules` and `--coder model`, alternating, and prints the median of each
(parse, actors, events, signals; process start and ingest excluded).

    .venv/bin/python benchmarks/bench_coder_overhead.py --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from detente.evaluation.news_eval import gold_articles, load_news_gold
from detente.pipeline import Coder

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--gold", nargs="*", default=[str(SHARED / "news_dev"), str(SHARED / "news_train")])
    args = ap.parse_args()
    load = os.getloadavg()
    gold = [g for folder in args.gold for g in load_news_gold(folder)]
    articles = [a for _, a in gold_articles(gold)]
    coders = {"rules": Coder(), "model": Coder(model="")}
    for c in coders.values():  # warm up: first-call costs are not coding
        list(c.code_articles(articles[:5]))
    seconds: dict[str, list[float]] = {k: [] for k in coders}
    for _ in range(args.repeat):
        for name, c in coders.items():
            started = time.perf_counter()
            list(c.code_articles(articles))
            seconds[name].append(time.perf_counter() - started)
    med = {k: statistics.median(v) for k, v in seconds.items()}
    print(f"{len(articles)} articles, median of {args.repeat}: rules {med['rules']:.2f} s, "
          f"model {med['model']:.2f} s, model/rules {med['model'] / med['rules']:.3f}")
    # every run, and the load of the (shared) machine: a noisy round shows here
    print("  runs: " + "; ".join(f"{k} " + " ".join(f"{s:.2f}" for s in v) for k, v in seconds.items())
          + f"; load average at start {load[0]:.1f}, at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
