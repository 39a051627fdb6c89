"""The date of an address: read without importing htmldate, as htmldate reads it.

date_in_url answers the dated addresses itself and hands the rest to htmldate's
find_date; every address here must get find_date's answer, or an article's
publication date would change with the faster reading.
"""

from __future__ import annotations

from datetime import date, timedelta

import htmldate
import pytest

from detente.clean.dates import date_in_url


def _find_date(url: str) -> str | None:
    return htmldate.find_date("<html><body></body></html>", url=url, extensive_search=False)


def _urls() -> list[str]:
    today = date.today()
    urls = [f"https://example.org/{d:%Y/%m/%d}/talks" for d in
            (today, today + timedelta(days=1), today - timedelta(days=1))]
    for year in ("1989", "1994", "1995", "2016", "2039", "2040"):
        for month in ("0", "1", "02", "9", "12", "13"):
            for day in ("0", "1", "09", "29", "31", "32"):
                for sep in ("/", "-", "_"):
                    urls.append(f"https://news.example.org/a{sep}{year}{sep}{month}{sep}{day}/story")
    urls += [
        "https://example.org/12016/03/04/inside-a-number",
        "https://example.org/2016/03/045/day-runs-on",
        "https://example.org/2016/03/04",
        "https://example.org/2016/3/4-envoys",
        "https://example.org/2016.03.04/dots",
        "https://example.org/2016/02/30/no-such-day/2017/01/05/",
        "https://example.org/world/envoys-meet",
        "https://example.org/id/20160304/story",
    ]
    return urls


URLS = _urls()


def test_every_address_gets_find_dates_answer() -> None:
    got = {url: date_in_url(url) for url in URLS}
    want = {url: _find_date(url) for url in URLS}
    assert got == want
    assert sum(v is not None for v in want.values()) > 50  # the dated ones are read


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example.org/2021/03/09/envoys-meet/", "2021-03-09"),
    ("https://example.com/world/2019-11-30-talks.html", "2019-11-30"),
    ("https://example.com/1990/04/02/before-the-earliest", None),
    ("https://example.com/world/talks-resume", None),
])
def test_date_in_url_reads_dated_addresses(url: str, expected: str | None) -> None:
    assert date_in_url(url) == expected
    assert date_in_url(None) is None and date_in_url("") is None
