"""The one query layer: the SQL that selects a dyad's events and statements (DuckDB,
always parameterised), shared by the analytics, the CLI, the web routes, the report
and the exports, and every other read query of the analytics, the report and the
exports (corpus counts, a dyad summary's tables, referenced articles, the gold and
table exports): those modules hold no SQL of their own.

Three decisions live here and nowhere else:

* which events belong to a dyad: those with a source actor of country A and
  a target actor of country B, looking at every actor of a compound event
  (``event_actors``) and at the flattened first actors of ``events``;
* which articles count: an article marked ``duplicate_of`` another article
  that is in the database is a copy and is left out (its original counts), so
  near-duplicates are counted once;
* which events count: not negated, of the chosen modalities (actual only by
  default) and at least the chosen confidence (``event_rule_sql``). Every
  surface (CLI, API, pages, report, exports, DataFrames) selects events
  through these functions, so one dyad has one count everywhere, and
  ``left_out`` says what the rules dropped.
"""

from __future__ import annotations

from typing import Any

import duckdb

from detente.analytics.params import DEFAULT_MODALITIES, MODALITIES, DyadQuery
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


def event_rule_sql(
    *,
    include_negated: bool = False,
    modalities: tuple[str, ...] | None = DEFAULT_MODALITIES,
    min_confidence: float | None = None,
    alias: str = "e",
) -> tuple[list[str], list[Any]]:
    """The counting rules as WHERE clauses on an ``events`` alias (``modalities=None``: any).

    An event without a stored modality counts as actual (older databases).
    """
    where: list[str] = []
    args: list[Any] = []
    if not include_negated:
        where.append(f"NOT coalesce({alias}.negated, false)")
    if modalities is not None and set(modalities) != set(MODALITIES):
        where.append(f"list_contains(?, coalesce({alias}.modality, 'actual'))")
        args.append(list(modalities))
    if min_confidence is not None:
        where.append(f"coalesce({alias}.confidence, 0) >= ?")
        args.append(min_confidence)
    return where, args


