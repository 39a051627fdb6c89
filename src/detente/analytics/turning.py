"""Turning points: periods where a dyad series leaves its recent range.

The rule (docs/WEB.md repeats it): a period is a turning point for a metric
when

1. at least ``min_history`` of the ``window`` previous non-empty periods have a value;
2. its value is above the highest (or below the lowest) of those values; and
3. its bootstrap band lies on the same side of their mean (the lower end of
   the band above the mean for a rise, the upper end below it for a fall),

so a move carried by one or two articles, whose band is wide, is not called
a turning point. Each turning point lists the events and statements of the
period that pushed in its direction, strongest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from detente.analytics.clusters import EventCluster
from detente.analytics.params import METRICS, choice
from detente.analytics.series import DyadSeries

WINDOW = 6  # periods of "recent range" (half a year of months)
MIN_HISTORY = 3


@dataclass
class TurningPoint:
    index: int
    period: date
    direction: str  # "up" (towards cooperation / higher value) or "down"
    metric: str
    value: float
    recent_low: float
    recent_high: float
    recent_mean: float
    band: tuple[float, float] | None
    events: list[EventCluster] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.isoformat(),
            "direction": self.direction,
            "metric": self.metric,
            "value": round(self.value, 4),
            "recent_low": round(self.recent_low, 4),
            "recent_high": round(self.recent_high, 4),
            "recent_mean": round(self.recent_mean, 4),
            "band": None if self.band is None else [round(self.band[0], 4), round(self.band[1], 4)],
            "events": [c.to_dict() for c in self.events],
            "statements": [_statement(s) for s in self.statements],
        }


def _statement(s: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "article_id", "sentence", "polarity", "level", "trend", "publisher", "day")
    return {k: (str(s[k]) if k == "day" and s.get(k) else s.get(k)) for k in keep}


def find_turning_points(
    values: list[float | None],
    bands: list[tuple[float, float] | None],
    *,
    window: int = WINDOW,
    min_history: int = MIN_HISTORY,
) -> list[tuple[int, str, float, float, float]]:
    """Indices where ``values`` leave their recent range: (index, direction, low, high, mean)."""
    out = []
    history: list[float] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        recent = history[-window:]
        if len(recent) >= min_history:
            lo, hi = min(recent), max(recent)
            mean = sum(recent) / len(recent)
            band = bands[i] if i < len(bands) else None
            b_lo, b_hi = band if band is not None else (v, v)
            if v > hi and b_lo > mean:
                out.append((i, "up", lo, hi, mean))
            elif v < lo and b_hi < mean:
                out.append((i, "down", lo, hi, mean))
        history.append(v)
    return out


def turning_points(
    series: DyadSeries,
    *,
    metric: str = "nci",
    window: int = WINDOW,
    min_history: int = MIN_HISTORY,
    top: int = 5,
) -> list[TurningPoint]:
    """Turning points of ``series`` for ``metric``, each with the events and statements behind it."""
    choice(metric, METRICS, "metric")
    values = series.values(metric)
    bands = [p.intervals.get(metric) for p in series.points]
    out = []
    for i, direction, lo, hi, mean in find_turning_points(
        values, bands, window=window, min_history=min_history
    ):
        p = series.points[i]
        sign = 1.0 if direction == "up" else -1.0
        events = [c for c in series.clusters if c.period == p.period and sign * c.goldstein > 0]
        events.sort(key=lambda c: (-sign * c.goldstein, c.date, c.id))
        statements = [
            s
            for s in series.assessments
            if s["period"] == p.period
            and s.get("polarity") is not None
            and sign * s["polarity"] > 0
        ]
        statements.sort(key=lambda s: -sign * s["polarity"])
        out.append(
            TurningPoint(
                index=i,
                period=p.period,
                direction=direction,
                metric=metric,
                value=float(values[i]),  # type: ignore[arg-type]
                recent_low=lo,
                recent_high=hi,
                recent_mean=mean,
                band=bands[i],
                events=events[:top],
                statements=statements[:top],
            )
        )
    return out
