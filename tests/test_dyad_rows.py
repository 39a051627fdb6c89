"""The dyad's rows read once and picked in Python are the SQL's rows; clusters made by
segments (and kept) are the clusters of all rows; the faster clustering is the old one.

``analytics.dyadrows`` serves the series, the dyad page and the API under load
(RELIABILITY.md); these tests pin that it changes no answer.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from detente.analytics import dyadrows, memo
from detente.analytics.clusters import (
    EventCluster,
    _as_date,
    _kind,
    _reports,
    attach_copies,
    cluster_events,
    content_words,
    similarity,
)
from detente.analytics.params import MODALITIES, DyadQuery
from detente.analytics.queries import duplicates_of, dyad_event_rows, left_out
from detente.records import content_id
from detente.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _reference_clusters(rows: list[dict[str, Any]]) -> list[EventCluster]:
    """``cluster_events`` as it was before closing old clusters (the rule, written plainly)."""
    ordered = sorted(
        rows, key=lambda r: (_as_date(r["day"]), bool(r.get("is_dup")), r["article_id"], r["id"])
    )
    open_by_key: dict[tuple[str, str, str], list[tuple[EventCluster, list[frozenset[str]]]]] = {}
    clusters: list[EventCluster] = []
    for row in ordered:
        day = _as_date(row["day"])
        key = (row["src"], row["tgt"], _kind(row))
        words = content_words(row.get("sentence"))
        best = None
        for cluster, member_words in open_by_key.get(key, []):
            if (day - _as_date(cluster.rows[-1]["day"])).days > 2:
                continue
            score = max(similarity(words, w) for w in member_words)
            if score >= 0.3 and (best is None or score > best[0]):
                best = (score, cluster, member_words)
        if best is not None:
            best[1].rows.append(row)
            best[2].append(words)
            continue
        if row.get("is_dup"):
            continue
        cluster = EventCluster("", key[0], key[1], key[2], day, None, rows=[row])
        open_by_key.setdefault(key, []).append((cluster, [words]))
        clusters.append(cluster)
    for c in clusters:
        c.id = content_id(*sorted(r["id"] for r in c.rows))
        c.reports = _reports(c.rows)
    clusters.sort(key=lambda c: (c.date, c.id))
    return clusters


def _as_dicts(clusters: list[EventCluster]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in clusters]


def _random_rows(seed: int, n: int = 600) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    words = [
        "talks",
        "sanctions",
        "aid",
        "troops",
        "border",
        "trade",
        "minister",
        "summit",
        "envoy",
    ]
    out = []
    for i in range(n):
        article = f"art{rng.randrange(n // 3)}"
        out.append(
            {
                "id": f"ev{i}",
                "article_id": article,
                "day": date(2024, 1, 1) + timedelta(days=rng.randrange(0, 120)),
                "src": rng.choice(["USA", "RUS"]),
                "tgt": "CHN",
                "plover": rng.choice(["CONSULT", "ACCUSE", None]),
                "cameo_root": rng.choice(["04", "11"]),
                "sentence": " ".join(rng.sample(words, 4)),
                "is_dup": rng.random() < 0.1,
                "publisher": rng.choice(["A", "B", "C"]),
            }
        )
    return out


@pytest.mark.parametrize("seed", range(6))
def test_closing_old_clusters_changes_no_cluster(seed: int) -> None:
    rows = _random_rows(seed)
    got = cluster_events(rows)
    assert len(got) > 20
    assert _as_dicts(got) == _as_dicts(_reference_clusters(rows))


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus, coded: negated events, modalities, copies, issue tags."""
    from detente.ingest import ingest_paths
    from detente.pipeline import code_pending

    db = tmp_path_factory.mktemp("dyad-rows") / "sample.duckdb"
    with Store(db) as store:
        ingest_paths([str(EXAMPLES / "corpus")], store)
        code_pending(store)
    return db


def _variants(store: Store) -> list[dict[str, Any]]:
    first = lambda sql: store.query(sql)[0]["v"]  # noqa: E731
    plover = first("SELECT upper(plover) AS v FROM events GROUP BY 1 ORDER BY count(*) DESC")
    issue = first("SELECT issue AS v FROM issue_tags GROUP BY 1 ORDER BY count(*) DESC")
    publisher = first("SELECT publisher AS v FROM articles GROUP BY 1 ORDER BY count(*) DESC")
    mid = first("SELECT CAST(to_timestamp(avg(epoch(published))) AS DATE) AS v FROM articles")
    return [
        {},
        {"directed": True},
        {"include_negated": True},
        {"modalities": MODALITIES},
        {"modalities": ("actual", "intent"), "min_confidence": 0.6},
        {"min_confidence": 0.0},
        {"since": mid},
        {"until": mid},
        {"since": mid, "modalities": MODALITIES, "include_negated": True},
        {"plover": plover},
        {"plover": "NO-SUCH-TYPE"},
        {"issue": issue},
        {"publisher": publisher},
    ]


def _pairs(store: Store) -> list[tuple[str, str]]:
    got = store.query(
        "SELECT source_country AS a, target_country AS b, count(*) AS n FROM events "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country <> target_country GROUP BY ALL ORDER BY n DESC, a, b LIMIT 6"
    )
    assert got
    return [(p["a"], p["b"]) for p in got]


