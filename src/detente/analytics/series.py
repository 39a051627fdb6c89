"""Dyad time series with a bootstrap band on every point.

What a point measures (docs/WEB.md has the same text for users):

* ``n_events``: clustered events (one real-world event counts once however many
  outlets reported it), or, with ``weight="sources"``, each event weighted by
  the number of independent publishers that reported it;
* ``by_quad`` / ``by_plover``: the same count split by CAMEO quad class
  (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
  4 material conflict) and by PLOVER type;
* ``goldstein_sum`` / ``goldstein_mean``: Goldstein scores of the events;
* ``nci``, the net cooperation index::

      nci = (VC + 2·MC − VK − 2·MK) / (VC + 2·MC + VK + 2·MK)

  with VC, MC, VK, MK the (weighted) event counts of quad classes 1–4:
  material acts count twice as much as words, the index runs from −1 (only
  conflict) to +1 (only cooperation) and is empty when there are no events;
* ``tone``: mean over articles of the tone of the sentences that carry the
  dyad's events (the article's tone when those sentences have none);
* ``assessment``: mean polarity of statements about the relationship
  ("ties are at their lowest point").

The band: the articles of a period are resampled with replacement
(``n_boot`` times, with a generator seeded from the period, so a period's band
does not move with the query window) and each statistic is recomputed; the band is the
2.5–97.5 percentile range, widened to contain the point itself. A period that
rests on a single article has no spread to measure, so bounded statistics
(nci, goldstein_mean, tone, assessment) get their whole possible range as band.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from detente.analytics import dyadrows
from detente.analytics.clusters import EventCluster
from detente.analytics.memo import remember, version
from detente.analytics.params import FREQS, WEIGHTS, DyadQuery, QueryError, choice
from detente.analytics.queries import (
    Db,
    describe_left_out,
    dyad_assessment_rows,
    left_out,
    period_starts,
)
from detente.errors import Errors
from detente.settings import settings

N_BOOT = settings().bootstrap_resamples  # settings.yaml, DETENTE_BOOTSTRAP_RESAMPLES
SEED = 0
# Whole possible range of bounded statistics: the band of a one-article period.
RANGES: dict[str, tuple[float, float]] = {
    "nci": (-1.0, 1.0),
    "goldstein_mean": (-10.0, 10.0),
    "tone": (-1.0, 1.0),
    "assessment": (-1.0, 1.0),
}
_STEP = {
    "day": "1 day",
    "week": "7 days",
    "month": "1 month",
    "quarter": "3 months",
    "year": "1 year",
}
_MAX_PERIODS = 5000
_MATERIAL = {2: 2.0, 4: 2.0}  # material acts count double in the net cooperation index


@dataclass
class SeriesPoint:
    period: date
    n_events: float = 0.0
    n_reports: int = 0
    n_articles: int = 0
    by_quad: dict[str, float] = field(default_factory=dict)
    by_plover: dict[str, float] = field(default_factory=dict)
    goldstein_sum: float = 0.0
    goldstein_mean: float | None = None
    nci: float | None = None
    tone: float | None = None
    assessment: float | None = None
    n_assessments: int = 0
    intervals: dict[str, tuple[float, float] | None] = field(default_factory=dict)

    def value(self, metric: str) -> float | None:
        return getattr(self, metric)

    def to_dict(self) -> dict[str, Any]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(float(v), 4)

        return {
            "period": self.period.isoformat(),
            "n_events": r(self.n_events),
            "n_reports": self.n_reports,
            "n_articles": self.n_articles,
            "by_quad": {k: r(v) for k, v in self.by_quad.items()},
            "by_plover": {k: r(v) for k, v in self.by_plover.items()},
            "goldstein_sum": r(self.goldstein_sum),
            "goldstein_mean": r(self.goldstein_mean),
            "nci": r(self.nci),
            "tone": r(self.tone),
            "assessment": r(self.assessment),
            "n_assessments": self.n_assessments,
            "intervals": {
                k: (None if v is None else [r(v[0]), r(v[1])]) for k, v in self.intervals.items()
            },
        }


@dataclass
class DyadSeries:
    query: DyadQuery
    freq: str
    weight: str
    points: list[SeriesPoint]
    clusters: list[EventCluster]
    assessments: list[dict[str, Any]]
    # What the counting rules dropped (``queries.left_out``): copies, negated, other modalities, ...
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def left_out_text(self) -> str:
        return describe_left_out(self.left_out) if self.left_out else ""

    def to_frame(self) -> Any:
        """The series as a pandas DataFrame, one row per period (see ``detente.frames``)."""
        from detente.analytics.frames import series_frame

        return series_frame(self)

    def values(self, metric: str) -> list[float | None]:
        return [p.value(metric) for p in self.points]

    def to_dict(self, *, with_clusters: bool = False) -> dict[str, Any]:
        q = self.query
        d: dict[str, Any] = {
            "a": q.a,
            "b": q.b,
            "directed": q.directed,
            "freq": self.freq,
            "weight": self.weight,
            "filters": {
                "since": q.since.isoformat() if q.since else None,
                "until": q.until.isoformat() if q.until else None,
                "plover": q.plover,
                "issue": q.issue,
                "publisher": q.publisher,
                "modality": list(q.modalities),
                "min_confidence": q.min_confidence,
                "include_negated": q.include_negated,
            },
            "n_events": len(self.clusters),
            "n_reports": sum(len(c.rows) for c in self.clusters),
            "left_out": self.left_out,
            "left_out_text": self.left_out_text,
            "n_assessments": len(self.assessments),
            "points": [p.to_dict() for p in self.points],
        }
        if with_clusters:
            d["events"] = [c.to_dict() for c in self.clusters]
        return d


def period_start(day: date, freq: str) -> date:
    """The first day of ``day``'s period: DuckDB's ``date_trunc`` (weeks start on Monday)."""
    if freq == "day":
        return day
    if freq == "week":
        return day - timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    if freq == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown freq {freq!r}")


def dyad_clusters(db: Db, q: DyadQuery, *, freq: str | None = None) -> list[EventCluster]:
    """The dyad's events as clusters (one per real-world event) with all their reports.

    Clustering does not depend on ``freq`` (a cluster's period is the period of
    its date), so the clusters are made once per query and database version
    (``memo``) and given the period of each frequency asked for. The clusters
    returned are shared: treat them as read-only.
    """
    base = remember(db, ("clusters", q), lambda: dyadrows.dyad_clusters(db, q))
    if freq is None:
        return base
    choice(freq, FREQS, "freq")
    return remember(db, ("clusters", q, freq), lambda: dyadrows.with_period(db, q, base, freq))


def _assessments(db: Db, q: DyadQuery, freq: str) -> list[dict[str, Any]]:
    """The statements of the series (shared by both orders and directions: a relationship
    has no direction, and only the dates and the publisher filter them)."""
    key = ("assessments", *sorted((q.a, q.b)), q.since, q.until, q.publisher, freq)
    return remember(db, key, lambda: dyad_assessment_rows(db, q, freq=freq))


def _left_out(db: Db, q: DyadQuery) -> dict[str, int]:
    """What the counting rules drop: from the dyad's kept rows, or in SQL when none are kept."""
    return dyadrows.left_out(db, q) if version(db) is not None else left_out(db, q)


