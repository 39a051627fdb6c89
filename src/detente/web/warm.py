"""The busiest dyads' aggregates and pages, computed when `detente serve` starts.

The first request for a dyad reads and clusters its events (about 0.2 s for
10,000 events), and each new page view builds its series, summary and five
Plotly charts (about 80 ms, 50 of them Plotly's): 20 clients arriving at once
queued behind that work (RELIABILITY.md §4). Before the server listens, the
busiest dyads (the overview's list) get their rows, clusters, per-period
points (every frequency a page offers by default, both directions, each PLOVER
type) and page views computed once, within a time budget, and kept per
database version (``analytics.memo``) exactly as a request would keep them: the
requests then find them. A `detente run` that changes the file makes them
stale; they are then computed again on demand.

The file is opened read-only for the warm-up and closed after it, so the
server still holds no lock between requests.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment

from detente.analytics import dyad_counts, dyad_series
from detente.errors import DetenteError
from detente.store import Store
from detente.web.queries import filter_options

DYADS = 12  # the overview page's list of busiest dyads
SECONDS = 15.0  # time budget: a larger database gets its busiest dyads, then requests
# The page's default frequency first, then the other usual ones.
FREQS = ("month", "quarter", "week")


def warm(
    db_path: str | Path, templates: Environment, *, dyads: int = DYADS, seconds: float = SECONDS
) -> dict[str, int]:
    """Compute the busiest dyads' aggregates and pages' parts (``templates``: the app's
    environment); what was done, by kind.

    Stops at the first step past ``seconds``. A database that cannot be opened now
    (a run writing to it) is skipped: requests compute what they need as before.
    """
    from detente.web.api import dyad_query
    from detente.web.pages import page_parts

    done = {"dyads": 0, "pages": 0, "series": 0}
    deadline = time.monotonic() + seconds
    try:
        store = Store(db_path, read_only=True)
    except DetenteError:
        return done
    with store:
        db = store.con
        top, _ = dyad_counts(db, limit=dyads)  # reads and clusters each one's events
        done["dyads"] = len(top)
        pairs = [(d["a"], d["b"]) for d in top]
        for step in _steps(pairs, filter_options(db)["plover"]):
            if time.monotonic() > deadline:
                break
            kind, a, b, freq, plover = step
            if kind == "page":
                page_parts(db, templates, dyad_query(db, a, b), freq, "none")
                done["pages"] += 1
            else:
                dyad_series(db, dyad_query(db, a, b, plover=plover), freq=freq)
                done["series"] += 1
    return done


def _steps(
    pairs: list[tuple[str, str]], types: list[str]
) -> Iterator[tuple[str, str, str, str, str | None]]:
    """Busiest first: each dyad's pages (both orders, the default frequency first), then
    the series by PLOVER type (one order: the other reuses its points)."""
    for a, b in pairs:
        for freq in FREQS:
            yield "page", a, b, freq, None
            yield "page", b, a, freq, None
    for a, b in pairs:
        for freq in FREQS:
            for plover in types:
                yield "series", a, b, freq, plover


def report(done: dict[str, int], seconds: float) -> None:
    """One line on stderr: what the warm-up computed and how long it took."""
    print(
        f"detente serve: computed ahead {done['pages']} dyad pages and {done['series']} "
        f"type series of the {done['dyads']} busiest dyads in {seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )
