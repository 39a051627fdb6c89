"""The trained model's precision/recall curve and reliability table on a news gold folder.

    .venv/bin/python benchmarks/model_curves.py ../shared/eval/news_dev

The first curve varies the model's own decision threshold (rule events accepted as the
shipped model does); the second varies the keep threshold, the keep scorer's probability
at which a rule event is kept (the model's own events as shipped): the knob that trades
the rules' recall for precision. The reliability table bins the shipped model's events by their
confidence and counts the share that match gold. Both are printed as Markdown for
EVALUATION.md.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from detente.coding import Coder
from detente.evaluation.news_eval import evaluate_news, event_matches, load_news_gold
from detente.learn.model import load_model

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
KEEP_THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
BINS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01)


def curve(folder: str, field: str = "threshold",
          values: tuple[float, ...] = THRESHOLDS) -> list[tuple[float, dict]]:
    coder = Coder(model="")
    shipped = coder.model
    out = []
    for t in values:
        coder.model = replace(shipped, **{field: t})
        out.append((t, evaluate_news(folder, coder)))
    coder.model = shipped
    return out


def reliability(folder: str) -> list[tuple[str, int, float, float]]:
    from detente.evaluation.news_eval import coded_gold

    coder = Coder(model="")
    rows: list[tuple[float, bool]] = []
    for g, ca in coded_gold(load_news_gold(folder), coder):
        for e in ca.events:
            if not e.plover:
                continue
            ev = {"sentence": e.sentence, "plover": e.plover,
                  "source": [{"country": a.country} for a in e.source],
                  "target": [{"country": a.country} for a in e.target]}
            rows.append((e.confidence, any(event_matches(ev, ge) for ge in g.events)))
    table = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [(c, ok) for c, ok in rows if lo <= c < hi]
        if inside:
            label = f"< {hi}" if lo == 0.0 else f"≥ {lo}" if hi > 1 else f"{lo}–{hi}"
            table.append((label, len(inside), sum(ok for _, ok in inside) / len(inside),
                          sum(c for c, _ in inside) / len(inside)))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    folder = parser.parse_args().folder
    shipped = load_model()
    print(f"shipped threshold {shipped.threshold}, rule threshold {shipped.rule_threshold}\n")
    for field, values in (("threshold", THRESHOLDS), ("rule_threshold", KEEP_THRESHOLDS)):
        points = curve(folder, field, values)
        name = "threshold" if field == "threshold" else "keep threshold"
        print(f"| {name} | " + " | ".join(f"{t:.2f}" for t, _ in points) + " |")
        print("|---" * (len(points) + 1) + "|")
        for m in ("precision", "recall", "f1"):
            print(f"| {m} | " + " | ".join(f"{r[m]:.3f}" for _, r in points) + " |")
        print()
    print("\n| confidence | events | share right | mean confidence |\n|---|---|---|---|")
    for label, n, right, mean in reliability(folder):
        print(f"| {label} | {n} | {right:.2f} | {mean:.2f} |")


if __name__ == "__main__":
    main()
