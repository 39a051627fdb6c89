"""Which step of the trained model loses the gold events the rules miss, on held-out folds.

    .venv/bin/python benchmarks/model_steps.py ../shared/eval/news_train

The model adds events of its own only in sentences where the rules coded nothing, and
only between countries named there (detente.learn.model.choose). This fits the model
on the training gold's cross-validation folds (by article, as ``detente train`` does)
and follows each gold event of such a sentence through the three steps of the model's
own event: is its source (and target) named in the sentence, does the type classifier
rank its type first and with what probability, and given its type, do the source and
target scorers choose its pair. The second table asks the type step the other way round:
of the sentences where the model may add an event, the ones it is surest of, how many
report an event of the type it ranks first. Printed as Markdown for EVALUATION.md.
Never run it on the tuning or reporting gold: the folds are the held-out data.
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np

from detente.learn.features import actor_strings
from detente.learn.model import _pick, score_views
from detente.learn.train import collect, fit

PROBABILITIES = (0.2, 0.4, 0.6)
TOP = (10, 20, 40)
ROWS = ("gold events on sentences without a rule event", "... a country named in the sentence",
        "... its source and target (if any) named there", "... a type left to the rules",
        "type step: its type ranked first",
        *(f"type step: ranked first with probability >= {p}" for p in PROBABILITIES),
        "actor step (its type given): pair right and named",
        "actor step, both named: pair right")


def _pair(model, sample, view, plover, scored) -> tuple[list[str], list[str]]:
    """The source and target countries the shipped decision chooses for ``plover``, the
    best first."""
    def rows(ranks=None):
        return [actor_strings(sample.doc, view, plover, c, scored.salience, view.previous,
                              None if ranks is None else ranks.get(c, -1))
                for c in view.candidates]

    src = _pick(view.candidates, model.actor_probabilities(rows(), "source"), exclude=set())
    ranks = scored.partners.get(src[0][0], {})
    tgt = _pick(view.candidates, model.actor_probabilities(rows(ranks), "target"),
                exclude={c for c, _ in src})
    return [c for c, _ in src], [c for c, _ in tgt]


def steps(folder: str, folds: int = 5) -> tuple[Counter[str], list[tuple[float, bool]]]:
    from detente.pipeline import Coder

    samples = collect([folder], Coder())
    types = sorted({g["plover"] for s in samples for g in s.gold.events})
    n: Counter[str] = Counter(dict.fromkeys(ROWS, 0))  # printed in this order
    surest: list[tuple[float, bool]] = []  # (top type's probability, gold of that type?)
    for k in range(folds):
        model = fit([s for i, s in enumerate(samples) if i % folds != k], types,
                    {t: "" for t in types}, card={})
        for s in (s for i, s in enumerate(samples) if i % folds == k):
            scored = score_views(model, s.views, s.mentions, judge_rules=False)
            for v, row in zip(s.views, scored.probs, strict=True):
                if v.rule_events:
                    continue
                golds = s.gold_at.get(v.index, [])
                p_of = dict(zip(model.types, row.tolist(), strict=True))
                if v.countries:
                    top = max(p_of, key=lambda t: p_of[t])
                    surest.append((p_of[top], any(g["plover"] == top for g in golds)))
                for g in golds:
                    source = g["source"]["code"]
                    target = g["target"]["code"] if g.get("target") else None
                    n["gold events on sentences without a rule event"] += 1
                    if not v.countries:
                        continue
                    n["... a country named in the sentence"] += 1
                    named = source in v.countries and (target in v.countries or not target)
                    n["... its source and target (if any) named there"] += named
                    t = g["plover"]
                    if t not in p_of or t in model.kept_rule_types:
                        n["... a type left to the rules"] += 1
                        continue
                    first = max(p_of, key=lambda x: p_of[x]) == t
                    n["type step: its type ranked first"] += first
                    for p in PROBABILITIES:
                        n[f"type step: ranked first with probability >= {p}"] += (
                            first and p_of[t] >= p)
                    src, tgt = _pair(model, s, v, t, scored)
                    kept = set(src[:1] + tgt[:1]) <= set(v.countries)
                    right = source in src and (target in tgt or not target)
                    n["actor step (its type given): pair right and named"] += right and kept
                    if named:
                        n["actor step, both named: pair right"] += right and kept
    return n, surest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="The training gold (news format).")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    n, surest = steps(args.folder, args.folds)
    print("| held-out gold events | count |\n|---|---|")
    for key, value in n.items():
        print(f"| {key} | {value} |")
    surest.sort(key=lambda x: -x[0])
    print(f"\n{len(surest)} sentences without a rule event name a country; "
          f"{sum(ok for _, ok in surest)} report an event of the type ranked first.\n")
    print("| most confident sentences | type ranked first right | lowest probability |\n|---|---|---|")
    for k in TOP:
        head = surest[:k]
        if head:
            print(f"| {k} | {sum(ok for _, ok in head)} | {head[-1][0]:.2f} |")
    print(f"\nmean probability of the type ranked first: {np.mean([p for p, _ in surest]):.3f}")


if __name__ == "__main__":
    main()