def _event_filters(q: DyadQuery, *, canonical_only: bool) -> tuple[str, list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if canonical_only:
        where.append("NOT c.is_dup")
    rw, ra = event_rule_sql(
        include_negated=q.include_negated,
        modalities=q.modalities,
        min_confidence=q.min_confidence,
    )
    where += rw
    args += ra
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


def dyad_event_sql(
    q: DyadQuery,
    *,
    freq: str | None = None,
    canonical_only: bool = True,
    undated: bool | None = False,
    extra: str = "",
    pair_sources: bool = False,
) -> tuple[str, list[Any]]:
    """The query of ``dyad_event_rows`` and its parameters (also wrapped by ``left_out``).

    ``extra``: more output columns (``analytics.dyadrows`` adds what it filters
    on); ``pair_sources``: also ``_src_lo``/``_src_hi``, the least and greatest
    country that is a source of the event in this dyad (so both directions can
    be told apart from one undirected read).
    """
    if q.directed:
        pair_sql, pair_args = "src = ? AND tgt = ?", [q.a, q.b]
    else:
        pair_sql = "(src = ? AND tgt = ?) OR (src = ? AND tgt = ?)"
        pair_args = [q.a, q.b, q.b, q.a]
    filt, fargs = _event_filters(q, canonical_only=canonical_only)
    period = "CAST(date_trunc(?, coalesce(e.date, c.published)) AS DATE)" if freq else "NULL"
    sources_sql = ", min(src) AS _src_lo, max(src) AS _src_hi" if pair_sources else ""
    sources_out = ", m._src_lo, m._src_hi" if pair_sources else ""
    sql = f"""
    WITH {CANON_CTE}, {PAIRS_CTE},
    matched AS (
        SELECT event_id,
               arg_min(src, CASE WHEN src = ? THEN 0 ELSE 1 END) AS src,
               arg_min(tgt, CASE WHEN src = ? THEN 0 ELSE 1 END) AS tgt{sources_sql}
        FROM pairs WHERE {pair_sql} GROUP BY event_id
    )
    SELECT {_EVENT_COLUMNS}, {period} AS period, m.src, m.tgt{extra}{sources_out}
    FROM events e
    JOIN matched m ON m.event_id = e.id
    JOIN canon c ON c.id = e.article_id
    LEFT JOIN sentences st ON st.article_id = e.article_id AND st.idx = e.sentence_index
    WHERE {_dated(undated)} AND {filt}
    ORDER BY day NULLS LAST, e.article_id, e.sentence_index, e.id
    """
    args: list[Any] = [q.a, q.a, *pair_args]
    if freq:
        args.append(freq)
    return sql, args + fargs


def dyad_event_rows(
    db: Db,
    q: DyadQuery,
    *,
    freq: str | None = None,
    canonical_only: bool = True,
    undated: bool | None = False,
) -> list[dict[str, Any]]:
    """The dyad's event rows with their article, period and tone, oldest first.

    Rows without any date (no event date, no publication date) cannot be placed
    in a series; ``undated=True`` returns those instead of the dated ones,
    ``undated=None`` both.

    ``src``/``tgt`` are the countries that put the event in this dyad (for a
    reciprocal compound event seen in both directions, A->B is preferred).
    """
    sql, args = dyad_event_sql(q, freq=freq, canonical_only=canonical_only, undated=undated)
    return rows(db, sql, args)


def _dated(undated: bool | None) -> str:
    if undated is None:
        return "true"
    return f"coalesce(e.date, c.published) IS {'' if undated else 'NOT '}NULL"


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
    modalities: tuple[str, ...] | None = DEFAULT_MODALITIES,
    min_confidence: float | None = None,
    actor: str | None = None,
    cameo: str | None = None,
    plover: str | None = None,
    undated: bool | None = None,
) -> list[dict[str, Any]]:
    """Every event row (any actors) with the same columns as ``dyad_event_rows``.

    ``src``/``tgt`` are the first source and target actor's countries.
    ``actor`` matches a country or actor code of any actor (compound ones too),
    ``cameo`` a CAMEO code prefix ("19" is the root, "190" the code).
    """
    where = ["true", _dated(undated)]
    args: list[Any] = []
    if canonical_only:
        where.append("NOT c.is_dup")
    rw, ra = event_rule_sql(
        include_negated=include_negated, modalities=modalities, min_confidence=min_confidence
    )
    where += rw
    args += ra
    if since:
        where.append("coalesce(e.date, c.published) >= ?")
        args.append(since)
    if until:
        where.append("coalesce(e.date, c.published) <= ?")
        args.append(until)
    if actor:
        where.append(
            "(? IN (e.source_country, e.target_country, e.source_code, e.target_code) OR EXISTS "
            "(SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ? IN (ea.country, ea.code)))"
        )
        args += [actor.upper(), actor.upper()]
    if cameo:
        where.append("starts_with(e.cameo, ?)")
        args.append(cameo)
    if plover:
        where.append("upper(e.plover) = ?")
        args.append(plover.upper())
    sql = f"""
    WITH {CANON_CTE}
    SELECT {_EVENT_COLUMNS}, NULL AS period, e.source_country AS src, e.target_country AS tgt
    FROM events e JOIN canon c ON c.id = e.article_id
    LEFT JOIN sentences st ON st.article_id = e.article_id AND st.idx = e.sentence_index
    WHERE {" AND ".join(where)}
    ORDER BY day NULLS LAST, e.article_id, e.sentence_index, e.id
    """
    return rows(db, sql, args)


# Why an event row is not counted, in the order the reasons are checked.
REASONS = ("copy", "negated", "modality", "low_confidence", "undated")


def why_left_out(
    row: dict[str, Any],
    *,
    include_negated: bool = False,
    modalities: tuple[str, ...] | None = DEFAULT_MODALITIES,
    min_confidence: float | None = None,
) -> str | None:
    """The first counting rule ``row`` fails ("copy", "negated", "modality:intent", ...), or None."""
    if row.get("is_dup"):
        return "copy"
    if not include_negated and row.get("negated"):
        return "negated"
    mod = row.get("modality") or "actual"
    if modalities is not None and mod not in modalities:
        return f"modality:{mod}"
    if min_confidence is not None and (row.get("confidence") or 0) < min_confidence:
        return "low_confidence"
    if row.get("day") is None:
        return "undated"
    return None


