"""Commands: run (the whole pipeline), code (one text on the spot), eval (score against gold)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.table import Table

from detente.cli.app import (
    DB_HELP,
    DEFAULT_DB,
    app,
    console,
    err_console,
    loading,
    print_json,
    user_errors,
)
from detente.errors import Errors
from detente.settings import settings


def _actor_ref(a: dict | None) -> str:
    if not a:
        return ""
    return f"{a.get('code') or '?'} ({' '.join(str(a.get('text')).split())})"


def events_table(events: list[dict], title: str = "events", evidence_chars: int = 160) -> Table:
    """Events as a table; the evidence on one line, cut at a word boundary with "…"."""

    def clip(text: str | None) -> str:
        flat = " ".join((text or "").split())  # no newlines or runs of spaces in a cell
        if len(flat) <= evidence_chars:
            return flat
        cut = flat[: evidence_chars - 1]
        space = cut.rfind(" ")
        # back to the last whole word (a very long word is cut inside rather than dropped)
        if flat[len(cut)] != " " and space > evidence_chars // 2:
            cut = cut[:space]
        return cut.rstrip(" ,;:-") + "…"

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
            clip(e.get("sentence")),
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
    jobs: int = typer.Option(
        None, "--jobs", "-j", min=1,
        help="Processes (local engine, default: the jobs setting, 'auto' = this machine's cores, "
        "at most 4, each with 100 articles or more to code; with 2 or 3, this one codes while "
        "the others only parse; with more, each codes whole batches) "
        "or LocalCluster workers (dask engine without --scheduler, default 2).",
    ),
    engine: str = typer.Option(
        "local", "--engine", help="local (this machine) or dask (a Dask cluster, see docs/SCALE.md)."
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a local cluster."
    ),
    out: Path = typer.Option(
        None, "--out", help="Dask engine: folder for the partitioned Parquet (default: DB name + '-parquet')."
    ),
    batch_size: int = typer.Option(
        settings().batch_size, "--batch-size", min=1,
        help="Articles per coding transaction (and per task); default: DETENTE_BATCH_SIZE or settings.yaml.",
    ),
    coder: str = typer.Option("rules", "--coder", help="rules, or model (the rules propose, the trained model decides)."),
    model: Path = typer.Option(None, "--model", help="A model file from `detente train` (implies --coder model)."),
    patterns: list[Path] = typer.Option([], "--patterns", help="Extra event patterns (YAML, e.g. from `detente import-verbs`); repeatable."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0, help="Store only events at least this confident (with --coder model: the calibrated probability of being right)."),
) -> None:
    """Ingest, then find actors, events, quotes, issues, tone and assessments, and store them.

    Already-coded articles are skipped, so an interrupted run continues where it stopped.
    --jobs N codes in N processes; --engine dask spreads the inputs over a Dask cluster,
    writes partitioned Parquet to --out and loads it into --db (docs/SCALE.md).

    Example: detente run examples/corpus --db demo.duckdb --jobs 2
    """
    from detente.distributed import coding_progress
    from detente.errors import ConfigError
    from detente.ingest import IngestOptions, ingest_paths
    from detente.pipeline import (
        PARSE_AHEAD_JOBS,
        code_pending,
        default_jobs_plan,
        model_choice,
        parsers_for,
    )
    from detente.store import Store

    with user_errors():
        chosen = model_choice(coder, model)
        if chosen is not None and engine == "dask":
            raise ConfigError(Errors.E200_MODEL_NEEDS_LOCAL_ENGINE)
        if engine not in ("local", "dask"):
            raise ConfigError(Errors.E200_UNKNOWN_ENGINE, engine=engine)
        if engine == "local" and (scheduler or out):
            raise ConfigError(Errors.E200_DASK_OPTIONS_WITHOUT_DASK)
    if engine == "dask":
        _run_dask(inputs, db, out, scheduler, jobs, actors, recode, strict, quiet, batch_size)
        return
    # Without --jobs, the jobs setting; "auto": the machine's cores, for as many processes
    # as have enough articles (known after ingest, so no parser starts early).
    articles_per_job = 0
    if jobs is None:
        with user_errors():
            jobs, articles_per_job = default_jobs_plan()
        if patterns:  # extra patterns are read by one coding process (E200_PATTERNS_JOBS)
            jobs = min(jobs, PARSE_AHEAD_JOBS)
    # --jobs 2 or 3: the parser processes load their model while this one ingests
    with user_errors(), parsers_for(1 if articles_per_job else jobs) as parsers, Store(db) as store:
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
        with coding_progress("coding", quiet=quiet, console=err_console) as update:
            coding = code_pending(
                store, recode=recode, jobs=jobs, actor_files=actors,
                batch_size=batch_size, on_progress=update, model=chosen, pattern_files=patterns,
                min_confidence=min_confidence, parsers=parsers,
                articles_per_job=articles_per_job,
            )
        for article_id, reason in coding.failures:
            err_console.print(f"[yellow]not coded[/] article {article_id}: {reason}")
        total_articles, total_events = store.count("articles"), store.count("events")
    console.print(
        f"coded {coding.coded} article(s) in {coding.seconds:.1f}s "
        f"({coding.articles_per_second:.1f} articles/s, {coding.write_seconds:.1f}s of it "
        f"writing): {coding.events} event(s), "
        f"{coding.quotes} quote(s), {coding.assessments} assessment(s). "
        f"Database {db} now holds {total_articles} article(s) and {total_events} event(s)."
    )
    if report.inserted == 0 and report.already_present == 0 and total_articles == 0:
        raise typer.Exit(1)


def _run_dask(
    inputs: list[str], db: Path, out: Path | None, scheduler: str | None, jobs: int | None,
    actors: list[Path], recode: bool, strict: bool, quiet: bool, batch_size: int,
) -> None:
    """`detente run --engine dask`: the Dask runner, then the same summary as a local run."""
    from detente.distributed import coding_progress, run_dask
    from detente.distributed.dask_runner import LOCAL_WORKERS
    from detente.errors import ConfigError
    from detente.ingest import IngestOptions
    from detente.store import Store

    out_dir = out or db.with_name(db.stem + "-parquet")
    with user_errors(), Store(db) as store:
        if strict:
            raise ConfigError(Errors.E200_STRICT_WITH_DASK)
        with coding_progress("dask", quiet=quiet, console=err_console, unit="units") as update:
            report = run_dask(
                inputs, store, out_dir=out_dir, scheduler=scheduler,
                workers=jobs or LOCAL_WORKERS, options=IngestOptions(), actor_files=actors,
                recode=recode, batch_size=batch_size, on_progress=update,
            )
        for p in report.problems:
            err_console.print(f"[yellow]skipped[/] {p.source}: {p.reason} [dim]({p.hint})[/]")
        for article_id, reason in report.failures:
            err_console.print(f"[yellow]not coded[/] article {article_id}: {reason}")
        total_articles, total_events = store.count("articles"), store.count("events")
    load = report.load
    console.print(
        f"dask ({report.scheduler or 'no cluster needed'}): {report.units} unit(s), "
        f"{report.units_skipped} already written; coded {report.coded} article(s) "
        f"({report.events} event(s)) into {report.out_dir}. Loaded {load.inserted} new article(s), "
        f"{load.already_present} already stored, {load.near_duplicates} near-duplicate(s), "
        f"{load.coded} coded. Database {db} now holds {total_articles} article(s) "
        f"and {total_events} event(s)."
    )
    if total_articles == 0:
        raise typer.Exit(1)


@app.command()
def code(
    text: str = typer.Argument(..., help="The text to code (use - to read standard input)."),
    date: str = typer.Option(None, "--date", help="Date of the text (YYYY-MM-DD), for roles and relative dates."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    coder: str = typer.Option("rules", "--coder", help="rules, or model (the rules propose, the trained model decides)."),
    model: Path = typer.Option(None, "--model", help="A model file from `detente train` (implies --coder model)."),
    patterns: list[Path] = typer.Option([], "--patterns", help="Extra event patterns (YAML, e.g. from `detente import-verbs`); repeatable."),
    explain: bool = typer.Option(False, "--explain", help="Per sentence: actors and how they were resolved, trigger words and whether a pattern matched, rule events, the model's scores, final events."),
) -> None:
    """Code one text on the spot and show its events.

    Example: detente code "Russia expelled two U.S. diplomats on Monday." --date 2023-04-06 --format json
    """
    if text == "-":
        # bytes, decoded leniently: a stray byte must not end in a traceback
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    with user_errors():
        with loading():  # the code, model and dictionaries live as long as this process
            from detente.pipeline import Coder, default_coder, model_choice

            c = Coder(model=model_choice(coder, model), pattern_files=patterns) if patterns else \
                default_coder(model_choice(coder, model))
        if explain:
            from detente.explain import explain_text, render

            items = explain_text(c, text, date)
            if fmt == "json":
                print_json(items)
            else:
                render(items, console)
            return
        events = [e.to_dict() for e in c.code_text(text, date)]
    if fmt == "json":
        print_json(events)
    else:
        console.print(events_table(events))


@app.command(name="eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="Gold: a folder of news gold (NN_slug.txt + NN_slug.json), PLOVER gold JSON or detente's article gold (docs/GOLD_FORMAT.md)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    misses: int = typer.Option(0, "--misses", help="Also list this many misses (gold not found, events not in gold), each with why."),
    coder: str = typer.Option("both", "--coder", help="rules, model, or both (side by side; news gold only)."),
    model: Path = typer.Option(None, "--model", help="A model file from `detente train` (default: the shipped one)."),
) -> None:
    """Score the event coder against gold (precision, recall, F1, per PLOVER type).

    On a news gold folder the texts run through the whole pipeline as `detente run`
    would, scored as news_dev/README.md says; the rules and the trained model side by side.

    Example: detente eval ../shared/eval/news_dev --misses 20
    """
    from detente.evaluation.news_eval import is_news_gold_dir

    if is_news_gold_dir(gold):
        _eval_news(gold, fmt, misses, coder, model)
        return
    from detente.evaluation.events_eval import evaluate
    from detente.pipeline import code_text, model_choice

    with user_errors():
        chosen = model_choice("rules" if coder == "both" else coder, model)
        result = evaluate(gold, lambda text, date: code_text(text, date, chosen))
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


def _eval_news(gold: Path, fmt: str, misses: int, coder: str, model: Path | None) -> None:
    from detente.evaluation.news_eval import evaluate_news
    from detente.pipeline import Coder, model_choice

    names = ["rules", "model"] if coder == "both" else [coder]
    results = {}
    with user_errors():
        for name in names:
            chosen = model_choice(name, model if name == "model" else None)
            results[name] = evaluate_news(gold, Coder(model=chosen))
    for r in results.values():
        r["misses"] = r["misses"][:misses] if misses else []
        if not misses:
            r.pop("misses")
    if fmt == "json":
        print_json(results[names[0]] if len(names) == 1 else results)
        return
    first = next(iter(results.values()))
    table = Table(title=f"{gold} — {first['articles']} articles, {first['gold']} gold events")
    for col in ("coder", "precision", "recall", "F1", "type recall", "produced", "title+date"):
        table.add_column(col, justify="left" if col == "coder" else "right")
    for name, r in results.items():
        table.add_row(name, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                      f"{r['type_recall']:.3f}", str(r["produced"]), r["title_date"])
    console.print(table)
    per = Table(title="per PLOVER type (recall = found/gold, precision = right/produced)")
    per.add_column("type")
    for name in results:
        for col in ("found/gold", "right/produced", "F1"):
            per.add_column(f"{name} {col}", justify="right")
    types = sorted({t for r in results.values() for t in r["per_type"]})
    for t in types:
        row = [t]
        for r in results.values():
            v = r["per_type"].get(t, {})
            row += [f"{v.get('found', 0)}/{v.get('gold', 0)}", f"{v.get('right', 0)}/{v.get('produced', 0)}",
                    f"{v.get('f1', 0.0):.3f}"]
        per.add_row(*row)
    console.print(per)
    for name, r in results.items():
        for m in r.get("misses", []):
            console.print(
                f"[bold]{name}[/] {m['kind']} {m['plover']} {m['source']}->{m['target']} "
                f"[dim]{m['article']}[/]: {m['why']}\n  {(m['sentence'] or '')[:200]}"
            )


@app.command()
def train(
    gold: list[Path] = typer.Argument(..., help="Folders of news gold (NN_slug.txt + NN_slug.json)."),
    out: Path = typer.Option(..., "--out", help="Where to write the model (.npz; a .md model card goes beside it)."),
    folds: int = typer.Option(5, "--folds", min=1, help="Cross-validation folds over articles (threshold, calibration)."),
    min_precision: float = typer.Option(0.40, "--min-precision", help="The thresholds are the best held-out F1 among settings with at least this precision."),
    tune: list[Path] = typer.Option([], "--tune", help="Gold folders used to choose the thresholds (never to fit), besides the cross-validation; repeatable."),
) -> None:
    """Fit the event decision (which candidate events are real, and their actors) on gold.

    Deterministic: the same gold gives the same model. Use it with --model on run, code, eval.

    Example: detente train ../shared/eval/news_train --out my-model.npz
    """
    from detente.learn.card import write_card
    from detente.learn.train import train as fit_model
    from detente.pipeline import Coder

    command = ("detente train " + " ".join(str(g) for g in gold) + f" --out {out.name}"
               + "".join(f" --tune {t}" for t in tune))
    with user_errors():
        fitted, card = fit_model(gold, Coder(), command=command, folds=folds,
                                 min_precision=min_precision, tune=tune)
        fitted.save(out)
        card_path = write_card(fitted, out.with_suffix(".md"))
    cv = card["cross_validation"]
    best = cv["by_threshold"].get(f"{cv['threshold']}/{cv['rule_threshold']}")
    how = (f"cross-validated F1 {best['f1']:.3f}, precision {best['precision']:.3f}, "
           f"recall {best['recall']:.3f}" if best else "no cross-validation with --folds 1: default thresholds")
    console.print(
        f"trained on {card['articles']} article(s), {card['gold_events']} gold event(s); "
        f"threshold {cv['threshold']}, rule events accepted at {cv['rule_threshold']} ({how}). "
        f"Wrote {out} and {card_path}."
    )


@app.command("import-verbs")
def import_verbs_cmd(
    dictionary: Path = typer.Argument(..., help="A TABARI / PETRARCH verb dictionary."),
    out: Path = typer.Option(..., "--out", help="Where to write the detente patterns (YAML)."),
) -> None:
    """Convert a TABARI/PETRARCH verb dictionary into detente event patterns.

    Lines detente cannot express (synonym sets, compounds) are listed, never guessed.
    Use the result with --patterns on run and code.

    Example: detente import-verbs CAMEO.verbs.txt --out my-patterns.yaml
    """
    from detente.events.patterns import load_patterns
    from detente.events.tabari_verbs import import_verbs

    with user_errors():
        result = import_verbs(dictionary)
        out.write_text(result.to_yaml(), encoding="utf-8")
        load_patterns(extra=[out])  # the output must load: validated like any pattern file
    for no, line, why in result.skipped:
        err_console.print(f"[yellow]skipped[/] line {no}: {line.strip()} [dim]({why})[/]")
    console.print(f"wrote {len(result.verbs)} pattern(s) to {out}; {len(result.skipped)} line(s) skipped")
