"""Command: events (list stored events with their evidence)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import typer

from detente.cli.app import DB_HELP, DEFAULT_DB, app, console, err_console, print_json, user_errors
from detente.errors import Errors, InputError

FORMATS = ("table", "json", "csv")
LIMIT = 1000  # events listed at most, unless --limit says otherwise


def query_events(store, **filters) -> tuple[list[dict], str]:
    """Stored events as the JSON shape of `detente code`, through the shared query layer.

    Returns the rows and a line saying what the counting rules left out.
    """
    from detente.analytics import select_events
    from detente.records import actors_from_json

    limit = filters.pop("limit", LIMIT)
    sel = select_events(store, **filters)
    out = []
    for r in sel.rows[:limit]:
        e = {k: r.get(k) for k in _KEYS}
        e["date"] = r["day"].isoformat() if r.get("day") else None
        for key in ("source", "target", "speaker"):
            # every actor with every ActorRef key: resolved_by is None in rows stored before it
            refs = [a.to_dict() for a in actors_from_json(r.get(key))]
            if key == "speaker":
                e[key] = refs[0] if refs else None
            else:
                e[key] = refs[0] if len(refs) == 1 else (refs or None)
        e["modality"] = r.get("modality") or "actual"
        e["aux_modes"] = r.get("aux_modes") or []
        e["issues"] = r.get("issues") or []
        e["publisher"] = r.get("publisher")
        out.append(e)
    note = sel.left_out_text
    if len(sel.rows) > limit:
        note += f"; {len(sel.rows) - limit} more not shown (--limit {limit})"
    return out, note


_KEYS = (
    "id", "article_id", "sentence_index", "start_char", "end_char", "sentence", "source_code",
    "source_country", "target_code", "target_country", "cameo", "cameo_root", "plover",
    "plover_mode", "plover_context", "quad_class", "goldstein", "negated", "rule", "confidence",
    "trigger",
)


@app.command()
def events(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two country codes, e.g. --dyad USA RUS (either direction)."),
    since: str = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Last date (YYYY-MM-DD)."),
    plover: str = typer.Option(None, "--type", help="Only this PLOVER type, e.g. SANCTION."),
    actor: str = typer.Option(None, "--actor", help="Only events with this country or actor code on either side, e.g. RUS or USAGOV."),
    cameo: str = typer.Option(None, "--cameo", help="Only this CAMEO code or root (prefix), e.g. 19 or 173."),
    modality: list[str] = typer.Option(None, "--modality", help="actual (default), intent, demanded, hypothetical or all; repeatable or comma list."),
    min_confidence: float = typer.Option(None, "--min-confidence", help="Only events coded with at least this confidence (0-1)."),
    negated: bool = typer.Option(False, "--include-negated", help="Also list negated events (\"did not expel\")."),
    sort: str = typer.Option("date", "--sort", help="date, goldstein or confidence; prefix - for descending, e.g. --sort=-goldstein."),
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
    limit: int = typer.Option(LIMIT, "--limit", help="At most this many events."),
) -> None:
    """List stored events with their evidence sentence.

    Counts like every other surface: near-duplicate copies, negated events and
    events that did not happen (demanded, intended, hypothetical) are left out
    unless asked for, and a line on stderr says how many.

    Example: detente events --dyad USA RUS --since 2023-01-01 --format json
    Example: detente events --actor RUS --cameo 17 --modality all --sort=-goldstein
    """
    from detente.cli.pipeline_cmd import events_table
    from detente.store import Store

    with user_errors():
        if fmt not in FORMATS:
            raise InputError(
                Errors.E100_UNKNOWN_EVENTS_FORMAT,
                fmt=fmt,
                formats=", ".join(FORMATS),
            )
        with Store(db, read_only=True) as store:
            rows, note = query_events(
                store, dyad=dyad, since=since, until=until, plover=plover, actor=actor,
                cameo=cameo, modality=modality or None, min_confidence=min_confidence,
                include_negated=negated, sort=sort, limit=limit,
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
    if note:
        err_console.print(note)
