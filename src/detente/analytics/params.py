"""Validated query parameters shared by analytics, the report, the web API and exports.

Every user-facing entry point (CLI flag, URL parameter) goes through these
checks, so a bad value gets the same clear message everywhere instead of a
DuckDB error deep inside a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from detente.errors import DetenteError, Errors, Message

Freq = Literal["day", "week", "month", "quarter", "year"]
FREQS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
WEIGHTS: tuple[str, ...] = ("none", "sources")
METRICS: tuple[str, ...] = (
    "n_events",
    "goldstein_sum",
    "goldstein_mean",
    "nci",
    "tone",
    "assessment",
)

# Event modalities as the coder stores them; only "actual" events count by default: a demand,
# an intention or a hypothesis is what someone said, not what happened.
MODALITIES: tuple[str, ...] = ("actual", "intent", "demanded", "hypothetical", "historical")
DEFAULT_MODALITIES: tuple[str, ...] = ("actual",)

# Country codes are ISO 3166 alpha-3; non-state codes (IGO, NGO, MNC, ...) are short too.
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


class QueryError(DetenteError):
    """A query parameter (dyad code, date, frequency, ...) is not acceptable."""

    code = "E600"

    def __init__(self, message: str | Message, *, hint: str | None = None,
                 param: str | None = None, **values: Any):
        super().__init__(message, hint=hint, param=param, **values)
        self.param = param


def actor_code(value: str, param: str = "code") -> str:
    """An upper-cased country/actor code, or QueryError naming the parameter."""
    code = (value or "").strip().upper()
    if not _CODE.match(code):
        raise QueryError(Errors.E600_NOT_AN_ACTOR_CODE, param=param, value=value)
    return code


def iso_date(value: str | date | None, param: str = "date") -> date | None:
    """A date from YYYY-MM-DD (or a date), None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise QueryError(Errors.E600_NOT_A_DATE, param=param, value=value) from None


def modalities(values: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Validated modalities from a list or a comma list ("actual,intent"); "all" for every one.

    None or empty gives the default (actual events only).
    """
    if values is None or values == "" or values == [] or values == ():
        return DEFAULT_MODALITIES
    raw = values.split(",") if isinstance(values, str) else [v for x in values for v in x.split(",")]
    out: list[str] = []
    for v in (x.strip().lower() for x in raw):
        if not v:
            continue
        if v == "all":
            return MODALITIES
        if v not in MODALITIES:
            raise QueryError(
                Errors.E600_UNKNOWN_MODALITY,
                v=v,
                modalities=', '.join(MODALITIES),
                param="modality",
            )
        if v not in out:
            out.append(v)
    return tuple(out) or DEFAULT_MODALITIES


def confidence(value: float | str | None) -> float | None:
    """A minimum confidence in 0..1, or None."""
    if value is None or value == "":
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        f = -1.0
    if not 0.0 <= f <= 1.0:
        raise QueryError(Errors.E600_BAD_MIN_CONFIDENCE, value=value, param="min_confidence")
    return f


def choice(value: str, allowed: tuple[str, ...], param: str) -> str:
    if value not in allowed:
        raise QueryError(
            Errors.E600_NOT_ONE_OF,
            param=param,
            value=value,
            allowed=', '.join(allowed),
        )
    return value


@dataclass(frozen=True)
class DyadQuery:
    """Which events of which dyad: the one filter object every analytics function takes.

    ``directed=False`` takes events in both directions (A->B and B->A);
    ``directed=True`` only A->B (swap ``a`` and ``b`` for B->A). Negated events
    ("did not expel") are left out unless ``include_negated``; only events of
    the given ``modalities`` count (default: actual events, not demands,
    intentions or hypotheses); ``min_confidence`` drops events the coder was
    less sure of.
    """

    a: str
    b: str
    directed: bool = False
    since: date | None = None
    until: date | None = None
    plover: str | None = None
    issue: str | None = None
    publisher: str | None = None
    include_negated: bool = False
    modalities: tuple[str, ...] = DEFAULT_MODALITIES
    min_confidence: float | None = None

    @classmethod
    def make(
        cls,
        a: str,
        b: str,
        *,
        directed: bool = False,
        since: str | date | None = None,
        until: str | date | None = None,
        plover: str | None = None,
        issue: str | None = None,
        publisher: str | None = None,
        include_negated: bool = False,
        modality: str | list[str] | tuple[str, ...] | None = None,
        min_confidence: float | str | None = None,
    ) -> DyadQuery:
        """Validate raw values (from a URL or the CLI) into a query."""
        ca, cb = actor_code(a, "a"), actor_code(b, "b")
        if ca == cb:
            raise QueryError(Errors.E600_DYAD_OF_ONE, ca=ca, param="b")
        d0, d1 = iso_date(since, "since"), iso_date(until, "until")
        if d0 and d1 and d0 > d1:
            raise QueryError(Errors.E600_DATES_REVERSED, d0=d0, d1=d1, param="since")
        return cls(
            ca,
            cb,
            directed=directed,
            since=d0,
            until=d1,
            plover=(plover or "").strip().upper() or None,
            issue=(issue or "").strip() or None,
            publisher=(publisher or "").strip() or None,
            include_negated=include_negated,
            modalities=modalities(modality),
            min_confidence=confidence(min_confidence),
        )

    def reversed(self) -> DyadQuery:
        """The same query for B->A."""
        return replace(self, a=self.b, b=self.a)

    @property
    def label(self) -> str:
        return f"{self.a}->{self.b}" if self.directed else f"{self.a}-{self.b}"
