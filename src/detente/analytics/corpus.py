"""Corpus-wide numbers: what is in the database, and which dyads it is about."""

from __future__ import annotations

from typing import Any

from detente.analytics._sql import CANON_CTE, PAIRS_CTE, Db, rows, scalar
from detente.analytics.params import FREQS, choice

_DYAD_EVENTS = f"""
WITH {CANON_CTE}, {PAIRS_CTE},
ev AS (
    SELECT DISTINCT p.event_id, least(p.src, p.tgt) AS a, greatest(p.src, p.tgt) AS b,
           p.src, p.tgt, e.article_id, coalesce(e.date, c.published) AS day
    FROM pairs p JOIN events e ON e.id = p.event_id JOIN canon c ON c.id = e.article_id
    WHERE NOT c.is_dup AND NOT coalesce(e.negated, false)
)"""


def corpus_stats(db: Db) -> dict[str, Any]:
    """Counts and date range of everything stored (copies counted apart)."""
    stats = rows(
        db,
        f"""
        WITH {CANON_CTE}
        SELECT count(*) AS n_articles,
               count(*) FILTER (WHERE is_dup) AS n_duplicates,
               count(DISTINCT publisher) AS n_publishers,
               CAST(min(published) AS VARCHAR) AS first_published,
               CAST(max(published) AS VARCHAR) AS last_published
        FROM canon
        """,
    )[0]
    stats["n_coded"] = scalar(db, "SELECT count(*) FROM articles WHERE coded_version IS NOT NULL")
    for table, key in (
        ("events", "n_events"),
        ("quotes", "n_quotes"),
        ("issue_tags", "n_issue_tags"),
        ("assessments", "n_assessments"),
        ("mentions", "n_mentions"),
    ):
        stats[key] = scalar(db, f"SELECT count(*) FROM {table}")
    stats["n_dyads"] = scalar(db, f"{_DYAD_EVENTS} SELECT count(DISTINCT (a, b)) FROM ev")
    stats["publishers"] = rows(
        db,
        "SELECT coalesce(publisher, '(unknown)') AS publisher, count(*) AS n_articles "
        "FROM articles GROUP BY 1 ORDER BY n_articles DESC, publisher LIMIT 20",
    )
    stats["plover"] = rows(
        db,
        "SELECT coalesce(plover, 'CAMEO:' || cameo_root) AS plover, count(*) AS n_events "
        "FROM events GROUP BY 1 ORDER BY n_events DESC, plover",
    )
    return stats


def dyad_counts(db: Db, *, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Undirected dyads by number of events (from original articles), with a page total.

    ``a`` is the alphabetically first country; ``a_to_b``/``b_to_a`` split the count by direction.
    """
    total = scalar(db, f"{_DYAD_EVENTS} SELECT count(DISTINCT (a, b)) FROM ev") or 0
    found = rows(
        db,
        f"""{_DYAD_EVENTS}
        SELECT a, b, count(DISTINCT event_id) AS n_events,
               count(DISTINCT event_id) FILTER (WHERE src = a) AS a_to_b,
               count(DISTINCT event_id) FILTER (WHERE src = b) AS b_to_a,
               count(DISTINCT article_id) AS n_articles,
               CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last
        FROM ev GROUP BY a, b ORDER BY n_events DESC, a, b LIMIT ? OFFSET ?
        """,
        [limit, offset],
    )
    return found, int(total)


def top_dyad(db: Db) -> tuple[str, str] | None:
    """The dyad with most events, or None for a database without dyadic events."""
    found, _ = dyad_counts(db, limit=1)
    return (found[0]["a"], found[0]["b"]) if found else None


def dyad_activity(db: Db, a: str, b: str, *, freq: str = "month") -> list[dict[str, Any]]:
    """Event counts per period for a sparkline (raw rows, no clustering or band: cheap)."""
    choice(freq, FREQS, "freq")
    return rows(
        db,
        f"""{_DYAD_EVENTS}
        SELECT CAST(date_trunc(?, day) AS DATE) AS period, count(DISTINCT event_id) AS n_events
        FROM ev WHERE a = least(?, ?) AND b = greatest(?, ?) AND day IS NOT NULL
        GROUP BY 1 ORDER BY 1
        """,
        [freq, a, b, a, b],
    )
