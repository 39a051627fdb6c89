"""The story of a dyad in a few sentences: the trend, its phases, and what turned it.

``turning_points`` is strict on purpose (a period must leave its recent
range with a band clear of the mean), so a short or thin corpus often has
none. The story reads the same series at the scale a reader does:

1. each non-empty period gets a *climate* score, pooled over a centred
   window of ``window`` periods (so one article does not flip it): the mean
   of the pooled net cooperation index of the events and the pooled
   polarity of the statements about the relationship, whichever exist;
2. a period is *conflict* (score ≤ −``threshold``), *cooperation*
   (≥ ``threshold``) or *mixed*; runs shorter than ``min_run`` periods are
   absorbed by the run before them, so a blip is not a phase;
3. each change of phase is a shift: into conflict a *freeze*, out of
   conflict a *thaw*, cooperation to mixed a *cooling*, mixed to
   cooperation a *warming*. The series' first phase is reported as its
   opening ("opens in a freeze").

Each shift carries the 3–5 events and statements of its first periods that
pushed in its direction, strongest first, for the reader to check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from detente.analytics.clusters import EventCluster
from detente.analytics.series import DyadSeries

WINDOW = 3
THRESHOLD = 0.25
MIN_RUN = 2
EVIDENCE = 5
_MATERIAL = {1: 1.0, 2: 2.0, 3: 1.0, 4: 2.0}
_NAMES = {
    ("conflict", "mixed"): "thaw",
    ("conflict", "cooperation"): "thaw",
    ("mixed", "conflict"): "freeze",
    ("cooperation", "conflict"): "freeze",
    ("cooperation", "mixed"): "cooling",
    ("mixed", "cooperation"): "warming",
}
_OPENING = {"conflict": "freeze", "cooperation": "warming", "mixed": "mixed"}


@dataclass
class Shift:
    """A change of phase: where it starts, its name, and the evidence that shows it."""

    period: date
    kind: str  # freeze | thaw | cooling | warming | mixed (opening only)
    before: str | None  # the phase before (None: the series opens here)
    after: str
    until: date  # last period of the phase it opens
    score: float
    events: list[EventCluster] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def direction(self) -> str:
        return "up" if self.kind in ("thaw", "warming") else "down"

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.isoformat(),
            "until": self.until.isoformat(),
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "score": round(self.score, 3),
            "events": [c.to_dict() for c in self.events],
            "statements": [
                {k: (str(v) if k in ("day", "period") else v) for k, v in s.items()}
                for s in self.statements
            ],
        }


@dataclass
class Story:
    trend: str
    sentences: list[str]
    shifts: list[Shift]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "trend": self.trend,
            "text": self.text,
            "sentences": self.sentences,
            "shifts": [s.to_dict() for s in self.shifts],
        }


def _month(d: date, freq: str) -> str:
    if freq == "year":
        return str(d.year)
    if freq == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if freq in ("day", "week"):
        return d.isoformat()
    return d.strftime("%B %Y")


def climate(series: DyadSeries, *, window: int = WINDOW) -> list[float | None]:
    """Per period, the pooled score described in the module docstring (None: nothing near)."""
    pts = series.points
    by_period: dict[date, list[EventCluster]] = {}
    for c in series.clusters:
        if c.period is not None:
            by_period.setdefault(c.period, []).append(c)
    statements: dict[date, list[float]] = {}
    for s in series.assessments:
        if s.get("period") is not None and s.get("polarity") is not None:
            statements.setdefault(s["period"], []).append(float(s["polarity"]))
    half = window // 2
    out: list[float | None] = []
    for i, p in enumerate(pts):
        if not by_period.get(p.period) and not statements.get(p.period):
            out.append(None)
            continue
        coop = conf = 0.0
        pol: list[float] = []
        for j in range(max(0, i - half), min(len(pts), i + half + 1)):
            for c in by_period.get(pts[j].period, []):
                mass = _MATERIAL.get(c.quad_class or 0, 0.0)
                if c.quad_class in (1, 2):
                    coop += mass
                elif c.quad_class in (3, 4):
                    conf += mass
            pol += statements.get(pts[j].period, [])
        parts = []
        if coop + conf:
            parts.append((coop - conf) / (coop + conf))
        if pol:
            parts.append(sum(pol) / len(pol))
        out.append(sum(parts) / len(parts) if parts else None)
    return out


def _phase(score: float, threshold: float) -> str:
    if score <= -threshold:
        return "conflict"
    if score >= threshold:
        return "cooperation"
    return "mixed"


def dyad_story(
    series: DyadSeries,
    *,
    window: int = WINDOW,
    threshold: float = THRESHOLD,
    min_run: int = MIN_RUN,
    evidence: int = EVIDENCE,
) -> Story:
    """The trend, the phases and the shifts between them, with their evidence."""
    label = series.query.label.replace("-", "–")
    scores = climate(series, window=window)
    seen = [(p, s) for p, s in zip(series.points, scores, strict=True) if s is not None]
    if not seen:
        return Story("none", [f"No dated events or statements for {label}."], [])
    # runs of one phase; short runs fold into the run before them
    runs: list[list[Any]] = []  # [phase, first period, last period, scores]
    for p, s in seen:
        ph = _phase(s, threshold)
        if runs and runs[-1][0] == ph:
            runs[-1][2] = p.period
            runs[-1][3].append(s)
        else:
            runs.append([ph, p.period, p.period, [s]])
    merged: list[list[Any]] = []
    for r in runs:
        if merged and (len(r[3]) < min_run or merged[-1][0] == r[0]):
            merged[-1][2] = r[2]
            merged[-1][3] += r[3]
        else:
            merged.append(r)
    if len(merged) > 1 and len(merged[0][3]) < min_run:  # a short opening folds forward
        first = merged.pop(0)
        merged[0][1] = first[1]
        merged[0][3] = first[3] + merged[0][3]
    shifts = []
    for k, (ph, start, end, vals) in enumerate(merged):
        before = merged[k - 1][0] if k else None
        kind = _NAMES.get((before, ph), "mixed") if before else _OPENING[ph]
        sh = Shift(start, kind, before, ph, end, sum(vals) / len(vals))
        _evidence(series, sh, evidence)
        shifts.append(sh)
    n = len(seen)
    third = max(1, n // 3)
    early = sum(s for _, s in seen[:third]) / third
    late = sum(s for _, s in seen[-third:]) / third
    trend = (
        "improving"
        if late - early >= threshold
        else "worsening"
        if early - late >= threshold
        else "flat"
    )
    f = series.freq
    sentences = [
        f"{label} from {_month(seen[0][0].period, f)} to {_month(seen[-1][0].period, f)}: "
        f"relations are {trend} (climate {early:+.2f} early on, {late:+.2f} at the end, "
        "on a scale from −1 conflict to +1 cooperation)."
    ]
    for sh in shifts:
        when = f"{_month(sh.period, f)}–{_month(sh.until, f)}"
        if sh.before is None:
            what = {"freeze": "opens in a freeze", "warming": "opens in cooperation"}.get(
                sh.kind, "opens mixed"
            )
            sentences.append(f"The series {what} ({when}, climate {sh.score:+.2f}).")
        else:
            sentences.append(
                f"A {sh.kind} from {_month(sh.period, f)} ({sh.before} to {sh.after}, "
                f"until {_month(sh.until, f)}, climate {sh.score:+.2f})."
            )
    return Story(trend, sentences, shifts)


def _evidence(series: DyadSeries, sh: Shift, top: int) -> None:
    """The events and statements of the shift's first periods that push its way, strongest first."""
    sign = -1.0 if sh.after == "conflict" or sh.kind == "cooling" else 1.0
    if sh.after == "mixed" and sh.before is None:
        sign = 0.0
    periods = [p.period for p in series.points if sh.period <= p.period <= sh.until][:WINDOW]
    events = [c for c in series.clusters if c.period in periods and sign * c.goldstein >= 0]
    events.sort(key=lambda c: (-abs(c.goldstein), c.date, c.id))
    statements = [
        s
        for s in series.assessments
        if s.get("period") in periods
        and s.get("polarity") is not None
        and sign * float(s["polarity"]) >= 0
    ]
    statements.sort(key=lambda s: -abs(float(s["polarity"])))
    n_st = min(len(statements), max(1, top - min(len(events), top - 1)))
    sh.statements = statements[:n_st]
    sh.events = events[: max(0, top - len(sh.statements))]
