"""Read queries behind the API and pages: filtered, paginated, always parameterised.

Each ``list_*`` function returns ``(items, total)``. Filters arrive already
validated (codes upper-cased, dates parsed); text filters use ILIKE with the
user's ``%``/``_`` escaped, so a search for "100%" means exactly that.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from detente.analytics.params import DEFAULT_MODALITIES, QueryError
from detente.analytics.queries import CANON_CTE, Db, event_rule_sql, rows, scalar
from detente.errors import Errors
from detente.records import actors_from_json

_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
SNIPPET_CHARS = 90


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE wildcards in ``text`` escaped (use with ESCAPE '\\')."""
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


class _Where:
    """Collects WHERE clauses with their parameters, in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.args: list[Any] = []

    def add(self, clause: str, *args: Any) -> None:
        self.clauses.append(clause)
        self.args.extend(args)

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _page(db: Db, base: str, w: _Where, order: str, limit: int, offset: int, select: str):
    total = scalar(db, f"SELECT count(*) FROM ({base}) t {w.sql()}", w.args) or 0
    items = rows(
        db,
        f"{select} FROM ({base}) t {w.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*w.args, limit, offset],
    )
    return items, int(total)


def _json_fields(items: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    for it in items:
        for n in names:
            if isinstance(it.get(n), str):
                it[n] = json.loads(it[n])
    return items


def _actor_fields(items: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    """Stored actor lists as ActorRef dicts: every key present (``resolved_by`` is None in
    rows stored before it was kept)."""
    for it in items:
        for n in names:
            it[n] = [a.to_dict() for a in actors_from_json(it.get(n))]
    return items


# -- articles ---------------------------------------------------------------------------------


def list_articles(
    db: Db,
    *,
    q: str | None = None,
    publisher: str | None = None,
    since: date | None = None,
    until: date | None = None,
    duplicates: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Articles without their body; with ``q``, only those whose title or text contains it."""
    w = _Where()
    if q:
        w.add(
            "(body ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\')",
            like_pattern(q),
            like_pattern(q),
        )
    if publisher:
        w.add("publisher = ?", publisher)
    if since:
        w.add("published >= ?", since)
    if until:
        w.add("published <= ?", until)
    if not duplicates:
        w.add("duplicate_of IS NULL")
    base = (
        "SELECT a.*, (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events "
        "FROM articles a"
    )
    select = (
        "SELECT id, title, publisher, CAST(published AS VARCHAR) AS published, url, language, "
        "duplicate_of, tone, n_events, coded_version IS NOT NULL AS coded" + (", body" if q else "")
    )
    items, total = _page(db, base, w, "published DESC NULLS LAST, id", limit, offset, select)
    if q:
        for it in items:
            it["snippet"] = snippet(it.pop("body"), q)
    return items, total


def snippet(body: str, q: str, width: int = SNIPPET_CHARS) -> Markup:
    """The first match of ``q`` in ``body`` with some context, escaped, the match in <mark>."""
    m = re.search(re.escape(q), body, re.IGNORECASE)
    if not m:
        return escape(body[: 2 * width])
    start, end = m.span()
    lo, hi = max(0, start - width), min(len(body), end + width)
    pre = ("…" if lo > 0 else "") + body[lo:start]
    post = body[end:hi] + ("…" if hi < len(body) else "")
    return Markup("{}<mark>{}</mark>{}").format(pre, body[start:end], post)


def article_id_param(value: str) -> str:
    if not _ID.match(value or ""):
        raise QueryError(Errors.E600_NOT_AN_ARTICLE_ID, value=value, param="id")
    return value


def find_article(db: Db, article_id: str) -> dict[str, Any] | None:
    """An article by id or unique id prefix (QueryError when the prefix is ambiguous)."""
    article_id_param(article_id)
    found = rows(
        db,
        "SELECT id, title, publisher, CAST(published AS VARCHAR) AS published, url, language, "
        "authors, body, comments, duplicate_of, tone, main_dyad, source_path, coded_version "
        "FROM articles WHERE id = ? OR starts_with(id, ?) ORDER BY id = ? DESC, id LIMIT 2",
        [article_id, article_id, article_id],
    )
    if not found:
        return None
    if found[0]["id"] != article_id and len(found) > 1:
        raise QueryError(Errors.E600_ARTICLE_ID_AMBIGUOUS, article_id=article_id, param="id")
    return found[0]


