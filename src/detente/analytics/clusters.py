"""One event, many reports: clustering event rows so syndication does not multiply spikes.

Rule (documented in docs/WEB.md): two event rows are the same real-world
event when they have the same source country, target country and PLOVER
type (CAMEO root when PLOVER is missing), their dates are at most
``window_days`` apart, and their evidence sentences are similar (Jaccard
overlap of content words >= ``min_similarity``). Clusters grow by single
linkage in date order, so the result does not depend on the order rows come in.

Stored copies of an article (``duplicate_of``) join the clusters of their
original as syndicated reports; they never open a cluster of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from detente.records import content_id

WINDOW_DAYS = 2  # wire copies and follow-ups land within a day or two of each other
MIN_SIMILARITY = 0.3  # share of content words two evidence sentences must have in common

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Report:
    """One article reporting a clustered event."""

    article_id: str
    publisher: str | None
    date: date | None
    url: str | None = None
    title: str | None = None
    event_id: str | None = None  # None for a syndicated copy attached by ``duplicate_of``
    sentence: str | None = None
    syndicated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "publisher": self.publisher,
            "date": self.date.isoformat() if self.date else None,
            "url": self.url,
            "title": self.title,
            "event_id": self.event_id,
            "sentence": self.sentence,
            "syndicated": self.syndicated,
        }


@dataclass
class EventCluster:
    """A real-world event with every report of it; the first report represents it."""

    id: str
    src: str
    tgt: str
    kind: str  # PLOVER type, or "CAMEO:<root>" when the coder gave no PLOVER type
    date: date | None  # None only for ``undated_events``: they are in no series
    period: date | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    # Unique per cluster kept for a dyad (``dyadrows``), -1 otherwise: series points are
    # kept by the serials of their clusters, a key far cheaper to build than their ids.
    serial: int = field(default=-1, compare=False, repr=False)

    @property
    def first(self) -> dict[str, Any]:
        return self.rows[0]

    # goldstein and article_ids are read once per cluster and kept: a series reads
    # them for every article of every cluster, and a cluster's rows are final once
    # ``cluster_events`` returns it (only copies are attached to its reports later).
    @cached_property
    def goldstein(self) -> float:
        vals = [r["goldstein"] for r in self.rows if r.get("goldstein") is not None]
        return sum(vals) / len(vals) if vals else 0.0

    @property
    def quad_class(self) -> int | None:
        return self.first.get("quad_class")

    @cached_property
    def article_ids(self) -> list[str]:
        """Distinct original (non-copy) articles reporting the event."""
        return list(dict.fromkeys(r["article_id"] for r in self.rows if not r.get("is_dup")))

    @cached_property
    def tones(self) -> tuple[list[str], list[tuple[str, float]], dict[str, float]]:
        """What the series reads of its rows' tone: the rows' articles (first seen first),
        the sentence tones in row order, and per article the article tone of its last
        row without a sentence tone."""
        seen: dict[str, None] = {}
        said: list[tuple[str, float]] = []
        fallback: dict[str, float] = {}
        for r in self.rows:
            a = r["article_id"]
            seen[a] = None
            if r.get("sentence_tone") is not None:
                said.append((a, float(r["sentence_tone"])))
            elif r.get("article_tone") is not None:
                fallback[a] = float(r["article_tone"])
        return list(seen), said, fallback

    @property
    def publishers(self) -> list[str]:
        return sorted({r.publisher for r in self.reports if r.publisher})

    @property
    def independent_sources(self) -> int:
        """Distinct publishers among original reports (syndicated copies are not independent)."""
        pubs = {r.publisher or f"article:{r.article_id}" for r in self.reports if not r.syndicated}
        return max(1, len(pubs))

    def to_dict(self) -> dict[str, Any]:
        f = self.first
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "period": self.period.isoformat() if self.period else None,
            "source_country": self.src,
            "target_country": self.tgt,
            "source_code": f.get("source_code"),
            "target_code": f.get("target_code"),
            "plover": f.get("plover"),
            "cameo": f.get("cameo"),
            "quad_class": self.quad_class,
            "goldstein": round(self.goldstein, 3),
            "sentence": f.get("sentence"),
            "article_id": f.get("article_id"),
            "event_ids": [r["id"] for r in self.rows],
            "n_reports": len(self.reports),
            "independent_sources": self.independent_sources,
            "publishers": self.publishers,
            "reports": [r.to_dict() for r in self.reports],
        }


@lru_cache(maxsize=100_000)
def content_words(text: str | None) -> frozenset[str]:
    """Lower-cased words minus English stop words (spaCy's list) and one-letter tokens.

    Cached: a dyad's sentences are clustered again for each filter and direction.
    """
    if not text:
        return frozenset()
    return frozenset(
        w
        for w in (m.group().lower() for m in _WORD.finditer(text))
        if len(w) > 1 and w not in STOP_WORDS
    )


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _kind(row: dict[str, Any]) -> str:
    return (row.get("plover") or "").upper() or f"CAMEO:{row.get('cameo_root') or '?'}"


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def cluster_events(
    rows: list[dict[str, Any]],
    *,
    window_days: int = WINDOW_DAYS,
    min_similarity: float = MIN_SIMILARITY,
) -> list[EventCluster]:
    """Group event rows (dicts with id, day, src, tgt, plover/cameo_root, sentence, article_id).

    Rows of a copy (``is_dup`` true) only join an existing cluster whose
    evidence is similar; otherwise they are dropped, since their original counts.
    Returns clusters ordered by date, then id.

    Rows come in date order, so a cluster whose last row is more than
    ``window_days`` behind the current row can never be joined again: it is
    closed (dropped from the open ones), which keeps the work per row small.
    A cluster's evidence is the set of its distinct word sets (single
    linkage: the best similarity to any of them).
    """
    ordered = sorted(
        ((_as_date(r["day"]), r) for r in rows),
        key=lambda dr: (dr[0], bool(dr[1].get("is_dup")), dr[1]["article_id"], dr[1]["id"]),
    )
    # per key, the open clusters in the order they were opened: [cluster, words, last day]
    open_by_key: dict[tuple[str, str, str], list[list[Any]]] = {}
    clusters: list[EventCluster] = []
    for day, row in ordered:
        key = (row["src"], row["tgt"], _kind(row))
        words = content_words(row.get("sentence"))
        opened = open_by_key.get(key)
        best: tuple[float, list[Any]] | None = None
        if opened:
            live = [o for o in opened if (day - o[2]).days <= window_days]
            if len(live) != len(opened):
                open_by_key[key] = opened = live
            if len(opened) == 1:  # one candidate: any similar member decides
                o = opened[0]
                if any(similarity(words, w) >= min_similarity for w in o[1]):
                    best = (min_similarity, o)
            else:
                for o in opened:
                    score = max(similarity(words, w) for w in o[1])
                    if score >= min_similarity and (best is None or score > best[0]):
                        best = (score, o)
        if best is not None:
            o = best[1]
            o[0].rows.append(row)
            o[1].add(words)
            o[2] = day
            continue
        if row.get("is_dup"):
            continue
        cluster = EventCluster(
            id="",
            src=key[0],
            tgt=key[1],
            kind=key[2],
            date=day,
            period=_as_date(row["period"]) if row.get("period") else None,
            rows=[row],
        )
        open_by_key.setdefault(key, []).append([cluster, {words}, day])
        clusters.append(cluster)
    for c in clusters:
        c.id = content_id(*sorted(r["id"] for r in c.rows))
        c.reports = _reports(c.rows)
    clusters.sort(key=lambda c: (c.date, c.id))
    return clusters


def _reports(rows: list[dict[str, Any]]) -> list[Report]:
    out: dict[str, Report] = {}
    for r in rows:
        if r["article_id"] in out:
            continue
        out[r["article_id"]] = Report(
            article_id=r["article_id"],
            publisher=r.get("publisher"),
            date=_as_date(r["day"]) if r.get("day") else None,
            url=r.get("url"),
            title=r.get("title"),
            event_id=r["id"],
            sentence=r.get("sentence"),
            syndicated=bool(r.get("is_dup")),
        )
    return list(out.values())


def attach_copies(clusters: list[EventCluster], copies: dict[str, list[dict[str, Any]]]) -> None:
    """Add stored copies of each report's article as syndicated reports (no double counting)."""
    for c in clusters:
        seen = {r.article_id for r in c.reports}
        for article_id in list(seen):
            for dup in copies.get(article_id, []):
                if dup["id"] in seen:
                    continue
                seen.add(dup["id"])
                c.reports.append(
                    Report(
                        article_id=dup["id"],
                        publisher=dup.get("publisher"),
                        date=_as_date(dup["published"]) if dup.get("published") else None,
                        url=dup.get("url"),
                        title=dup.get("title"),
                        syndicated=True,
                    )
                )


def undated_events(rows: list[dict[str, Any]]) -> list[EventCluster]:
    """Event rows without any date, one per "cluster": they cannot be matched in time."""
    out = []
    for row in sorted(rows, key=lambda r: (r["article_id"], r.get("sentence_index") or 0, r["id"])):
        c = EventCluster(
            id=content_id(row["id"]),
            src=row["src"],
            tgt=row["tgt"],
            kind=_kind(row),
            date=None,
            period=None,
            rows=[row],
        )
        c.reports = [
            Report(
                article_id=row["article_id"],
                publisher=row.get("publisher"),
                date=None,
                url=row.get("url"),
                title=row.get("title"),
                event_id=row["id"],
                sentence=row.get("sentence"),
            )
        ]
        out.append(c)
    return out
