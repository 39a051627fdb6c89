"""The SQL that selects a dyad's events and statements (DuckDB, always parameterised).

Two decisions live here and nowhere else:

* which events belong to a dyad: those with a source actor of country A and
  a target actor of country B, looking at every actor of a compound event
  (``event_actors``) and at the flattened first actors of ``events``;
* which articles count: an article marked ``duplicate_of`` another article
  that is in the database is a copy and is left out (its original counts), so
  near-duplicates are counted once.
"""

from __future__ import annotations

from typing import Any

import duckdb

from detente.analytics.params import DyadQuery
from detente.store import Store

Db = Store | duckdb.DuckDBPyConnection


def connection(db: Db) -> duckdb.DuckDBPyConnection:
    return db.con if isinstance(db, Store) else db


def rows(db: Db, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Run a read query; rows as dicts."""
    cur = connection(db).execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def scalar(db: Db, sql: str, params: list[Any] | None = None) -> Any:
    row = connection(db).execute(sql, params or []).fetchone()
    return row[0] if row else None


# Articles with their canonical id: a copy points at its original when the original is stored.
CANON_CTE = """
canon AS (
    SELECT a.id, a.publisher, a.published, a.url, a.title, a.tone, a.language, a.coded_at,
           (a.duplicate_of IS NOT NULL AND o.id IS NOT NULL) AS is_dup,
           CASE WHEN o.id IS NOT NULL THEN o.id ELSE a.id END AS canonical_id
    FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of AND o.id <> a.id
)"""

# Every (event, source country, target country) pair, compound actors included.
PAIRS_CTE = """
roles AS (
    SELECT event_id, role, country FROM event_actors WHERE country IS NOT NULL
    UNION
    SELECT id, 'source', source_country FROM events WHERE source_country IS NOT NULL
    UNION
    SELECT id, 'target', target_country FROM events WHERE target_country IS NOT NULL
),
pairs AS (
    SELECT DISTINCT s.event_id, s.country AS src, t.country AS tgt
    FROM roles s JOIN roles t ON s.event_id = t.event_id
    WHERE s.role = 'source' AND t.role = 'target' AND s.country <> t.country
)"""


_EVENT_COLUMNS = """e.id, e.article_id, e.sentence_index, e.start_char, e.end_char, e.sentence,
           coalesce(e.date, c.published) AS day, e.source_code, e.target_code,
           e.source_country, e.target_country, e.source_sector, e.target_sector, e.source, e.target,
           e.cameo, e.cameo_root, e.plover, e.plover_mode, e.plover_context, e.quad_class,
           e.goldstein, e.negated, e.modality, e.aux_modes, e.rule, e.confidence, e.trigger,
           e.issues, e.speaker, c.publisher, c.url, c.title, c.published, c.language, c.coded_at,
           c.is_dup, c.canonical_id, st.tone AS sentence_tone, c.tone AS article_tone"""


def _event_filters(q: DyadQuery, *, canonical_only: bool) -> tuple[str, list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if canonical_only:
        where.append("NOT c.is_dup")
    if not q.include_negated:
        where.append("NOT coalesce(e.negated, false)")
    if q.since:
        where.append("coalesce(e.date, c.published) >= ?")
        args.append(q.since)
    if q.until:
        where.append("coalesce(e.date, c.published) <= ?")
        args.append(q.until)
    if q.plover:
        where.append("upper(e.plover) = ?")
        args.append(q.plover)
    if q.issue:
        where.append(
            "(list_contains(e.issues, ?) OR EXISTS (SELECT 1 FROM issue_tags it "
            "WHERE it.article_id = e.article_id AND it.sentence_index = e.sentence_index "
            "AND it.issue = ?))"
        )
        args += [q.issue, q.issue]
    if q.publisher:
        where.append("c.publisher = ?")
        args.append(q.publisher)
    return (" AND ".join(where) or "true"), args


def dyad_event_rows(
    db: Db,
    q: DyadQuery,
    *,
    freq: str | None = None,
    canonical_only: bool = True,
    undated: bool = False,
) -> list[dict[str, Any]]:
    """The dyad's event rows with their article, period and tone, oldest first.

    Rows without any date (no event date, no publication date) cannot be placed
    in a series; ``undated=True`` returns those instead of the dated ones.

    ``src``/``tgt`` are the countries that put the event in this dyad (for a
    reciprocal compound event seen in both directions, A->B is preferred).
    """
    if q.directed:
        pair_sql, pair_args = "src = ? AND tgt = ?", [q.a, q.b]
    else:
        pair_sql = "(src = ? AND tgt = ?) OR (src = ? AND tgt = ?)"
        pair_args = [q.a, q.b, q.b, q.a]
    filt, fargs = _event_filters(q, canonical_only=canonical_only)
    period = "CAST(date_trunc(?, coalesce(e.date, c.published)) AS DATE)" if freq else "NULL"
    sql = f"""
    WITH {CANON_CTE}, {PAIRS_CTE},
    matched AS (
        SELECT event_id,
               arg_min(src, CASE WHEN src = ? THEN 0 ELSE 1 END) AS src,
               arg_min(tgt, CASE WHEN src = ? THEN 0 ELSE 1 END) AS tgt
        FROM pairs WHERE {pair_sql} GROUP BY event_id
    )
    SELECT {_EVENT_COLUMNS}, {period} AS period, m.src, m.tgt
    FROM events e
    JOIN matched m ON m.event_id = e.id
    JOIN canon c ON c.id = e.article_id
    LEFT JOIN sentences st ON st.article_id = e.article_id AND st.idx = e.sentence_index
    WHERE coalesce(e.date, c.published) IS {"" if undated else "NOT "}NULL AND {filt}
    ORDER BY day, e.article_id, e.sentence_index, e.id
    """
    args: list[Any] = [q.a, q.a, *pair_args]
    if freq:
        args.append(freq)
    return rows(db, sql, args + fargs)


def dyad_assessment_rows(db: Db, q: DyadQuery, *, freq: str | None = None) -> list[dict[str, Any]]:
    """Statements about the A–B relationship (undirected: a relationship has no direction).

    The period, issue-free filters (dates, publisher) apply; PLOVER type does not.
    """
    where = ["NOT c.is_dup", "((s.dyad_a = ? AND s.dyad_b = ?) OR (s.dyad_a = ? AND s.dyad_b = ?))"]
    args: list[Any] = [q.a, q.b, q.b, q.a]
    if q.since:
        where.append("c.published >= ?")
        args.append(q.since)
    if q.until:
        where.append("c.published <= ?")
        args.append(q.until)
    if q.publisher:
        where.append("c.publisher = ?")
        args.append(q.publisher)
    period = "CAST(date_trunc(?, c.published) AS DATE)" if freq else "NULL"
    sql = f"""
    WITH {CANON_CTE}
    SELECT s.id, s.article_id, s.sentence_index, s.start_char, s.end_char, s.dyad_a, s.dyad_b,
           s.level, s.trend, s.polarity, s.speaker, s.sentence, s.rule,
           c.published AS day, {period} AS period, c.publisher, c.title, c.url
    FROM assessments s JOIN canon c ON c.id = s.article_id
    WHERE c.published IS NOT NULL AND {" AND ".join(where)}
    ORDER BY day, s.article_id, s.sentence_index
    """
    return rows(db, sql, ([freq] if freq else []) + args)


def duplicates_of(db: Db, article_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Stored copies (``duplicate_of``) of the given articles, by original id."""
    if not article_ids:
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows(
        db,
        "SELECT id, duplicate_of, publisher, url, title, published FROM articles "
        "WHERE duplicate_of IN (SELECT unnest(?)) AND id <> duplicate_of ORDER BY published, id",
        [list(article_ids)],
    ):
        out.setdefault(r["duplicate_of"], []).append(r)
    return out


def all_event_rows(
    db: Db,
    *,
    since: Any = None,
    until: Any = None,
    include_negated: bool = False,
    canonical_only: bool = True,
) -> list[dict[str, Any]]:
    """Every event row (any actors) with the same columns as ``dyad_event_rows``.

    ``src``/``tgt`` are the first source and target actor's countries.
    """
    where = ["true"]
    args: list[Any] = []
    if canonical_only:
        where.append("NOT c.is_dup")
    if not include_negated:
        where.append("NOT coalesce(e.negated, false)")
    if since:
        where.append("coalesce(e.date, c.published) >= ?")
        args.append(since)
    if until:
        where.append("coalesce(e.date, c.published) <= ?")
        args.append(until)
    sql = f"""
    WITH {CANON_CTE}
    SELECT {_EVENT_COLUMNS}, NULL AS period, e.source_country AS src, e.target_country AS tgt
    FROM events e JOIN canon c ON c.id = e.article_id
    LEFT JOIN sentences st ON st.article_id = e.article_id AND st.idx = e.sentence_index
    WHERE {" AND ".join(where)}
    ORDER BY day NULLS LAST, e.article_id, e.sentence_index, e.id
    """
    return rows(db, sql, args)
