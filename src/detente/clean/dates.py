"""Dates as the text states them, never completed from today's clock.

dateparser fills missing parts (year, day) from the current date and reads
"yesterday" relative to now; neither is acceptable for a publication date.
The settings below require day, month and year, and use only the parsers
that read absolute dates.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")

DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}
EARLIEST_YEAR = 1900  # nothing we read was published before this


def parse_date(text: str | date | None, languages: tuple[str, ...] = ("en",)) -> str | None:
    """ISO date (YYYY-MM-DD) of a written date, or None when day, month or year is missing."""
    if text is None:
        return None
    if isinstance(text, datetime):
        return _checked(text.date())
    if isinstance(text, date):
        return _checked(text)
    value = str(text).strip()
    if not value:
        return None
    if _ISO.match(value):
        try:
            return _checked(datetime.fromisoformat(value.replace("Z", "+00:00")).date())
        except ValueError:
            pass
    return _parse_cached(value, languages)


@lru_cache(maxsize=4096)
def _parse_cached(value: str, languages: tuple[str, ...]) -> str | None:
    import dateparser

    parsed = dateparser.parse(value, languages=list(languages), settings=DATEPARSER_SETTINGS)
    return _checked(parsed.date()) if parsed else None


def _checked(d: date) -> str | None:
    return d.isoformat() if d.year >= EARLIEST_YEAR else None


# htmldate's reading of a complete date in an address (its extractors.COMPLETE_URL): the
# first year 1990-2039, month and day between separators, not inside a longer number.
_URL_DATE = re.compile(r"\D((?:199[0-9]|20[0-3][0-9]))[/_-]([0-1]?[0-9])[/_-]([0-3]?[0-9])(?:\D|$)")
_URL_EARLIEST = datetime(1995, 1, 1)  # htmldate's MIN_DATE


def date_in_url(url: str | None) -> str | None:
    """A complete /YYYY/MM/DD/ date in an address (htmldate's URL reader), else None.

    A date read here is the one htmldate's ``find_date`` returns from the address (a real
    day from 1995 to the end of today: tests/test_date_in_url.py compares the two); any
    other address goes to ``find_date``. Importing htmldate (lxml, urllib3, dateutil) took
    0.1 s or more of every ingest, for addresses that mostly carry their date."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if m:
        try:
            day = datetime(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            day = None
        end_of_today = datetime.now().replace(hour=23, minute=59, second=59, microsecond=999999)
        if day is not None and _URL_EARLIEST <= day <= end_of_today:
            return day.strftime("%Y-%m-%d")
    import htmldate

    return htmldate.find_date("<html><body></body></html>", url=url, extensive_search=False)
