"""A period's bootstrap band does not move with the query window (one generator per period)."""

from __future__ import annotations

from pathlib import Path

from detente.analytics import DyadQuery, dyad_series
from detente.store import Store
from factories import CorpusBuilder


def _corpus(path: Path) -> Path:
    """Four months of RUR->FRE articles, a mix of cooperation (1) and conflict (3)."""
    b = CorpusBuilder()
    months = {
        "2024-01": [1, 3, 3, 1, 1, 3],
        "2024-02": [1, 1, 3, 3, 1],
        "2024-03": [3, 3, 1, 1, 1, 3, 1],
        "2024-04": [1, 3, 1, 3],
    }
    for month, quads in months.items():
        for i, quad in enumerate(quads):
            a = b.article(
                [f"Invented {month} note {i}: Ruritania and Freedonia had dealings."],
                publisher=f"Outlet {i % 3}",
                published=f"{month}-{i + 1:02d}",
            )
            a.event(
                0, ("Ruritania", "RUR"), ("Freedonia", "FRE"),
                plover="CONSULT" if quad == 1 else "ACCUSE", cameo="040" if quad == 1 else "112",
                quad=quad, goldstein=1.0 if quad == 1 else -2.0,
            )
    return b.write(path)


def test_a_months_band_is_the_same_whatever_the_window(tmp_path: Path) -> None:
    path = _corpus(tmp_path / "bands.duckdb")
    with Store(path, read_only=True) as store:
        whole = dyad_series(store, DyadQuery.make("RUR", "FRE"), freq="month")
        later = dyad_series(store, DyadQuery.make("RUR", "FRE", since="2024-03-01"), freq="month")
        other_seed = dyad_series(store, DyadQuery.make("RUR", "FRE"), freq="month", seed=1)
    by_month = {p.period: p for p in whole.points}
    assert len(later.points) == 2
    for p in later.points:
        assert p.intervals == by_month[p.period].intervals, p.period
        assert p.intervals["nci"][0] < p.intervals["nci"][1]  # a real band, not a fixed range
    # The seed still matters, and periods do not share one stream of draws.
    assert [p.intervals for p in other_seed.points] != [p.intervals for p in whole.points]
