"""Reading stored quotes, assessments and issues back out of the database.

The CLI commands (`detente quotes`, `detente assessments`, `detente issues`)
and the web/report layers call these; each returns plain dicts in the JSON
shape users see, so every consumer prints the same thing.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from detente.signals.config import load_issue_taxonomy
from detente.store import Store


def _speaker(raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    d = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return {
        "text": d.get("text"),
        "name": d.get("name"),
        "country": d.get("country"),
        "sector": d.get("sector"),
        "code": d.get("code"),
    }


def _article_filters(
    dyad: tuple[str, str] | None, since: date | None, until: date | None
) -> tuple[str, list[Any]]:
    """WHERE clauses on the article alias ``a``: its main dyad and its publication date.

    ``since``/``until`` are inclusive; an article without a date matches no date range.
    """
    where, params = "", []
    if dyad is not None:
        a, b = sorted(x.upper() for x in dyad)
        where += " AND a.main_dyad = [?, ?]"
        params += [a, b]
    if since is not None:
        where += " AND a.published >= ?"
        params.append(since)
    if until is not None:
        where += " AND a.published <= ?"
        params.append(until)
    return where, params


def list_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored quotes, oldest article first.

    speaker: case-insensitive substring of the speaker's name or text.
    dyad: only quotes from articles whose main dyad is this pair of countries.
    since/until: only quotes from articles published in this range (inclusive).
    """
    where, params = "", []
    if speaker:
        where += " AND (q.speaker_name ILIKE ? OR json_extract_string(q.speaker, '$.text') ILIKE ?)"
        params += [f"%{speaker}%", f"%{speaker}%"]
    more, more_params = _article_filters(dyad, since, until)
    where += more
    params += more_params
    sql = (
        "SELECT q.id, q.article_id, CAST(a.published AS VARCHAR) AS published, a.publisher, "
        "q.sentence_index, q.start_char, q.end_char, q.text, q.kind, q.speaker, q.sentence, "
        # the issues whose evidence lies inside the quoted words
        "(SELECT list(DISTINCT t.issue ORDER BY t.issue) FROM issue_tags t "
        " WHERE t.article_id = q.article_id AND t.start_char >= q.start_char "
        " AND t.end_char <= q.end_char) AS issues "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE TRUE"
        + where
        + " ORDER BY a.published NULLS LAST, q.article_id, q.start_char"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        {
            "id": r["id"],
            "article_id": r["article_id"],
            "published": r["published"],
            "publisher": r["publisher"],
            "speaker": _speaker(r["speaker"]),
            "text": r["text"],
            "kind": r["kind"],
            "issues": r["issues"] or [],
            "sentence_index": r["sentence_index"],
            "start": r["start_char"],
            "end": r["end_char"],
            "sentence": r["sentence"],
        }
        for r in store.query(sql, params)
    ]


def list_assessments(
    store: Store, *, dyad: tuple[str, str] | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored relationship assessments, oldest article first, optionally for one dyad."""
    where, params = "", []
    if dyad is not None:
        a, b = sorted(x.upper() for x in dyad)
        where = " AND s.dyad_a = ? AND s.dyad_b = ?"
        params = [a, b]
    sql = (
        "SELECT s.*, CAST(a.published AS VARCHAR) AS published, a.publisher "
        "FROM assessments s JOIN articles a ON a.id = s.article_id WHERE TRUE"
        + where
        + " ORDER BY a.published NULLS LAST, s.article_id, s.start_char"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        {
            "id": r["id"],
            "article_id": r["article_id"],
            "published": r["published"],
            "publisher": r["publisher"],
            "dyad": [r["dyad_a"], r["dyad_b"]],
            "level": r["level"],
            "trend": r["trend"],
            "polarity": r["polarity"],
            "speaker": _speaker(r["speaker"]),
            "sentence_index": r["sentence_index"],
            "start": r["start_char"],
            "end": r["end_char"],
            "sentence": r["sentence"],
            "rule": r["rule"],
        }
        for r in store.query(sql, params)
    ]


def issue_summary(
    store: Store,
    *,
    examples: int = 3,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """Each issue with its number of matches and articles and a few example phrases
    with the sentence they came from, most frequent issue first.

    dyad, since/until: count only articles whose main dyad is this pair of
    countries and that were published in this range (inclusive), as `list_quotes`.
    """
    taxonomy = load_issue_taxonomy()
    where, params = _article_filters(dyad, since, until)
    tagged = f"issue_tags t JOIN articles a ON a.id = t.article_id WHERE TRUE{where}"
    counts = store.query(
        "SELECT t.issue, count(*) AS tags, count(DISTINCT t.article_id) AS articles "
        f"FROM {tagged} GROUP BY t.issue ORDER BY tags DESC, t.issue",
        params,
    )
    rows = store.query(
        "SELECT t.issue, t.phrase, t.article_id, t.sentence_index, s.text AS sentence, "
        "row_number() OVER (PARTITION BY t.issue ORDER BY t.article_id, t.start_char) AS n "
        "FROM issue_tags t JOIN articles a ON a.id = t.article_id LEFT JOIN sentences s "
        f"ON s.article_id = t.article_id AND s.idx = t.sentence_index WHERE TRUE{where} "
        "QUALIFY n <= ? ORDER BY t.issue, n",
        [*params, examples],
    )
    by_issue: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_issue.setdefault(r["issue"], []).append(
            {
                "phrase": r["phrase"],
                "article_id": r["article_id"],
                "sentence_index": r["sentence_index"],
                "sentence": r["sentence"],
            }
        )
    return [
        {
            "issue": c["issue"],
            "label": taxonomy.label(c["issue"]),
            "tags": c["tags"],
            "articles": c["articles"],
            "examples": by_issue.get(c["issue"], []),
        }
        for c in counts
    ]


def article_issue_lists(store: Store, article_ids: list[str]) -> dict[str, list[str]]:
    """Article id -> its issues, most frequent first (for `detente articles` JSON)."""
    if not article_ids:
        return {}
    rows = store.query(
        "SELECT article_id, issue, count(*) AS n FROM issue_tags "
        "WHERE list_contains(?, article_id) GROUP BY article_id, issue "
        "ORDER BY article_id, n DESC, issue",
        [article_ids],
    )
    out: dict[str, list[str]] = {a: [] for a in article_ids}
    for r in rows:
        out[r["article_id"]].append(r["issue"])
    return out
