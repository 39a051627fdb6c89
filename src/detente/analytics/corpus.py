"""Corpus-wide numbers: what is in the database, and which dyads it is about."""

from __future__ import annotations

from typing import Any

from detente.analytics import queries
from detente.analytics.params import FREQS, DyadQuery, choice
from detente.analytics.queries import Db


def corpus_stats(db: Db) -> dict[str, Any]:
    """Counts and date range of everything stored (copies counted apart)."""
    return queries.corpus_counts(db)


def dyad_counts(db: Db, *, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Undirected dyads by number of counted event rows, with a page total.

    ``n_reports`` counts event rows under the default rules (original articles,
    not negated, actual), undated ones included; ``n_events`` the dated
    real-world events they cluster into: the number the dyad page, the report,
    the series and the GDELT export give. ``n_undated`` rows have no date.
    ``a`` is the alphabetically first country; ``a_to_b``/``b_to_a`` split the
    rows by direction.
    """
    from detente.analytics.series import dyad_clusters

    total = queries.n_dyads(db) or 0
    found = queries.dyad_report_counts(db, limit=limit, offset=offset)
    for d in found:
        d["n_events"] = len(dyad_clusters(db, DyadQuery(d["a"], d["b"])))
    return found, int(total)


def top_dyad(db: Db) -> tuple[str, str] | None:
    """The dyad with most events, or None for a database without dyadic events."""
    found = queries.busiest_dyad(db)
    return (found[0]["a"], found[0]["b"]) if found else None


def dyad_activity(db: Db, a: str, b: str, *, freq: str = "month") -> list[dict[str, Any]]:
    """Event counts per period for a sparkline (raw rows, no clustering or band: cheap)."""
    choice(freq, FREQS, "freq")
    return queries.dyad_period_counts(db, a, b, freq)
