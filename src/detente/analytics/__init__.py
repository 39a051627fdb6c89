"""Dyad analytics: series with bootstrap bands, event clusters, turning points, summaries.

Everything reads the store (a ``Store`` or a DuckDB connection/cursor) with
parameterised SQL and never writes, so it works on a read-only database.

    from detente.analytics import DyadQuery, dyad_series, turning_points
    q = DyadQuery.make("USA", "RUS", since="2024-01-01")
    series = dyad_series(store, q, freq="month")
    for tp in turning_points(series, metric="nci"):
        print(tp.period, tp.direction, [c.first["sentence"] for c in tp.events])
"""

from detente.analytics.clusters import (
    EventCluster,
    Report,
    attach_copies,
    cluster_events,
    undated_events,
)
from detente.analytics.corpus import corpus_stats, dyad_activity, dyad_counts, top_dyad
from detente.analytics.frames import events_frame
from detente.analytics.params import FREQS, METRICS, MODALITIES, DyadQuery, QueryError
from detente.analytics.select import Selection, select_events
from detente.analytics.series import DyadSeries, SeriesPoint, dyad_clusters, dyad_series
from detente.analytics.story import Shift, Story, dyad_story
from detente.analytics.summary import DyadSummary, dyad_summary
from detente.analytics.turning import TurningPoint, find_turning_points, turning_points

__all__ = [
    "DyadQuery",
    "DyadSeries",
    "DyadSummary",
    "EventCluster",
    "FREQS",
    "METRICS",
    "MODALITIES",
    "QueryError",
    "Report",
    "Selection",
    "SeriesPoint",
    "Shift",
    "Story",
    "TurningPoint",
    "attach_copies",
    "cluster_events",
    "corpus_stats",
    "dyad_activity",
    "dyad_clusters",
    "dyad_counts",
    "dyad_series",
    "dyad_story",
    "dyad_summary",
    "events_frame",
    "find_turning_points",
    "select_events",
    "top_dyad",
    "turning_points",
    "undated_events",
]