def periods_between(db: Db, first: date, last: date, freq: str) -> list[date]:
    """Every period start from ``first`` to ``last`` (both truncated to ``freq``)."""
    return remember(db, ("periods", first, last, freq), lambda: _periods(db, first, last, freq))


def _periods(db: Db, first: date, last: date, freq: str) -> list[date]:
    got = period_starts(db, first, last, freq, _STEP[freq], _MAX_PERIODS + 1)
    if len(got) > _MAX_PERIODS:
        raise QueryError(
            Errors.E600_TOO_MANY_PERIODS,
            first=first,
            last=last,
            freq=freq,
            max_periods=_MAX_PERIODS,
            param="freq",
        )
    return got


def dyad_series(
    db: Db,
    q: DyadQuery,
    *,
    freq: str = "month",
    weight: str = "none",
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> DyadSeries:
    """The dyad's series by ``freq``, every period from the first to the last one filled in.

    Kept per database version (``memo``): the dyad page, its directions and the
    API ask for the same series; the value returned is shared (read-only).
    ``n_boot=0``: the values only, no bands (``intervals`` stay empty).
    """
    choice(freq, FREQS, "freq")
    choice(weight, WEIGHTS, "weight")
    return remember(
        db,
        ("series", q, freq, weight, n_boot, seed),
        lambda: _dyad_series(db, q, freq=freq, weight=weight, n_boot=n_boot, seed=seed),
    )


def _dyad_series(
    db: Db, q: DyadQuery, *, freq: str, weight: str, n_boot: int, seed: int
) -> DyadSeries:
    clusters = dyad_clusters(db, q, freq=freq)
    assessments = _assessments(db, q, freq) if not q.plover and not q.issue else []
    dropped = dict(remember(db, ("left_out", q), lambda: _left_out(db, q)))
    seen = [c.period for c in clusters if c.period] + [a["period"] for a in assessments]
    if not seen:
        return DyadSeries(q, freq, weight, [], clusters, assessments, dropped)
    first = q.since or min(seen)
    last = q.until or max(seen)
    periods = periods_between(db, first, last, freq)
    by_period: dict[date, list[EventCluster]] = {}
    for c in clusters:
        by_period.setdefault(c.period, []).append(c)
    said: dict[date, list[dict[str, Any]]] = {}
    for a in assessments:
        said.setdefault(a["period"], []).append(a)
    kept = dyadrows.kept_points(db, q)
    jobs = [(p, by_period.get(p, []), said.get(p, [])) for p in periods]
    if kept is None:
        return DyadSeries(
            q, freq, weight, _points(jobs, weight, n_boot, seed), clusters, assessments, dropped
        )
    # A point is a function of its clusters and statements (and the seeded resamples):
    # the other order of the dyad, a later start date, another frequency reuse it.
    keys = [_point_key(p, cl, st, weight, n_boot, seed) for p, cl, st in jobs]
    found = [kept.get(k) for k in keys]
    made = iter(
        _points([j for j, f in zip(jobs, found, strict=True) if f is None], weight, n_boot, seed)
    )
    points = [
        f if f is not None else kept.setdefault(k, next(made))
        for f, k in zip(found, keys, strict=True)
    ]
    return DyadSeries(q, freq, weight, points, clusters, assessments, dropped)


def _point_key(
    period: date,
    clusters: list[EventCluster],
    assessments: list[dict[str, Any]],
    weight: str,
    n_boot: int,
    seed: int,
) -> tuple[Any, ...]:
    """What a point is computed from, cheap to build and hash: its clusters by their serial
    number (``EventCluster.serial``, unique per kept cluster), its statements by id."""
    serials = array("q", [c.serial for c in clusters])
    if serials and min(serials) < 0:  # a cluster that was not kept: by what it is
        return (
            period,
            weight,
            n_boot,
            seed,
            *((c.id, c.src, c.tgt) for c in clusters),
            *(a["id"] for a in assessments),
        )
    return (period, weight, n_boot, seed, serials.tobytes(), *(a["id"] for a in assessments))


def _period_rng(seed: int, period: date) -> np.random.Generator:
    """The generator of one period's resamples, seeded from ``seed`` and the period.

    One generator per period, not one shared by the series: a month's band then
    stays the same whatever window (``--since``/``--until``) the series is asked for.
    """
    return np.random.default_rng([seed, period.toordinal()])


# -- one period ----------------------------------------------------------------------------


def _article_table(
    clusters: list[EventCluster], assessments: list[dict[str, Any]], weight: str
) -> tuple[list[str], dict[str, np.ndarray]]:
    """Per-article sums that every statistic of the period is a function of.

    Each event's weight (1, or its independent sources) is split evenly over
    the original articles reporting it, so resampling articles resamples events.
    Articles are numbered in the order they are first seen (each cluster's
    articles, then its rows' articles; then the statements'): the resamples
    draw positions, so this order is part of the answer. Sums are added in
    that order too (``np.bincount`` adds its weights in order).
    """
    ids: list[str] = []
    pos: dict[str, int] = {}
    at: list[int] = []  # per contribution: article position, weight, weight × goldstein, mass
    share: list[float] = []
    g: list[float] = []
    coop: list[float] = []
    conf: list[float] = []
    tones: dict[int, list[float]] = {}
    fallback: dict[int, float] = {}
    sources = weight == "sources"
    for c in clusters:
        w = float(c.independent_sources if sources else 1)
        arts = c.article_ids or [c.first["article_id"]]
        row_arts, said, last_tone = c.tones
        for a in (*arts, *row_arts):
            if a not in pos:
                pos[a] = len(ids)
                ids.append(a)
        k = len(arts)
        x = w / k
        qc = c.quad_class
        mass = x * (_MATERIAL.get(qc, 1.0) if qc in (1, 2, 3, 4) else 0.0)
        at += [pos[a] for a in arts]
        share += [x] * k
        g += [x * c.goldstein] * k
        coop += [mass if qc in (1, 2) else 0.0] * k
        conf += [mass if qc in (3, 4) else 0.0] * k
        for a, t in said:
            tones.setdefault(pos[a], []).append(t)
        for a, t in last_tone.items():
            fallback[pos[a]] = t
    for s in assessments:
        if s["article_id"] not in pos:
            pos[s["article_id"]] = len(ids)
            ids.append(s["article_id"])
    n = len(ids)

    def added(values: list[float]) -> np.ndarray:
        return np.bincount(at, weights=values, minlength=n) if at else np.zeros(n)

    cols = {"w": added(share), "g": added(g), "coop": added(coop), "conf": added(conf)}
    cols["has_event"] = np.zeros(n)
    cols["has_event"][at] = 1
    cols["tone"] = np.full(n, np.nan)
    for i, v in fallback.items():
        cols["tone"][i] = v
    for i, vs in tones.items():
        cols["tone"][i] = float(np.mean(vs))
    cols["ap"] = np.zeros(n)
    cols["an"] = np.zeros(n)
    for s in assessments:
        if s.get("polarity") is not None:
            i = pos[s["article_id"]]
            cols["ap"][i] += float(s["polarity"])
            cols["an"][i] += 1
    return ids, cols


# Rows of the matrix ``_stats`` resamples: sums of these per resample give every statistic.
_SUMMED = ("w", "g", "coop", "conf", "tone_sum", "tone_n", "ap", "an")


def _matrix(cols: dict[str, np.ndarray]) -> np.ndarray:
    tone = cols["tone"]
    known = ~np.isnan(tone)
    parts = {**cols, "tone_sum": np.where(known, tone, 0.0), "tone_n": known.astype(float)}
    return np.stack([parts[k] for k in _SUMMED])


def _stats(m: np.ndarray, idx: np.ndarray) -> dict[str, np.ndarray]:
    """Statistics for each row of article indices ``idx`` (shape: resamples × articles).

    One gather and one sum for all the sums (``m`` from ``_matrix``); each sum
    is the one ``cols[k][idx].sum(axis=1)`` gives (the same pairwise sum along
    contiguous rows of the same length).
    """
    w, g, coop, conf, tone_sum, tone_n, ap, an = np.take(m, idx, axis=1).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):

        def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
            return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)

        return {
            "n_events": w,
            "goldstein_sum": g,
            "goldstein_mean": ratio(g, w),
            "nci": ratio(coop - conf, coop + conf),
            "tone": ratio(tone_sum, tone_n),
            "assessment": ratio(ap, an),
        }


