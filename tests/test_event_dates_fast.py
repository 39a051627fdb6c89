"""events/dates.py answers the commonest date expressions without dateparser: the same
dates as dateparser gives under the settings of ``_dateparser``, for every base and both
readings (``future``: the event is reported as coming)."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events import dates

# Bases around what moves a reading: each weekday, month ends, a leap day, a year's end
# and start, the first of a month (a month named on its own first day).
BASES = [
    "2017-11-16", "2017-11-13", "2018-12-31", "2019-01-01", "2019-03-01", "2019-06-30",
    "2020-01-31", "2020-02-29", "2020-03-01", "2021-02-28", "2021-05-08", "2022-07-03",
    "2023-08-19", "2024-04-01", "2024-04-30", "2024-12-01",
]

FAST = [
    "Monday", "tuesday", "Wednesday", "THURSDAY", "Friday", "Saturday", "Sunday",
    "yesterday", "Tomorrow", "today",
    "last week", "Last week", "this week", "next week",
    "last month", "this month", "Next month", "last year", "This year", "next year",
    "January", "February", "March", "April", "May", "June", "July", "august", "September",
    "October", "November", "December", "in May", "In December", "in February",
    "March 3", "April 1", "April 30", "May 31", "January 1", "December 31", "February 28",
    "November 16", "June 15", "September 9", "October 20",
    "March 2022", "February 2020", "December 1999", "in July 2016",
]

# Left to dateparser: a day it may read as a year, a February 29th, other spellings.
SLOW = ["February 29", "April 31", "Feb 3", "Sept. 7", "March 03", "the last week",
        "last  week", "on Monday", "April 17,", "13 March 2017", "later this year", "1999"]


def _reference(text: str, base: str | None, future: bool) -> str | None:
    return dates._dateparser.__wrapped__(text, base, future)


@pytest.mark.parametrize("text", FAST)
def test_fast_path_gives_dateparsers_date(text):
    for base in BASES:
        for future in (False, True):
            answered = dates._fast(text.lower(), date.fromisoformat(base), future)
            # (February alone at a base on the 29th or later: see the next test)
            assert answered is not None or (text.lower().endswith("february") and base[8:] >= "29")
            assert dates._parse(text, base, future) == _reference(text, base, future), (
                text, base, future)


def test_february_month_near_its_29th_is_left_to_dateparser():
    # dateparser moves a February it cannot place in the base's year to another leap year
    for base in ("2024-01-29", "2024-01-31", "2024-02-29", "2023-01-30"):
        for future in (False, True):
            assert dates._fast("february", date.fromisoformat(base), future) is None
            assert dates._parse("February", base, future) == _reference("February", base, future)


@pytest.mark.parametrize("text", SLOW)
def test_other_forms_are_left_to_dateparser(text):
    assert dates._fast(text.lower(), date(2020, 2, 29), False) is None
    assert dates._parse(text, "2020-02-29", False) == _reference(text, "2020-02-29", False)


def test_bases_at_the_ends_of_the_calendar_are_left_to_dateparser():
    for text, base in (("next week", "9999-12-30"), ("last year", "0001-06-01"),
                       ("December", "0001-06-01"), ("Monday", "0001-01-01"), ("March 3", "0001-01-01")):
        for future in (False, True):
            assert dates._parse(text, base, future) == _reference(text, base, future)


def test_without_an_article_date_no_relative_expression_is_read():
    for text in ("Monday", "last week", "March", "March 3", "March 2022"):
        assert dates._parse(text, None, False) == _reference(text, None, False)
        assert dates._parse(text, None, False) is None


def test_weekdays_are_the_nearest_other_such_day():
    # Thursday 2017-11-16: "Thursday" in a past report is a week before, in a future one a week after
    assert dates._parse("Thursday", "2017-11-16", False) == "2017-11-09"
    assert dates._parse("Thursday", "2017-11-16", True) == "2017-11-23"
    assert dates._parse("Monday", "2017-11-16", False) == "2017-11-13"
    assert dates._parse("Monday", "2017-11-16", True) == "2017-11-20"



def test_background_phrases_are_found_as_whole_words_by_one_pattern() -> None:
    """_says_any searches all the phrases with one pattern: the same answers as a search
    per phrase, whole words only, and nothing for no phrases."""
    import re

    phrases = ["last year", "years ago", "in the past", "earlier", "u.s."]
    texts = ["two years ago", "last yearly report", "the past week", "in the past",
             "earlier this month", "earliest", "u.s. talks", "usa talks", "", "Years ago"]
    for text in texts:
        one_by_one = any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases)
        assert dates._says_any(text, phrases) == one_by_one, text
    assert dates._says_any("two years ago", phrases)  # twin of the misses below
    assert not dates._says_any("last yearly report", phrases)
    assert not dates._says_any("two years ago", [])
