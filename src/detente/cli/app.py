"""The Typer application object and shared CLI helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console

from detente.errors import DetenteError

app = typer.Typer(
    name="detente",
    help="Turn news text into measured international relations.\n\n"
    "Example: detente run examples/corpus && detente report --out report.html",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        from detente import __version__

        sys.stdout.write(f"detente {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turn news text into measured international relations."""


console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages stay on one line for logs

DB_HELP = "DuckDB database file (created if missing)."
# detente.store.DEFAULT_DB, named here so that a command that never opens a database
# (`detente code`) does not import DuckDB (tests/test_startup.py checks they agree).
DEFAULT_DB = "detente.duckdb"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn expected errors into a one-line message and exit status 2."""
    try:
        yield
    except DetenteError as exc:
        err_console.print(f"[bold red]error[/] [{exc.code}] {exc}")
        raise typer.Exit(2) from None


@contextmanager
def loading() -> Iterator[None]:
    """Wrap the loading of the spaCy model, dictionaries and patterns: they live as long as
    the process, so the cyclic garbage collector does not run while they are built (each
    full collection traverses all that was loaded so far, and where one falls depends on
    how many objects the data files make: up to 50 ms of a cold `detente code`), and
    leaves them out of its later passes afterwards (``gc.freeze``) instead of traversing
    them again in every full collection and at exit.

    For a one-shot command (`detente code`) that traversal was a sixth of its time
    (docs/SPEED_HISTORY.md). Only what is loaded then is frozen; the objects of the work that
    follows are collected as usual.
    """
    from detente.nlp.model import collector_paused

    with collector_paused(freeze=True):
        yield


def print_json(data: Any) -> None:
    """JSON on stdout, unwrapped and unstyled, so it pipes into jq and friends."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def print_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str))
        sys.stdout.write("\n")
