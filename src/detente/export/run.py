"""Choosing rows for an export and writing them (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.analytics import DyadQuery, attach_copies, cluster_events
from detente.analytics._sql import (
    Db,
    all_event_rows,
    connection,
    duplicates_of,
    dyad_assessment_rows,
    dyad_event_rows,
    rows,
)
from detente.analytics.params import QueryError, choice, iso_date
from detente.export import gdelt, plover
from detente.export.write import EXTENSIONS, FORMATS, write_records, write_table
from detente.store import Store

SCHEMAS = ("detente", "plover", "gdelt")
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


def _coder() -> str:
    from detente import __version__

    return f"detente {__version__}"


def _dyad(dyad: tuple[str, str] | list[str] | None, since: Any, until: Any) -> DyadQuery | None:
    if not dyad:
        return None
    if len(dyad) != 2:
        raise QueryError(f"--dyad needs two codes, got {list(dyad)}", hint="e.g. --dyad USA RUS")
    return DyadQuery.make(dyad[0], dyad[1], since=since, until=until, include_negated=True)


def _file(out: Path, name: str, fmt: str) -> Path:
    """``out`` itself, or ``out/name.ext`` when ``out`` is a directory or has no suffix."""
    if out.is_dir() or not out.suffix:
        return out / f"{name}{EXTENSIONS[fmt]}"
    return out


def export(
    db: Db,
    *,
    schema: str,
    fmt: str,
    out: str | Path,
    dyad: tuple[str, str] | list[str] | None = None,
    since: Any = None,
    until: Any = None,
) -> ExportResult:
    """Write the chosen schema in the chosen format; returns the files and row counts."""
    choice(schema, SCHEMAS, "schema")
    choice(fmt, FORMATS, "format")
    d0, d1 = iso_date(since, "since"), iso_date(until, "until")
    q = _dyad(dyad, d0, d1)
    out = Path(out)
    result = ExportResult(schema, fmt)
    if schema == "detente":
        _export_tables(db, q, fmt, out, result)
        return result
    if q is not None:
        event_rows = dyad_event_rows(db, q)
    else:
        event_rows = all_event_rows(db, since=d0, until=d1, include_negated=True)
    dated = [r for r in event_rows if r.get("day") is not None]
    if schema == "gdelt":  # a GDELT row needs a date; PLOVER records keep "date": null
        result.skipped_undated = len(event_rows) - len(dated)
    clusters = cluster_events([r for r in dated if not r.get("negated")])
    copies = duplicates_of(db, sorted({r["article_id"] for r in dated}))
    attach_copies(clusters, copies)
    path = _file(out, schema, fmt)
    if schema == "plover":
        link = {r["id"]: c.id for c in clusters for r in c.rows}
        records = [
            plover.plover_record(r, link=link.get(r["id"]), coder=_coder()) for r in event_rows
        ]
        result.counts["events"] = write_records(records, fmt, path, plover.COLUMNS)
    else:
        records = [
            gdelt.gdelt_row(c, sum(len(copies.get(a, [])) for a in c.article_ids)) for c in clusters
        ]
        result.counts["events"] = write_records(records, fmt, path, gdelt.COLUMNS)
    result.paths.append(path)
    return result


def _export_tables(db: Db, q: DyadQuery | None, fmt: str, out: Path, result: ExportResult) -> None:
    if out.exists() and not out.is_dir():
        raise QueryError(
            f"--out {out} is a file; the detente schema writes one file per table",
            hint="give a directory, e.g. --out export/",
        )
    out.mkdir(parents=True, exist_ok=True)
    con = connection(db)
    json_cols: dict[str, set[str]] = {}
    for r in rows(
        db,
        "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'JSON'",
    ):
        json_cols.setdefault(r["table_name"], set()).add(r["column_name"])
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
        sql, args = f"SELECT * FROM {table}", []
        if table == "event_actors" and event_ids is not None:
            sql, args = sql + " WHERE event_id IN (SELECT unnest(?))", [event_ids]
        elif table == "events" and event_ids is not None:
            sql, args = sql + " WHERE id IN (SELECT unnest(?))", [event_ids]
        elif key and article_ids is not None:
            sql, args = sql + f" WHERE {key} IN (SELECT unnest(?))", [article_ids]
        table_data = (
            con.sql(sql, params=args).to_arrow_table() if args else con.sql(sql).to_arrow_table()
        )
        path = out / f"{table}{EXTENSIONS[fmt]}"
        result.counts[table] = write_table(table_data, fmt, path, json_cols.get(table, set()))
        result.paths.append(path)


def export_db(db_path: str | Path, **kwargs: Any) -> ExportResult:
    """``export`` on a database file opened read-only."""
    with Store(db_path, read_only=True) as store:
        return export(store, **kwargs)
