"""One error shape for the whole API, and an HTML page for the same errors on pages.

Every error the API returns looks like::

    {"error": {"status": 400, "code": "bad_parameter", "message": "...", "param": "limit"}}

Bad parameters are 400 (never 500): FastAPI's validation errors, our own
``QueryError`` and unknown ids all land here with a message that names the
parameter and what to send instead.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.analytics.params import QueryError
from detente.errors import DetenteError, Message, StoreError

log = logging.getLogger("detente.web")

_CODES = {
    400: "bad_parameter",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    500: "internal_error",
    503: "store_unavailable",
}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    param: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is not acceptable; `message` says why."},
    404: {"model": ErrorBody, "description": "No such record."},
}


class NotFound(DetenteError):
    code = "E601"

    def __init__(self, message: str | Message, *, hint: str | None = None, **values: Any):
        super().__init__(message, hint=hint, **values)


def error_body(status: int, message: str, param: str | None = None) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": _CODES.get(status, f"http_{status}"),
            "message": message,
            "param": param,
        }
    }


def _respond(request: Request, status: int, message: str, param: str | None = None):
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse(error_body(status, message, param), status_code=status)
    env = request.app.state.templates
    page = env.get_template("error.html").render(status=status, message=message, request=request)
    return HTMLResponse(page, status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    errors = exc.errors()
    if not errors:
        return "invalid request", None
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
    param = loc[-1] if loc else None
    got = first.get("input")
    shown = f" (got {got!r})" if got is not None and not isinstance(got, dict) else ""
    text = (
        f"{param}: {first.get('msg', 'invalid value')}{shown}"
        if param
        else first.get("msg", "invalid")
    )
    if len(errors) > 1:
        text += f"; and {len(errors) - 1} more problem(s)"
    return text, param


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        message, param = _validation_message(exc)
        return _respond(request, 400, message, param)

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError):
        return _respond(request, 400, str(exc), exc.param)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        return _respond(request, 404, str(exc))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        log.error("store error on %s: %s", request.url.path, exc)
        return _respond(request, 503, str(exc))

    @app.exception_handler(DetenteError)
    async def _detente(request: Request, exc: DetenteError):
        return _respond(request, 400, str(exc), getattr(exc, "param", None))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path} (see /docs for the API)"
        return _respond(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _respond(request, 500, "internal error; the server log has the details")