def article_details(db: Db, article_id: str) -> dict[str, Any]:
    """Everything coded from one article, for the article page and /api/articles/{id}."""
    args = [article_id]
    out: dict[str, Any] = {}
    out["sentences"] = rows(
        db,
        "SELECT idx, start_char, end_char, text, tone FROM sentences WHERE article_id = ? ORDER BY idx",
        args,
    )
    out["mentions"] = rows(
        db,
        "SELECT sentence_index, start_char, end_char, text, name, country, sector, code, "
        "resolved_by, confidence FROM mentions WHERE article_id = ? ORDER BY start_char, end_char",
        args,
    )
    out["events"] = _actor_fields(
        rows(
            db,
            "SELECT id, sentence_index, start_char, end_char, sentence, CAST(date AS VARCHAR) AS date, "
            "source, target, source_code, target_code, source_country, target_country, cameo, "
            "cameo_root, plover, plover_mode, quad_class, goldstein, negated, modality, rule, "
            "confidence, issues, trigger FROM events WHERE article_id = ? "
            "ORDER BY sentence_index, start_char, id",
            args,
        ),
        "source",
        "target",
    )
    out["quotes"] = _json_fields(
        rows(
            db,
            "SELECT id, sentence_index, start_char, end_char, text, kind, speaker, speaker_name, "
            "speaker_country FROM quotes WHERE article_id = ? ORDER BY start_char, id",
            args,
        ),
        "speaker",
    )
    out["issues"] = rows(
        db,
        "SELECT sentence_index, issue, phrase, start_char, end_char FROM issue_tags "
        "WHERE article_id = ? ORDER BY start_char, issue",
        args,
    )
    out["assessments"] = _json_fields(
        rows(
            db,
            "SELECT id, sentence_index, start_char, end_char, dyad_a, dyad_b, level, trend, "
            "polarity, speaker, sentence, rule FROM assessments WHERE article_id = ? "
            "ORDER BY start_char, id",
            args,
        ),
        "speaker",
    )
    out["copies"] = rows(
        db,
        "SELECT id, publisher, CAST(published AS VARCHAR) AS published FROM articles "
        "WHERE duplicate_of = ? AND id <> ? ORDER BY published, id",
        [article_id, article_id],
    )
    return out


# -- coded records --------------------------------------------------------------------------


