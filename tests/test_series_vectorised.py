"""The vectorised period statistics (one gather for every sum, one percentile call for the
bands, sums added with ``np.bincount``) give bit for bit the points and bands of the
plain per-statistic code they replaced (kept below as the oracle).

Runs on the bundled sample corpus (statements, tones, syndicated copies) and on invented
clusters large enough for numpy's pairwise sums to matter.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from detente.analytics import DyadQuery, dyad_series, memo
from detente.analytics.clusters import EventCluster, cluster_events
from detente.analytics.series import _MATERIAL, FREQS, RANGES, SeriesPoint, _period_rng, _point
from detente.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


# -- the oracle: the period code before it was vectorised ------------------------------------


def _old_article_table(
    clusters: list[EventCluster], assessments: list[dict[str, Any]], weight: str
) -> tuple[list[str], dict[str, np.ndarray]]:
    """Per-article sums that every statistic of the period is a function of.

    Each event's weight (1, or its independent sources) is split evenly over
    the original articles reporting it, so resampling articles resamples events.
    """
    ids: list[str] = []
    pos: dict[str, int] = {}

    def at(article_id: str) -> int:
        if article_id not in pos:
            pos[article_id] = len(ids)
            ids.append(article_id)
        return pos[article_id]

    contrib: list[tuple[int, float, EventCluster]] = []
    tones: dict[int, list[float]] = {}
    fallback: dict[int, float] = {}
    for c in clusters:
        w = float(c.independent_sources if weight == "sources" else 1)
        arts = c.article_ids or [c.first["article_id"]]
        for a in arts:
            contrib.append((at(a), w / len(arts), c))
        for r in c.rows:
            i = at(r["article_id"])
            if r.get("sentence_tone") is not None:
                tones.setdefault(i, []).append(float(r["sentence_tone"]))
            elif r.get("article_tone") is not None:
                fallback[i] = float(r["article_tone"])
    for s in assessments:
        at(s["article_id"])
    n = len(ids)
    cols = {k: np.zeros(n) for k in ("w", "g", "q1", "q2", "q3", "q4", "coop", "conf", "ap", "an")}
    cols["tone"] = np.full(n, np.nan)
    cols["has_event"] = np.zeros(n)
    for i, w, c in contrib:
        cols["w"][i] += w
        cols["g"][i] += w * c.goldstein
        cols["has_event"][i] = 1
        qc = c.quad_class
        if qc in (1, 2, 3, 4):
            cols[f"q{qc}"][i] += w
            mass = w * _MATERIAL.get(qc, 1.0)
            cols["coop" if qc in (1, 2) else "conf"][i] += mass
    for i in range(n):
        if i in tones:
            cols["tone"][i] = float(np.mean(tones[i]))
        elif i in fallback:
            cols["tone"][i] = fallback[i]
    for s in assessments:
        if s.get("polarity") is not None:
            i = pos[s["article_id"]]
            cols["ap"][i] += float(s["polarity"])
            cols["an"][i] += 1
    return ids, cols


def _old_stats(cols: dict[str, np.ndarray], idx: np.ndarray) -> dict[str, np.ndarray]:
    """Statistics for each row of article indices ``idx`` (shape: resamples × articles)."""

    def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)

    w = cols["w"][idx].sum(axis=1)
    g = cols["g"][idx].sum(axis=1)
    coop = cols["coop"][idx].sum(axis=1)
    conf = cols["conf"][idx].sum(axis=1)
    tone_vals = cols["tone"][idx]
    tone_n = (~np.isnan(tone_vals)).sum(axis=1)
    tone_sum = np.nansum(tone_vals, axis=1)
    return {
        "n_events": w,
        "goldstein_sum": g,
        "goldstein_mean": ratio(g, w),
        "nci": ratio(coop - conf, coop + conf),
        "tone": ratio(tone_sum, tone_n.astype(float)),
        "assessment": ratio(cols["ap"][idx].sum(axis=1), cols["an"][idx].sum(axis=1)),
    }


def _old_point(
    period: date,
    clusters: list[EventCluster],
    assessments: list[dict[str, Any]],
    weight: str,
    n_boot: int,
    rng: np.random.Generator,
) -> SeriesPoint:
    p = SeriesPoint(period=period)
    if not clusters and not assessments:
        return p
    ids, cols = _old_article_table(clusters, assessments, weight)
    n = len(ids)
    point = {k: float(v[0]) for k, v in _old_stats(cols, np.arange(n)[None, :]).items()}
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
    boot = _old_stats(cols, rng.integers(0, n, size=(n_boot, n)))
    # Articles that carry the statistic: one such article gives no spread to measure.
    carriers = {
        "n_events": n,
        "goldstein_sum": n,
        "goldstein_mean": p.n_articles,
        "nci": p.n_articles,
        "tone": int((~np.isnan(cols["tone"])).sum()),
        "assessment": int((cols["an"] > 0).sum()),
    }
    for metric, draws in boot.items():
        value = point[metric]
        if np.isnan(value):
            p.intervals[metric] = None
            continue
        if metric in RANGES and carriers[metric] < 2:
            p.intervals[metric] = RANGES[metric]
            continue
        ok = draws[~np.isnan(draws)]
        lo, hi = np.percentile(ok, [2.5, 97.5]) if ok.size else (value, value)
        p.intervals[metric] = (float(min(lo, value)), float(max(hi, value)))
    return p


# -- the comparisons ------------------------------------------------------------------------


def _same(a: SeriesPoint, b: SeriesPoint) -> None:
    assert a.to_dict() == b.to_dict()
    # bit for bit, before the rounding of to_dict
    for name in ("n_events", "goldstein_sum", "goldstein_mean", "nci", "tone", "assessment"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.intervals == b.intervals
    assert list(a.intervals) == list(b.intervals)


def _invented(seed: int, n_rows: int) -> list[EventCluster]:
    rng = random.Random(seed)
    rows = []
    for i in range(n_rows):
        article = f"a{rng.randrange(n_rows // 2)}"
        rows.append(
            {
                "id": f"e{i}",
                "article_id": article,
                "day": date(2024, 3, 1) + timedelta(days=rng.randrange(3)),
                "src": "USA",
                "tgt": rng.choice(["RUS", "CHN"]),
                "plover": rng.choice(["CONSULT", "ACCUSE", "AID", "ASSAULT"]),
                "cameo_root": "04",
                "sentence": "talks envoy border " + rng.choice(["aid", "troops", "trade"]),
                "quad_class": rng.choice([1, 2, 3, 4, None]),
                "goldstein": rng.choice([None, rng.uniform(-10, 10)]),
                "sentence_tone": rng.choice([None, rng.uniform(-1, 1)]),
                "article_tone": rng.choice([None, rng.uniform(-1, 1)]),
                "publisher": rng.choice(["P1", "P2", "P3", None]),
                "is_dup": False,
            }
        )
    return cluster_events(rows)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("weight", ["none", "sources"])
def test_invented_periods_match_the_oracle(seed: int, weight: str) -> None:
    clusters = _invented(seed, 400 + 300 * seed)
    assert len({a for c in clusters for a in c.article_ids}) > 130  # past numpy's 128 block
    rng = random.Random(seed)
    statements = [
        {"article_id": f"a{rng.randrange(300)}", "polarity": rng.choice([None, rng.uniform(-1, 1)])}
        for _ in range(40)
    ]
    period = date(2024, 3, 1)
    for subset in (clusters, clusters[:1], clusters[:7], []):
        for said in (statements, statements[:1], []):
            if not subset and not said:
                continue
            new = _point(period, subset, said, weight, 200, _period_rng(0, period))
            old = _old_point(period, subset, said, weight, 200, _period_rng(0, period))
            _same(new, old)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from detente.ingest import ingest_paths
    from detente.pipeline import code_pending

    db = tmp_path_factory.mktemp("vectorised") / "sample.duckdb"
    with Store(db) as store:
        ingest_paths([str(EXAMPLES / "corpus")], store)
        code_pending(store)
    return db


def test_sample_corpus_series_match_the_oracle(sample_db: Path) -> None:
    memo.clear()
    checked = 0
    with Store(sample_db, read_only=True) as store:
        pairs = store.query(
            "SELECT source_country AS a, target_country AS b, count(*) AS n FROM events "
            "WHERE source_country <> target_country GROUP BY ALL ORDER BY n DESC, a, b LIMIT 4"
        )
        for p in pairs:
            for freq in FREQS:
                for weight in ("none", "sources"):
                    s = dyad_series(store, DyadQuery(p["a"], p["b"]), freq=freq, weight=weight)
                    by_period: dict[date, list[EventCluster]] = {}
                    for c in s.clusters:
                        by_period.setdefault(c.period, []).append(c)
                    said: dict[date, list[dict[str, Any]]] = {}
                    for st in s.assessments:
                        said.setdefault(st["period"], []).append(st)
                    for point in s.points:
                        old = _old_point(
                            point.period,
                            by_period.get(point.period, []),
                            said.get(point.period, []),
                            weight,
                            200,
                            _period_rng(0, point.period),
                        )
                        _same(point, old)
                        checked += point.n_events > 0
    assert checked > 50
    memo.clear()


def test_values_only_series_have_the_same_values_and_no_bands(sample_db: Path) -> None:
    """``n_boot=0`` (the dyad page's two directions, drawn as lines) skips the bands only."""
    memo.clear()
    with Store(sample_db, read_only=True) as store:
        p = store.query(
            "SELECT source_country AS a, target_country AS b, count(*) AS n FROM events "
            "WHERE source_country <> target_country GROUP BY ALL ORDER BY n DESC, a, b LIMIT 1"
        )[0]
        q = DyadQuery(p["a"], p["b"], directed=True)
        full = dyad_series(store, q, freq="month")
        lines = dyad_series(store, q, freq="month", n_boot=0)
        assert [x.period for x in lines.points] == [x.period for x in full.points]
        for metric in ("n_events", "goldstein_mean", "nci", "tone", "assessment"):
            assert lines.values(metric) == full.values(metric), metric
        assert any(x.intervals for x in full.points)
        assert not any(x.intervals for x in lines.points)
    memo.clear()
