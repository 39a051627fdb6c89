"""A dyad's event rows read once per database version, filtered and clustered in Python.

Under load the dashboard asks for one dyad with many filters (a PLOVER type,
a start date, another frequency, the other direction). Each used to run the
dyad query again and cluster every row again: about 0.5 s for a dyad of
10,000 rows, which 20 concurrent clients turned into seconds (RELIABILITY.md).

Here the dyad's rows are read once under the widest filters (copies, negated
events, every modality and confidence, undated rows, both directions;
``DyadRows``) and kept per database version (``memo``); its directions (A–B,
B–A, A→B, B→A) are views of the same rows. A query's rows are then picked in Python
with exactly the SQL's tests (``select``; ``tests/test_dyad_rows.py``
compares both on many queries), and clustered by *segments*: clustering only
links rows of one (source, target, type) key at most ``WINDOW_DAYS`` apart, so
a gap of more than that between two consecutive rows of a key splits the
rows into segments that cluster independently. A segment's clusters are kept
by the ids of its rows, so a query that leaves a segment as it was (a PLOVER
filter, a start date past it, the other frequencies) reuses them; only the
segments a filter cuts are clustered again. The result is the same list of
clusters as ``cluster_events`` on the query's rows.

Also kept per dyad: one copy of each cluster per frequency (``with_period``)
and the series points by what they are computed from (``kept_points``), each
cache bounded by ``MAX_KEPT``. Everything kept is shared: read-only.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np

from detente.analytics.clusters import (
    WINDOW_DAYS,
    EventCluster,
    _as_date,
    _kind,
    attach_copies,
    cluster_events,
)
from detente.analytics.memo import remember, version
from detente.analytics.params import MODALITIES, DyadQuery
from detente.analytics.queries import (
    FILTER_COLUMNS,
    Db,
    duplicates_of,
    dyad_event_rows,
    dyad_event_sql,
    rows,
)

# Segments and series points kept per dyad at most (then forgotten, and made again).
MAX_KEPT = 100_000
_serials = itertools.count()  # EventCluster.serial of every cluster kept, process-wide

# What the SQL filters test besides the row's own columns (queries.FILTER_COLUMNS) is
# dropped from the rows.


@dataclass
class View:
    """The rows of one direction of the dyad (``dyad_event_rows`` of a query with that
    ``a``, ``b`` and ``directed``): which base rows, with which source and target."""

    member: np.ndarray  # bool per base row
    rows: list[dict[str, Any]]  # per base row: the row with this view's src/tgt (if a member)
    groups: list[tuple[str, str, np.ndarray]]  # per clustering key: src, tgt, dated rows in order


@dataclass
class DyadRows:
    """Every event row of one dyad (both directions), under the widest filters.

    Besides the rows, the columns the filters test as arrays (one entry per
    row), so picking a query's rows is array work, and the clusters of every
    segment clustered so far (shared by the directions: a segment with the
    same rows, source and target gives the same clusters).
    """

    a: str  # the dyad's codes in sorted order; ``rows`` prefer a as source (``matched``)
    b: str
    rows: list[dict[str, Any]]  # the SQL's columns and order (``dyad_event_rows``)
    sources: list[set[str]]  # the countries that are a source of the row's event in this dyad
    plover: np.ndarray  # upper(plover)
    tags: list[list[str] | None]  # issues tagged on the row's sentence (issue_tags)
    copies: dict[str, list[dict[str, Any]]]  # stored copies of the rows' articles
    day: np.ndarray = field(init=False)  # date ordinal, -1 when undated
    is_dup: np.ndarray = field(init=False)
    negated: np.ndarray = field(init=False)  # coalesce(negated, false)
    modality: np.ndarray = field(init=False)  # coalesce(modality, 'actual')
    modality_named: np.ndarray = field(init=False)  # coalesce(nullif(modality, ''), 'actual')
    confidence: np.ndarray = field(init=False)  # coalesce(confidence, 0)
    publisher: np.ndarray = field(init=False)
    a_source: np.ndarray = field(init=False)  # a is a source of the row's event
    b_source: np.ndarray = field(init=False)
    kind: np.ndarray = field(init=False)  # clustering type, as a number (``_kind``)
    order: np.ndarray = field(init=False)  # dated rows in clustering order
    views: dict[tuple[str, str, bool], View] = field(default_factory=dict)
    segments: dict[tuple[str, str, bytes], list[EventCluster]] = field(default_factory=dict)
    # a kept cluster with the period of a frequency: (id of the cluster, freq) -> it, copy
    dated: dict[tuple[int, str], tuple[EventCluster, EventCluster]] = field(default_factory=dict)
    # series points by what they are computed from (``series._dyad_series``)
    points: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        rs = self.rows
        self.day = np.array([r["day"].toordinal() if r["day"] else -1 for r in rs], dtype=np.int64)
        self.is_dup = np.array([bool(r["is_dup"]) for r in rs], dtype=bool)
        self.negated = np.array([bool(r["negated"]) for r in rs], dtype=bool)
        self.modality = _objects(
            [r["modality"] if r["modality"] is not None else "actual" for r in rs]
        )
        self.modality_named = _objects([r["modality"] or "actual" for r in rs])
        self.confidence = np.array([r["confidence"] or 0 for r in rs], dtype=np.float64)
        self.publisher = _objects([r["publisher"] for r in rs])
        self.a_source = np.array([self.a in s for s in self.sources], dtype=bool)
        self.b_source = np.array([self.b in s for s in self.sources], dtype=bool)
        _, kind = np.unique(_objects([_kind(r) for r in rs] or [""]), return_inverse=True)
        self.kind = kind[: len(rs)].astype(np.int64)
        dated = [i for i, r in enumerate(rs) if r["day"] is not None]
        self.order = np.array(sorted(dated, key=lambda i: _order(rs[i])), dtype=np.int64)

    def view(self, a: str, b: str, directed: bool) -> View:
        """The rows of ``DyadQuery(a, b, directed=directed)``, made once.

        ``matched``: a row's source is ``a`` when ``a`` is a source of its event,
        else ``b``; a directed view keeps only the former. The kept rows name
        ``self.a`` first, so only rows of reciprocal events (both are sources)
        are copied with the other source and target.
        """
        with self.lock:
            found = self.views.get((a, b, directed))
        if found is not None:
            return found
        a_src = self.a_source if a == self.a else self.b_source
        member = a_src.copy() if directed else np.ones(len(self.rows), dtype=bool)
        kept_a = self.a_source if a == self.a else ~self.a_source  # kept row's source is a
        rows = self.rows
        differ = np.flatnonzero(member & (a_src != kept_a))
        if differ.size:
            rows = list(rows)
            for i in differ.tolist():
                src, tgt = (a, b) if a_src[i] else (b, a)
                rows[i] = {**rows[i], "src": src, "tgt": tgt}
        ordered = self.order[member[self.order]]
        code = self.kind[ordered] * 2 + (~a_src[ordered])  # even: a -> b, odd: b -> a
        by_code = np.argsort(code, kind="stable")  # clustering order kept inside a key
        ordered, code = ordered[by_code], code[by_code]
        cuts = np.flatnonzero(np.diff(code)) + 1
        groups = [
            (a, b, seg) if code[start] % 2 == 0 else (b, a, seg)
            for start, seg in zip([0, *cuts.tolist()], np.split(ordered, cuts), strict=True)
            if seg.size
        ]
        made = View(member, rows, groups)
        with self.lock:
            return self.views.setdefault((a, b, directed), made)

    def with_period(
        self, clusters: list[EventCluster], freq: str, period_of: Callable[[date, str], date]
    ) -> list[EventCluster]:
        """``clusters`` with the period of ``freq``: one copy per kept cluster and frequency,
        shared by every query, so what a series reads of a cluster is computed once."""
        out = []
        with self.lock:
            if len(self.dated) >= MAX_KEPT:
                self.dated.clear()
            for c in clusters:
                kept = self.dated.get((id(c), freq))
                if kept is None or kept[0] is not c:  # the entry keeps c alive: ids stay unique
                    kept = self.dated[(id(c), freq)] = (c, _dated(c, freq, period_of))
                out.append(kept[1])
        return out


def _dated(c: EventCluster, freq: str, period_of: Callable[[date, str], date]) -> EventCluster:
    """A copy of ``c`` (sharing rows, reports and what was read of them) with ``freq``'s period."""
    c.goldstein, c.article_ids, c.tones  # noqa: B018 - read once, before the copy shares them
    out = object.__new__(EventCluster)  # copy.copy's attributes, at a tenth of its cost
    out.__dict__.update(c.__dict__)
    out.period = period_of(c.date, freq) if c.date else None
    return out


