"""Server-rendered pages: overview, dyad, article, search, API docs; and the local static files.

Pages read the same functions as the API and the report. Nothing is loaded
from a CDN: Plotly's JavaScript is served from /static/plotly.min.js (taken
from the installed plotly package), so the dashboard works offline.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from detente.analytics import corpus_stats, dyad_activity, dyad_counts
from detente.analytics.memo import remember
from detente.analytics.params import (
    FREQS,
    MODALITIES,
    WEIGHTS,
    DyadQuery,
    choice,
    confidence,
    iso_date,
)
from detente.errors import Errors
from detente.report.charts import sparkline
from detente.report.view import DyadView, dyad_view
from detente.web import corrections, queries
from detente.web.api import Db, dyad_query
from detente.web.errors import NotFound
from detente.web.highlight import article_spans, highlight

router = APIRouter(include_in_schema=False)

STATIC_TYPES = {
    "detente.css": "text/css; charset=utf-8",
    "figures.js": "text/javascript; charset=utf-8",
    "docs.js": "text/javascript; charset=utf-8",
}


def article_href(article_id: str, sentence_index: int | None = None) -> str:
    """An article's page, at one sentence (``#s12``, highlighted there) when given."""
    anchor = f"#s{int(sentence_index)}" if sentence_index is not None else ""
    return f"/article/{quote(str(article_id), safe='')}{anchor}"


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    env = request.app.state.templates
    page = env.get_template(name).render(request=request, href=article_href, **context)
    return HTMLResponse(page, status_code=status)


@lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    return get_plotlyjs().encode("utf-8")


@lru_cache(maxsize=4)
def _asset(name: str) -> bytes:
    return resources.files("detente.report").joinpath("templates", name).read_bytes()


@router.get("/static/plotly.min.js")
def plotly_js() -> Response:
    return Response(
        _plotly_js(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in STATIC_TYPES:
        raise NotFound(Errors.E601_NO_STATIC_FILE, name=name)
    return Response(
        _asset(name),
        media_type=STATIC_TYPES[name],
        headers={"Cache-Control": "public, max-age=3600"},
    )


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, db: Db) -> HTMLResponse:
    stats = corpus_stats(db)
    top, total = dyad_counts(db, limit=12)
    figures = {}
    for i, d in enumerate(top):
        d["spark_id"] = f"spark-{i}"
        figures[d["spark_id"]] = sparkline(dyad_activity(db, d["a"], d["b"]))
    issues, _ = queries.list_issues(db, limit=12)
    return _render(
        request,
        "overview.html",
        stats=stats,
        dyads=top,
        n_dyads=total,
        figures=figures,
        issues=issues,
    )


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    db: Db,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    plover: str | None = None,
    issue: str | None = None,
    publisher: str | None = None,
    freq: str = "month",
    weight: str = "none",
    modality: str | None = None,
    min_confidence: str | None = None,
) -> HTMLResponse:
    choice(freq, FREQS, "freq")
    choice(weight, WEIGHTS, "weight")
    q = dyad_query(
        db,
        a,
        b,
        since=since or None,
        until=until or None,
        plover=plover or None,
        issue=issue or None,
        publisher=publisher or None,
        modality=modality or None,
        min_confidence=confidence(min_confidence),
    )
    view, charts, events_table = page_parts(db, request.app.state.templates, q, freq, weight)
    return _render(
        request,
        "dyad.html",
        v=view,
        charts=charts,
        events_table=events_table,
        options=remember(db, ("filter_options",), lambda: queries.filter_options(db)),
        form={
            "since": since or "",
            "until": until or "",
            "plover": q.plover or "",
            "issue": q.issue or "",
            "publisher": q.publisher or "",
            "freq": freq,
            "weight": weight,
            "modality": "all" if set(q.modalities) == set(MODALITIES) else ",".join(q.modalities),
        },
        freqs=FREQS,
        weights=WEIGHTS,
    )


def page_parts(
    db: Db, templates: Environment, q: DyadQuery, freq: str, weight: str
) -> tuple[DyadView, Markup, Markup]:
    """The dyad page's view (series, directions, summary, figures), its charts (the figures
    and the evidence behind each point, as JSON: 0.3–0.6 MB) and its events table.

    Kept per database version (analytics.memo), so each is made once: by the first
    request, or ahead by ``warm``. The events table does not depend on the frequency
    (its rows show no period), and its rows are the clusters (the same for A–B and B–A
    unless an event is reciprocal): one rendering for every page listing the same ones.
    """
    view = remember(
        db, ("dyad_view", q, freq, weight), lambda: dyad_view(db, q, freq=freq, weight=weight)
    )
    macros = templates.get_template("_dyad.html").module
    charts = remember(
        db,
        ("dyad_charts", q, freq, weight),
        lambda: Markup(macros.charts(view.figures, view, article_href) if view.figures else ""),
    )
    shown = (view.truncated, *((c.id, c.src, c.tgt) for c in view.events))
    events_table = remember(
        db,
        ("dyad_events_table", shown),
        lambda: Markup(macros.events_table(view.events, article_href, view.truncated)),
    )
    return view, charts, events_table


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, db: Db, article_id: str) -> HTMLResponse:
    found = queries.find_article(db, article_id)
    if found is None:
        raise NotFound(Errors.E601_NO_ARTICLE_PAGE, article_id=article_id)
    details = queries.article_details(db, found["id"])
    body = highlight(found["body"], article_spans(details), details["sentences"])
    fixes = corrections.page_context(request, db, found["id"])
    saved = request.query_params.get("corrected", "")[:32]
    return _render(request, "article.html", a=found, d=details, body=body, c=fixes, saved=saved)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    db: Db,
    q: str = Query("", max_length=200),
    publisher: str | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: int = Query(0, ge=0, le=10**9),
    limit: int = Query(25, ge=1, le=200),
) -> HTMLResponse:
    d0 = _date(since, "since")
    d1 = _date(until, "until")
    items: list[dict[str, Any]] = []
    total = 0
    if q.strip():
        items, total = queries.list_articles(
            db,
            q=q.strip(),
            publisher=publisher or None,
            since=d0,
            until=d1,
            limit=limit,
            offset=offset,
        )
    return _render(
        request,
        "search.html",
        q=q,
        items=items,
        total=total,
        offset=offset,
        limit=limit,
        publisher=publisher or "",
        since=since or "",
        until=until or "",
    )


def _date(value: str | None, param: str) -> date | None:
    return iso_date(value or None, param)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI schema on the server (no CDN)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            endpoints.append({"method": method.upper(), "path": path, "op": op})
    return _render(request, "docs.html", endpoints=endpoints, spec=spec)
