"""Progress of a long run: a Rich bar on a terminal, plain lines in logs, nothing when quiet.

    with coding_progress("coding", quiet=False) as update:
        update(done, total)          # articles finished so far, articles in the run

On a terminal the bar shows done/total, articles per second, elapsed time and
the ETA. When stderr is not a terminal (CI, cron, a pipe) a bar would print
nothing useful, so one line goes to stderr after the first batch and then at
most every ``every`` seconds, plus a last one: logs show the run moving.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Update = Callable[[int, int], None]


class RateColumn(ProgressColumn):
    """Items per second, from Rich's moving estimate."""

    def __init__(self, unit: str = "articles"):
        super().__init__()
        self.unit = unit

    def render(self, task: Any) -> Text:
        speed = task.speed
        return Text(f"{speed:.1f} {self.unit}/s" if speed else f"- {self.unit}/s", style="cyan")


def _eta(done: int, total: int, elapsed: float) -> str:
    if done <= 0 or elapsed <= 0:
        return "?"
    left = (total - done) * elapsed / done
    return time.strftime("%H:%M:%S", time.gmtime(left))


@contextmanager
def coding_progress(
    label: str = "coding",
    *,
    quiet: bool = False,
    console: Console | None = None,
    unit: str = "articles",
    every: float = 10.0,
) -> Iterator[Update]:
    """A callback ``update(done, total)`` that shows progress the way the output allows."""
    err = console or Console(stderr=True, soft_wrap=True)
    if quiet:
        yield lambda done, total: None
        return
    if err.is_terminal and sys.stderr.isatty():
        with Progress(
            TextColumn(f"[bold]{label}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(unit),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
        ) as bar:
            task = bar.add_task(label, total=None)
            yield lambda done, total: bar.update(task, completed=done, total=total)
        return
    started = time.perf_counter()
    last = {"at": -every, "done": -1}

    def line(done: int, total: int) -> None:
        now = time.perf_counter() - started
        finished = done >= total
        if done == last["done"] or not (done and (finished or now - last["at"] >= every)):
            return
        last["at"], last["done"] = now, done
        rate = done / now if now > 0 else 0.0
        err.print(
            f"{label}: {done}/{total} {unit}, {rate:.1f} {unit}/s, ETA {_eta(done, total, now)}",
            highlight=False,
        )

    yield line
