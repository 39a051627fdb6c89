"""Plotly figures for the report and the web pages, returned as plain JSON-ready dicts.

The pages embed a figure with Jinja's ``tojson`` filter (which escapes ``<``,
``>`` and ``&``) and draw it with ``Plotly.newPlot``; hover texts taken from
articles are HTML-escaped first, because Plotly renders a subset of HTML in
labels. Every chart gets a stable element id (``CHART_IDS``) so tests and
users can find it.
"""

from __future__ import annotations

import html
import json
from typing import Any

import plotly.graph_objects as go

from detente.analytics import DyadSeries, Shift, TurningPoint

CHART_IDS = {
    "nci": "chart-nci",
    "counts": "chart-counts",
    "goldstein_mean": "chart-goldstein",
    "tone": "chart-tone",
    "assessment": "chart-assessment",
}
TITLES = {
    "nci": "Net cooperation index (−1 conflict … +1 cooperation)",
    "goldstein_mean": "Mean Goldstein score",
    "tone": "Mean tone of the event sentences",
    "assessment": "Mean polarity of statements about the relationship",
    "n_events": "Events",
}
QUAD_NAMES = {
    "1": "verbal cooperation",
    "2": "material cooperation",
    "3": "verbal conflict",
    "4": "material conflict",
}
QUAD_COLORS = {"1": "#7fb8e6", "2": "#1f6fb4", "3": "#f2a35e", "4": "#c0392b"}
_LINE = "#1f4e79"
_BAND = "rgba(31, 78, 121, 0.18)"


def _as_dict(fig: go.Figure) -> dict[str, Any]:
    return json.loads(fig.to_json())


def _layout(fig: go.Figure, title: str, *, height: int = 320) -> go.Figure:
    fig.update_layout(
        template="none",
        title={"text": html.escape(title), "font": {"size": 15}},
        height=height,
        margin={"l": 50, "r": 20, "t": 45, "b": 40},
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.18},
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#eee"},
        yaxis={"gridcolor": "#eee", "zerolinecolor": "#999"},
    )
    return fig


def _band_traces(series: DyadSeries, metric: str, name: str) -> list[go.Scatter]:
    """Line for the metric plus a shaded 95% band (two traces: upper edge, lower edge filled)."""
    x = [p.period.isoformat() for p in series.points]
    y = series.values(metric)
    bands = [p.intervals.get(metric) for p in series.points]
    hi = [b[1] if b else None for b in bands]
    lo = [b[0] if b else None for b in bands]
    counts = [
        f"{p.n_articles} article(s), {p.n_events:g} event(s), {p.n_assessments} statement(s)"
        for p in series.points
    ]
    # The band is a closed shape per run of consecutive periods that have one, so
    # a month without data leaves a gap instead of a slanted wedge ("tonexty"
    # across gaps connects the wrong edges).
    bx: list[str | None] = []
    by: list[float | None] = []
    run: list[int] = []
    for i in [*range(len(x)), None]:
        if i is not None and hi[i] is not None and lo[i] is not None:
            run.append(i)
            continue
        if run:
            bx += [x[j] for j in run] + [x[j] for j in reversed(run)] + [None]
            by += [hi[j] for j in run] + [lo[j] for j in reversed(run)] + [None]
            run = []
    return [
        go.Scatter(
            x=bx,
            y=by,
            mode="lines",
            line={"width": 0},
            fill="toself",
            fillcolor=_BAND,
            hoverinfo="skip",
            name="95% band",
        ),
        go.Scatter(
            x=x,
            y=y,
            mode="lines+markers",
            name=name,
            line={"color": _LINE, "width": 2},
            customdata=counts,
            hovertemplate="%{y:.2f} (%{customdata})<extra>" + html.escape(name) + "</extra>",
        ),
    ]


