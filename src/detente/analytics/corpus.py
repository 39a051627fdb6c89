"""Corpus-wide numbers: what is in the database, and which dyads it is about."""

from __future__ import annotations

from typing import Any

from detente.analytics.params import FREQS, DyadQuery, choice
from detente.analytics.queries import CANON_CTE, PAIRS_CTE, Db, event_rule_sql, rows, scalar

# The default counting rules (no copies, not negated, actual events only): the same as
# ``dyad_event_rows`` with a default ``DyadQuery``, so the overview and the dyad page agree.
_RULES, _RULE_ARGS = event_rule_sql()
_DYAD_EVENTS = f"""
WITH {CANON_CTE}, {PAIRS_CTE},
ev AS (
    SELECT DISTINCT p.event_id, least(p.src, p.tgt) AS a, greatest(p.src, p.tgt) AS b,
           p.src, p.tgt, e.article_id, coalesce(e.date, c.published) AS day
    FROM pairs p JOIN events e ON e.id = p.event_id JOIN canon c ON c.id = e.article_id
    WHERE NOT c.is_dup AND {" AND ".join(_RULES)}
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
    stats["n_dyads"] = scalar(
        db, f"{_DYAD_EVENTS} SELECT count(DISTINCT (a, b)) FROM ev", list(_RULE_ARGS)
    )
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
    """Undirected dyads by number of counted event rows, with a page total.

    ``n_reports`` counts event rows under the default rules (original articles,
    not negated, actual), undated ones included; ``n_events`` the dated
    real-world events they cluster into: the number the dyad page, the report,
    the series and the GDELT export give. ``n_undated`` rows have no date.
    ``a`` is the alphabetically first country; ``a_to_b``/``b_to_a`` split the
    rows by direction.
    """
    from detente.analytics.series import dyad_clusters

    total = (
        scalar(db, f"{_DYAD_EVENTS} SELECT count(DISTINCT (a, b)) FROM ev", list(_RULE_ARGS)) or 0
    )
    found = rows(
        db,
        f"""{_DYAD_EVENTS}
        SELECT a, b, count(DISTINCT event_id) AS n_reports,
               count(DISTINCT event_id) FILTER (WHERE day IS NULL) AS n_undated,
               count(DISTINCT event_id) FILTER (WHERE src = a) AS a_to_b,
               count(DISTINCT event_id) FILTER (WHERE src = b) AS b_to_a,
               count(DISTINCT article_id) AS n_articles,
               CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last
        FROM ev GROUP BY a, b ORDER BY n_reports DESC, a, b LIMIT ? OFFSET ?
        """,
        [*_RULE_ARGS, limit, offset],
    )
    for d in found:
        d["n_events"] = len(dyad_clusters(db, DyadQuery(d["a"], d["b"])))
    return found, int(total)


def top_dyad(db: Db) -> tuple[str, str] | None:
    """The dyad with most events, or None for a database without dyadic events."""
    found = rows(
        db,
        f"{_DYAD_EVENTS} SELECT a, b FROM ev GROUP BY a, b "
        "ORDER BY count(DISTINCT event_id) DESC, a, b LIMIT 1",
        list(_RULE_ARGS),
    )
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
        [*_RULE_ARGS, freq, a, b, a, b],
    )
