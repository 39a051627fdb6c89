"""Commands: run (the whole pipeline), code (one text on the spot), eval (score against gold)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from detente.cli.app import DB_HELP, app, console, err_console, print_json, user_errors
from detente.store import DEFAULT_DB


def _actor_ref(a: dict | None) -> str:
    if not a:
        return ""
    return f"{a.get('code') or '?'} ({a.get('text')})"


def events_table(events: list[dict], title: str = "events") -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("date", "source", "cameo", "plover", "target", "modality", "rule", "evidence"):
        table.add_column(col, overflow="fold")
    for e in events:
        src = e["source"] if isinstance(e["source"], list) else [e["source"]]
        tgt = e["target"] if isinstance(e["target"], list) else [e["target"]]
        table.add_row(
            str(e.get("date") or ""),
            ", ".join(_actor_ref(a) for a in src if a),
            str(e["cameo"]),
            str(e.get("plover") or "-"),
            ", ".join(_actor_ref(a) for a in tgt if a),
            e.get("modality", "") + (" (negated)" if e.get("negated") else ""),
            e.get("rule", ""),
            (e.get("sentence") or "")[:160],
        )
    return table


@app.command()
def run(
    inputs: list[str] = typer.Argument(..., help="Files, folders or http(s) URLs to read."),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    recode: bool = typer.Option(False, "--recode", help="Code again articles already coded."),
    actors: list[Path] = typer.Option([], "--actors", help="Extra actor dictionary (YAML); repeatable."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first input that cannot be read."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars, only the summary."),
) -> None:
    """Ingest, then find actors, events, quotes, issues, tone and assessments, and store them.

    Already-coded articles are skipped, so an interrupted run continues where it stopped.

    Example: detente run examples/corpus --db demo.duckdb
    """
    from detente.ingest import IngestOptions, ingest_paths
    from detente.pipeline import Coder, code_pending
    from detente.store import Store

    with user_errors(), Store(db) as store:
        report = ingest_paths(
            inputs, store, options=IngestOptions(strict=strict), progress=not quiet
        )
        for p in report.problems:
            err_console.print(f"[yellow]skipped[/] {p.source}: {p.reason} [dim]({p.hint})[/]")
        if not quiet:
            console.print(
                f"ingested {report.inserted} new article(s), {report.already_present} already stored, "
                f"{report.near_duplicates} near-duplicate(s), {len(report.problems)} problem(s)"
            )
        coder = Coder(actor_files=actors)
        if quiet or not sys.stderr.isatty():
            coding = code_pending(store, recode=recode, coder=coder)
        else:
            with Progress(
                TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=err_console,
            ) as bar:
                task = bar.add_task("coding", total=None)
                coding = code_pending(
                    store, recode=recode, coder=coder,
                    on_progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
        total_articles = store.query("SELECT count(*) AS n FROM articles")[0]["n"]
        total_events = store.query("SELECT count(*) AS n FROM events")[0]["n"]
    console.print(
        f"coded {coding.coded} article(s) in {coding.seconds:.1f}s: {coding.events} event(s), "
        f"{coding.quotes} quote(s), {coding.assessments} assessment(s). "
        f"Database {db} now holds {total_articles} article(s) and {total_events} event(s)."
    )
    if report.inserted == 0 and report.already_present == 0 and total_articles == 0:
        raise typer.Exit(1)


@app.command()
def code(
    text: str = typer.Argument(..., help="The text to code (use - to read standard input)."),
    date: str = typer.Option(None, "--date", help="Date of the text (YYYY-MM-DD), for roles and relative dates."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Code one text on the spot and show its events.

    Example: detente code "Russia expelled two U.S. diplomats on Monday." --date 2023-04-06 --format json
    """
    from detente.pipeline import code_text

    if text == "-":
        text = sys.stdin.read()
    with user_errors():
        events = [e.to_dict() for e in code_text(text, date)]
    if fmt == "json":
        print_json(events)
    else:
        console.print(events_table(events))


@app.command(name="eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="Gold file: PLOVER gold JSON or detente's article gold (docs/GOLD_FORMAT.md)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    misses: int = typer.Option(0, "--misses", help="Also list this many records the coder got wrong."),
) -> None:
    """Score the event coder against gold records (type and full-event precision/recall/F1).

    Example: detente eval ../shared/eval/plover_gsr_dev.json
    """
    from detente.evaluation.events_eval import evaluate

    with user_errors():
        result = evaluate(gold)
    if fmt == "json":
        if not misses:
            result.pop("misses")
        else:
            result["misses"] = result["misses"][:misses]
        print_json(result)
        return
    table = Table(title=f"{gold} — {result['n']} texts, {result['n_gold_events']} gold events")
    for col in ("", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col else "left")
    table.add_row("event type", f"{result['type_precision']:.3f}", f"{result['type_recall']:.3f}", f"{result['type_f1']:.3f}")
    table.add_row("full event", f"{result['event_precision']:.3f}", f"{result['event_recall']:.3f}", f"{result['event_f1']:.3f}")
    console.print(table)
    per = Table(title="per PLOVER type")
    for col in ("type", "precision", "recall", "F1", "tp", "fp", "fn"):
        per.add_column(col, justify="left" if col == "type" else "right")
    for t, v in result["per_type"].items():
        per.add_row(t, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", str(v["tp"]), str(v["fp"]), str(v["fn"]))
    console.print(per)
    console.print(
        f"source country accuracy on type-matched events: {result['source_accuracy']}; "
        f"target: {result['target_accuracy']}"
    )
    for m in result["misses"][:misses]:
        console.print(f"[bold]{m['id']}[/] {m['text']}\n  gold: {m['gold']}\n  produced: {m['produced']}")
