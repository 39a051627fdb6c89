"""The `detente` command line: thin Typer commands over library functions.

Each command group lives in its own module and registers itself on ``app``;
a command parses arguments, calls one library function, and turns expected
errors (DetenteError) into a message and an exit code.
"""

from __future__ import annotations

# Importing the modules registers their commands on `app`.
from detente.cli import (  # noqa: E402,F401  (imported for their side effect)
    actors_cmd,
    articles_cmd,
    check_cmd,
    events_cmd,
    ontology_cmd,
    pipeline_cmd,
    signals_cmd,
    web_cmd,
)
from detente.cli.app import app, console, err_console


def main() -> None:
    app()


__all__ = ["app", "console", "err_console", "main"]
