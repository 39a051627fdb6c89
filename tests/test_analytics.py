"""Analytics on invented corpora: dedup, clustering, series, bands, turning points, summaries."""

from __future__ import annotations

from datetime import date

import pytest

from detente.analytics import (
    DyadQuery,
    QueryError,
    cluster_events,
    corpus_stats,
    dyad_counts,
    dyad_series,
    dyad_summary,
    find_turning_points,
    top_dyad,
    turning_points,
)
from detente.store import Store
from factories import (
    DEMO_DYADS,
    DEMO_MONTHS,
    DEMO_USA_RUS_EVENT_ROWS,
    DEMO_USA_RUS_EVENTS,
    IW,
    SP,
    CorpusBuilder,
    build_demo_db,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("analytics") / "demo.duckdb"
    handles = build_demo_db(path)
    store = Store(path, read_only=True)
    yield store, handles
    store.close()


def usa_rus(**kw) -> DyadQuery:
    return DyadQuery.make("USA", "RUS", **kw)


# -- dyads, dedup and clustering ------------------------------------------------------------


def test_dyad_counts_and_top_dyad(demo):
    store, _ = demo
    found, total = dyad_counts(store)
    assert total == len(DEMO_DYADS)
    assert {(d["a"], d["b"]): d["n_reports"] for d in found} == DEMO_DYADS
    # n_events: the clustered events the dyad page and the series count
    usa_rus_row = next(d for d in found if (d["a"], d["b"]) == ("RUS", "USA"))
    assert usa_rus_row["n_events"] == sum(DEMO_USA_RUS_EVENTS)
    assert top_dyad(store) == ("RUS", "USA")


def test_series_counts_each_event_once_per_month(demo):
    store, _ = demo
    s = dyad_series(store, usa_rus(), freq="month")
    assert [p.period.isoformat() for p in s.points] == DEMO_MONTHS
    assert [p.n_events for p in s.points] == DEMO_USA_RUS_EVENTS


def test_copy_and_syndication_count_once_but_are_listed_as_reports(demo):
    store, h = demo
    s = dyad_series(store, usa_rus(), freq="month")
    march = s.points[2]
    expel = next(c for c in s.clusters if c.kind == "SANCTION")
    reported_by = {r.article_id: r.syndicated for r in expel.reports}
    assert reported_by == {
        h["expel_wire"].id: False,
        h["expel_post"].id: False,
        h["expel_copy"].id: True,
    }
    assert expel.independent_sources == 2  # the copy is not an independent source
    assert march.n_events == 2  # expulsion + bank sanctions, not 4 rows
    assert march.n_reports == 4


def test_weighting_by_independent_sources(demo):
    store, _ = demo
    plain = dyad_series(store, usa_rus(), freq="month")
    weighted = dyad_series(store, usa_rus(), freq="month", weight="sources")
    assert plain.points[2].n_events == 2
    assert weighted.points[2].n_events == 3  # expulsion reported by two outlets counts 2
    assert weighted.points[0].n_events == plain.points[0].n_events


def test_negated_events_are_left_out_unless_asked(demo):
    store, h = demo
    ids = {r["id"] for c in dyad_series(store, usa_rus()).clusters for r in c.rows}
    negated = next(e.id for e in h["missiles"].coded.events if e.negated)
    assert negated not in ids
    with_neg = dyad_series(store, usa_rus(include_negated=True))
    assert negated in {r["id"] for c in with_neg.clusters for r in c.rows}


def test_directed_series_split_the_dyad(demo):
    store, _ = demo
    fwd = dyad_series(store, usa_rus(directed=True))
    back = dyad_series(store, usa_rus(directed=True).reversed())
    both = dyad_series(store, usa_rus())
    assert all(c.src == "USA" and c.tgt == "RUS" for c in fwd.clusters)
    assert all(c.src == "RUS" and c.tgt == "USA" for c in back.clusters)
    # The reciprocal compound event (both agreed) is in both directions but once undirected.
    assert len(fwd.clusters) + len(back.clusters) == len(both.clusters) + 1


def test_filters_plover_publisher_issue_and_dates(demo):
    store, _ = demo
    assert {c.kind for c in dyad_series(store, usa_rus(plover="consult")).clusters} == {"CONSULT"}
    by_pub = dyad_series(store, usa_rus(publisher=SP)).clusters
    assert by_pub and all(c.first["publisher"] == SP for c in by_pub)
    arms = dyad_series(store, usa_rus(issue="arms_control")).clusters
    assert {c.kind for c in arms} == {"CONSULT", "REJECT", "SUPPORT"}
    spring = dyad_series(store, usa_rus(since="2024-03-01", until="2024-04-30"))
    assert [p.period for p in spring.points] == [date(2024, 3, 1), date(2024, 4, 1)]


def test_weekly_series_fills_empty_weeks(demo):
    store, _ = demo
    s = dyad_series(store, usa_rus(since="2024-01-01", until="2024-01-31"), freq="week")
    assert [p.period.weekday() for p in s.points] == [0] * len(s.points)  # weeks start on Monday
    assert sum(p.n_events for p in s.points) == 2
    assert any(p.n_events == 0 and p.nci is None for p in s.points)


def test_net_cooperation_and_goldstein(demo):
    store, _ = demo
    p = dyad_series(store, usa_rus()).points
    assert p[0].nci == pytest.approx(1.0)  # January: consult + sign
    assert p[1].nci == pytest.approx(-1.0)  # February: accuse + reject
    assert p[0].goldstein_sum == pytest.approx(9.0)
    assert p[0].goldstein_mean == pytest.approx(4.5)
    assert p[0].by_quad == {"1": 2.0}
    assert p[2].by_plover == {"SANCTION": 1.0, "COERCE": 1.0}
    assert p[0].assessment == pytest.approx(-0.6)
    assert p[0].tone == pytest.approx((0.2 + 0.5) / 2)  # event-sentence tone per article


def test_nci_weights_material_acts_double(tmp_path):
    b = CorpusBuilder()
    a = b.article(
        ["Invented: Ruritania praised Freedonia.", "Invented: Freedonia seized a Ruritanian ship."],
        publisher=IW,
        published="2024-01-05",
    )
    a.event(
        0,
        ("Ruritania", "RUR"),
        ("Freedonia", "FRE"),
        plover="SUPPORT",
        cameo="051",
        quad=1,
        goldstein=3.4,
    )
    a.event(
        1,
        ("Freedonia", "FRE"),
        ("Ruritanian", "RUR"),
        plover="COERCE",
        cameo="171",
        quad=4,
        goldstein=-9.2,
    )
    with Store(b.write(tmp_path / "n.duckdb"), read_only=True) as store:
        (p,) = dyad_series(store, DyadQuery.make("RUR", "FRE")).points
    assert p.nci == pytest.approx((1 - 2) / (1 + 2))


# -- bootstrap bands ------------------------------------------------------------------------


def _corpus_with_months(tmp_path, per_month: dict[str, list[int]]):
    """Articles each with one RUR->FRE event of the given quad classes, per month."""
    b = CorpusBuilder()
    for month, quads in per_month.items():
        for i, quad in enumerate(quads):
            a = b.article(
                [f"Invented {month} item {i}: Ruritania and Freedonia had dealings."],
                publisher=f"Outlet {i % 3}",
                published=f"{month}-{(i % 27) + 1:02d}",
            )
            a.event(
                0,
                ("Ruritania", "RUR"),
                ("Freedonia", "FRE"),
                plover="CONSULT" if quad == 1 else "ACCUSE",
                cameo="040" if quad == 1 else "112",
                quad=quad,
                goldstein=1.0 if quad == 1 else -2.0,
            )
    return b.write(tmp_path / "boot.duckdb")


def test_band_contains_point_and_narrows_with_more_articles(tmp_path):
    path = _corpus_with_months(tmp_path, {"2024-01": [1, 3, 1], "2024-02": [1, 3] * 30})
    with Store(path, read_only=True) as store:
        s = dyad_series(store, DyadQuery.make("RUR", "FRE"))
    jan, feb = s.points
    for p in s.points:
        for metric in ("n_events", "goldstein_mean", "nci"):
            lo, hi = p.intervals[metric]
            assert lo <= p.value(metric) <= hi
    width = lambda p: p.intervals["nci"][1] - p.intervals["nci"][0]  # noqa: E731
    assert width(feb) < width(jan)
    assert width(jan) > 0


def test_one_article_period_gets_the_whole_range(tmp_path):
    path = _corpus_with_months(tmp_path, {"2024-01": [1]})
    with Store(path, read_only=True) as store:
        (p,) = dyad_series(store, DyadQuery.make("RUR", "FRE")).points
    assert p.nci == 1.0
    assert p.intervals["nci"] == (-1.0, 1.0)
    assert p.intervals["tone"] is None  # no tone stored: no value, no band


def test_bootstrap_is_seeded(tmp_path):
    path = _corpus_with_months(tmp_path, {"2024-01": [1, 3, 3, 1, 1]})
    with Store(path, read_only=True) as store:
        a = dyad_series(store, DyadQuery.make("RUR", "FRE"), seed=7).points[0].intervals
        b = dyad_series(store, DyadQuery.make("RUR", "FRE"), seed=7).points[0].intervals
    assert a == b


# -- clustering -----------------------------------------------------------------------------


def _row(i, day, sentence, *, src="USA", tgt="RUS", plover="SANCTION", article=None, publisher="P"):
    return {
        "id": f"e{i}",
        "article_id": article or f"a{i}",
        "day": day,
        "src": src,
        "tgt": tgt,
        "plover": plover,
        "cameo_root": "16",
        "sentence": sentence,
        "goldstein": -4.0,
        "quad_class": 4,
        "publisher": publisher,
        "period": None,
    }


def test_clustering_joins_similar_reports_within_two_days():
    text = "Russia expelled ten American diplomats over embassy staffing"
    rows = [
        _row(1, "2024-03-05", text, publisher="Wire"),
        _row(2, "2024-03-06", text + ", officials said", publisher="Post"),
        _row(3, "2024-03-12", text, publisher="Late"),  # too late: a new event
        _row(4, "2024-03-05", text, tgt="GBR"),  # other target
        _row(5, "2024-03-05", text, plover="COERCE"),  # other type
        _row(
            6, "2024-03-05", "Moscow announced new limits on foreign journalists"
        ),  # other evidence
    ]
    clusters = cluster_events(rows)
    sizes = sorted(len(c.rows) for c in clusters)
    assert sizes == [1, 1, 1, 1, 2]
    joined = next(c for c in clusters if len(c.rows) == 2)
    assert [r.publisher for r in joined.reports] == ["Wire", "Post"]
    assert joined.independent_sources == 2


def test_clustering_chains_and_is_order_independent():
    text = "Invented: Ruritania shelled the Freedonian border post"
    rows = [_row(i, f"2024-05-0{i}", text) for i in (1, 3, 5)]
    forward = cluster_events(rows)
    backward = cluster_events(list(reversed(rows)))
    assert len(forward) == 1 and len(forward[0].rows) == 3
    assert [c.id for c in forward] == [c.id for c in backward]


def test_copy_rows_never_open_a_cluster():
    rows = [_row(1, "2024-03-05", "text one here", article="orig")]
    copy = _row(2, "2024-03-05", "something completely different", article="copy")
    copy["is_dup"] = True
    assert len(cluster_events([*rows, copy])) == 1


# -- turning points -------------------------------------------------------------------------


def test_find_turning_points_on_a_constructed_series():
    values = [0.0, 0.1, -0.1, 0.05, 0.8, 0.7, 0.75, -0.6]
    tight = [(v - 0.05, v + 0.05) for v in values]
    found = find_turning_points(values, tight, window=6, min_history=3)
    assert [(i, d) for i, d, *_ in found] == [(4, "up"), (7, "down")]
    i, _, lo, hi, mean = found[0]
    assert (lo, hi) == (-0.1, 0.1) and mean == pytest.approx(0.0125)


def test_wide_band_or_short_history_is_not_a_turning_point():
    values = [0.0, 0.1, -0.1, 0.05, 0.8]
    wide = [(v - 0.05, v + 0.05) for v in values[:-1]] + [(-1.0, 1.0)]
    assert find_turning_points(values, wide) == []
    assert find_turning_points([0.0, 0.9], [(0, 0), (0.85, 0.95)]) == []
    # Empty periods are skipped, not treated as zero.
    gaps = [0.0, None, 0.1, None, -0.1, 0.05, 0.8]
    bands = [None if v is None else (v - 0.01, v + 0.01) for v in gaps]
    assert [i for i, *_ in find_turning_points(gaps, bands)] == [6]


def test_turning_points_name_the_events_that_drove_them(tmp_path):
    months = {f"2024-0{m}": [3, 3, 4] for m in range(1, 5)}
    months["2024-05"] = [1] * 6
    path = _corpus_with_months(tmp_path, months)
    with Store(path, read_only=True) as store:
        s = dyad_series(store, DyadQuery.make("RUR", "FRE"))
    (tp,) = turning_points(s, metric="nci")
    assert tp.period == date(2024, 5, 1) and tp.direction == "up"
    assert tp.events and all(c.goldstein > 0 for c in tp.events)
    assert tp.to_dict()["events"][0]["sentence"].startswith("Invented 2024-05")


# -- summary, corpus and parameters -----------------------------------------------------------


def test_summary_issues_speakers_quotes_extremes_publishers(demo):
    store, _ = demo
    s = dyad_summary(store, usa_rus())
    assert s.n_events == sum(DEMO_USA_RUS_EVENTS)
    assert s.issues[0]["issue"] == "arms_control" and s.issues[0]["n_articles"] == 3
    assert {sp["speaker"] for sp in s.speakers} == {
        "Jane Placeholder",
        "Ivan Sampleov",
        "John Example",
    }
    assert {q["text"] for q in s.quotes} >= {"We will keep talking"}
    assert s.cooperative[0].goldstein == 8.0
    assert s.conflictual[0].goldstein == -8.0
    pubs = {p["publisher"]: p for p in s.publishers}
    assert set(pubs) == {"Example Times", "Invented Wire", "Sample Post"}
    assert pubs["Example Times"]["n_events"] == 5  # includes the syndicated copy it printed
    assert pubs["Example Times"]["n_assessments"] == 3


def test_corpus_stats(demo):
    store, _ = demo
    st = corpus_stats(store)
    assert st["n_articles"] == 15 and st["n_duplicates"] == 1
    assert st["n_dyads"] == 3
    assert st["first_published"] == "2024-01-10" and st["last_published"] == "2024-06-05"
    assert st["n_events"] == 17 and st["n_quotes"] == 3 and st["n_assessments"] == 3
    assert {p["publisher"]: p["n_articles"] for p in st["publishers"]} == {
        "Example Times": 6,
        "Invented Wire": 5,
        "Sample Post": 4,
    }
    found, _ = dyad_counts(store)
    assert found[0]["n_reports"] == DEMO_USA_RUS_EVENT_ROWS


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"a": "U$A"}, "a"),
        ({"b": "USA"}, "b"),
        ({"since": "2024-02-30"}, "since"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "since"),
    ],
)
def test_bad_parameters_raise_query_error(kwargs, param):
    args = {"a": "USA", "b": "RUS", **kwargs}
    a, b = args.pop("a"), args.pop("b")
    with pytest.raises(QueryError) as err:
        DyadQuery.make(a, b, **args)
    assert err.value.param == param
    assert err.value.code == "E600"


def test_bad_freq_and_weight(demo):
    store, _ = demo
    with pytest.raises(QueryError, match="freq"):
        dyad_series(store, usa_rus(), freq="fortnight")
    with pytest.raises(QueryError, match="weight"):
        dyad_series(store, usa_rus(), weight="heavy")
