"""The JSON API under /api: articles, events, quotes, issues, assessments, actors, dyads.

Lists are paginated (``limit`` 1–500, ``offset`` ≥ 0) and return a ``Page``;
errors have the one shape of ``detente.web.errors``. The database is opened
read-only and each request reads through its own DuckDB cursor.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request

from detente.analytics import (
    DyadQuery,
    corpus_stats,
    dyad_clusters,
    dyad_counts,
    dyad_series,
    dyad_story,
    dyad_summary,
    turning_points,
)
from detente.analytics.memo import remember
from detente.analytics.params import (
    FREQS,
    METRICS,
    MODALITIES,
    WEIGHTS,
    QueryError,
    actor_code,
    confidence,
    modalities,
)
from detente.analytics.queries import dyad_seen
from detente.errors import Errors, StoreError
from detente.settings import settings
from detente.store import Store
from detente.web import queries
from detente.web.errors import ERROR_RESPONSES, NotFound
from detente.web.models import (
    ActorItem,
    ArticleDetail,
    ArticleItem,
    AssessmentItem,
    DyadItem,
    EventItem,
    IssueItem,
    Page,
    QuoteItem,
    SeriesOut,
    StatsOut,
    SummaryOut,
)

MAX_LIMIT = 500
_reopen = threading.Lock()

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)


def get_db(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the shared read-only connection, one per request (DuckDB's threading rule).

    With ``app.state.per_request`` (what ``detente serve`` sets) the database
    is opened read-only when a request comes and closed when no request is
    left, so the server holds no lock between requests: ``detente run`` can
    add articles to the same file while the dashboard is open, and a reload
    shows them. Requests that overlap share one open database (a cursor each),
    so 20 clients at once do not each open, check and close the file. While a
    run is writing, a request gets a 503 saying so (StoreError).
    """
    state = request.app.state
    if getattr(state, "per_request", False):
        if getattr(state, "corrections", False):  # a correction may open it to write meanwhile
            with state.rw.read():
                store = _open_for_request(state.db_path)
                try:
                    yield store.con
                finally:
                    store.close()
            return
        shared = _shared(state)
        cur = shared.enter()
        try:
            yield cur
        finally:
            shared.leave(cur)
        return
    with _reopen:
        if state.store is None:  # closed by a lifespan shutdown; reopen (as it was opened)
            state.store = Store(state.db_path, read_only=not getattr(state, "corrections", False))
        cur = state.store.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


class _SharedOpen:
    """One read-only open of the database while at least one request uses it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.store: Store | None = None
        self.users = 0

    def enter(self) -> duckdb.DuckDBPyConnection:
        with self.lock:
            if self.store is None:
                self.store = _open_for_request(self.path)
            self.users += 1
            return self.store.con.cursor()

    def leave(self, cur: duckdb.DuckDBPyConnection) -> None:
        cur.close()
        with self.lock:
            self.users -= 1
            if self.users == 0 and self.store is not None:
                self.store.close()  # the last request is done: hold no lock between requests
                self.store = None


def _shared(state: Any) -> _SharedOpen:
    with _reopen:
        if getattr(state, "shared_open", None) is None:
            state.shared_open = _SharedOpen(state.db_path)
        return state.shared_open


def _open_for_request(path: str) -> Store:
    try:
        return Store(path, read_only=True)
    except StoreError as exc:
        raise StoreError(Errors.E400_BEING_WRITTEN, path=path) from exc


Db = Annotated[duckdb.DuckDBPyConnection, Depends(get_db)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1–{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="records to skip")]
Since = Annotated[date | None, Query(description="first day, YYYY-MM-DD")]
Until = Annotated[date | None, Query(description="last day, YYYY-MM-DD")]
Code = Annotated[str, Path(description="country or actor code, e.g. USA", max_length=8)]
Text = Annotated[str | None, Query(max_length=200)]
Modality = Annotated[
    str | None,
    Query(
        max_length=100,
        description="modalities counted, comma list of actual, intent, demanded, hypothetical, "
        "or all (default: actual only)",
    ),
]
MinConfidence = Annotated[
    float | None, Query(ge=0, le=1, description="only events coded with at least this confidence")
]


def _dates(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise QueryError(Errors.E600_SINCE_AFTER_UNTIL, since=since, until=until, param="since")


def _code(value: str | None, param: str) -> str | None:
    return actor_code(value, param) if value else None


def _page(
    request: Request, items: list[dict[str, Any]], total: int, limit: int, offset: int
) -> dict[str, Any]:
    nxt = None
    if offset + limit < total:
        nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt}


@router.get("/stats", response_model=StatsOut, summary="Corpus statistics")
def stats(db: Db) -> dict[str, Any]:
    """Counts of articles, copies, events, quotes, statements and dyads, and the date range."""
    return corpus_stats(db)


@router.get("/articles", response_model=Page[ArticleItem], summary="Articles (search with q)")
def articles(
    request: Request,
    db: Db,
    q: Text = None,
    publisher: Text = None,
    since: Since = None,
    until: Until = None,
    duplicates: bool = Query(True, description="include near-duplicate copies"),
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles, newest first, without their body. With ``q``: those whose text or title contains
    ``q`` (case-insensitive), each with an HTML-escaped ``snippet`` around the match."""
    _dates(since, until)
    items, total = queries.list_articles(
        db,
        q=q,
        publisher=publisher,
        since=since,
        until=until,
        duplicates=duplicates,
        limit=limit,
        offset=offset,
    )
    return _page(request, items, total, limit, offset)


