"""`detente train`: fit the event decision on gold in the news format.

The texts go through ingest, cleaning, parsing, actor resolution and the rule coder
exactly as in `detente run`; gold events are tied to the parsed sentences by the
scorer's sentence rule. Fitting is deterministic (liblinear, fixed seed, sorted
inputs). The threshold and the confidence calibration come from cross-validation
over articles (GroupKFold), never from the data the reported scores are measured on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detente.evaluation.news_eval import (
    NewsGold,
    event_matches,
    gold_articles,
    load_news_gold,
    same_sentence,
)
from detente.learn.features import (
    SentenceView,
    actor_strings,
    partner_ranks,
    pattern_lexicon,
    rule_event_strings,
    salience_ranks,
    sentence_views,
)
from detente.learn.model import (
    HASH_BITS,
    Choice,
    EventModel,
    Scored,
    choose,
    hash_rows,
    score_views,
)

SEED = 13
C_TYPE = 1.0
C_ACTOR = 1.0
# The keep scorer of rule events: strongly regularised (its features include the whole
# sentence's; of 0.05, 0.1, 0.2, 0.3 and 1.0, 0.05 did best on held-out P and R).
C_KEEP = 0.05
DENSE_SCALE = 0.2
CLASS_WEIGHT: str | None = None
# 1.01 is above any probability: the model proposes no event of its own, so with rule
# threshold 0.0 it codes exactly what the rules code (chosen when nothing beats them).
THRESHOLDS = (*(round(x, 2) for x in np.arange(0.05, 0.91, 0.05)), 1.01)
# None: the rules' events are only features; else the keep scorer's probability at which
# a rule's event is accepted as the rule coded it (its actors included); 0.0 keeps all.
RULE_THRESHOLDS: tuple[float | None, ...] = (None, 0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35)
# A type with fewer gold events than this in training is left to the rules: the model
# keeps their events of it as coded and proposes none of its own.
MIN_TYPE_EVENTS = 20


@dataclass
class Sample:
    """One gold article, parsed and coded by the rules, with its gold tied to sentences."""

    gold: NewsGold
    doc: Any
    views: list[SentenceView]
    mentions: list[Any]
    gold_at: dict[int, list[dict[str, Any]]]  # sentence index -> gold events


def collect(folders: list[str | Path], coder: Any) -> list[Sample]:
    """Parse and rule-code every gold article of ``folders``."""
    gold: list[NewsGold] = []
    for f in folders:
        gold.extend(load_news_gold(f))
    pairs = gold_articles(gold)
    speech = set(coder.events.speech)
    lexicon = pattern_lexicon(coder.events.book)
    samples = []
    docs = coder.nlp.pipe((a.body for _, a in pairs), batch_size=16)
    for (g, article), doc in zip(pairs, docs, strict=True):
        mentions, rule_events = coder.read(doc, article)
        views = sentence_views(doc, mentions, rule_events, speech, lexicon)
        samples.append(Sample(g, doc, views, mentions, gold_by_sentence(g.events, views)))
    return samples


def gold_by_sentence(events: list[dict[str, Any]], views: list[SentenceView]
                     ) -> dict[int, list[dict[str, Any]]]:
    """Each gold event on the parsed sentence it was written for: of the sentences the
    scorer's rule ties it to, the longest (a gold sentence split by the parser at "1." or
    "BEIJING:" also matches its fragments, which report nothing)."""
    gold_at: dict[int, list[dict[str, Any]]] = {}
    for ge in events:
        tied = [v for v in views if same_sentence(ge["sentence"], v.text)]
        if tied:
            best = max(tied, key=lambda v: (len(v.text.strip()), -v.index))
            gold_at.setdefault(best.index, []).append(ge)
    return gold_at


def _type_matrix(samples: list[Sample], types: list[str]) -> tuple[Any, np.ndarray, np.ndarray]:
    import scipy.sparse as sp

    views = [v for s in samples for v in s.views]
    Xh = hash_rows(v.strings for v in views)
    width = max((v.vector.shape[0] for v in views), default=0)
    dense = np.stack([np.resize(v.vector, width) if v.vector.shape[0] else np.zeros(width)
                      for v in views]) if views else np.zeros((0, width))
    X = sp.hstack([Xh, sp.csr_matrix(dense * DENSE_SCALE)]).tocsr()
    Y = np.zeros((len(views), len(types)), dtype=np.int8)
    i = 0
    for s in samples:
        for v in s.views:
            for ge in s.gold_at.get(v.index, []):
                if ge["plover"] in types:
                    Y[i, types.index(ge["plover"])] = 1
            i += 1
    return X, Y, dense


def _actor_rows(samples: list[Sample]) -> tuple[list[list[str]], list[int], list[list[str]], list[int]]:
    src_x: list[list[str]] = []
    src_y: list[int] = []
    tgt_x: list[list[str]] = []
    tgt_y: list[int] = []
    for s in samples:
        sal = salience_ranks(s.mentions)
        partners = partner_ranks(s.mentions)
        for v in s.views:
            golds = s.gold_at.get(v.index, [])
            if not golds or not v.candidates:
                continue
            previous = v.previous
            for plover in sorted({g["plover"] for g in golds}):
                gs = {g["source"]["code"] for g in golds if g["plover"] == plover}
                gt = {(g.get("target") or {}).get("code") for g in golds if g["plover"] == plover}
                ranks = partners.get(sorted(gs)[0], {}) if gs else {}
                for c in v.candidates:
                    src_x.append(actor_strings(s.doc, v, plover, c, sal, previous))
                    src_y.append(int(c in gs))
                    if c not in gs:  # the source is known when the target is chosen
                        tgt_x.append(actor_strings(s.doc, v, plover, c, sal, previous,
                                                   ranks.get(c, -1)))
                        tgt_y.append(int(c in gt))
    return src_x, src_y, tgt_x, tgt_y


def _keep_rows(samples: list[Sample]) -> tuple[list[list[str]], list[int]]:
    """Every rule event with a source country, labelled right when it matches a gold
    event of its article as the scorer matches them."""
    rows: list[list[str]] = []
    y: list[int] = []
    for s in samples:
        salience, partners = salience_ranks(s.mentions), partner_ranks(s.mentions)
        for v in s.views:
            for e in v.rule_events:
                ch = Choice.of_rule(v, e, 1.0)
                if ch is None:
                    continue
                ev = _as_event(ch)
                rows.append(rule_event_strings(v, e, salience, partners))
                y.append(int(any(event_matches(ev, ge) for ge in s.gold.events)))
    return rows, y


def _fit_binary(X: Any, y: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.sum() == 0 or y.sum() == len(y):
        return np.zeros(X.shape[1]), (-8.0 if y.sum() == 0 else 8.0)
    clf = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=1000, class_weight=CLASS_WEIGHT)
    clf.fit(X, y)
    return clf.coef_.ravel(), float(clf.intercept_[0])


def fit(samples: list[Sample], types: list[str], cameo: dict[str, str], card: dict[str, Any],
        threshold: float = 0.35, calib: tuple[np.ndarray, np.ndarray] | None = None,
        rule_threshold: float | None = None,
        rule_calib: tuple[np.ndarray, np.ndarray] | None = None) -> EventModel:
    X, Y, dense = _type_matrix(samples, types)
    width = 2**HASH_BITS
    n_dense = dense.shape[1]
    type_w = np.zeros((len(types), width), dtype=np.float32)
    type_wd = np.zeros((len(types), n_dense), dtype=np.float32)
    type_b = np.zeros(len(types), dtype=np.float32)
    for j in range(len(types)):
        coef, b = _fit_binary(X, Y[:, j], C_TYPE)
        type_w[j] = coef[:width]
        type_wd[j] = coef[width:] * DENSE_SCALE
        type_b[j] = b
    src_x, src_y, tgt_x, tgt_y = _actor_rows(samples)
    keep_x, keep_y = _keep_rows(samples)
    actor_w = []
    for rows, y, c in ((src_x, src_y, C_ACTOR), (tgt_x, tgt_y, C_ACTOR), (keep_x, keep_y, C_KEEP)):
        coef, b = _fit_binary(hash_rows(rows), np.array(y), c)
        actor_w.append(np.append(coef, b).astype(np.float32))
    cx, cy = calib if calib is not None else (np.zeros(0), np.zeros(0))
    rx, ry = rule_calib if rule_calib is not None else (np.zeros(0), np.zeros(0))
    kept = left_to_rules(Counter(g["plover"] for s in samples for g in s.gold.events))
    return EventModel(types=types, type_w=type_w, type_wd=type_wd, type_b=type_b,
                      src_w=actor_w[0], tgt_w=actor_w[1], keep_w=actor_w[2], calib_x=np.asarray(cx, dtype=np.float32),
                      calib_y=np.asarray(cy, dtype=np.float32),
                      rule_calib_x=np.asarray(rx, dtype=np.float32),
                      rule_calib_y=np.asarray(ry, dtype=np.float32), threshold=threshold,
                      rule_threshold=rule_threshold, cameo=cameo,
                      card=card, kept_rule_types=kept)


def choices_for(model: EventModel, sample: Sample, threshold: float,
                rule_threshold: float | None = None, scored: Scored | None = None) -> list[Choice]:
    return choose(model, sample.doc, sample.views, sample.mentions, threshold, rule_threshold,
                  scored)


def choices_by_combo(model: EventModel, sample: Sample, combos: list[Combo]
                     ) -> dict[Combo, list[Choice]]:
    """The choices of ``model`` on ``sample`` at every setting of ``combos``: the type and
    keep probabilities do not depend on the thresholds, so they are computed once."""
    scored = score_views(model, sample.views, sample.mentions)
    return {c: choices_for(model, sample, c[0], c[1], scored) for c in combos}


def _as_event(ch: Choice) -> dict[str, Any]:
    return {"sentence": ch.view.text, "plover": ch.plover,
            "source": [{"country": c} for c, _ in ch.sources],
            "target": [{"country": c} for c, _ in ch.targets]}


def score_choices(samples: list[Sample], per_sample: list[list[Choice]]) -> dict[str, float]:
    gold_n = found = produced = right = 0
    for s, chs in zip(samples, per_sample, strict=True):
        evs = [_as_event(c) for c in chs]
        for ge in s.gold.events:
            gold_n += 1
            found += any(event_matches(e, ge) for e in evs)
        for e in evs:
            produced += 1
            right += any(event_matches(e, ge) for ge in s.gold.events)
    r = found / max(gold_n, 1)
    p = right / max(produced, 1)
    return {"recall": r, "precision": p, "f1": 2 * p * r / max(p + r, 1e-9), "produced": produced}


Combo = tuple[float, float | None]  # (threshold, rule threshold)


def cross_validate(samples: list[Sample], types: list[str], cameo: dict[str, str], folds: int = 5
                   ) -> tuple[dict[Combo, dict[str, float]], dict[Combo, list[list[Choice]]]]:
    """Scores of every (threshold, rule threshold) over held-out folds of articles, and the
    held-out choices of each (for the calibration of the chosen one)."""
    order = list(range(len(samples)))
    fold_of = {i: i % folds for i in order}
    combos: list[Combo] = [(t, rt) for t in THRESHOLDS for rt in RULE_THRESHOLDS]
    held: dict[Combo, list[list[Choice]]] = {c: [[] for _ in samples] for c in combos}
    for k in range(folds):
        train = [samples[i] for i in order if fold_of[i] != k]
        model = fit(train, types, cameo, card={})
        for i in order:
            if fold_of[i] == k:
                for c, chs in choices_by_combo(model, samples[i], combos).items():
                    held[c][i] = chs
    scores = {c: score_choices(samples, held[c]) for c in combos}
    return scores, held


def left_to_rules(counts: Counter) -> list[str]:
    """PLOVER types with too few training events for the model to judge."""
    from detente.ontology.plover import plover_types

    return sorted(t for t in plover_types() if counts.get(t, 0) < MIN_TYPE_EVENTS)


def rule_choices(sample: Sample) -> list[Choice]:
    """The rule coder's own events as choices: what the model is measured against."""
    return [ch for v in sample.views for e in v.rule_events
            if (ch := Choice.of_rule(v, e, 1.0)) is not None]


