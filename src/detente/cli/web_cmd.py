"""Commands: report, serve, export (registered on the shared Typer app).

Each command parses its options, calls one library function and turns
expected errors into a one-line message (exit status 2).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from detente.cli.app import DEFAULT_DB, app, console, err_console, user_errors

READ_DB_HELP = "DuckDB database file, opened read-only."
MODALITY_HELP = (
    "Events counted: actual (default: what happened), intent, demanded, hypothetical or all; "
    "repeatable or a comma list."
)
CONFIDENCE_HELP = "Only events coded with at least this confidence (0-1)."


def _dyad(values: list[str] | None) -> list[str] | None:
    return [v.strip().upper() for v in values] if values else None


@app.command("report")
def report_cmd(
    out: Path = typer.Option(..., "--out", "-o", help="File to write (report.html or report.md)."),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=READ_DB_HELP),
    dyad: tuple[str, str] | None = typer.Option(
        None,
        "--dyad",
        help="Two country codes, e.g. --dyad USA RUS (default: the dyad with most events).",
    ),
    since: str = typer.Option(None, "--since", help="First day, YYYY-MM-DD."),
    until: str = typer.Option(None, "--until", help="Last day, YYYY-MM-DD."),
    fmt: str = typer.Option("html", "--format", help="html (self-contained, opens offline) or md."),
    freq: str = typer.Option("month", "--freq", help="day, week, month, quarter or year."),
    modality: list[str] = typer.Option(None, "--modality", help=MODALITY_HELP),
    min_confidence: float = typer.Option(None, "--min-confidence", help=CONFIDENCE_HELP),
) -> None:
    """Write a self-contained report on one dyad (charts with bands, turning points, evidence).

    The report holds the dyad's time series with uncertainty bands, turning points, issues,
    quotes, the events with their evidence sentences, and corpus statistics.

    Example: detente report --db detente.duckdb --dyad USA RUS --out report.html
    """
    from detente.report import write_report

    pair = _dyad(list(dyad) if dyad else None)
    with user_errors():
        path, notes = write_report(
            db, out, dyad=pair, since=since, until=until, fmt=fmt, freq=freq,
            modality=modality or None, min_confidence=min_confidence, with_notes=True,
        )
    how = "open it in a browser; it works offline" if fmt == "html" else "Markdown summary"
    console.print(f"Report written to [bold]{path}[/] ({how}).", soft_wrap=True)
    for note in notes:
        err_console.print(note)


@app.command("serve")
def serve_cmd(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=READ_DB_HELP),
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to bind; anything but 127.0.0.1/localhost exposes the data.",
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    get: str = typer.Option(
        None,
        "--get",
        help="Answer one GET request for this path in-process, print it and exit (no server).",
    ),
    corrections: bool = typer.Option(
        False,
        "--corrections",
        help="Let users mark events wrong, fix or add them on article pages (opens the database "
        "for writing; `detente export --schema gold` then writes them for `detente train`).",
    ),
    author: str = typer.Option(
        None, "--author", help="Name the correction forms suggest (default: your user name)."
    ),
) -> None:
    """Serve the dashboard and JSON API (read-only unless --corrections) with uvicorn.

    Pages: / (overview), /dyad/USA/RUS, /article/ID, /search?q=..., /docs (API reference).
    API: /api/articles, /api/events, /api/quotes, /api/issues, /api/assessments, /api/actors,
    /api/dyads, /api/dyads/USA/RUS/series.

    Example: detente serve --db detente.duckdb --port 8000
    Example: detente serve --db detente.duckdb --get /api/dyads
    Example: detente serve --db detente.duckdb --corrections --author "A. Analyst"
    """
    from detente.web.serve import get_once, serve

    with user_errors():
        if get:
            status, _ctype, body = get_once(db, get)
            sys.stdout.write(body)
            if not body.endswith("\n"):
                sys.stdout.write("\n")
            if status >= 400:
                err_console.print(f"[bold red]HTTP {status}[/] for {get}")
                raise typer.Exit(1)
            return
        if corrections:
            import getpass

            if not author:
                try:
                    author = getpass.getuser()
                except (OSError, KeyError):  # no user name in this environment
                    author = None
            console.print(
                f"Serving {db} on http://{host}:{port}/ with corrections on: article pages "
                "write to its corrections table (Ctrl-C to stop)"
            )
        else:
            console.print(f"Serving {db} read-only on http://{host}:{port}/ (Ctrl-C to stop)")
        serve(db, host=host, port=port, corrections=corrections, author=author)


@app.command("export")
def export_cmd(
    out: Path = typer.Option(
        ..., "--out", "-o", help="File (plover, gdelt) or directory (detente)."
    ),
    fmt: str = typer.Option("jsonl", "--format", help="csv, parquet or jsonl."),
    schema: str = typer.Option(
        "plover",
        "--schema",
        help="plover (PLOVER records), gdelt (flat event table), series (dyad × period), "
        "detente (all our tables) or gold (corrected events as news gold for `detente train`).",
    ),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=READ_DB_HELP),
    dyad: tuple[str, str] | None = typer.Option(
        None, "--dyad", help="Only this dyad, e.g. --dyad USA RUS."
    ),
    since: str = typer.Option(None, "--since", help="First day, YYYY-MM-DD."),
    until: str = typer.Option(None, "--until", help="Last day, YYYY-MM-DD."),
    modality: list[str] = typer.Option(None, "--modality", help=MODALITY_HELP),
    min_confidence: float = typer.Option(None, "--min-confidence", help=CONFIDENCE_HELP),
    negated: bool = typer.Option(False, "--include-negated", help="Also export negated events."),
    freq: str = typer.Option("month", "--freq", help="Series schema: day, week, month, quarter or year."),
    all_articles: bool = typer.Option(
        False, "--all", help="Gold schema: every article, not only those with corrections."
    ),
) -> None:
    """Export events and tables in the field's formats.

    Schemas: plover (PLOVER records; csv/parquet are flat, one value per cell), gdelt (one row
    per real-world event), series (dyad × period counts, net cooperation, Goldstein, bands),
    detente (all our tables). Columns and dtypes: docs/EXPORT.md. Only actual events from
    original articles are exported unless --modality/--include-negated say otherwise; a line
    on stderr says what was left out.

    Example: detente export --schema gdelt --format csv --out events.csv
    Example: detente export --schema series --format csv --dyad USA RUS --out series.csv
    Example: detente export --schema plover --format jsonl --dyad USA RUS --out usa_rus.jsonl
    Example: detente export --schema detente --format parquet --out tables/
    Example: detente export --schema gold --out gold/   (then: detente train gold/ --out m.npz)
    """
    from detente.export import export_db

    pair = _dyad(list(dyad) if dyad else None)
    with user_errors():
        result = export_db(
            db, schema=schema, fmt=fmt, out=out, dyad=pair, since=since, until=until,
            modality=modality or None, min_confidence=min_confidence, include_negated=negated,
            freq=freq, all_articles=all_articles,
        )
    if schema == "gold":
        console.print(f"{result.note}  {out}/")
        return
    for path in result.paths:
        name = path.stem
        console.print(f"{result.counts.get(name, result.counts.get('events', 0)):>8} rows  {path}")
    if result.note:
        err_console.print(result.note)
    if result.skipped_undated:
        err_console.print(
            f"{result.skipped_undated} event(s) without a date were left out of {schema}."
        )
