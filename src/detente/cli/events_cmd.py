"""Command: events (list stored events with their evidence)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer

from detente.cli.app import DB_HELP, app, console, print_json, user_errors
from detente.errors import InputError
from detente.store import DEFAULT_DB

_COLUMNS = (
    "id, article_id, CAST(date AS VARCHAR) AS date, sentence_index, start_char, end_char, sentence, "
    "source, target, source_code, source_country, target_code, target_country, cameo, cameo_root, "
    "plover, plover_mode, plover_context, quad_class, goldstein, modality, negated, aux_modes, "
    "speaker, issues, rule, confidence, trigger"
)


def query_events(
    store, *, dyad: tuple[str, str] | None = None, since: str | None = None,
    until: str | None = None, plover: str | None = None, limit: int = 1000, offset: int = 0,
) -> list[dict]:
    """Stored events as the JSON shape of `detente code` (source/target objects, lists for compounds)."""
    where, params = [], []
    if dyad:
        a, b = (x.upper() for x in dyad)
        where.append(
            "id IN (SELECT s.event_id FROM event_actors s JOIN event_actors t ON s.event_id = t.event_id "
            "WHERE s.role = 'source' AND t.role = 'target' AND "
            "((s.country = ? AND t.country = ?) OR (s.country = ? AND t.country = ?))) "
            "OR id IN (SELECT x.event_id FROM event_actors x JOIN event_actors y ON x.event_id = y.event_id "
            "AND x.pos < y.pos WHERE x.role = 'source' AND y.role = 'source' AND "
            "((x.country = ? AND y.country = ?) OR (x.country = ? AND y.country = ?)))"
        )
        params += [a, b, b, a, a, b, b, a]
    if since:
        where.append("date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("date <= CAST(? AS DATE)")
        params.append(until)
    if plover:
        where.append("plover = ?")
        params.append(plover.upper())
    sql = f"SELECT {_COLUMNS} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(f"({w})" for w in where)
    sql += " ORDER BY date NULLS LAST, article_id, sentence_index LIMIT ? OFFSET ?"
    rows = store.query(sql, params + [limit, offset])
    for r in rows:
        for key in ("source", "target", "speaker"):
            value = json.loads(r[key]) if r[key] else None
            if key != "speaker" and isinstance(value, list):
                value = value[0] if len(value) == 1 else (value or None)
            r[key] = value
        r["aux_modes"] = r["aux_modes"] or []
        r["issues"] = r["issues"] or []
    return rows


@app.command()
def events(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two country codes, e.g. --dyad USA RUS (either direction)."),
    since: str = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Last date (YYYY-MM-DD)."),
    plover: str = typer.Option(None, "--type", help="Only this PLOVER type, e.g. SANCTION."),
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
    limit: int = typer.Option(1000, "--limit", help="At most this many events."),
) -> None:
    """List stored events with their evidence sentence.

    Example: detente events --dyad USA RUS --since 2023-01-01 --format json
    """
    from detente.cli.pipeline_cmd import events_table
    from detente.store import Store

    with user_errors():
        if fmt not in ("table", "json", "csv"):
            raise InputError(f"unknown format {fmt!r}", hint="use table, json or csv")
        with Store(db, read_only=True) as store:
            rows = query_events(
                store, dyad=dyad, since=since, until=until,
                plover=plover, limit=limit,
            )
    if fmt == "json":
        print_json(rows)
    elif fmt == "csv":
        flat = [k for k in rows[0] if k not in ("source", "target", "speaker")] if rows else []
        w = csv.DictWriter(sys.stdout, fieldnames=flat, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (";".join(v) if isinstance(v, list) else v) for k, v in r.items() if k in flat})
    else:
        console.print(events_table(rows, title=f"{len(rows)} event(s) in {db}"))
