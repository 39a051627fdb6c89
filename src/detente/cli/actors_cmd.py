"""Commands: actors, eval-actors (registered on the shared Typer app).

Thin: each parses its arguments, calls one library function and prints the result;
expected errors become a message and exit status 2.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from detente.cli.app import DB_HELP, app, console, err_console, print_json, user_errors

ACTORS_HELP = (
    "Extra actor dictionary: a YAML file (docs/ACTORS.md) or a TABARI/PETRARCH .actors/.agents "
    "file. Repeat to add several; later files win."
)


class OutFormat(str, Enum):
    table = "table"
    json = "json"


def _text_and_date(arg: str, db: Path | None, date: str | None) -> tuple[str, str, str | None]:
    """(article id, text, date) for an article id in --db, a file path, '-' or literal text."""
    from detente.records import article_id_for

    if arg == "-":
        text = sys.stdin.read()
        return article_id_for(text), text, date
    if db is not None and " " not in arg.strip() and len(arg) <= 64:
        from detente.store import Store

        with Store(db, read_only=True) as store:
            row = store.find_article(arg.strip())
        if row is not None:
            return row["id"], row["body"], date or row.get("published")
    if "\n" not in arg and len(arg) < 4096 and _is_file(Path(arg)):
        text = Path(arg).read_text(encoding="utf-8", errors="replace")
        return article_id_for(text), text, date
    return article_id_for(arg), arg, date


def _is_file(path: Path) -> bool:
    """Whether ``path`` names a file; a sentence longer than a file name can be (over 255
    bytes with no slash) is text, not an error."""
    try:
        return path.is_file()
    except OSError:  # ENAMETOOLONG
        return False


@app.command("actors")
def actors_cmd(
    text_or_id: str = typer.Argument(
        ...,
        metavar="TEXT_OR_ARTICLE_ID",
        help="Text to read, an article id (prefix) in --db, a text file, or '-' for stdin.",
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        help="Article date YYYY-MM-DD: people are coded by the office they held then.",
    ),
    fmt: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table or json."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP + " Used to look up an article id."),
    actors: list[Path] = typer.Option([], "--actors", help=ACTORS_HELP),
) -> None:
    """Show the political actors in a text, coded in context (country, sector, CAMEO code).

    Example: detente actors "Kremlin spokesman Dmitry Peskov said Moscow would respond." --date 2018-01-26

    JSON output is a list of mentions with text, start, end (char offsets in the text),
    name, country, sector, code, resolved_by, confidence, kind and sentence_index.
    """
    from detente.actors import ActorResolver
    from detente.nlp import load_nlp

    with user_errors():
        article_id, text, day = _text_and_date(text_or_id, db, date)
        resolver = ActorResolver.default(actors)
        doc = load_nlp()(text)
        mentions = resolver.resolve(doc, article_id, day)
        for w in resolver.kb.warnings:
            err_console.print(f"[yellow]warning[/] {escape(w)}")
    rows = [m.to_dict() for m in mentions]
    if fmt is OutFormat.json:
        print_json(rows)
        return
    table = Table(title=f"actors in {article_id}" + (f" at {day}" if day else ""))
    for col in ("sent", "text", "code", "name", "kind", "resolved by", "conf"):
        table.add_column(col, justify="right" if col in ("sent", "conf") else "left")
    for m in mentions:
        table.add_row(
            str(m.sentence_index),
            escape(m.text),
            m.code,
            escape(m.name or ""),
            m.kind,
            m.resolved_by,
            f"{m.confidence:.2f}",
        )
    console.print(table)


@app.command("eval-actors")
def eval_actors_cmd(
    gold: Path = typer.Argument(
        ..., metavar="GOLD.json", help="PLOVER gold-standard records (JSON list)."
    ),
    fmt: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table or json."),
    actors: list[Path] = typer.Option([], "--actors", help=ACTORS_HELP),
    max_misses: int = typer.Option(
        200, "--max-misses", help="How many misses to list in the table."
    ),
) -> None:
    """Score actor coding against gold source/target codes: country and sector accuracy.

    Example: detente eval-actors ../shared/eval/plover_gsr_dev.json

    Each record's sentence is resolved at the record's date; the mention overlapping each
    gold actorText is compared with the gold code (DIP and SPY count as GOV, see docs/ACTORS.md).
    """
    from detente.evaluation.actors_eval import evaluate_actors, summary_rows

    with user_errors():
        report = evaluate_actors(gold, actors)
    if fmt is OutFormat.json:
        print_json(report.to_dict())
        return
    table = Table(title=f"actor codes vs {gold.name}")
    for col in ("code", "actors", "country ok", "sector scored", "sector ok"):
        table.add_column(col, justify="left" if col == "code" else "right")
    for r in summary_rows(report):
        table.add_row(
            r["code"],
            str(r["actors"]),
            str(r["country_correct"]),
            str(r["sector_scored"]),
            str(r["sector_correct"]),
        )
    console.print(table)
    misses = report.misses()
    if misses:
        mt = Table(title=f"misses ({len(misses)})")
        for col in ("record", "actor text", "gold", "ours", "note"):
            mt.add_column(col)
        for c in misses[:max_misses]:
            ours: Any = c.mention or {}
            mt.add_row(
                c.record_id.replace("PLOVER-GSR01-", ""),
                escape(c.actor_text),
                f"{c.gold_code} {c.gold_sector or ''}",
                escape(f"{ours.get('text', '')!s} → {ours.get('code', '')}") if ours else "-",
                c.note,
            )
        console.print(mt)
    console.print(
        f"country accuracy [bold]{report.country_accuracy:.1%}[/] "
        f"({report.country_correct}/{report.actors}); "
        f"sector accuracy [bold]{report.sector_accuracy:.1%}[/] "
        f"({report.sector_correct}/{report.sector_scored} where gold has a sector)"
    )