def _point_stats(m: np.ndarray) -> dict[str, float]:
    """``_stats`` of all the articles once, as floats: the same sums (one numpy sum along
    each row), and the same IEEE divisions done on Python floats."""
    w, g, coop, conf, tone_sum, tone_n, ap, an = m.sum(axis=1).tolist()
    nan = float("nan")
    return {
        "n_events": w,
        "goldstein_sum": g,
        "goldstein_mean": g / w if w > 0 else nan,
        "nci": (coop - conf) / (coop + conf) if coop + conf > 0 else nan,
        "tone": tone_sum / tone_n if tone_n > 0 else nan,
        "assessment": ap / an if an > 0 else nan,
    }


def _point(
    period: date,
    clusters: list[EventCluster],
    assessments: list[dict[str, Any]],
    weight: str,
    n_boot: int,
    rng: np.random.Generator,
) -> SeriesPoint:
    """One period's point and bands (``_points`` of that period alone)."""
    return _finish([_values(period, clusters, assessments, weight, n_boot, rng)])[0]


_Job = tuple[date, list[EventCluster], list[dict[str, Any]]]


def _points(jobs: list[_Job], weight: str, n_boot: int, seed: int) -> list[SeriesPoint]:
    """The points of many periods, each resampled with its own generator (``_period_rng``):
    per period the same draws and sums as ``_point``, and one percentile call for all."""
    return _finish(
        [
            _values(p, cl, st, weight, n_boot, _period_rng(seed, p) if n_boot else None)
            for p, cl, st in jobs
        ]
    )


