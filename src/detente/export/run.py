"""Choosing rows for an export and writing them (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.analytics import DyadQuery, attach_copies, cluster_events, select_events
from detente.analytics.params import QueryError, choice, iso_date
from detente.analytics.queries import (
    Db,
    describe_left_out,
    duplicates_of,
    dyad_assessment_rows,
    dyad_event_rows,
    json_columns,
    table_arrow,
)
from detente.errors import Errors
from detente.export import gdelt, plover
from detente.export.write import EXTENSIONS, FORMATS, write_records, write_table
from detente.store import Store

SCHEMAS = ("detente", "plover", "gdelt", "series", "gold")
# Our tables and how each is tied to an article (None: by event id).
TABLES: dict[str, str | None] = {
    "articles": "id",
    "article_sources": "article_id",
    "removals": "article_id",
    "sentences": "article_id",
    "mentions": "article_id",
    "events": "article_id",
    "event_actors": None,
    "quotes": "article_id",
    "issue_tags": "article_id",
    "assessments": "article_id",
}


@dataclass
class ExportResult:
    schema: str
    fmt: str
    paths: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    skipped_undated: int = 0
    # event rows the counting rules dropped, by reason (``analytics.queries.left_out``)
    left_out: dict[str, int] = field(default_factory=dict)
    note: str = ""  # one line for users: what went in, what was left out and why


def _coder() -> str:
    from detente import __version__

    return f"detente {__version__}"


def _file(out: Path, name: str, fmt: str) -> Path:
    """``out`` itself, or ``out/name.ext`` when ``out`` is a directory or has no suffix."""
    if out.is_dir() or not out.suffix:
        return out / f"{name}{EXTENSIONS[fmt]}"
    return out


def _pair(dyad: tuple[str, str] | list[str] | None) -> list[str] | None:
    if not dyad:
        return None
    if len(dyad) != 2:
        raise QueryError(Errors.E600_DYAD_NEEDS_TWO_CODES, dyad=list(dyad))
    return list(dyad)


def export(
    db: Db,
    *,
    schema: str,
    fmt: str,
    out: str | Path,
    dyad: tuple[str, str] | list[str] | None = None,
    since: Any = None,
    until: Any = None,
    modality: str | list[str] | tuple[str, ...] | None = None,
    min_confidence: float | str | None = None,
    include_negated: bool = False,
    freq: str = "month",
    all_articles: bool = False,
) -> ExportResult:
    """Write the chosen schema in the chosen format; returns the files, row counts and a note.

    Events go through ``analytics.select_events`` with the counting rules of
    every other surface (no near-duplicate copies, not negated, actual events
    unless ``modality`` says otherwise, ``min_confidence``): the PLOVER export
    has one record per counted event row, the GDELT export one row per
    clustered dated event (the dyad page's count), the series export one row
    per dyad and period. The gold schema (``detente.export.gold``) writes the
    corrected events of the articles users corrected (``all_articles``: of
    every article) as news gold, a folder ``detente train`` reads.
    """
    choice(schema, SCHEMAS, "schema")
    if schema == "gold":
        from detente.export.gold import export_gold

        result = ExportResult(schema, "json")
        result.paths, n_articles, n_events = export_gold(db, out, all_articles=all_articles)
        result.counts = {"articles": n_articles, "events": n_events}
        which = "every article" if all_articles else "the corrected articles"
        result.note = f"gold of {which}: {n_articles} article(s), {n_events} gold event(s)"
        return result
    choice(fmt, FORMATS, "format")
    d0, d1 = iso_date(since, "since"), iso_date(until, "until")
    pair = _pair(dyad)
    out = Path(out)
    result = ExportResult(schema, fmt)
    if schema == "detente":
        q = DyadQuery.make(pair[0], pair[1], since=d0, until=d1) if pair else None
        _export_tables(db, q, fmt, out, result)
        return result
    rules = {"modality": modality, "min_confidence": min_confidence}
    if schema == "series":
        _export_series(db, pair, d0, d1, freq, rules, include_negated, fmt, out, result)
        return result
    sel = select_events(db, dyad=pair, since=d0, until=d1, include_negated=include_negated, **rules)
    event_rows = sel.rows
    result.left_out = dict(sel.left_out)
    dated = [r for r in event_rows if r.get("day") is not None]
    clusters = cluster_events(dated)
    copies = duplicates_of(db, sorted({r["article_id"] for r in dated}))
    attach_copies(clusters, copies)
    path = _file(out, schema, fmt)
    if schema == "plover":
        link = {r["id"]: c.id for c in clusters for r in c.rows}
        records = [
            plover.plover_record(
                r, link=link.get(r["id"]) if not r.get("negated") else None, coder=_coder()
            )
            for r in event_rows
        ]
        if fmt == "csv":  # flat: one value per cell, for R, Excel and pandas
            flat = [plover.flat_record(r) for r in records]
            result.counts["events"] = write_records(
                flat, fmt, path, plover.FLAT_COLUMNS, types=plover.FLAT_DTYPES
            )
        else:  # JSON Lines and Parquet keep PLOVER's nested records
            result.counts["events"] = write_records(records, fmt, path, plover.COLUMNS)
        result.note = f"{describe_left_out(sel.left_out)} → {len(records)} PLOVER records"
    else:  # a GDELT row needs a date, and is one real-world event
        result.skipped_undated = len(event_rows) - len(dated)
        records = [
            gdelt.gdelt_row(c, sum(len(copies.get(a, [])) for a in c.article_ids)) for c in clusters
        ]
        result.counts["events"] = write_records(
            records, fmt, path, gdelt.COLUMNS, types=gdelt.DTYPES
        )
        result.note = (
            f"{describe_left_out(sel.left_out)} → {len(dated)} dated reports of "
            f"{len(records)} events → {len(records)} GDELT rows"
        )
    result.paths.append(path)
    return result


def _export_series(
    db: Db,
    pair: list[str] | None,
    since: Any,
    until: Any,
    freq: str,
    rules: dict[str, Any],
    include_negated: bool,
    fmt: str,
    out: Path,
    result: ExportResult,
) -> None:
    """Dyad × period rows: counts by quad class and PLOVER type, NCI, Goldstein, bands."""
    from detente.analytics import dyad_counts, dyad_series
    from detente.analytics.frames import SERIES_DTYPES, series_records

    if pair:
        dyads = [tuple(pair)]
    else:
        found, total = dyad_counts(db, limit=10**6)
        dyads = [(d["a"], d["b"]) for d in found]
    records: list[dict[str, Any]] = []
    types: set[str] = set()
    for a, b in dyads:
        q = DyadQuery.make(a, b, since=since, until=until, include_negated=include_negated, **rules)
        s = dyad_series(db, q, freq=freq)
        recs, seen = series_records(s)
        for r in recs:
            r["freq"] = freq
        records += recs
        types |= set(seen)
        for k, v in s.left_out.items():
            result.left_out[k] = result.left_out.get(k, 0) + v
    plover_cols = [f"plover_{t}" for t in sorted(types)]
    for r in records:
        for c in plover_cols:
            r.setdefault(c, 0.0)
    dtypes = {"a": "string", "b": "string", "freq": "string", **SERIES_DTYPES}
    dtypes.update({c: "Float64" for c in plover_cols})
    path = _file(out, "series", fmt)
    result.counts["series"] = write_records(records, fmt, path, list(dtypes), types=dtypes)
    result.paths.append(path)
    result.note = (
        f"{len(dyads)} dyad(s) × {freq}: {len(records)} rows; {describe_left_out(result.left_out)}"
    )


def _export_tables(db: Db, q: DyadQuery | None, fmt: str, out: Path, result: ExportResult) -> None:
    if out.exists() and not out.is_dir():
        raise QueryError(Errors.E600_TABLES_OUT_IS_A_FILE, out=out)
    out.mkdir(parents=True, exist_ok=True)
    json_cols = json_columns(db)
    article_ids: list[str] | None = None
    event_ids: list[str] | None = None
    if q is not None:
        events = dyad_event_rows(db, q, canonical_only=False)
        event_ids = [r["id"] for r in events]
        article_ids = sorted(
            {r["article_id"] for r in events}
            | {s["article_id"] for s in dyad_assessment_rows(db, q)}
        )
    for table, key in TABLES.items():
        if table == "event_actors" and event_ids is not None:
            table_data = table_arrow(db, table, "event_id", event_ids)
        elif table == "events" and event_ids is not None:
            table_data = table_arrow(db, table, "id", event_ids)
        elif key and article_ids is not None:
            table_data = table_arrow(db, table, key, article_ids)
        else:
            table_data = table_arrow(db, table)
        path = out / f"{table}{EXTENSIONS[fmt]}"
        result.counts[table] = write_table(table_data, fmt, path, json_cols.get(table, set()))
        result.paths.append(path)


def export_db(db_path: str | Path, **kwargs: Any) -> ExportResult:
    """``export`` on a database file opened read-only."""
    with Store(db_path, read_only=True) as store:
        return export(store, **kwargs)