def list_events(
    db: Db,
    *,
    country: str | None = None,
    source: str | None = None,
    target: str | None = None,
    plover: str | None = None,
    cameo: str | None = None,
    quad_class: int | None = None,
    since: date | None = None,
    until: date | None = None,
    article_id: str | None = None,
    publisher: str | None = None,
    negated: bool | None = None,
    modalities: tuple[str, ...] | None = DEFAULT_MODALITIES,
    min_confidence: float | None = None,
    duplicates: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Event rows (one per coded sentence, not clustered) with their article's publisher.

    The counting rules of ``analytics.queries`` apply: without ``negated`` negated
    events are left out (``negated=True``: only those), only ``modalities``
    count (actual by default; None: any), copies only with ``duplicates``.
    """
    w = _Where()
    rules, rule_args = event_rule_sql(
        include_negated=negated is not None,
        modalities=modalities,
        min_confidence=min_confidence,
        alias="t",
    )
    for clause in rules:
        w.add(clause)
    w.args += rule_args
    if not duplicates:
        w.add("NOT is_dup")
    role = (
        "(EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = id AND ea.role = '{r}' "
        "AND ea.country = ?) OR {r}_country = ?)"
    )
    if source:
        w.add(role.format(r="source"), source, source)
    if target:
        w.add(role.format(r="target"), target, target)
    if country:
        w.add(
            "(EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = id AND ea.country = ?) "
            "OR source_country = ? OR target_country = ?)",
            country,
            country,
            country,
        )
    if plover:
        w.add("upper(plover) = ?", plover.upper())
    if cameo:
        w.add("starts_with(cameo, ?)", cameo)
    if quad_class is not None:
        w.add("quad_class = ?", quad_class)
    if since:
        w.add("day >= ?", since)
    if until:
        w.add("day <= ?", until)
    if article_id:
        w.add("article_id = ?", article_id)
    if publisher:
        w.add("publisher = ?", publisher)
    if negated is not None:
        w.add("coalesce(negated, false) = ?", negated)
    base = (
        f"WITH {CANON_CTE} SELECT e.*, coalesce(e.date, a.published) AS day, a.publisher, a.url, "
        "CASE WHEN a.is_dup THEN a.canonical_id END AS duplicate_of, a.is_dup "
        "FROM events e JOIN canon a ON a.id = e.article_id"
    )
    select = (
        "SELECT id, article_id, sentence_index, start_char, end_char, sentence, "
        "CAST(day AS VARCHAR) AS date, source, target, source_code, source_country, target_code, "
        "target_country, cameo, cameo_root, plover, plover_mode, quad_class, goldstein, negated, "
        "modality, rule, confidence, issues, publisher, url, duplicate_of"
    )
    items, total = _page(
        db, base, w, "day NULLS LAST, article_id, sentence_index, id", limit, offset, select
    )
    return _actor_fields(items, "source", "target"), total


def list_quotes(
    db: Db,
    *,
    speaker: str | None = None,
    country: str | None = None,
    q: str | None = None,
    article_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    w = _Where()
    if speaker:
        w.add("speaker_name ILIKE ? ESCAPE '\\'", like_pattern(speaker))
    if country:
        w.add("speaker_country = ?", country)
    if q:
        w.add("text ILIKE ? ESCAPE '\\'", like_pattern(q))
    if article_id:
        w.add("article_id = ?", article_id)
    if since:
        w.add("published >= ?", since)
    if until:
        w.add("published <= ?", until)
    base = "SELECT qu.*, a.publisher, a.published FROM quotes qu JOIN articles a ON a.id = qu.article_id"
    select = (
        "SELECT id, article_id, sentence_index, start_char, end_char, text, kind, speaker, "
        "speaker_name, speaker_country, sentence, publisher, CAST(published AS VARCHAR) AS published"
    )
    items, total = _page(
        db, base, w, "published DESC NULLS LAST, article_id, start_char, id", limit, offset, select
    )
    return _json_fields(items, "speaker"), total


def list_issues(
    db: Db,
    *,
    publisher: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Issues with how many articles (originals only) and sentences mention them."""
    w = _Where()
    w.add("NOT is_dup")
    if publisher:
        w.add("publisher = ?", publisher)
    if since:
        w.add("published >= ?", since)
    if until:
        w.add("published <= ?", until)
    base = (
        f"WITH {CANON_CTE} SELECT it.*, c.publisher, c.published, c.is_dup "
        "FROM issue_tags it JOIN canon c ON c.id = it.article_id"
    )
    inner = f"SELECT * FROM ({base}) f {w.sql()}"
    total = scalar(db, f"SELECT count(DISTINCT issue) FROM ({inner}) t", w.args) or 0
    items = rows(
        db,
        f"SELECT issue, count(DISTINCT article_id) AS n_articles, count(*) AS n_mentions "
        f"FROM ({inner}) t GROUP BY issue ORDER BY n_articles DESC, n_mentions DESC, issue "
        "LIMIT ? OFFSET ?",
        [*w.args, limit, offset],
    )
    return items, int(total)


def list_assessments(
    db: Db,
    *,
    a: str | None = None,
    b: str | None = None,
    article_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    w = _Where()
    if a and b:
        w.add("((dyad_a = ? AND dyad_b = ?) OR (dyad_a = ? AND dyad_b = ?))", a, b, b, a)
    elif a or b:
        w.add("(dyad_a = ? OR dyad_b = ?)", a or b, a or b)
    if article_id:
        w.add("article_id = ?", article_id)
    if since:
        w.add("published >= ?", since)
    if until:
        w.add("published <= ?", until)
    base = "SELECT s.*, x.publisher, x.published FROM assessments s JOIN articles x ON x.id = s.article_id"
    select = (
        "SELECT id, article_id, sentence_index, start_char, end_char, dyad_a, dyad_b, level, trend, "
        "polarity, speaker, sentence, rule, publisher, CAST(published AS VARCHAR) AS published"
    )
    items, total = _page(
        db, base, w, "published DESC NULLS LAST, article_id, start_char, id", limit, offset, select
    )
    return _json_fields(items, "speaker"), total


def list_actors(
    db: Db,
    *,
    country: str | None = None,
    sector: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Mentions aggregated by actor code: how often and in how many articles, with the names seen."""
    w = _Where()
    if country:
        w.add("country = ?", country)
    if sector:
        w.add("sector = ?", sector)
    if q:
        w.add(
            "(name ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')",
            like_pattern(q),
            like_pattern(q),
        )
    inner = f"SELECT * FROM mentions {w.sql()}"
    total = (
        scalar(db, f"SELECT count(DISTINCT (code, country, sector)) FROM ({inner}) t", w.args) or 0
    )
    items = rows(
        db,
        f"""SELECT code, country, sector, count(*) AS n_mentions,
                   count(DISTINCT article_id) AS n_articles,
                   list(DISTINCT coalesce(name, text) ORDER BY coalesce(name, text))[1:10] AS names
            FROM ({inner}) t GROUP BY code, country, sector
            ORDER BY n_mentions DESC, code NULLS LAST LIMIT ? OFFSET ?""",
        [*w.args, limit, offset],
    )
    return items, int(total)


def filter_options(db: Db) -> dict[str, list[str]]:
    """Values offered in the dyad page's filter form."""
    return {
        "plover": [
            r["v"]
            for r in rows(
                db,
                "SELECT DISTINCT upper(plover) AS v FROM events WHERE plover IS NOT NULL ORDER BY v",
            )
        ],
        "issue": [
            r["v"] for r in rows(db, "SELECT DISTINCT issue AS v FROM issue_tags ORDER BY v")
        ],
        "publisher": [
            r["v"]
            for r in rows(
                db,
                "SELECT DISTINCT publisher AS v FROM articles WHERE publisher IS NOT NULL ORDER BY v",
            )
        ],
    }