def left_out(db: Db, q: DyadQuery) -> dict[str, int]:
    """How many of the dyad's event rows (under its date/type/issue/outlet filters) each rule drops.

    Keys: ``copy`` (rows in near-duplicate copies), ``negated``,
    ``modality:<m>`` (demanded, intent, hypothetical), ``low_confidence``,
    ``undated`` (no date: listed, but in no chart), plus ``total`` (every row
    looked at) and ``kept`` (rows counted).

    Counted in DuckDB: the CASE below is ``why_left_out`` in SQL (same order of
    rules), so no row travels to Python (tests/test_one_count.py compares both).
    """
    from dataclasses import replace

    wide = replace(q, include_negated=True, modalities=MODALITIES, min_confidence=None)
    inner, inner_args = dyad_event_sql(wide, canonical_only=False, undated=None)
    checks, args = ["WHEN is_dup THEN 'copy'"], []
    if not q.include_negated:
        checks.append("WHEN coalesce(negated, false) THEN 'negated'")
    if q.modalities is not None:
        checks.append(
            "WHEN NOT list_contains(?, coalesce(nullif(modality, ''), 'actual')) "
            "THEN 'modality:' || coalesce(nullif(modality, ''), 'actual')"
        )
        args.append(list(q.modalities))
    if q.min_confidence is not None:
        checks.append("WHEN coalesce(confidence, 0) < ? THEN 'low_confidence'")
        args.append(q.min_confidence)
    checks.append("WHEN day IS NULL THEN 'undated'")
    sql = (
        f"SELECT CASE {' '.join(checks)} ELSE 'kept' END AS why, count(*) AS n "
        f"FROM ({inner}) t GROUP BY why"
    )
    out: dict[str, int] = {"total": 0, "kept": 0}
    for r in rows(db, sql, args + inner_args):
        out[r["why"]] = int(r["n"])
        out["total"] += int(r["n"])
    return out


def describe_left_out(counts: dict[str, int], *, unit: str = "event rows") -> str:
    """One line for users: "24 event rows → 18 counted: 3 negated, 2 demanded, 1 in copies"."""
    parts = []
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if key in ("total", "kept") or not n:
            continue
        if key == "copy":
            parts.append(f"{n} in near-duplicate copies")
        elif key.startswith("modality:"):
            parts.append(f"{n} {key.split(':', 1)[1]}")
        elif key == "low_confidence":
            parts.append(f"{n} below the confidence floor")
        elif key == "undated":
            parts.append(f"{n} undated (listed, not charted)")
        else:
            parts.append(f"{n} {key}")
    head = f"{counts.get('total', 0)} {unit} → {counts.get('kept', 0)} counted"
    return head + (": " + ", ".join(parts) if parts else "")


def dyad_seen(db: Db, a: str, b: str) -> int:
    """Events and statements between ``a`` and ``b`` (either direction), compound actors
    too: whether the dyad exists at all, before any counting rule."""
    return int(scalar(
        db,
        "SELECT (SELECT count(*) FROM events WHERE (source_country = ? AND target_country = ?) "
        "OR (source_country = ? AND target_country = ?)) + (SELECT count(*) FROM event_actors s "
        "JOIN event_actors t ON s.event_id = t.event_id AND s.role = 'source' AND t.role = 'target' "
        "WHERE (s.country = ? AND t.country = ?) OR (s.country = ? AND t.country = ?)) + "
        "(SELECT count(*) FROM assessments WHERE (dyad_a = ? AND dyad_b = ?) OR (dyad_a = ? AND dyad_b = ?))",
        [a, b, b, a] * 3,
    ) or 0)


def undated_articles(db: Db) -> int:
    """Articles with no published date: their undated events stay out of the charts."""
    return int(scalar(db, "SELECT count(*) FROM articles WHERE published IS NULL") or 0)


# -- helpers of dyadrows, memo and series ------------------------------------------------------

# What ``analytics.dyadrows`` filters on besides a row's own columns (``dyad_event_sql``'s
# ``extra``): the upper-cased PLOVER type and the issues tagged in the event's sentence.
FILTER_COLUMNS = (
    ", upper(e.plover) AS _plover_upper, (SELECT list(it.issue) FROM issue_tags it "
    "WHERE it.article_id = e.article_id AND it.sentence_index = e.sentence_index) AS _tag_issues"
)