def _objects(values: list[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _order(r: dict[str, Any]) -> tuple[Any, ...]:
    """``cluster_events``' order of rows."""
    return (_as_date(r["day"]), bool(r.get("is_dup")), r["article_id"], r["id"])


def dyad_rows(db: Db, a: str, b: str) -> DyadRows:
    """The dyad's rows under the widest filters, kept per database version (read-only)."""
    lo, hi = sorted((a, b))
    return remember(db, ("dyad_rows", lo, hi), lambda: _read(db, lo, hi))


def _read(db: Db, a: str, b: str) -> DyadRows:
    wide = DyadQuery(a, b, include_negated=True, modalities=MODALITIES)
    sql, args = dyad_event_sql(
        wide, canonical_only=False, undated=None, extra=FILTER_COLUMNS, pair_sources=True
    )
    got = rows(db, sql, args)
    plover = _objects([r.pop("_plover_upper") for r in got])
    tags = [r.pop("_tag_issues") for r in got]
    sources = [{r.pop("_src_lo"), r.pop("_src_hi")} for r in got]
    copies = duplicates_of(db, sorted({r["article_id"] for r in got}))
    return DyadRows(a, b, got, sources, plover, tags, copies)


def mask(
    base: DyadRows, q: DyadQuery, *, canonical_only: bool = True, undated: bool | None = False
) -> np.ndarray:
    """Which of ``base``'s rows ``dyad_event_rows(db, q, ...)`` returns.

    Each test is the SQL's (``_sql._event_filters``), NULLs included:
    ``coalesce(negated, false)``, ``coalesce(modality, 'actual')``,
    ``coalesce(confidence, 0)``, ``upper(plover)``, the issue in the event's
    list or tagged on its sentence; a NULL date fails a date bound.
    """
    keep = base.view(q.a, q.b, q.directed).member.copy()
    dated = base.day >= 0
    if undated is not None:
        keep &= ~dated if undated else dated
    if canonical_only:
        keep &= ~base.is_dup
    if not q.include_negated:
        keep &= ~base.negated
    if set(q.modalities) != set(MODALITIES):
        keep &= np.isin(base.modality, list(q.modalities))
    if q.min_confidence is not None:
        keep &= base.confidence >= q.min_confidence
    if q.since:
        keep &= dated & (base.day >= q.since.toordinal())
    if q.until:
        keep &= dated & (base.day <= q.until.toordinal())
    if q.plover:
        keep &= base.plover == q.plover
    if q.issue:
        keep &= np.array(
            [
                q.issue in (r["issues"] or ()) or q.issue in (t or ())
                for r, t in zip(base.rows, base.tags, strict=True)
            ],
            dtype=bool,
        )
    if q.publisher:
        keep &= base.publisher == q.publisher
    return keep


def select(
    db: Db, q: DyadQuery, *, canonical_only: bool = True, undated: bool | None = False
) -> list[dict[str, Any]]:
    """``dyad_event_rows(db, q, ...)``, picked from the dyad's kept rows (same rows, order)."""
    base = dyad_rows(db, q.a, q.b)
    rows_ = base.view(q.a, q.b, q.directed).rows
    keep = mask(base, q, canonical_only=canonical_only, undated=undated)
    return [rows_[i] for i in np.flatnonzero(keep)]


def dyad_clusters(db: Db, q: DyadQuery) -> list[EventCluster]:
    """The clusters of ``q``'s dated rows with their copies attached (``series._clusters``)."""
    base = dyad_rows(db, q.a, q.b)
    view = base.view(q.a, q.b, q.directed)
    keep = mask(base, q)
    out: list[EventCluster] = []
    for src, tgt, group in view.groups:
        picked = group[keep[group]]
        if not picked.size:
            continue
        cuts = np.flatnonzero(np.diff(base.day[picked]) > WINDOW_DAYS) + 1
        for seg in np.split(picked, cuts):
            out += _segment(base, view, src, tgt, seg)
    out.sort(key=lambda c: (c.date, c.id))
    return out


def _segment(base: DyadRows, view: View, src: str, tgt: str, seg: np.ndarray) -> list[EventCluster]:
    key = (src, tgt, seg.tobytes())
    with base.lock:
        kept = base.segments.get(key)
    if kept is not None:
        return kept
    made = cluster_events([view.rows[i] for i in seg])
    attach_copies(made, base.copies)
    for c in made:
        c.serial = next(_serials)
    with base.lock:
        if len(base.segments) >= MAX_KEPT:  # many filters on one dyad: start again
            base.segments.clear()
        return base.segments.setdefault(key, made)


def with_period(
    db: Db, q: DyadQuery, clusters: list[EventCluster], freq: str
) -> list[EventCluster]:
    """``dyad_clusters(db, q)`` with the period of ``freq`` (``DyadRows.with_period``)."""
    from detente.analytics.series import period_start

    if version(db) is None:  # nothing is kept for this connection: plain copies
        return [_dated(c, freq, period_start) for c in clusters]
    return dyad_rows(db, q.a, q.b).with_period(clusters, freq, period_start)


def left_out(db: Db, q: DyadQuery) -> dict[str, int]:
    """``_sql.left_out(db, q)`` counted on the dyad's kept rows (same counts).

    The reasons in the SQL's order (a row gets the first that applies): copy,
    negated, modality, low confidence, undated; ``why_left_out`` is the rule.
    """
    base = dyad_rows(db, q.a, q.b)
    wide = replace(q, include_negated=True, modalities=MODALITIES, min_confidence=None)
    idx = np.flatnonzero(mask(base, wide, canonical_only=False, undated=None))
    why = np.full(idx.size, "kept", dtype=object)
    # last rule first, so that an earlier rule overwrites a later one
    why[base.day[idx] < 0] = "undated"
    if q.min_confidence is not None:
        why[base.confidence[idx] < q.min_confidence] = "low_confidence"
    named = base.modality_named[idx]
    other = ~np.isin(named, list(q.modalities))
    why[other] = "modality:" + named[other]
    if not q.include_negated:
        why[base.negated[idx]] = "negated"
    why[base.is_dup[idx]] = "copy"
    out = {"total": int(idx.size), "kept": 0}
    names, counts = np.unique(why.astype(str), return_counts=True)
    out.update({str(k): int(n) for k, n in zip(names, counts, strict=True)})
    return out


def event_rows(
    db: Db, q: DyadQuery, *, canonical_only: bool = True, undated: bool | None = False
) -> list[dict[str, Any]]:
    """``dyad_event_rows(db, q, ...)``: picked from the kept rows when the database's
    results are kept (a read-only file), read with SQL otherwise. Shared rows: read-only."""
    if version(db) is None:
        return dyad_event_rows(db, q, canonical_only=canonical_only, undated=undated)
    return select(db, q, canonical_only=canonical_only, undated=undated)


def kept_points(db: Db, q: DyadQuery) -> dict[tuple[Any, ...], Any] | None:
    """Where the dyad's series points are kept for this database version (None: nowhere)."""
    if version(db) is None:
        return None
    points = dyad_rows(db, q.a, q.b).points
    if len(points) >= MAX_KEPT:  # many filters on one dyad: start again
        points.clear()
    return points