def metric_figure(
    series: DyadSeries,
    metric: str,
    *,
    directed: list[DyadSeries] | None = None,
    turning: list[TurningPoint] | None = None,
    shifts: list[Shift] | None = None,
) -> dict[str, Any]:
    """One metric with its band; optional directed lines, turning-point and story-shift markers."""
    label = series.query.label.replace("-", "–")
    fig = go.Figure(_band_traces(series, metric, label))
    for d in directed or []:
        fig.add_trace(
            go.Scatter(
                x=[p.period.isoformat() for p in d.points],
                y=d.values(metric),
                mode="lines+markers",
                name=d.query.label.replace("->", " → "),
                line={"dash": "dot", "width": 1.5},
            )
        )
    if turning:
        fig.add_trace(
            go.Scatter(
                x=[t.period.isoformat() for t in turning],
                y=[t.value for t in turning],
                mode="markers",
                name="turning point",
                marker={
                    "symbol": [
                        "triangle-up" if t.direction == "up" else "triangle-down" for t in turning
                    ],
                    "size": 14,
                    "color": "#8e44ad",
                },
                hovertext=[_turning_label(t) for t in turning],
                hoverinfo="text",
            )
        )
    marked = [sh for sh in shifts or [] if sh.kind in ("freeze", "thaw", "cooling", "warming")]
    if marked:
        by_period = {p.period: p.value(metric) for p in series.points}
        fig.add_trace(
            go.Scatter(
                x=[sh.period.isoformat() for sh in marked],
                y=[
                    by_period.get(sh.period) if by_period.get(sh.period) is not None else sh.score
                    for sh in marked
                ],
                mode="markers+text",
                name="story: freeze / thaw",
                text=[sh.kind for sh in marked],
                textposition="top center",
                marker={"symbol": "star", "size": 15, "color": "#d35400"},
                hovertext=[
                    html.escape(f"{sh.kind} from {sh.period.isoformat()} ({sh.before or 'start'} "
                                f"→ {sh.after}, climate {sh.score:+.2f})")
                    for sh in marked
                ],
                hoverinfo="text",
            )
        )
    if metric in ("nci", "assessment", "tone"):
        fig.update_yaxes(range=[-1.05, 1.15])
    return _as_dict(_layout(fig, TITLES.get(metric, metric)))


def _turning_label(t: TurningPoint) -> str:
    parts = [
        f"{t.direction}: {t.value:+.2f} (recent range {t.recent_low:+.2f}…{t.recent_high:+.2f})"
    ]
    if t.events:
        parts.append(html.escape((t.events[0].first.get("sentence") or "")[:140]))
    return "<br>".join(parts)


def counts_figure(series: DyadSeries) -> dict[str, Any]:
    """Events per period stacked by quad class, with the band of the total as error bars."""
    x = [p.period.isoformat() for p in series.points]
    fig = go.Figure()
    for q, name in QUAD_NAMES.items():
        fig.add_trace(
            go.Bar(
                x=x,
                y=[p.by_quad.get(q, 0.0) for p in series.points],
                name=name,
                marker_color=QUAD_COLORS[q],
            )
        )
    totals = [p.n_events for p in series.points]
    bands = [p.intervals.get("n_events") for p in series.points]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=totals,
            mode="markers",
            name="all events (95% band)",
            marker={"color": "#333", "size": 5},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [(b[1] - t) if b else 0 for b, t in zip(bands, totals, strict=True)],
                "arrayminus": [(t - b[0]) if b else 0 for b, t in zip(bands, totals, strict=True)],
            },
        )
    )
    fig.update_layout(barmode="stack")
    return _as_dict(_layout(fig, "Events by quad class"))


def sparkline(points: list[dict[str, Any]]) -> dict[str, Any]:
    """A tiny line of event counts (``period``, ``n_events`` rows) for the overview table."""
    fig = go.Figure(
        go.Scatter(
            x=[str(p["period"]) for p in points],
            y=[p["n_events"] for p in points],
            mode="lines+markers",
            line={"color": _LINE, "width": 1.5},
            marker={"size": 3},
            hovertemplate="%{x}: %{y} events<extra></extra>",
        )
    )
    fig.update_layout(
        template="none",
        height=40,
        width=180,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        xaxis={"visible": False},
        yaxis={"visible": False},
        showlegend=False,
    )
    return _as_dict(fig)


def dyad_figures(
    series: DyadSeries,
    directed: list[DyadSeries],
    turning: list[TurningPoint],
    shifts: list[Shift] | None = None,
) -> dict[str, dict[str, Any]]:
    """The charts of a dyad page/report, keyed by element id."""
    return {
        CHART_IDS["nci"]: metric_figure(
            series, "nci", directed=directed, turning=turning, shifts=shifts
        ),
        CHART_IDS["counts"]: counts_figure(series),
        CHART_IDS["goldstein_mean"]: metric_figure(series, "goldstein_mean", directed=directed),
        CHART_IDS["tone"]: metric_figure(series, "tone"),
        CHART_IDS["assessment"]: metric_figure(series, "assessment"),
    }
