"""pandas DataFrames for notebooks: events (one row per report) and dyad series (one per period).

    import detente
    df = detente.events_frame("detente.duckdb", dyad=("USA", "RUS"))
    s = detente.dyad_series(store, DyadQuery.make("USA", "RUS")).to_frame()

Columns and dtypes are fixed and documented (docs/EXPORT.md): codes are text
(``cameo`` "020" stays "020"), dates are ``datetime64``, numbers are nullable
floats, flags are nullable booleans. The flat rows are also what
``detente events --format csv`` and the flat PLOVER CSV export write.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from detente.analytics.queries import Db

# Flat event columns and their pandas dtypes (docs/EXPORT.md lists what each means).
EVENT_DTYPES: dict[str, str] = {
    "id": "string",
    "article_id": "string",
    "date": "datetime64[ns]",
    "sentence_index": "Int64",
    "source_country": "string",
    "source_code": "string",
    "source_name": "string",
    "target_country": "string",
    "target_code": "string",
    "target_name": "string",
    "cameo": "string",
    "cameo_root": "string",
    "plover": "string",
    "plover_mode": "string",
    "quad_class": "Int64",
    "goldstein": "Float64",
    "modality": "string",
    "negated": "boolean",
    "confidence": "Float64",
    "rule": "string",
    "publisher": "string",
    "url": "string",
    "sentence": "string",
}
EVENT_COLUMNS = list(EVENT_DTYPES)


def _first(raw: Any, key: str) -> str | None:
    actors = json.loads(raw) if isinstance(raw, str) else (raw or [])
    if isinstance(actors, dict):
        actors = [actors]
    names = [a.get(key) or a.get("text") for a in actors if isinstance(a, dict)]
    names = [n for n in names if n]
    return "; ".join(names) if names else None


def flat_event(row: dict[str, Any]) -> dict[str, Any]:
    """One event row (``analytics.queries`` columns) as a flat record of ``EVENT_COLUMNS`` (no nested values).

    Compound actors' names are joined with "; "; the codes are the first actor's.
    """
    day = row.get("day")
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "date": day.isoformat()[:10] if hasattr(day, "isoformat") else day,
        "sentence_index": row.get("sentence_index"),
        "source_country": row.get("source_country"),
        "source_code": row.get("source_code"),
        "source_name": _first(row.get("source"), "name"),
        "target_country": row.get("target_country"),
        "target_code": row.get("target_code"),
        "target_name": _first(row.get("target"), "name"),
        "cameo": row.get("cameo"),
        "cameo_root": row.get("cameo_root"),
        "plover": row.get("plover"),
        "plover_mode": row.get("plover_mode"),
        "quad_class": row.get("quad_class"),
        "goldstein": row.get("goldstein"),
        "modality": row.get("modality") or "actual",
        "negated": bool(row.get("negated")),
        "confidence": row.get("confidence"),
        "rule": row.get("rule"),
        "publisher": row.get("publisher"),
        "url": row.get("url"),
        "sentence": " ".join((row.get("sentence") or "").split()),
    }


def typed_frame(records: list[dict[str, Any]], dtypes: dict[str, str]) -> Any:
    """A DataFrame of ``records`` with exactly the columns and dtypes of ``dtypes``."""
    import pandas as pd

    df = pd.DataFrame.from_records(records, columns=list(dtypes))
    for col, dtype in dtypes.items():
        if dtype.startswith("datetime"):
            df[col] = pd.to_datetime(df[col])
        else:
            df[col] = df[col].astype(dtype)
    return df


def events_frame(db: Db | str | Path, **filters: Any) -> Any:
    """Events as a pandas DataFrame (``EVENT_DTYPES``), with the CLI's and the API's counting rules.

    ``db`` is a ``Store``, a DuckDB connection or a database path (opened
    read-only). ``filters`` are those of ``detente.analytics.select_events``:
    ``dyad=("USA", "RUS")``, ``since``, ``until``, ``modality`` ("actual" by
    default, or "all"), ``min_confidence``, ``include_negated``, ``actor``,
    ``cameo``, ``plover``, ``sort``. ``df.attrs["left_out"]`` counts what the
    rules dropped (copies, negated, other modalities, ...).
    """
    from detente.analytics.select import select_events
    from detente.store import Store

    if isinstance(db, (str, Path)):
        with Store(db, read_only=True) as store:
            return events_frame(store, **filters)
    sel = select_events(db, **filters)
    df = typed_frame([flat_event(r) for r in sel.rows], EVENT_DTYPES)
    df.attrs["left_out"] = sel.left_out
    return df


SERIES_DTYPES: dict[str, str] = {
    "period": "datetime64[ns]",
    "n_events": "Float64",
    "n_reports": "Int64",
    "n_articles": "Int64",
    "verbal_coop": "Float64",
    "material_coop": "Float64",
    "verbal_conflict": "Float64",
    "material_conflict": "Float64",
    "goldstein_sum": "Float64",
    "goldstein_mean": "Float64",
    "nci": "Float64",
    "nci_low": "Float64",
    "nci_high": "Float64",
    "goldstein_mean_low": "Float64",
    "goldstein_mean_high": "Float64",
    "tone": "Float64",
    "assessment": "Float64",
    "n_assessments": "Int64",
}
_QUADS = {
    "1": "verbal_coop",
    "2": "material_coop",
    "3": "verbal_conflict",
    "4": "material_conflict",
}


def series_records(series: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Flat per-period records of a ``DyadSeries`` and the PLOVER types seen (``plover_<TYPE>``)."""
    types = sorted({k for p in series.points for k in p.by_plover})
    out = []
    for p in series.points:
        rec: dict[str, Any] = {
            "a": series.query.a,
            "b": series.query.b,
            "period": p.period.isoformat(),
            "n_events": p.n_events,
            "n_reports": p.n_reports,
            "n_articles": p.n_articles,
            **{name: p.by_quad.get(q, 0.0) for q, name in _QUADS.items()},
            "goldstein_sum": p.goldstein_sum,
            "goldstein_mean": p.goldstein_mean,
            "nci": p.nci,
            "tone": p.tone,
            "assessment": p.assessment,
            "n_assessments": p.n_assessments,
        }
        for metric in ("nci", "goldstein_mean"):
            band = p.intervals.get(metric)
            rec[f"{metric}_low"] = band[0] if band else None
            rec[f"{metric}_high"] = band[1] if band else None
        for t in types:
            rec[f"plover_{t}"] = p.by_plover.get(t, 0.0)
        out.append(rec)
    return out, types


def series_frame(series: Any) -> Any:
    """A ``DyadSeries`` as a DataFrame: one row per period, ``SERIES_DTYPES`` plus plover_<TYPE>."""
    records, types = series_records(series)
    dtypes = {"a": "string", "b": "string", **SERIES_DTYPES}
    dtypes.update({f"plover_{t}": "Float64" for t in types})
    df = typed_frame(records, dtypes)
    df.attrs["left_out"] = dict(series.left_out)
    return df
