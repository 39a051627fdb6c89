"""Everything the report and the web dyad page show about one dyad, computed once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from detente.analytics import (
    DyadQuery,
    DyadSeries,
    DyadSummary,
    EventCluster,
    Story,
    TurningPoint,
    dyad_series,
    dyad_story,
    dyad_summary,
    turning_points,
    undated_events,
)
from detente.analytics.dyadrows import event_rows
from detente.analytics.queries import Db, articles_by_id
from detente.report.charts import dyad_figures

MAX_EVENT_ROWS = 500  # events table cap; the API pages through the rest


@dataclass
class DyadView:
    query: DyadQuery
    freq: str
    series: DyadSeries
    directed: list[DyadSeries]  # A→B and B→A, values only (no bands: drawn as lines)
    turning: list[TurningPoint]
    summary: DyadSummary
    figures: dict[str, dict[str, Any]]
    events: list[EventCluster]
    story: Story | None = None
    undated: list[EventCluster] = field(default_factory=list)  # no date: in no chart
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return len(self.series.clusters) > len(self.events)

    @property
    def left_out_text(self) -> str:
        return self.series.left_out_text

    def evidence(self, href: Callable[..., str]) -> dict[str, list[dict[str, Any]]]:
        """Per period (ISO date): its events and statements with their sentences and links.

        What a click on a chart point shows (figures.js); ``href(article_id,
        sentence_index)`` makes the link (the page's or the report's anchors).
        """
        out: dict[str, list[dict[str, Any]]] = {}
        for c in self.series.clusters:
            if c.period is None:
                continue
            f = c.first
            out.setdefault(c.period.isoformat(), []).append(
                {
                    "kind": "event",
                    "date": c.date.isoformat() if c.date else None,
                    "label": f"{c.src}→{c.tgt} {f.get('plover') or f.get('cameo')} "
                    f"({c.goldstein:+.1f}, {f.get('modality') or 'actual'})",
                    "sentence": " ".join((f.get("sentence") or "").split()),
                    "href": href(f["article_id"], f.get("sentence_index")),
                    "source": ", ".join(c.publishers) or f.get("publisher") or "",
                    "reports": len(c.reports),
                }
            )
        for st in self.series.assessments:
            if st.get("period") is None:
                continue
            out.setdefault(st["period"].isoformat(), []).append(
                {
                    "kind": "statement",
                    "date": str(st.get("day") or "")[:10],
                    "label": f"statement ({(st.get('polarity') or 0):+.2f})",
                    "sentence": " ".join((st.get("sentence") or "").split()),
                    "href": href(st["article_id"], st.get("sentence_index")),
                    "source": st.get("publisher") or "",
                    "reports": 1,
                }
            )
        return out

    def evidence_sentences(self) -> list[dict[str, Any]]:
        """Every sentence the view links to, once, in date order (the report's in-page anchors)."""
        seen: dict[tuple[str, int], dict[str, Any]] = {}
        for c in [*self.series.clusters, *self.undated]:
            for r in c.rows:
                key = (r["article_id"], int(r.get("sentence_index") or 0))
                seen.setdefault(key, {"day": r.get("day"), "sentence": r.get("sentence")})
        for st in self.series.assessments:
            key = (st["article_id"], int(st.get("sentence_index") or 0))
            seen.setdefault(key, {"day": st.get("day"), "sentence": st.get("sentence")})
        items = [{"article_id": a, "sentence_index": i, **v} for (a, i), v in seen.items()]
        items.sort(key=lambda x: (str(x["day"] or "9999"), x["article_id"], x["sentence_index"]))
        return items


def dyad_view(
    db: Db, q: DyadQuery, *, freq: str = "month", weight: str = "none", metric: str = "nci"
) -> DyadView:
    """Series (undirected and both directions), turning points, summary and charts."""
    undirected = replace(q, directed=False)
    series = dyad_series(db, undirected, freq=freq, weight=weight)
    forward = replace(undirected, directed=True)
    # the directions are drawn as lines only: their values, without bands (n_boot=0)
    directed = [
        dyad_series(db, forward, freq=freq, weight=weight, n_boot=0),
        dyad_series(db, forward.reversed(), freq=freq, weight=weight, n_boot=0),
    ]
    turning = turning_points(series, metric=metric)
    story = dyad_story(series)
    summary = dyad_summary(db, undirected, clusters=series.clusters)
    events = sorted(series.clusters, key=lambda c: (c.date, c.id))[:MAX_EVENT_ROWS]
    view = DyadView(
        query=undirected,
        freq=freq,
        series=series,
        directed=directed,
        turning=turning,
        summary=summary,
        figures=dyad_figures(series, directed, turning, story.shifts) if series.points else {},
        events=events,
        story=story,
        undated=undated_events(event_rows(db, undirected, undated=True))[:MAX_EVENT_ROWS],
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
    found = articles_by_id(db, sorted(ids))
    return {r["id"]: r for r in found}
