"""Command: check (verify a database's integrity; registered on the shared Typer app)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from detente.cli.app import DEFAULT_DB, app, console, err_console, print_json, user_errors


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("check")
def check_cmd(
    db: Path = typer.Option(
        Path(DEFAULT_DB),
        "--db",
        help="DuckDB database file; opened for writing, so an older schema is upgraded.",
    ),
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", help="table or json."),
) -> None:
    """Verify a database: schema version, orphan rows, partial articles, spans, ids, codes.

    Exit status 0 when every check passes, 1 when something is wrong (each
    problem is listed with a few of the rows at fault), 2 when the file cannot be
    opened. The result is also recorded in the database's `checks` table.

    Example: detente check --db detente.duckdb
    """
    from detente.store.check import check_database

    with user_errors():
        report = check_database(db)
    if fmt is CheckFormat.json:
        print_json(report.to_dict())
    else:
        _print(report)
    if not report.ok:
        raise typer.Exit(1)


def _print(report) -> None:  # noqa: ANN001  (CheckReport; imported lazily above)
    if report.migrated:
        console.print(
            f"upgraded the schema to version {report.latest_version} "
            f"(applied migration(s) {', '.join(map(str, report.migrated))})"
        )
    counts = ", ".join(f"{n} {t}" for t, n in report.counts.items())
    console.print(f"{escape(report.path)}: schema version {report.schema_version}; {counts}")
    if report.ok:
        console.print(f"[green]ok[/]: all {len(report.checks)} checks passed")
        return
    table = Table(title=f"{len(report.findings)} check(s) failed", title_justify="left")
    for col in ("check", "table", "rows", "problem", "examples"):
        table.add_column(col, overflow="fold")
    for f in report.findings:
        table.add_row(
            f.check, f.table, str(f.count), escape(f.message), escape("; ".join(f.examples))
        )
    console.print(table)
    err_console.print(
        "[bold red]database check failed[/]: "
        + "; ".join(f"{f.check} ({f.count})" for f in report.findings)
        + " — re-run `detente run PATH --recode` to rebuild coded rows, or restore a backup"
    )
