"""What a dyad looked like in a period: issues, speakers, quotes, extreme events, outlets.

The dyad's articles are the original (non-copy) articles that carry one of
its events or a statement about the relationship, under the query's filters.
The comparison by publisher is the exception: it reads every article,
syndicated copies included, because a copy is also what that outlet printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from detente.analytics import dyadrows, queries
from detente.analytics.clusters import EventCluster
from detente.analytics.memo import remember, version
from detente.analytics.params import DyadQuery
from detente.analytics.queries import Db, dyad_assessment_rows
from detente.analytics.series import dyad_clusters

TOP = 10


@dataclass
class DyadSummary:
    query: DyadQuery
    n_events: int
    n_articles: int
    n_assessments: int
    issues: list[dict[str, Any]] = field(default_factory=list)
    speakers: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    cooperative: list[EventCluster] = field(default_factory=list)
    conflictual: list[EventCluster] = field(default_factory=list)
    publishers: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.query.a,
            "b": self.query.b,
            "directed": self.query.directed,
            "n_events": self.n_events,
            "n_articles": self.n_articles,
            "n_assessments": self.n_assessments,
            "issues": self.issues,
            "speakers": self.speakers,
            "quotes": [_jsonable(q) for q in self.quotes],
            "cooperative": [c.to_dict() for c in self.cooperative],
            "conflictual": [c.to_dict() for c in self.conflictual],
            "publishers": self.publishers,
        }


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def _round(rows_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()} for r in rows_]


def dyad_summary(
    db: Db, q: DyadQuery, *, top: int = TOP, clusters: list[EventCluster] | None = None
) -> DyadSummary:
    """Top issues, speakers and quotes, strongest events and the outlet comparison."""
    if clusters is None:
        clusters = dyad_clusters(db, q)
    statements = dyad_assessment_rows(db, q) if not q.plover and not q.issue else []
    articles = sorted(
        {a for c in clusters for a in c.article_ids} | {s["article_id"] for s in statements}
    )
    s = DyadSummary(
        q, n_events=len(clusters), n_articles=len(articles), n_assessments=len(statements)
    )
    s.cooperative = sorted(
        (c for c in clusters if c.goldstein > 0), key=lambda c: (-c.goldstein, c.date, c.id)
    )[:top]
    s.conflictual = sorted(
        (c for c in clusters if c.goldstein < 0), key=lambda c: (c.goldstein, c.date, c.id)
    )[:top]
    if not articles:
        return s
    # Kept per database version: the same dyad's summary is asked for by every frequency
    # and both orders of its page and by the API; what it reads is the clusters (by id)
    # and the articles.
    key = ("summary", top, tuple(c.id for c in clusters), tuple(articles))
    issues, speakers, quotes = remember(db, key, lambda: _tables(db, articles, clusters, top))
    s.issues = [dict(r) for r in issues]
    s.speakers = [dict(r) for r in speakers]
    s.quotes = [dict(r) for r in quotes]
    s.publishers = _publishers(db, q)
    return s


def _tables(
    db: Db, articles: list[str], clusters: list[EventCluster], top: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The summary's issues, speakers and quotes of ``articles``."""
    issues = _issues(db, articles, clusters, top)
    speakers = queries.quote_speakers(db, articles, top)
    quotes = queries.latest_quotes(db, articles, top)
    return issues, speakers, quotes


def _issues(
    db: Db, articles: list[str], clusters: list[EventCluster], top: int
) -> list[dict[str, Any]]:
    """Issues by number of dyad articles mentioning them, with the dyad events they tag."""
    found = queries.issue_counts(db, articles, top)
    cluster_of = {r["id"]: c.id for c in clusters for r in c.rows}
    tagged = queries.event_issues(db, list(cluster_of))
    per_issue: dict[str, set[str]] = {}
    for t in tagged:
        per_issue.setdefault(t["issue"], set()).add(cluster_of[t["event_id"]])
    for f in found:
        f["n_events"] = len(per_issue.get(f["issue"], ()))
    return found


def _publishers(db: Db, q: DyadQuery) -> list[dict[str, Any]]:
    """How the dyad reads in each outlet (copies included: they are what the outlet printed).

    Kept per database version (``memo``); the dyad's events are selected inside DuckDB.
    """
    # A–B and B–A read the same events and statements (undirected): one computation.
    same = q if q.directed else replace(q, a=min(q.a, q.b), b=max(q.a, q.b))
    return [dict(r) for r in remember(db, ("publishers", same), lambda: _outlets(db, same))]


def _outlets(db: Db, q: DyadQuery) -> list[dict[str, Any]]:
    ids = None
    if version(db) is not None:  # the dyad's event ids from its kept rows (dyadrows)
        ids = [r["id"] for r in dyadrows.select(db, q, canonical_only=False)]
    by_pub = queries.outlet_events(db, q, ids)
    pol = queries.outlet_assessments(db, q)
    by_name = {p["publisher"]: p for p in pol}
    for r in by_pub:
        extra = by_name.pop(r["publisher"], None)
        r["assessment"] = extra["assessment"] if extra else None
        r["n_assessments"] = extra["n_assessments"] if extra else 0
    # Outlets with statements but no events; a type or issue filter is about events only.
    for name, extra in ({} if q.plover or q.issue else by_name).items():
        by_pub.append(
            {
                "publisher": name,
                "n_articles": 0,
                "n_events": 0,
                "goldstein_mean": None,
                "nci": None,
                "tone": None,
                **extra,
            }
        )
    return _round(by_pub)
