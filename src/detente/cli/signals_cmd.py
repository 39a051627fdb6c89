"""Commands: quotes, assessments, issues (what the signals stage stored)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from detente.cli.app import DB_HELP, DEFAULT_DB, app, console, print_json, user_errors
from detente.errors import Errors, InputError

_FORMATS = ("table", "json")


def _check_format(fmt: str) -> None:
    if fmt not in _FORMATS:
        raise InputError(Errors.E100_UNKNOWN_SIGNALS_FORMAT, fmt=fmt)


def _dyad(value: tuple[str, str] | tuple[None, None] | None) -> tuple[str, str] | None:
    if value is None:
        return None
    a, b = value
    if a is None and b is None:
        return None
    if not a or not b:
        raise InputError(Errors.E100_DYAD_NEEDS_TWO_CODES)
    return (a, b)


def _dates(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    from detente.analytics.params import iso_date

    first, last = iso_date(since, "--since"), iso_date(until, "--until")
    if first and last and first > last:
        raise InputError(Errors.E100_SINCE_AFTER_UNTIL, first=first, last=last)
    return first, last


def _who(speaker: dict[str, Any] | None) -> str:
    if not speaker:
        return ""
    name = speaker.get("name") or speaker.get("text") or ""
    country = speaker.get("country")
    return f"{name} ({country})" if country else name


@app.command()
def quotes(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    speaker: str = typer.Option(
        None, "--speaker", help="Only speakers whose name or text contains this."
    ),
    dyad: tuple[str, str] | None = typer.Option(
        None, "--dyad", help="Only articles whose main dyad is these two countries."
    ),
    since: str = typer.Option(
        None, "--since", help="Only articles published on or after (YYYY-MM-DD)."
    ),
    until: str = typer.Option(
        None, "--until", help="Only articles published on or before (YYYY-MM-DD)."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    limit: int = typer.Option(None, "--limit", help="At most this many quotes."),
) -> None:
    """List stored quotes (direct and reported speech) with their speakers.

    Example: detente quotes --speaker Peskov --dyad USA RUS --since 2024-01-01 --format json
    """
    from detente.signals.query import list_quotes
    from detente.store import Store

    with user_errors():
        _check_format(fmt)
        pair = _dyad(dyad)
        first, last = _dates(since, until)
        with Store(db, read_only=True) as store:
            rows = list_quotes(
                store, speaker=speaker, dyad=pair, since=first, until=last, limit=limit
            )
    if fmt == "json":
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} quotes", show_lines=False)
    for col in ("article", "speaker", "kind", "text"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["article_id"][:10], _who(r["speaker"]), r["kind"], r["text"])
    console.print(table)


@app.command()
def assessments(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    dyad: tuple[str, str] | None = typer.Option(
        None, "--dyad", help="Only this pair of countries, e.g. --dyad USA RUS."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    limit: int = typer.Option(None, "--limit", help="At most this many assessments."),
) -> None:
    """List what actors said about the state of a relationship (level, trend, polarity).

    Example: detente assessments --dyad USA RUS --format json
    """
    from detente.signals.query import list_assessments
    from detente.store import Store

    with user_errors():
        _check_format(fmt)
        pair = _dyad(dyad)
        with Store(db, read_only=True) as store:
            rows = list_assessments(store, dyad=pair, limit=limit)
    if fmt == "json":
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} relationship assessments")
    for col in ("date", "dyad", "level", "trend", "polarity", "speaker", "sentence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["published"] or "",
            "-".join(r["dyad"]),
            r["level"] or "",
            r["trend"] or "",
            f"{r['polarity']:+.2f}",
            _who(r["speaker"]),
            r["sentence"],
        )
    console.print(table)


@app.command()
def issues(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    dyad: tuple[str, str] | None = typer.Option(
        None, "--dyad", help="Only articles whose main dyad is these two countries."
    ),
    since: str = typer.Option(
        None, "--since", help="Only articles published on or after (YYYY-MM-DD)."
    ),
    until: str = typer.Option(
        None, "--until", help="Only articles published on or before (YYYY-MM-DD)."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    examples: int = typer.Option(3, "--examples", help="Example phrases shown per issue."),
) -> None:
    """Count the issues tagged in stored articles, with example evidence.

    Example: detente issues --dyad USA RUS --since 2024-01-01 --format json
    """
    from detente.signals.query import issue_summary
    from detente.store import Store

    with user_errors():
        _check_format(fmt)
        pair = _dyad(dyad)
        first, last = _dates(since, until)
        with Store(db, read_only=True) as store:
            rows = issue_summary(store, examples=examples, dyad=pair, since=first, until=last)
    if fmt == "json":
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} issues")
    for col in ("issue", "label", "matches", "articles", "examples"):
        table.add_column(col, overflow="fold")
    for r in rows:
        ex = "; ".join(dict.fromkeys(e["phrase"] for e in r["examples"]))
        table.add_row(r["issue"], r["label"], str(r["tags"]), str(r["articles"]), ex)
    console.print(table)
