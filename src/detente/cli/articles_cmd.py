"""Commands: ingest, articles, show (registered on the shared Typer app).

Thin: each parses its arguments, calls one library function and prints the
result; expected errors become a message and an exit status.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from detente.cli.app import (
    DB_HELP,
    DEFAULT_DB,
    app,
    console,
    err_console,
    print_json,
    print_jsonl,
    user_errors,
)
from detente.errors import DetenteError, Errors, InputError
from detente.settings import settings

if TYPE_CHECKING:  # imported where used: ingest and DuckDB are slow to import
    from detente.ingest import IngestReport
    from detente.records import Problem
    from detente.store import Store

# The defaults of --max-bytes (IngestOptions.max_bytes, tests/test_startup.py) and of
# --batch-size and --timeout: settings.yaml, or DETENTE_MAX_BYTES, DETENTE_INGEST_BATCH_SIZE
# and DETENTE_FETCH_TIMEOUT. Read here, not from detente.ingest, which is slow to import.
MAX_BYTES = settings().max_bytes


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


def _problem_line(p: Problem) -> str:
    return f"[yellow]skipped[/] [{p.code}] [bold]{escape(p.source)}[/]: {escape(p.reason)}" + (
        f" [dim]→ {escape(p.hint)}[/]" if p.hint else ""
    )


def _summary(report: IngestReport, db: Path) -> None:
    table = Table(title=f"ingest → {db}", show_header=False, title_justify="left")
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    table.add_row("sources read", str(report.sources))
    table.add_row("articles stored", f"[green]{report.inserted}[/]")
    table.add_row("already present", str(report.already_present))
    table.add_row("near-duplicates marked", str(report.near_duplicates))
    table.add_row("lines removed by cleaning", str(report.removals))
    table.add_row("problems (skipped)", f"[yellow]{len(report.problems)}[/]")
    console.print(table)


@app.command("ingest")
def ingest_cmd(
    inputs: list[str] = typer.Argument(
        ..., metavar="PATH_OR_URL...", help="Files, folders (read recursively) or http(s) URLs."
    ),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    strict: bool = typer.Option(
        False, "--strict", help="Stop at the first bad input (exit status 1)."
    ),
    max_bytes: int = typer.Option(
        MAX_BYTES,
        "--max-bytes",
        min=1,
        help="Size limit of one article: a .txt/.html file or page, or one JSONL line/CSV row/WARC "
        "record; default: DETENTE_MAX_BYTES or settings.yaml.",
    ),
    text_col: str | None = typer.Option(
        None, "--text-col", help="JSONL key / CSV column with the article text."
    ),
    title_col: str | None = typer.Option(None, "--title-col", help="Key/column with the title."),
    date_col: str | None = typer.Option(
        None, "--date-col", help="Key/column with the publication date."
    ),
    url_col: str | None = typer.Option(
        None, "--url-col", help="Key/column with the article's URL."
    ),
    author_col: str | None = typer.Option(
        None, "--author-col", help="Key/column with the author(s)."
    ),
    publisher_col: str | None = typer.Option(
        None, "--publisher-col", help="Key/column with the outlet."
    ),
    batch_size: int = typer.Option(
        settings().ingest_batch_size, "--batch-size", min=1,
        help="Articles per database transaction; default: DETENTE_INGEST_BATCH_SIZE or settings.yaml.",
    ),
    timeout: float = typer.Option(
        settings().fetch_timeout, "--timeout",
        help="Seconds to wait for a URL; default: DETENTE_FETCH_TIMEOUT or settings.yaml.",
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No progress bar or summary; problems only."
    ),
) -> None:
    """Read articles into the database: clean them, find their metadata, store each once.

    Reads scraped .txt, .html/.htm, .jsonl, .csv, .warc/.warc.gz, folders of
    them, and http(s) URLs. Bad inputs are listed at the end and skipped.
    Exit status 0 when anything was ingested (or was already stored), 1 when
    nothing could be.

    Example: [bold]detente ingest ../shared/corpus/seeds export.jsonl --text-col content --db news.duckdb[/]
    """
    columns = {
        k: v
        for k, v in {
            "text": text_col,
            "title": title_col,
            "published": date_col,
            "url": url_col,
            "authors": author_col,
            "publisher": publisher_col,
        }.items()
        if v
    }
    from detente.ingest import IngestOptions, ingest_paths
    from detente.store import Store

    with user_errors():
        options = IngestOptions(
            max_bytes=max_bytes,
            columns=columns,
            strict=strict,
            batch_size=batch_size,
            timeout=timeout,
        )
        with Store(db) as store:
            try:
                report = ingest_paths(inputs, store, options=options, progress=not quiet)
            except InputError as exc:
                err_console.print(
                    f"[bold red]stopped[/] (--strict) [{exc.code}] {escape(str(exc))}",
                    soft_wrap=True,
                )
                raise typer.Exit(1) from None
    if not quiet:
        _summary(report, db)
    for p in report.problems:
        (err_console if quiet else console).print(_problem_line(p), soft_wrap=True)
    if not report.ok:
        err_console.print("[bold red]nothing was ingested[/]", soft_wrap=True)
        raise typer.Exit(1)


def _row_for_output(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["authors"] = list(row.get("authors") or [])
    row["comments"] = list(row.get("comments") or [])
    if row.get("main_dyad") is not None:
        row["main_dyad"] = list(row["main_dyad"])
    return row


@app.command("articles")
def articles_cmd(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    fmt: ListFormat = typer.Option(
        ListFormat.table, "--format", "-f", help="table, json or jsonl."
    ),
    limit: int | None = typer.Option(None, "--limit", "-n", min=1, help="Show at most N articles."),
) -> None:
    """List the stored articles (by date), with their metadata; json/jsonl include the body,
    and once coded, the main dyad, issues and tone.

    Example: [bold]detente articles --db news.duckdb --format json --limit 10[/]
    """
    from detente.signals.query import article_issue_lists
    from detente.store import Store

    with user_errors(), Store(db, read_only=True) as store:
        rows = [_row_for_output(r) for r in store.article_rows(limit=limit)]
        issues = article_issue_lists(store, [r["id"] for r in rows])
    for r in rows:
        r["issues"] = issues.get(r["id"], [])
    if fmt is ListFormat.json:
        print_json(rows)
        return
    if fmt is ListFormat.jsonl:
        print_jsonl(rows)
        return
    table = Table(title=f"{len(rows)} articles in {db}", title_justify="left")
    for name, style in (
        ("id", "cyan"),
        ("published", ""),
        ("publisher", ""),
        ("title", "bold"),
        ("authors", ""),
        ("duplicate of", "dim"),
    ):
        table.add_column(name, style=style, no_wrap=name in ("id", "published"))
    for r in rows:
        table.add_row(
            r["id"],
            r["published"] or "",
            escape(r["publisher"] or ""),
            escape(r["title"] or ""),
            escape(", ".join(r["authors"])),
            r["duplicate_of"] or "",
        )
    console.print(table)


@app.command("show")
def show_cmd(
    article_id: str = typer.Argument(
        ..., metavar="ARTICLE_ID", help="An id, or its first characters."
    ),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    explain: bool = typer.Option(
        False,
        "--explain",
        help="Also list what cleaning removed (rule and reason), where each metadata field came from, and per sentence why each event is or is not there.",
    ),
    coder: str = typer.Option("rules", "--coder", help="With --explain: rules, or model."),
    fmt: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """Show one article: metadata, body and reader comments.

    Example: [bold]detente show 515caa2d --explain --db news.duckdb[/]
    """
    from detente.store import Store

    with user_errors(), Store(db, read_only=True) as store:
        row = store.find_article(resolve_article_id(store, article_id, db))
        if row is None:  # removed between the two reads
            raise DetenteError(Errors.E000_NO_ARTICLE, article_id=article_id, db=db)
        removals = store.removals(row["id"]) if explain else []
    row = _row_for_output(row)
    coding = _explain_coding(row, coder) if explain else []
    if fmt is ShowFormat.json:
        if explain:
            row["removals"] = [r.__dict__ for r in removals]
            row["coding"] = coding
        print_json(row)
        return
    _print_article(row, removals if explain else None)
    if explain:
        from detente.explain import render

        console.print("[bold]coding, sentence by sentence[/]")
        render(coding, console)


def _explain_coding(row: dict[str, Any], coder: str) -> list[dict[str, Any]]:
    """The article re-coded now, with the reasons (the stored events are from its last run)."""
    from detente.explain import explain_doc
    from detente.pipeline import article_from_row, default_coder, model_choice

    with user_errors():
        c = default_coder(model_choice(coder))
        article = article_from_row(row)
        return explain_doc(c, c.nlp(article.body), article)


_SHOWN_MATCHES = 5


def resolve_article_id(store: Store, prefix: str, db: Path) -> str:
    """The one stored article id starting with ``prefix`` (ids are content hashes).

    An unknown prefix and a prefix several ids share are errors that say so,
    naming a few of the ids it matches.
    """
    if not prefix.strip():
        raise InputError(Errors.E100_ARTICLE_ID_EMPTY)
    matches, total = store.articles_starting_with(prefix, _SHOWN_MATCHES + 1)
    if not matches:
        raise DetenteError(Errors.E000_NO_ARTICLE_PREFIX, prefix=prefix, db=db)
    if len(matches) > 1:
        shown = "; ".join(
            f"{m['id']} ({m['title'] or 'no title'})" for m in matches[:_SHOWN_MATCHES]
        )
        more = f"; and {total - _SHOWN_MATCHES} more" if total > _SHOWN_MATCHES else ""
        raise DetenteError(
            Errors.E000_ARTICLE_PREFIX_AMBIGUOUS,
            prefix=prefix,
            total=total,
            shown=shown,
            more=more,
        )
    return str(matches[0]["id"])


def _print_article(row: dict[str, Any], removals: list[Any] | None) -> None:
    console.print(f"[bold]{escape(row['title'] or '(no title)')}[/]", soft_wrap=True)
    meta = Table(show_header=False, box=None)
    meta.add_column(style="bold")
    meta.add_column()
    evidence = row.get("evidence") or {}
    for name in (
        "id",
        "published",
        "authors",
        "publisher",
        "url",
        "language",
        "source_path",
        "duplicate_of",
    ):
        value = row.get(name)
        text = (
            ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
        )
        meta.add_row(name, escape(text))
    console.print(meta)
    console.print()
    console.print(escape(row["body"]), soft_wrap=True)
    for i, comment in enumerate(row["comments"], start=1):
        console.print(f"\n[bold]reader comment {i}[/]", soft_wrap=True)
        console.print(escape(comment), soft_wrap=True)
    if removals is None:
        return
    console.print("\n[bold]metadata evidence[/]")
    for name, why in evidence.items():
        console.print(f"  {name}: [dim]{escape(str(why))}[/]", soft_wrap=True)
    console.print(f"\n[bold]removed by cleaning[/] ({len(removals)})")
    for r in removals:
        text = " ".join(r.text.split())
        if len(text) > 120:
            text = text[:119] + "…"
        console.print(
            f"  line {r.line}: [cyan]{escape(r.rule)}[/] — {escape(r.reason)}: [dim]{escape(text)}[/]",
            soft_wrap=True,
        )
