"""Selecting event rows for any surface: the CLI, the API, exports and DataFrames.

``select_events`` is the one entry point for "the events matching these
filters": it goes through ``_sql`` with the counting rules (no near-duplicate
copies, not negated, actual events only unless ``modality`` says otherwise,
``min_confidence``), and returns with the rows what the rules left out, so a
caller can say "30 event rows → 24 counted: 3 negated, 2 demanded, 1 in copies".

Rows are event *reports* (one per coded sentence); the dyad page, the series
and the GDELT export cluster them into real-world events
(``analytics.clusters``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from detente.analytics.params import (
    MODALITIES,
    DyadQuery,
    QueryError,
    actor_code,
    confidence,
    iso_date,
    modalities,
)
from detente.analytics.queries import (
    Db,
    all_event_rows,
    describe_left_out,
    dyad_event_rows,
    why_left_out,
)
from detente.errors import Errors

SORTS = ("date", "-date", "goldstein", "-goldstein", "confidence", "-confidence")


@dataclass
class Selection:
    """Event rows that count under the filters, and what the counting rules dropped."""

    rows: list[dict[str, Any]]
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def left_out_text(self) -> str:
        return describe_left_out(self.left_out)


def _cameo(value: str | None) -> str | None:
    if not value:
        return None
    v = str(value).strip()
    if not v.isdigit() or len(v) > 4:
        raise QueryError(Errors.E600_NOT_A_CAMEO_PREFIX, value=value, param="cameo")
    return v


def _matches(row: dict[str, Any], actor: str | None, cameo: str | None) -> bool:
    if cameo and not str(row.get("cameo") or "").startswith(cameo):
        return False
    if actor:
        codes = {row.get("source_country"), row.get("target_country")}
        codes |= {row.get("source_code"), row.get("target_code")}
        for side in ("source", "target"):
            raw = row.get(side)
            actors = json.loads(raw) if isinstance(raw, str) else (raw or [])
            for a in actors if isinstance(actors, list) else [actors]:
                codes |= {a.get("country"), a.get("code")}
        if actor not in codes:
            return False
    return True


def select_events(
    db: Db,
    *,
    dyad: tuple[str, str] | list[str] | None = None,
    directed: bool = False,
    since: str | date | None = None,
    until: str | date | None = None,
    modality: str | list[str] | tuple[str, ...] | None = None,
    min_confidence: float | str | None = None,
    include_negated: bool = False,
    actor: str | None = None,
    cameo: str | None = None,
    plover: str | None = None,
    sort: str = "date",
) -> Selection:
    """Event rows (undated ones last) under the counting rules, with what was left out.

    ``dyad``: two country codes, events between them in either direction
    (``directed``: only the first to the second); ``actor``: a country or
    actor code on either side; ``cameo``: a CAMEO code prefix ("19" the root);
    ``modality``: "actual" (default), a list, or "all"; ``sort``: one of
    ``SORTS`` ("-" for descending).
    """
    if sort not in SORTS:
        raise QueryError(Errors.E600_UNKNOWN_SORT, sort=sort, sorts=', '.join(SORTS), param="sort")
    mods = modalities(modality)
    floor = confidence(min_confidence)
    who = actor_code(actor, "actor") if actor else None
    code = _cameo(cameo)
    rules = {"include_negated": include_negated, "modalities": mods, "min_confidence": floor}
    if dyad:
        if len(dyad) != 2:
            raise QueryError(Errors.E600_DYAD_NEEDS_TWO_CODES, dyad=list(dyad))
        q = DyadQuery.make(
            dyad[0], dyad[1], directed=directed, since=since, until=until, plover=plover
        )
        wide = replace(q, include_negated=True, modalities=MODALITIES, min_confidence=None)
        everything = dyad_event_rows(db, wide, canonical_only=False, undated=None)
    else:
        everything = all_event_rows(
            db,
            since=iso_date(since, "since"),
            until=iso_date(until, "until"),
            include_negated=True,
            canonical_only=False,
            modalities=None,
            plover=plover,
            cameo=code,
            actor=who,
        )
    everything = [r for r in everything if _matches(r, who, code)]
    counts: dict[str, int] = {"total": len(everything), "kept": 0}
    kept = []
    for r in everything:
        why = why_left_out(r, **rules)
        if why == "undated":  # listed (not charted): an undated event still happened
            kept.append(r)
        if why is None:
            kept.append(r)
        key = why or "kept"
        counts[key] = counts.get(key, 0) + 1
    key_name = sort.lstrip("-")
    reverse = sort.startswith("-")
    if key_name == "date":
        kept.sort(key=lambda r: (r.get("day") is None, r.get("day") or date.min), reverse=reverse)
        if reverse:  # undated rows stay last
            kept.sort(key=lambda r: r.get("day") is None)
    else:
        kept.sort(key=lambda r: r.get(key_name) or 0.0, reverse=reverse)
    return Selection(kept, counts)
