"""`detente eval`: score the event coder against gold records.

Two gold formats are read:

* PLOVER gold-standard records (a JSON list; each record has ``text``,
  ``event`` (2016 PLOVER label), ``source``/``target`` lists of
  ``{actorText, code, sector}`` and ``date``). Each record is coded as a
  one-sentence article dated by the record. Records with the same text are one
  sentence with several gold events.
* detente's own article gold (docs/GOLD_FORMAT.md): JSON list or JSONL of
  ``{"id", "date", "text", "events": [{"plover", "cameo"?, "source": [codes],
  "target": [codes], "sentence"?}]}``, so a user can annotate whole articles.

Scores (micro-averaged, and per PLOVER type):

* type: per unit, the set of PLOVER types produced vs the gold set; events
  whose CAMEO root has no PLOVER type (01, statements) are left out;
* event: a produced event matches a gold event not yet matched when they agree
  on the type and on a source country, and also on a target country if the gold
  event names a target;
* source/target code accuracy on type-matched events, and a confusion matrix
  of gold type vs produced types.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import Errors, InputError
from detente.ontology import map_plover_label
from detente.records import Event


@dataclass
class GoldEvent:
    plover: str
    sources: set[str]
    targets: set[str]
    source_sectors: set[str] = field(default_factory=set)
    target_sectors: set[str] = field(default_factory=set)


@dataclass
class GoldUnit:
    """One text to code (a sentence or an article) and its gold events."""

    id: str
    text: str
    date: str | None
    events: list[GoldEvent]


def _actor_codes(value: Any) -> tuple[set[str], set[str]]:
    if not value or isinstance(value, str):
        return set(), set()
    codes, sectors = set(), set()
    for a in value:
        if isinstance(a, dict):
            if a.get("code"):
                codes.add(str(a["code"]).upper()[:3])
            if a.get("sector"):
                sectors.add(str(a["sector"]).upper()[:3])
        elif isinstance(a, str):
            codes.add(a.upper()[:3])
    return codes, sectors


def load_gold(path: str | Path) -> list[GoldUnit]:
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(Errors.E100_CANNOT_READ_GOLD_FILE, exc=exc, source=str(path)) from exc
    try:
        data = json.loads(raw_text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in raw_text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(Errors.E100_GOLD_NOT_JSON_OR_JSONL, exc=exc, source=str(path)) from exc
    if not isinstance(data, list) or not data:
        raise InputError(Errors.E100_GOLD_FILE_EMPTY, source=str(path))
    if "events" in data[0]:
        return _load_article_gold(data)
    return _load_plover_gold(data)


def _load_plover_gold(data: list[dict[str, Any]]) -> list[GoldUnit]:
    by_text: dict[str, GoldUnit] = {}
    for rec in data:
        text = (rec.get("text") or "").strip()
        if not text or not rec.get("event"):
            continue
        src, src_sec = _actor_codes(rec.get("source"))
        tgt, tgt_sec = _actor_codes(rec.get("target"))
        ev = GoldEvent(map_plover_label(rec["event"]), src, tgt, src_sec, tgt_sec)
        unit = by_text.get(text)
        if unit is None:
            unit = by_text[text] = GoldUnit(str(rec.get("id", len(by_text))), text, rec.get("date"), [])
        unit.events.append(ev)
    return list(by_text.values())


def _load_article_gold(data: list[dict[str, Any]]) -> list[GoldUnit]:
    units = []
    for i, rec in enumerate(data):
        events = [
            GoldEvent(
                map_plover_label(e["plover"]),
                {c.upper()[:3] for c in e.get("source", [])},
                {c.upper()[:3] for c in e.get("target", [])},
            )
            for e in rec.get("events", [])
        ]
        units.append(GoldUnit(str(rec.get("id", i)), rec["text"], rec.get("date"), events))
    return units


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _countries(actors: list) -> set[str]:
    return {a.country for a in actors if a.country}


def score(
    units: list[GoldUnit], code_text: Callable[[str, str | None], list[Event]]
) -> dict[str, Any]:
    type_counts: dict[str, Counter] = defaultdict(Counter)
    ev_tp = ev_fp = ev_fn = 0
    src_ok = src_n = tgt_ok = tgt_n = 0
    confusion: dict[str, Counter] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    for unit in units:
        events = [e for e in code_text(unit.text, unit.date) if e.plover]
        produced = {e.plover for e in events}
        gold_types = {g.plover for g in unit.events}
        for t in produced | gold_types:
            if t in produced and t in gold_types:
                type_counts[t]["tp"] += 1
            elif t in produced:
                type_counts[t]["fp"] += 1
            else:
                type_counts[t]["fn"] += 1
        for g in unit.events:
            confusion[g.plover].update(produced or {"(none)"})
        # full-event matching, greedy
        unmatched = list(unit.events)
        for e in events:
            match = None
            for g in unmatched:
                if g.plover != e.plover:
                    continue
                s_ok = bool(_countries(e.source) & g.sources) if g.sources else True
                t_ok = bool(_countries(e.target) & g.targets) if g.targets else True
                if s_ok and t_ok:
                    match = g
                    break
            if match is not None:
                unmatched.remove(match)
                ev_tp += 1
            else:
                ev_fp += 1
        ev_fn += len(unmatched)
        # code accuracy on type-matched events
        for g in unit.events:
            same = [e for e in events if e.plover == g.plover]
            if not same:
                continue
            e = same[0]
            if g.sources:
                src_n += 1
                src_ok += bool(_countries(e.source) & g.sources)
            if g.targets:
                tgt_n += 1
                tgt_ok += bool(_countries(e.target) & g.targets)
        if unmatched or (produced - gold_types):
            misses.append({
                "id": unit.id, "text": unit.text,
                "gold": [{"type": g.plover, "source": sorted(g.sources), "target": sorted(g.targets)} for g in unit.events],
                "produced": [{"type": e.plover, "cameo": e.cameo, "rule": e.rule,
                              "source": sorted(_countries(e.source)), "target": sorted(_countries(e.target))}
                             for e in events],
            })
    tp = sum(c["tp"] for c in type_counts.values())
    fp = sum(c["fp"] for c in type_counts.values())
    fn = sum(c["fn"] for c in type_counts.values())
    t = _prf(tp, fp, fn)
    ev = _prf(ev_tp, ev_fp, ev_fn)
    return {
        "n": len(units),
        "n_gold_events": sum(len(u.events) for u in units),
        "type_precision": t["precision"],
        "type_recall": t["recall"],
        "type_f1": t["f1"],
        "event_precision": ev["precision"],
        "event_recall": ev["recall"],
        "event_f1": ev["f1"],
        "source_accuracy": round(src_ok / src_n, 4) if src_n else None,
        "target_accuracy": round(tgt_ok / tgt_n, 4) if tgt_n else None,
        "per_type": {k: _prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(type_counts.items())},
        "confusion": {k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
        "misses": misses,
    }


def evaluate(path: str | Path, code_text: Callable[[str, str | None], list[Event]] | None = None) -> dict[str, Any]:
    """Score the default coder (or ``code_text``) against a gold file."""
    if code_text is None:
        from detente.pipeline import code_text as default_code_text

        code_text = default_code_text
    return score(load_gold(path), code_text)
