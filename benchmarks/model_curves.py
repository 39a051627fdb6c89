"""The trained model's precision/recall curve and reliability table on a news gold folder.

    .venv/bin/python benchmarks/model_curves.py ../shared/eval/news_dev

The first curve varies the model's own decision threshold (rule events accepted as the
shipped model does); the second varies the keep threshold, the keep scorer's probability
at which a rule event is kept (the model's own events as shipped): the knob that trades
the rules' recall for precision. The reliability table bins the shipped model's events by their
confidence and counts the share that match gold. Both are printed as Markdown for
EVALUATION.md.

    .venv/bin/python benchmarks/model_curves.py ../shared/eval/news_dev --headroom

prints instead where the rules' misses and wrong events are, and what each kind of
repair could gain at most: the bound on what a model that judges or extends the rules'
events can reach, before choosing what to build.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import replace
from typing import Any

from detente.coding import Coder
from detente.evaluation.news_eval import (
    evaluate_news,
    event_matches,
    load_news_gold,
    same_sentence,
)
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


def _as_dict(e: Any, plover: str | None = None) -> dict[str, Any]:
    return {"sentence": e.sentence, "plover": plover or e.plover,
            "source": [{"country": a.country} for a in e.source],
            "target": [{"country": a.country} for a in e.target]}


def headroom(folder: str) -> tuple[Counter[str], Counter[str], int, int]:
    """The rules' missed gold events and wrong events by kind, the gold count and the
    count of rule events (with a type), on ``folder``. A missed gold event is: on a
    sentence with no rule event; on one whose rule events have other types, one of them
    with the gold's actors (so another type on the same actors would find it), or not;
    or on one with a rule event of its type but other actors. A wrong event is: on a
    sentence with no gold event; one that would be right with another type of the
    sentence's gold; another type, other actors; or its type with other actors."""
    from detente.evaluation.news_eval import coded_gold

    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    n_gold = n_events = 0
    for g, ca in coded_gold(load_news_gold(folder), Coder()):
        events = [e for e in ca.events if e.plover]
        n_gold += len(g.events)
        n_events += len(events)
        for ge in g.events:
            here = [e for e in events if same_sentence(ge["sentence"], e.sentence)]
            if any(event_matches(_as_dict(e), ge) for e in here):
                continue
            if not here:
                misses["no rule event on the sentence"] += 1
            elif any(e.plover == ge["plover"] for e in here):
                misses["its type coded, other actors"] += 1
            elif any(event_matches(_as_dict(e, ge["plover"]), ge) for e in here):
                misses["other type coded, on the gold's actors"] += 1
            else:
                misses["other type coded, other actors"] += 1
        for e in events:
            if any(event_matches(_as_dict(e), ge) for ge in g.events):
                continue
            golds = [ge for ge in g.events if same_sentence(ge["sentence"], e.sentence)]
            if not golds:
                wrong["no gold event on the sentence"] += 1
            elif any(ge["plover"] == e.plover for ge in golds):
                wrong["its type in gold, other actors"] += 1
            elif any(event_matches(_as_dict(e, ge["plover"]), ge) for ge in golds):
                wrong["right with another type of the sentence's gold"] += 1
            else:
                wrong["other type, other actors"] += 1
    return misses, wrong, n_gold, n_events


def print_headroom(folder: str) -> None:
    misses, wrong, n_gold, n_events = headroom(folder)
    found = n_gold - sum(misses.values())
    right = n_events - sum(wrong.values())
    print(f"rules: {n_events} events, {right} right; {n_gold} gold events, {found} found "
          f"(recall {found / max(n_gold, 1):.3f})\n")
    print("| missed gold event | count | recall if all were found |\n|---|---|---|")
    for kind, n in misses.most_common():
        print(f"| {kind} | {n} | {(found + n) / max(n_gold, 1):.3f} |")
    print("\n| wrong rule event | count | precision if all were dropped |\n|---|---|---|")
    for kind, n in wrong.most_common():
        print(f"| {kind} | {n} | {right / max(n_events - n, 1):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--headroom", action="store_true",
                        help="Where the rules' misses and wrong events are, and what each repair could gain.")
    args = parser.parse_args()
    folder = args.folder
    if args.headroom:
        print_headroom(folder)
        return
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