def attached_file(con: Any) -> tuple[Any, Any] | None:
    """(path, read-only) of the database ``con`` reads (DuckDB's catalogue), or None."""
    return con.execute(
        "SELECT path, readonly FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()


def period_starts(db: Db, first: Any, last: Any, freq: str, step: str, limit: int) -> list[Any]:
    """Period starts from ``first`` to ``last`` (both truncated to ``freq``), ``step`` apart,
    at most ``limit`` of them."""
    got = rows(
        db,
        "SELECT CAST(p AS DATE) AS p FROM generate_series("
        "CAST(date_trunc(?, CAST(? AS DATE)) AS TIMESTAMP), "
        "CAST(date_trunc(?, CAST(? AS DATE)) AS TIMESTAMP), CAST(? AS INTERVAL)) t(p) LIMIT ?",
        [freq, first, freq, last, step, limit],
    )
    return [r["p"] for r in got]


# -- the corpus: every dyad at once (analytics/corpus.py) --------------------------------------

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


def corpus_counts(db: Db) -> dict[str, Any]:
    """Counts and date range of everything stored (copies counted apart), top publishers
    and PLOVER types."""
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
    stats["n_dyads"] = n_dyads(db)
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


def n_dyads(db: Db) -> Any:
    """How many undirected dyads have a counted event row."""
    return scalar(db, f"{_DYAD_EVENTS} SELECT count(DISTINCT (a, b)) FROM ev", list(_RULE_ARGS))


def dyad_report_counts(db: Db, *, limit: int, offset: int) -> list[dict[str, Any]]:
    """Undirected dyads by number of counted event rows (see ``analytics.corpus.dyad_counts``)."""
    return rows(
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


def busiest_dyad(db: Db) -> list[dict[str, Any]]:
    """The dyad with most counted event rows (one row of ``a``, ``b``; none without dyads)."""
    return rows(
        db,
        f"{_DYAD_EVENTS} SELECT a, b FROM ev GROUP BY a, b "
        "ORDER BY count(DISTINCT event_id) DESC, a, b LIMIT 1",
        list(_RULE_ARGS),
    )


def dyad_period_counts(db: Db, a: str, b: str, freq: str) -> list[dict[str, Any]]:
    """Counted event rows of the dyad per period (raw rows: no clustering)."""
    return rows(
        db,
        f"""{_DYAD_EVENTS}
        SELECT CAST(date_trunc(?, day) AS DATE) AS period, count(DISTINCT event_id) AS n_events
        FROM ev WHERE a = least(?, ?) AND b = greatest(?, ?) AND day IS NOT NULL
        GROUP BY 1 ORDER BY 1
        """,
        [*_RULE_ARGS, freq, a, b, a, b],
    )


# -- a dyad's summary: its articles' speakers, quotes, issues and outlets (analytics/summary.py)


def quote_speakers(db: Db, article_ids: list[str], top: int) -> list[dict[str, Any]]:
    """Who is quoted in ``article_ids``, most quotes first."""
    return rows(
        db,
        "SELECT coalesce(speaker_name, '(unattributed)') AS speaker, speaker_country AS country, "
        "count(*) AS n_quotes, count(DISTINCT article_id) AS n_articles "
        "FROM quotes WHERE article_id IN (SELECT unnest(?)) "
        "GROUP BY ALL ORDER BY n_quotes DESC, n_articles DESC, speaker LIMIT ?",
        [article_ids, top],
    )


def latest_quotes(db: Db, article_ids: list[str], top: int) -> list[dict[str, Any]]:
    """Quotes of ``article_ids``: attributed ones first, newest article first."""
    return rows(
        db,
        "SELECT q.id, q.article_id, q.text, q.kind, q.speaker_name, q.speaker_country, "
        "a.publisher, a.published FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.article_id IN (SELECT unnest(?)) "
        "ORDER BY q.speaker_name IS NULL, a.published DESC NULLS LAST, q.article_id, "
        "q.sentence_index LIMIT ?",
        [article_ids, top],
    )


def issue_counts(db: Db, article_ids: list[str], top: int) -> list[dict[str, Any]]:
    """Issues tagged in ``article_ids``, by number of articles."""
    return rows(
        db,
        "SELECT issue, count(DISTINCT article_id) AS n_articles, count(*) AS n_mentions "
        "FROM issue_tags WHERE article_id IN (SELECT unnest(?)) "
        "GROUP BY issue ORDER BY n_articles DESC, n_mentions DESC, issue LIMIT ?",
        [article_ids, top],
    )


def event_issues(db: Db, event_ids: list[str]) -> list[dict[str, Any]]:
    """(event_id, issue) of each event: its own issues and those tagged in its sentence."""
    return rows(
        db,
        "SELECT e.id AS event_id, unnest(e.issues) AS issue FROM events e "
        "WHERE e.id IN (SELECT unnest(?)) "
        "UNION SELECT e.id, it.issue FROM events e JOIN issue_tags it "
        "ON it.article_id = e.article_id AND it.sentence_index = e.sentence_index "
        "WHERE e.id IN (SELECT unnest(?))",
        [event_ids, event_ids],
    )


def outlet_events(db: Db, q: DyadQuery, event_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Per publisher, the dyad's events (copies included; ``event_ids`` when the caller has
    them, else ``dyad_event_sql``): articles, events, mean Goldstein, net cooperation index
    and mean tone."""
    if event_ids is not None:
        dyad_sql, dyad_args = "SELECT unnest(?) AS id", [event_ids]
    else:
        dyad_sql, dyad_args = dyad_event_sql(q, canonical_only=False)
    return rows(
        db,
        f"""
        SELECT coalesce(a.publisher, '(unknown)') AS publisher,
               count(DISTINCT e.article_id) AS n_articles, count(*) AS n_events,
               avg(e.goldstein) AS goldstein_mean,
               sum(CASE e.quad_class WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN -1 WHEN 4 THEN -2 END)
                 / nullif(sum(CASE WHEN e.quad_class IN (1, 3) THEN 1
                                   WHEN e.quad_class IN (2, 4) THEN 2 END), 0) AS nci,
               avg(coalesce(st.tone, a.tone)) AS tone
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN sentences st ON st.article_id = e.article_id AND st.idx = e.sentence_index
        WHERE e.id IN (SELECT id FROM ({dyad_sql}) dyad)
        GROUP BY 1 ORDER BY n_events DESC, publisher
        """,
        dyad_args,
    )


def outlet_assessments(db: Db, q: DyadQuery) -> list[dict[str, Any]]:
    """Per publisher (copies included), the mean polarity of statements about the A–B
    relationship under ``q``'s dates and publisher."""
    where = ["((s.dyad_a = ? AND s.dyad_b = ?) OR (s.dyad_a = ? AND s.dyad_b = ?))"]
    args: list[Any] = [q.a, q.b, q.b, q.a]
    for clause, value in (
        ("a.published >= ?", q.since),
        ("a.published <= ?", q.until),
        ("a.publisher = ?", q.publisher),
    ):
        if value is not None:
            where.append(clause)
            args.append(value)
    return rows(
        db,
        "SELECT coalesce(a.publisher, '(unknown)') AS publisher, avg(s.polarity) AS assessment, "
        "count(*) AS n_assessments FROM assessments s JOIN articles a ON a.id = s.article_id "
        f"WHERE {' AND '.join(where)} GROUP BY 1",
        args,
    )


# -- articles by id (report/view.py) and the exports (export/run.py, export/gold.py) -------------


def articles_by_id(db: Db, article_ids: list[str]) -> list[dict[str, Any]]:
    """Title, publisher, date, URL and ``duplicate_of`` of each article, oldest first."""
    return rows(
        db,
        "SELECT id, title, publisher, CAST(published AS VARCHAR) AS published, url, duplicate_of "
        "FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY published, id",
        [article_ids],
    )


def json_columns(db: Db) -> dict[str, set[str]]:
    """The JSON columns of each table."""
    out: dict[str, set[str]] = {}
    for r in rows(
        db,
        "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'JSON'",
    ):
        out.setdefault(r["table_name"], set()).add(r["column_name"])
    return out


def table_arrow(db: Db, table: str, column: str | None = None, values: list[Any] | None = None) -> Any:
    """Every row of ``table`` (a name from code, never from input) as an Arrow table, or
    those whose ``column`` is one of ``values``."""
    con = connection(db)
    if column is None or values is None:
        return con.sql(f"SELECT * FROM {table}").to_arrow_table()
    sql = f"SELECT * FROM {table} WHERE {column} IN (SELECT unnest(?))"
    return con.sql(sql, params=[values]).to_arrow_table()


def article_ids(db: Db) -> list[str]:
    """Every stored article id, in order."""
    return [r["id"] for r in rows(db, "SELECT id FROM articles ORDER BY id")]


def gold_article(db: Db, article_id: str) -> dict[str, Any] | None:
    """What the gold format keeps of an article (its body included), or None."""
    found = rows(
        db,
        "SELECT id, url, publisher, title, authors, CAST(published AS VARCHAR) AS published, "
        "body, main_dyad FROM articles WHERE id = ?",
        [article_id],
    )
    return found[0] if found else None


def gold_event_rows(db: Db, article_id: str) -> list[dict[str, Any]]:
    """The stored events of an article the gold starts from: with a PLOVER type, not negated,
    in text order."""
    return rows(
        db,
        "SELECT id, sentence_index, sentence, plover, cameo_root, source, target, source_code, "
        "source_country, source_sector, target_code, target_country, target_sector, rule "
        "FROM events WHERE article_id = ? AND plover IS NOT NULL AND NOT coalesce(negated, false) "
        "ORDER BY sentence_index, start_char, id",
        [article_id],
    )


def sentence_texts(db: Db, article_id: str) -> dict[int, str]:
    """An article's sentences by index."""
    got = rows(db, "SELECT idx, text FROM sentences WHERE article_id = ?", [article_id])
    return {r["idx"]: r["text"] for r in got}