def test_rows_picked_in_python_are_the_sql_rows(sample_db: Path) -> None:
    with Store(sample_db, read_only=True) as store:
        checked = 0
        for a, b in _pairs(store):
            for extra in _variants(store):
                q = DyadQuery(a, b, **extra)
                for canonical_only in (True, False):
                    for undated in (False, True, None):
                        want = dyad_event_rows(
                            store, q, canonical_only=canonical_only, undated=undated
                        )
                        got = dyadrows.select(
                            store, q, canonical_only=canonical_only, undated=undated
                        )
                        assert got == want, (q, canonical_only, undated)
                        checked += len(want)
                assert dyadrows.left_out(store, q) == left_out(store, q), q
        assert checked > 1000


def test_clusters_by_segment_are_the_clusters_of_all_rows(sample_db: Path) -> None:
    memo.clear()
    with Store(sample_db, read_only=True) as store:
        for a, b in _pairs(store):
            for extra in _variants(store):
                q = DyadQuery(a, b, **extra)
                rows = dyad_event_rows(store, q)
                want = cluster_events(rows)
                attach_copies(want, duplicates_of(store, sorted({r["article_id"] for r in rows})))
                # twice: computed, then made of the kept segments
                assert _as_dicts(dyadrows.dyad_clusters(store, q)) == _as_dicts(want), q
                assert _as_dicts(dyadrows.dyad_clusters(store, q)) == _as_dicts(want), q
    memo.clear()


def test_a_type_filter_reuses_the_kept_segments(sample_db: Path) -> None:
    memo.clear()
    with Store(sample_db, read_only=True) as store:
        a, b = _pairs(store)[0]
        q = DyadQuery(a, b)
        everything = dyadrows.dyad_clusters(store, q)
        base = dyadrows.dyad_rows(store, a, b)
        assert dyadrows.dyad_rows(store, b, a) is base  # one read per dyad and database version
        kept = len(base.segments)
        assert kept > 0
        for kind in sorted({c.kind for c in everything if not c.kind.startswith("CAMEO:")}):
            typed = dyadrows.dyad_clusters(store, replace(q, plover=kind))
            assert typed == [c for c in everything if c.kind == kind]
        assert len(base.segments) == kept  # nothing clustered again
        # another direction whose rows have the same source and target reuses them too
        first = {r["id"]: (r["src"], r["tgt"]) for r in dyad_event_rows(store, q)}
        reused = 0
        for other in (DyadQuery(a, b, directed=True), DyadQuery(b, a)):
            rows = dyad_event_rows(store, other)
            if all(first.get(r["id"]) == (r["src"], r["tgt"]) for r in rows):
                dyadrows.dyad_clusters(store, other)
                assert len(base.segments) == kept, other
                reused += 1
        assert reused  # A→B always has A–B's rows
    memo.clear()


def test_both_directions_of_reciprocal_events_are_the_sql_ones(tmp_path: Path) -> None:
    """A compound event with each side as source (A→B and B→A at once) is read once for
    the dyad and still gets each query's source and target (``matched``)."""
    from factories import CorpusBuilder

    b = CorpusBuilder()
    for day in range(1, 25, 2):
        published = f"2024-03-{day:02d}"
        art = b.article(
            [
                f"Washington and Moscow accused each other of violating the truce on day {day}.",
                "Washington sent envoys to Moscow for talks on the truce.",
                "Moscow rejected the offer from Washington.",
            ],
            publisher=["Example Times", "Invented Wire"][day % 2],
            published=published,
        )
        both = [("Washington", "USA"), ("Moscow", "RUS")]
        art.event(0, both, list(reversed(both)), plover="ACCUSE", cameo="112", quad=3, goldstein=-2)
        art.event(
            1,
            ("Washington", "USA"),
            ("Moscow", "RUS"),
            plover="CONSULT",
            cameo="040",
            quad=1,
            goldstein=1,
        )
        art.event(
            2,
            ("Moscow", "RUS"),
            ("Washington", "USA"),
            plover="REJECT",
            cameo="120",
            quad=3,
            goldstein=-4,
            negated=day % 5 == 0,
        )
    db = b.write(tmp_path / "reciprocal.duckdb")
    memo.clear()
    with Store(db, read_only=True) as store:
        views = [DyadQuery("USA", "RUS"), DyadQuery("RUS", "USA")]
        views += [replace(v, directed=True) for v in views]
        for q in views:
            for extra in ({}, {"plover": "ACCUSE"}, {"include_negated": True}):
                qq = replace(q, **extra)
                want_rows = dyad_event_rows(store, qq)
                assert dyadrows.select(store, qq) == want_rows, qq
                assert dyadrows.left_out(store, qq) == left_out(store, qq), qq
                want = cluster_events(want_rows)
                attach_copies(want, duplicates_of(store, []))
                assert _as_dicts(dyadrows.dyad_clusters(store, qq)) == _as_dicts(want), qq
        reciprocal = [r for r in dyad_event_rows(store, views[1]) if r["plover"] == "ACCUSE"]
        assert reciprocal and all(r["src"] == "RUS" for r in reciprocal)  # B–A prefers B
    memo.clear()


def test_series_points_are_computed_once_for_both_orders(sample_db: Path) -> None:
    from detente.analytics import dyad_series

    memo.clear()
    with Store(sample_db, read_only=True) as store:
        a, b = _pairs(store)[0]
        ab = dyad_series(store, DyadQuery(a, b), freq="month")
        ba = dyad_series(store, DyadQuery(b, a), freq="month")
        assert ab.points and len(ab.points) == len(ba.points)
        # the same clusters and statements in each period: the same point, not a recomputed one
        assert all(p is q for p, q in zip(ab.points, ba.points, strict=True))
        memo.clear()
        fresh = dyad_series(store, DyadQuery(b, a), freq="month")
        assert [p.to_dict() for p in fresh.points] == [p.to_dict() for p in ba.points]
    memo.clear()