@router.get(
    "/articles/{article_id}", response_model=ArticleDetail, summary="One article, fully coded"
)
def article(db: Db, article_id: str = Path(max_length=64)) -> dict[str, Any]:
    """The article's text and everything coded from it (id or unique id prefix)."""
    found = queries.find_article(db, article_id)
    if found is None:
        raise NotFound(Errors.E601_NO_ARTICLE, article_id=article_id)
    return {**found, **queries.article_details(db, found["id"])}


@router.get("/events", response_model=Page[EventItem], summary="Coded events (one row per report)")
def events(
    request: Request,
    db: Db,
    country: Text = None,
    source: Text = None,
    target: Text = None,
    plover: Text = None,
    cameo: Annotated[
        str | None, Query(pattern=r"^[0-9]{1,4}$", description="CAMEO code prefix")
    ] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    since: Since = None,
    until: Until = None,
    article_id: Text = None,
    publisher: Text = None,
    negated: bool | None = Query(
        None, description="true: only negated events (default: negated events left out)"
    ),
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    duplicates: bool = Query(False, description="include events of near-duplicate copies"),
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events as coded, one per sentence and article (see /api/dyads/{a}/{b}/events for events
    clustered across reports). ``source``/``target``/``country`` are country codes and match
    any actor of a compound event. Like every surface, only actual events from original
    articles count unless ``modality``/``duplicates``/``negated`` say otherwise."""
    _dates(since, until)
    mods = modalities(modality)
    items, total = queries.list_events(
        db,
        country=_code(country, "country"),
        source=_code(source, "source"),
        target=_code(target, "target"),
        plover=plover,
        cameo=cameo,
        quad_class=quad_class,
        since=since,
        until=until,
        article_id=article_id,
        publisher=publisher,
        negated=negated,
        modalities=None if set(mods) == set(MODALITIES) else mods,
        min_confidence=confidence(min_confidence),
        duplicates=duplicates,
        limit=limit,
        offset=offset,
    )
    return _page(request, items, total, limit, offset)


@router.get("/quotes", response_model=Page[QuoteItem], summary="Quotes")
def quotes(
    request: Request,
    db: Db,
    speaker: Text = None,
    country: Text = None,
    q: Text = None,
    article_id: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Direct and indirect quotes with their speaker; ``speaker`` and ``q`` match parts of names/text."""
    _dates(since, until)
    items, total = queries.list_quotes(
        db,
        speaker=speaker,
        country=_code(country, "country"),
        q=q,
        article_id=article_id,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return _page(request, items, total, limit, offset)


@router.get("/issues", response_model=Page[IssueItem], summary="Issues by number of articles")
def issues(
    request: Request,
    db: Db,
    publisher: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Issues tagged in original articles (copies left out), most widespread first."""
    _dates(since, until)
    items, total = queries.list_issues(
        db, publisher=publisher, since=since, until=until, limit=limit, offset=offset
    )
    return _page(request, items, total, limit, offset)


@router.get(
    "/assessments", response_model=Page[AssessmentItem], summary="Statements about relationships"
)
def assessments(
    request: Request,
    db: Db,
    a: Text = None,
    b: Text = None,
    article_id: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Relationship assessments ("ties are at their lowest point"), optionally for one dyad."""
    _dates(since, until)
    items, total = queries.list_assessments(
        db,
        a=_code(a, "a"),
        b=_code(b, "b"),
        article_id=article_id,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return _page(request, items, total, limit, offset)


@router.get("/actors", response_model=Page[ActorItem], summary="Actors (mentions aggregated)")
def actors(
    request: Request,
    db: Db,
    country: Text = None,
    sector: Text = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Actor codes by number of mentions, with the names they were written as."""
    items, total = queries.list_actors(
        db,
        country=_code(country, "country"),
        sector=(sector or "").upper() or None,
        q=q,
        limit=limit,
        offset=offset,
    )
    return _page(request, items, total, limit, offset)


@router.get("/dyads", response_model=Page[DyadItem], summary="Dyads by number of events")
def dyads(request: Request, db: Db, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Pairs of countries with events between them (both directions), most active first."""
    items, total = dyad_counts(db, limit=limit, offset=offset)
    return _page(request, items, total, limit, offset)


def dyad_query(
    db: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    directed: bool = False,
    since: date | None = None,
    until: date | None = None,
    plover: str | None = None,
    issue: str | None = None,
    publisher: str | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
) -> DyadQuery:
    """Validate a dyad and its filters; NotFound when the two never meet in the database."""
    q = DyadQuery.make(
        a,
        b,
        directed=directed,
        since=since,
        until=until,
        plover=plover,
        issue=issue,
        publisher=publisher,
        modality=modality,
        min_confidence=min_confidence,
    )
    if not remember(db, ("dyad_seen", *sorted((q.a, q.b))), lambda: dyad_seen(db, q.a, q.b)):
        raise NotFound(Errors.E601_NO_DYAD, a=q.a, b=q.b)
    return q


@router.get(
    "/dyads/{a}/{b}/series", response_model=SeriesOut, summary="Dyad time series with bands"
)
def series(
    db: Db,
    a: Code,
    b: Code,
    freq: Annotated[str, Query(description=f"one of {', '.join(FREQS)}")] = "month",
    directed: bool = Query(False, description="only a→b (swap a and b for b→a)"),
    weight: Annotated[
        str, Query(description="none, or sources: weight events by independent outlets")
    ] = "none",
    since: Since = None,
    until: Until = None,
    plover: Text = None,
    issue: Text = None,
    publisher: Text = None,
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    n_boot: Annotated[
        int, Query(ge=10, le=1000, description="bootstrap resamples")
    ] = settings().bootstrap_resamples,
    events: bool = Query(False, description="include the clustered events of the series"),
) -> dict[str, Any]:
    """Per period: clustered event counts (by quad class and PLOVER type), Goldstein sum and mean,
    net cooperation index, tone and statement polarity, each with a 95% bootstrap band."""
    if freq not in FREQS:
        raise QueryError(Errors.E600_UNKNOWN_FREQ, freq=freq, freqs=', '.join(FREQS), param="freq")
    if weight not in WEIGHTS:
        raise QueryError(
            Errors.E600_UNKNOWN_WEIGHT,
            weight=weight,
            weights=', '.join(WEIGHTS),
            param="weight",
        )
    q = dyad_query(
        db,
        a,
        b,
        directed=directed,
        since=since,
        until=until,
        plover=plover,
        issue=issue,
        publisher=publisher,
        modality=modality,
        min_confidence=min_confidence,
    )
    s = dyad_series(db, q, freq=freq, weight=weight, n_boot=n_boot)
    return s.to_dict(with_clusters=events)


@router.get("/dyads/{a}/{b}/summary", response_model=SummaryOut, summary="Dyad summary")
def summary(
    db: Db,
    a: Code,
    b: Code,
    since: Since = None,
    until: Until = None,
    plover: Text = None,
    issue: Text = None,
    publisher: Text = None,
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    freq: str = "month",
    metric: Annotated[str, Query(description=f"turning points of: {', '.join(METRICS)}")] = "nci",
    top: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Top issues, speakers and quotes, strongest events, the outlet comparison and turning points."""
    if metric not in METRICS:
        raise QueryError(
            Errors.E600_UNKNOWN_METRIC,
            metric=metric,
            metrics=', '.join(METRICS),
            param="metric",
        )
    if freq not in FREQS:
        raise QueryError(Errors.E600_UNKNOWN_FREQ, freq=freq, freqs=', '.join(FREQS), param="freq")
    q = dyad_query(
        db,
        a,
        b,
        since=since,
        until=until,
        plover=plover,
        issue=issue,
        publisher=publisher,
        modality=modality,
        min_confidence=min_confidence,
    )
    s = dyad_series(db, q, freq=freq)
    out = dyad_summary(db, q, top=top, clusters=s.clusters).to_dict()
    out["left_out"] = s.left_out
    out["left_out_text"] = s.left_out_text
    out["story"] = dyad_story(s).to_dict()
    out["turning_points"] = [t.to_dict() for t in turning_points(s, metric=metric)]
    return out


@router.get(
    "/dyads/{a}/{b}/events", response_model=Page[dict[str, Any]], summary="Clustered dyad events"
)
def dyad_events(
    request: Request,
    db: Db,
    a: Code,
    b: Code,
    directed: bool = False,
    since: Since = None,
    until: Until = None,
    plover: Text = None,
    issue: Text = None,
    publisher: Text = None,
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One record per real-world event with all its reports (articles, outlets, syndicated copies)."""
    q = dyad_query(
        db,
        a,
        b,
        directed=directed,
        since=since,
        until=until,
        plover=plover,
        issue=issue,
        publisher=publisher,
        modality=modality,
        min_confidence=min_confidence,
    )
    clusters = dyad_clusters(db, q)
    items = [c.to_dict() for c in clusters[offset : offset + limit]]
    return _page(request, items, len(clusters), limit, offset)
