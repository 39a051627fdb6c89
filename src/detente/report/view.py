"""Everything the report and the web dyad page show about one dyad, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from detente.analytics import (
    DyadQuery,
    DyadSeries,
    DyadSummary,
    EventCluster,
    TurningPoint,
    dyad_series,
    dyad_summary,
    turning_points,
    undated_events,
)
from detente.analytics._sql import Db, dyad_event_rows, rows
from detente.report.charts import dyad_figures

MAX_EVENT_ROWS = 500  # events table cap; the API pages through the rest


@dataclass
class DyadView:
    query: DyadQuery
    freq: str
    series: DyadSeries
    directed: list[DyadSeries]
    turning: list[TurningPoint]
    summary: DyadSummary
    figures: dict[str, dict[str, Any]]
    events: list[EventCluster]
    undated: list[EventCluster] = field(default_factory=list)  # no date: in no chart
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return len(self.series.clusters) > len(self.events)


def dyad_view(
    db: Db, q: DyadQuery, *, freq: str = "month", weight: str = "none", metric: str = "nci"
) -> DyadView:
    """Series (undirected and both directions), turning points, summary and charts."""
    undirected = replace(q, directed=False)
    series = dyad_series(db, undirected, freq=freq, weight=weight)
    forward = replace(undirected, directed=True)
    directed = [
        dyad_series(db, forward, freq=freq, weight=weight),
        dyad_series(db, forward.reversed(), freq=freq, weight=weight),
    ]
    turning = turning_points(series, metric=metric)
    summary = dyad_summary(db, undirected, clusters=series.clusters)
    events = sorted(series.clusters, key=lambda c: (c.date, c.id))[:MAX_EVENT_ROWS]
    view = DyadView(
        query=undirected,
        freq=freq,
        series=series,
        directed=directed,
        turning=turning,
        summary=summary,
        figures=dyad_figures(series, directed, turning) if series.points else {},
        events=events,
        undated=undated_events(dyad_event_rows(db, undirected, undated=True))[:MAX_EVENT_ROWS],
    )
    view.articles = referenced_articles(db, view)
    return view


def referenced_articles(db: Db, view: DyadView) -> dict[str, dict[str, Any]]:
    """Metadata of every article the view links to (events, quotes, statements), by id."""
    ids: set[str] = set()
    for c in view.events + view.undated:
        ids.update(r.article_id for r in c.reports)
    for t in view.turning:
        ids.update(s["article_id"] for s in t.statements)
    ids.update(q["article_id"] for q in view.summary.quotes)
    if not ids:
        return {}
    found = rows(
        db,
        "SELECT id, title, publisher, CAST(published AS VARCHAR) AS published, url, duplicate_of "
        "FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY published, id",
        [sorted(ids)],
    )
    return {r["id"]: r for r in found}