def calibration_pairs(samples: list[Sample], held: list[list[Choice]], rule: bool
                      ) -> list[tuple[float, int]]:
    """(raw score, right?) of the held-out choices made by the model (or accepted from the rules)."""
    pairs = []
    for s, chs in zip(samples, held, strict=True):
        for c in chs:
            if (c.rule is not None) == rule:
                pairs.append((c.raw, int(any(event_matches(_as_event(c), ge) for ge in s.gold.events))))
    return pairs


def isotonic(pairs: list[tuple[float, int]]) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.isotonic import IsotonicRegression

    if len(pairs) < 10:
        return np.zeros(0), np.zeros(0)
    x = np.array([p for p, _ in pairs])
    y = np.array([r for _, r in pairs])
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
    return iso.X_thresholds_, iso.y_thresholds_


def train(folders: list[str | Path], coder: Any, *, command: str = "", folds: int = 5,
          min_precision: float = 0.0, tune: list[str | Path] | None = None
          ) -> tuple[EventModel, dict[str, Any]]:
    """Fit a model on the gold ``folders``; returns it and the cross-validation report.

    The two thresholds are chosen on held-out data only: the cross-validation folds of
    ``folders`` and, when given, the ``tune`` gold (used to choose, never to fit): the
    setting with the best mean F1 over the two among those at least as precise (with at
    least ``min_precision``) and with at least the recall of the rules alone on the same
    data (better on both, when some setting is; else as good); failing that, at least as
    precise as the rules."""
    samples = collect(folders, coder)
    counts = Counter(g["plover"] for s in samples for g in s.gold.events)
    types = sorted(counts)
    roots = {}
    for t in types:
        r = Counter(g.get("cameo_root") or "" for s in samples for g in s.gold.events if g["plover"] == t)
        root = r.most_common(1)[0][0]
        roots[t] = f"{root}0" if len(root) == 2 else root
    scores, held = cross_validate(samples, types, roots, folds=folds) if folds > 1 else ({}, {})
    model = fit(samples, types, roots, {})
    tuned: dict[Combo, dict[str, float]] = {}
    if tune:
        tune_samples = collect(list(tune), coder)
        combos = list(scores) or [(t, rt) for t in THRESHOLDS for rt in RULE_THRESHOLDS]
        per = [choices_by_combo(model, s, combos) for s in tune_samples]
        tuned = {c: score_choices(tune_samples, [p[c] for p in per]) for c in combos}

    def merit(c: Combo) -> float:
        f1s = [x[c]["f1"] for x in (scores, tuned) if c in x]
        return sum(f1s) / len(f1s)

    # The rules alone, on the same held-out data: the model must do at least as well on
    # precision and on recall (rules propose, the model disposes), else on precision.
    rules = {"cv": score_choices(samples, [rule_choices(s) for s in samples])}
    if tune:
        rules["tune"] = score_choices(tune_samples, [rule_choices(s) for s in tune_samples])
    measured = [(x, rules[k]) for k, x in (("cv", scores), ("tune", tuned)) if x]

    def beats_rules(c: Combo, on: tuple[str, ...], strictly: bool = False) -> bool:
        # strictly: better, not only as good (a tie in recall adds nothing the rules lack)
        return all((x[c][m] > r[m] if strictly else x[c][m] >= r[m])
                   and x[c][m] >= (min_precision if m == "precision" else 0.0)
                   for x, r in measured if c in x for m in on)

    # sorted: a set of tuples holding None iterates in an order that changes between runs
    every = sorted(set(scores) | set(tuned), key=lambda c: (c[0], -1.0 if c[1] is None else c[1]))
    ok = ([c for c in every if beats_rules(c, ("precision", "recall"), strictly=True)]
          or [c for c in every if beats_rules(c, ("precision", "recall"))]
          or [c for c in every if beats_rules(c, ("precision",))]
          or [c for c in every if all(x[c]["precision"] >= min_precision for x, _ in measured if c in x)]
          or list(every))
    threshold, rule_threshold = max(ok, key=merit) if ok else (0.35, None)
    chosen = held.get((threshold, rule_threshold)) or [[] for _ in samples]  # no folds: no calibration
    card = {
        "trained_on": [str(f) for f in folders],
        "articles": len(samples),
        "gold_events": sum(counts.values()),
        "gold_per_type": dict(sorted(counts.items())),
        "date": dt.date.today().isoformat(),
        "command": command,
        "seed": SEED,
        "min_type_events": MIN_TYPE_EVENTS,
        "kept_rule_types": left_to_rules(counts),
        "cross_validation": {
            "folds": folds, "threshold": threshold, "rule_threshold": rule_threshold,
            "min_precision": min_precision,
            "rules": {k: {m: round(x, 4) for m, x in v.items()} for k, v in rules.items()},
            "tuned_on": [str(t) for t in tune or []],
            "by_threshold": {f"{t}/{rt}": {m: round(x, 4) for m, x in v.items()}
                             for (t, rt), v in scores.items()},
            "tune_by_threshold": {f"{t}/{rt}": {m: round(x, 4) for m, x in v.items()}
                                  for (t, rt), v in tuned.items()},
        },
    }
    model = fit(samples, types, roots, card, threshold=threshold, rule_threshold=rule_threshold,
                calib=isotonic(calibration_pairs(samples, chosen, rule=False)),
                rule_calib=isotonic(calibration_pairs(samples, chosen, rule=True)))
    return model, card
