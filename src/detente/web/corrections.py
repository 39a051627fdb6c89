"""Correcting coded events from the article page: the only writes the web app makes.

Off unless asked for (``create_app(..., corrections=True)``, ``detente serve
--corrections``): by default the server opens the database read-only and the
correction endpoints answer 403. When on:

- ``POST /article/{id}/corrections``: the page's forms (form-encoded; answers
  303 back to the sentence on the article page);
- ``POST /api/articles/{id}/corrections``: the same as JSON (201 with the row);
- ``GET /api/articles/{id}/corrections``: an article's corrections (always on);
- ``GET /api/corrections/token``: the token a JSON client sends back.

Cross-site request forgery: there is no login, so any page the user visits
could post a form to 127.0.0.1. A write needs the server's token (random per
server start; in the page's forms, or the ``X-Detente-Token`` header), which a
page on another origin cannot read (no CORS headers; foreign Host names are
refused, so DNS rebinding does not reach it either). Requests a browser marks
as cross-site (``Sec-Fetch-Site``) or whose ``Origin`` is another host are
refused before the token is looked at.

Writing and serving at once: with ``per_request`` (what ``serve`` sets) each
request opens the file; a write opens it for writing, so it waits for the
requests reading it to finish and they wait for it (a readers-writer lock:
DuckDB allows one configuration per file in a process).
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from detente.store import Store
from detente.store.corrections import Correction, add_correction, list_corrections
from detente.web.api import Db
from detente.web.errors import ERROR_RESPONSES

MAX_FORM_BYTES = 16 * 1024
TOKEN_HEADER = "X-Detente-Token"

router = APIRouter(responses=ERROR_RESPONSES)


class ReadersWriter:
    """Many readers or one writer (threads of one server process)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


def setup(state: Any, *, enabled: bool, author: str | None) -> None:
    """Give an app's state what corrections need (called by create_app)."""
    state.corrections = enabled
    state.corrections_token = secrets.token_urlsafe(32)
    state.corrections_author = author or ""
    state.rw = ReadersWriter()


def page_context(request: Request, db: Db, article_id: str) -> dict[str, Any]:
    """What the article page shows and needs for its correction forms."""
    from detente.ontology.plover import plover_types
    from detente.store.corrections import latest_by_event

    state = request.app.state
    found = list_corrections(db, article_id)
    return {
        "corrections": found,
        "latest": latest_by_event(found),
        "enabled": bool(getattr(state, "corrections", False)),
        "token": state.corrections_token if getattr(state, "corrections", False) else "",
        "author": getattr(state, "corrections_author", ""),
        "plover_types": plover_types(),
    }


def _refuse(message: str) -> HTTPException:
    return HTTPException(403, message)


def _check_request(request: Request, token: str | None) -> None:
    state = request.app.state
    if not getattr(state, "corrections", False):
        raise _refuse(
            "corrections are off: this server opened the database read-only "
            "(start it with `detente serve --corrections` to correct events)"
        )
    site = request.headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        raise _refuse(f"a correction must come from this server's own pages (Sec-Fetch-Site: {site})")
    origin = request.headers.get("origin")
    host = request.headers.get("host", "").lower()
    if origin and origin != "null" and urlsplit(origin).netloc.lower() != host:
        raise _refuse("a correction must come from this server's own pages (Origin differs)")
    if not token or not hmac.compare_digest(token.encode(), state.corrections_token.encode()):
        raise _refuse(
            "the correction's token is missing or out of date (the server was restarted?): "
            "reload the article page and send it again"
        )


def write(state: Any, correction: Correction) -> dict[str, Any]:
    """Store one correction through the app's database handle (blocking; run in a thread)."""
    if getattr(state, "per_request", False):
        with state.rw.write():
            store = Store(state.db_path)  # StoreError (503) while `detente run` writes
            try:
                return add_correction(store.con, correction)
            finally:
                store.close()
    from detente.web.api import _reopen

    with _reopen:
        if state.store is None:
            state.store = Store(state.db_path, read_only=False)
        cur = state.store.con.cursor()
    try:
        return add_correction(cur, correction)
    finally:
        cur.close()


class CorrectionIn(BaseModel):
    """One correction (see detente.store.corrections for the rules)."""

    action: str = Field(description="wrong, fix or add", max_length=10)
    event_id: str | None = Field(None, max_length=64, description="the event (wrong, fix)")
    sentence_index: int | None = Field(None, ge=0, le=10**6, description="the sentence (add)")
    plover: str | None = Field(None, max_length=20)
    source_code: str | None = Field(None, max_length=8)
    source_sector: str | None = Field(None, max_length=8)
    target_code: str | None = Field(None, max_length=8)
    target_sector: str | None = Field(None, max_length=8)
    note: str | None = Field(None, max_length=1000)
    author: str | None = Field(None, max_length=100)


def _correction(article_id: str, fields: dict[str, Any]) -> Correction:
    return Correction(article_id=article_id, **fields)


@router.get("/api/corrections/token", summary="The token correction requests send back")
def token(request: Request) -> dict[str, Any]:
    """A JSON client reads the server's token here and sends it back in the header it
    names with every correction; null (and enabled false) on a read-only server."""
    state = request.app.state
    enabled = bool(getattr(state, "corrections", False))
    return {"enabled": enabled, "header": TOKEN_HEADER,
            "token": state.corrections_token if enabled else None}


@router.get("/api/articles/{article_id}/corrections", summary="Corrections of an article")
def article_corrections(db: Db, article_id: str) -> dict[str, Any]:
    """Every correction stored for the article, oldest first: marked wrong, fixed or added
    events, with who made them and when; the latest one of an event is the one that counts."""
    items = list_corrections(db, article_id[:64])
    return {"items": items, "total": len(items)}


@router.post(
    "/api/articles/{article_id}/corrections", status_code=201, summary="Correct an event"
)
def post_correction(request: Request, article_id: str, body: CorrectionIn) -> dict[str, Any]:
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise HTTPException(415, "send the correction as application/json")
    _check_request(request, request.headers.get(TOKEN_HEADER))
    return write(request.app.state, _correction(article_id[:64], body.model_dump()))


@router.post("/article/{article_id}/corrections", include_in_schema=False)
async def post_form(request: Request, article_id: str) -> RedirectResponse:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise HTTPException(415, "send the form as application/x-www-form-urlencoded")
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_FORM_BYTES:
            raise HTTPException(413, "the form is too large")
    form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
    _check_request(request, form.get("token"))
    fields = {k: form.get(k) for k in CorrectionIn.model_fields}
    index = (form.get("sentence_index") or "").strip()
    fields["sentence_index"] = int(index) if index.isdigit() and len(index) < 8 else None
    for k, v in fields.items():
        if isinstance(v, str) and len(v) > 1000:
            raise HTTPException(400, f"{k} is too long")
    row = await run_in_threadpool(write, request.app.state, _correction(article_id[:64], fields))
    target = f"/article/{quote(row['article_id'], safe='')}?corrected={quote(row['id'])}#s{row['sentence_index']}"
    return RedirectResponse(target, status_code=303)
