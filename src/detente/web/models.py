"""Response models of the JSON API: they are its OpenAPI documentation.

Field names follow the store's columns, so what a user sees in the API is
what they get from `detente export --schema detente`.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of results; ask for the next with ``offset = offset + limit`` while ``next`` is set."""

    items: list[T]
    total: int = Field(description="number of matching records over all pages")
    limit: int
    offset: int
    next: str | None = Field(None, description="URL of the next page, if any")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ArticleItem(_Open):
    id: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    duplicate_of: str | None = Field(None, description="id of the article this one is a copy of")
    tone: float | None = None
    n_events: int = 0
    coded: bool = False
    snippet: str | None = Field(
        None, description="HTML-escaped context of the match when q is given"
    )


class ArticleDetail(_Open):
    id: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    body: str
    duplicate_of: str | None = None
    sentences: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    assessments: list[dict[str, Any]] = []
    copies: list[dict[str, Any]] = Field([], description="stored near-duplicates of this article")


class EventItem(_Open):
    id: str
    article_id: str
    date: str | None = None
    sentence: str
    source: Any = Field(None, description="list of actors (text, name, country, sector, code, start, end, qid, resolved_by)")
    target: Any = None
    source_code: str | None = None
    target_code: str | None = None
    cameo: str
    plover: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    negated: bool | None = None
    modality: str | None = None
    rule: str
    publisher: str | None = None


class QuoteItem(_Open):
    id: str
    article_id: str
    text: str
    kind: str
    speaker_name: str | None = None
    speaker_country: str | None = None
    publisher: str | None = None
    published: str | None = None


class IssueItem(BaseModel):
    issue: str
    n_articles: int
    n_mentions: int


class AssessmentItem(_Open):
    id: str
    article_id: str
    dyad_a: str | None = None
    dyad_b: str | None = None
    level: str | None = None
    trend: str | None = None
    polarity: float | None = None
    sentence: str | None = None


class ActorItem(BaseModel):
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    n_mentions: int
    n_articles: int
    names: list[str] = []


class DyadItem(BaseModel):
    a: str
    b: str
    n_events: int = Field(
        description="clustered dated events under the counting rules: the dyad page's number"
    )
    n_reports: int = Field(0, description="event rows (reports) from original articles")
    n_undated: int = Field(0, description="event rows without a date (listed, not charted)")
    a_to_b: int
    b_to_a: int
    n_articles: int
    first: str | None = None
    last: str | None = None


class SeriesPointOut(BaseModel):
    period: str
    n_events: float
    n_reports: int
    n_articles: int
    by_quad: dict[str, float]
    by_plover: dict[str, float]
    goldstein_sum: float
    goldstein_mean: float | None
    nci: float | None = Field(description="net cooperation index, −1…+1")
    tone: float | None
    assessment: float | None
    n_assessments: int
    intervals: dict[str, list[float] | None] = Field(
        description="95% bootstrap band per statistic: [low, high]"
    )


class SeriesOut(BaseModel):
    a: str
    b: str
    directed: bool
    freq: str
    weight: str
    filters: dict[str, Any]
    n_events: int = Field(description="clustered real-world events (dated) that count")
    n_reports: int = Field(0, description="event rows (reports) behind them")
    left_out: dict[str, int] = Field(
        default_factory=dict,
        description="event rows the counting rules dropped, by reason (copy, negated, "
        "modality:<m>, low_confidence, undated), with total and kept",
    )
    left_out_text: str = ""
    n_assessments: int
    points: list[SeriesPointOut]
    events: list[dict[str, Any]] | None = None


class SummaryOut(_Open):
    a: str
    b: str
    n_events: int
    n_articles: int
    n_assessments: int
    issues: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    cooperative: list[dict[str, Any]]
    conflictual: list[dict[str, Any]]
    publishers: list[dict[str, Any]]
    turning_points: list[dict[str, Any]]


class StatsOut(_Open):
    n_articles: int
    n_duplicates: int
    n_events: int
    n_dyads: int
