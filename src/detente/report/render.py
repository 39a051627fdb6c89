"""The Jinja2 environment shared by the report and the web pages.

Autoescape is on for every ``.html`` template, so article text, titles and
quotes (all untrusted) are escaped wherever they are printed. The filters
below are the only ways to turn data into markup: ``safe_url`` keeps links to
http(s) only (no ``javascript:``), ``md`` escapes a value for a Markdown table
cell.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from detente.report.charts import CHART_IDS, QUAD_NAMES


def safe_url(value: Any) -> str | None:
    """The URL if it is http(s), else None (a stored URL is untrusted input)."""
    if not value:
        return None
    text = str(value).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme in ("http", "https") and parts.netloc else None


# Markdown syntax in data would become markup: [text](http://...) a link, ![x](y) an
# image, *x* emphasis. Each is backslash-escaped (CommonMark: any ASCII punctuation
# may be), and bare addresses are broken up so GFM does not autolink them.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~!#])")
_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp)):(//)|\b(www)\.")


def md(value: Any) -> str:
    """A value as plain text in Markdown (a table cell or a list item): no pipes or
    newlines, HTML escaped, no link, image or emphasis syntax, no autolinked address."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _AUTOLINK.sub(
        lambda m: f"{m.group(1)}\\:\\/\\/" if m.group(1) else f"{m.group(3)}\\.", text
    )


def num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return str(value)


def signed(value: Any, digits: int = 2) -> str:
    return "–" if value is None else f"{float(value):+.{digits}f}"


def iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


@lru_cache(maxsize=4)
def environment(*packages: str) -> Environment:
    """An environment loading templates from the given packages (first wins)."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader(p, "templates") for p in packages]),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(safe_url=safe_url, md=md, num=num, signed=signed, iso=iso)
    env.globals.update(CHART_IDS=CHART_IDS, QUAD_NAMES=QUAD_NAMES)
    return env