@dataclass
class _Drawn:
    """A point whose bands wait for the percentiles: each resampled statistic to band."""

    point: SeriesPoint
    boot: dict[str, np.ndarray]
    banded: list[tuple[str, float]]  # (statistic, its value), in the order bands are set


def _values(
    period: date,
    clusters: list[EventCluster],
    assessments: list[dict[str, Any]],
    weight: str,
    n_boot: int,
    rng: np.random.Generator | None,
) -> SeriesPoint | _Drawn:
    """The point's values, and when it has bands, its resamples (``_finish`` bands them)."""
    p = SeriesPoint(period=period)
    if not clusters and not assessments:
        return p
    ids, cols = _article_table(clusters, assessments, weight)
    n = len(ids)
    m = _matrix(cols)
    point = _point_stats(m)
    w_of = {c.id: float(c.independent_sources if weight == "sources" else 1) for c in clusters}
    p.n_events = point["n_events"]
    p.n_reports = sum(len(c.reports) for c in clusters)
    p.n_articles = int(cols["has_event"].sum())
    p.n_assessments = int(cols["an"].sum())
    for c in clusters:
        if c.quad_class in (1, 2, 3, 4):
            key = str(c.quad_class)
            p.by_quad[key] = p.by_quad.get(key, 0.0) + w_of[c.id]
        p.by_plover[c.kind] = p.by_plover.get(c.kind, 0.0) + w_of[c.id]
    p.goldstein_sum = point["goldstein_sum"]
    for metric in ("goldstein_mean", "nci", "tone", "assessment"):
        v = point[metric]
        setattr(p, metric, None if np.isnan(v) else v)
    if n_boot == 0 or rng is None:  # values only
        return p
    boot = _stats(m, rng.integers(0, n, size=(n_boot, n)))
    # Articles that carry the statistic: one such article gives no spread to measure.
    carriers = {
        "n_events": n,
        "goldstein_sum": n,
        "goldstein_mean": p.n_articles,
        "nci": p.n_articles,
        "tone": int((~np.isnan(cols["tone"])).sum()),
        "assessment": int((cols["an"] > 0).sum()),
    }
    banded: list[tuple[str, float]] = []
    for metric in boot:
        value = point[metric]
        if np.isnan(value):
            p.intervals[metric] = None
        elif metric in RANGES and carriers[metric] < 2:
            p.intervals[metric] = RANGES[metric]
        else:
            banded.append((metric, value))
            p.intervals[metric] = None  # set by _finish, in this order
    return _Drawn(p, boot, banded)


def _finish(made: list[SeriesPoint | _Drawn]) -> list[SeriesPoint]:
    """Band every drawn point: one percentile call for every resampled statistic of every
    period that no resample left empty (per row the same numbers as a call per statistic),
    one call per statistic otherwise."""
    drawn = [d for d in made if isinstance(d, _Drawn)]
    whole = [(d, k) for d in drawn for k, _ in d.banded if not np.isnan(d.boot[k]).any()]
    bands: dict[tuple[int, str], tuple[float, float]] = {}
    if whole:
        lo_hi = np.percentile(np.stack([d.boot[k] for d, k in whole]), [2.5, 97.5], axis=1)
        for j, (d, k) in enumerate(whole):
            bands[(id(d), k)] = (lo_hi[0][j], lo_hi[1][j])
    for d in drawn:
        for metric, value in d.banded:
            if (id(d), metric) in bands:
                lo, hi = bands[(id(d), metric)]
            else:
                ok = d.boot[metric][~np.isnan(d.boot[metric])]
                lo, hi = np.percentile(ok, [2.5, 97.5]) if ok.size else (value, value)
            d.point.intervals[metric] = (float(min(lo, value)), float(max(hi, value)))
    return [d.point if isinstance(d, _Drawn) else d for d in made]
