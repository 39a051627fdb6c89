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
        "last  week", "on Monday", "April 17th", "13 March 2017", "early next year", "1999"]

# A month and a number no day can be: dateparser reads a year of two digits. Bases on
# both sides of the years it may stand for, and at the turn of its century.
TWO_DIGIT = ["May 32", "January 41", "December 50", "march 68", "June 69", "October 85",
             "February 99", "in August 77"]
TWO_DIGIT_BASES = [*BASES, "1999-03-03", "2031-12-31", "2050-05-01", "2068-06-01", "2069-01-01",
                   "2070-06-01"]

# Forms dateparser finds no date in, at any base
UNREAD = ["later this year", "Earlier this month", "later this week", "this autumn", "Last summer",
          "next spring", "this fall", "last winter", "since May", "Until March", "since June 3",
          "until April 2021"]


def _reference(text: str, base: str | None, future: bool) -> str | None:
    return dates._dateparser.__wrapped__(text, base, future)


@pytest.mark.parametrize("text", FAST)
def test_fast_path_gives_dateparsers_date(text):
    for base in BASES:
        for future in (False, True):
            answered = dates._fast(text.lower(), date.fromisoformat(base), future)
            assert answered is not None
            assert dates._parse(text, base, future) == _reference(text, base, future), (
                text, base, future)


def test_february_alone_near_a_29th_is_dateparsers():
    # dateparser moves a February it places in a year next to a leap base to another leap year
    for base in ("2024-01-29", "2024-01-31", "2024-02-29", "2023-01-30", "2023-08-29", "2020-03-31",
                 "2016-12-30", "2021-05-29", "1996-01-30", "2000-07-31", "2028-11-29"):
        for future in (False, True):
            assert dates._fast("february", date.fromisoformat(base), future) is not None
            assert dates._parse("February", base, future) == _reference("February", base, future)
    assert dates._parse("February", "2024-01-29", False) == "2020-02-01"
    assert dates._parse("February", "2024-03-29", False) == "2024-02-01"


def test_february_alone_near_a_29th_without_a_leap_year_four_years_off_is_left_to_dateparser():
    for base, future in (("2096-03-29", True), ("2104-01-30", False)):  # 2100 is no leap year
        assert dates._fast("february", date.fromisoformat(base), future) is None
        assert dates._parse("February", base, future) == _reference("February", base, future)


@pytest.mark.parametrize("text", SLOW)
def test_other_forms_are_left_to_dateparser(text):
    assert dates._fast(text.lower(), date(2020, 2, 29), False) is None
    assert dates._parse(text, "2020-02-29", False) == _reference(text, "2020-02-29", False)


def test_a_trailing_comma_reads_as_the_form_without_it():
    for text in ("Monday,", "yesterday,", "last week,", "March,", "March 3,", "April 17,",
                 "in May,", "March 2022,", "October 85,"):
        assert dates._fast(text.lower().removesuffix(","), date(2021, 5, 8), False) is not None
        for base in BASES:
            for future in (False, True):
                assert dates._parse(text, base, future) == _reference(text, base, future), (
                    text, base, future)


@pytest.mark.parametrize("text", TWO_DIGIT)
def test_a_two_digit_year_after_a_month_is_dateparsers(text):
    assert dates._fast(text.lower(), date(2021, 5, 8), False) is not None
    assert dates._parse(text, "2021-05-08", False)[:2] == "19"  # the past: a year before 2000
    for base in TWO_DIGIT_BASES:
        for future in (False, True):
            assert dates._parse(text, base, future) == _reference(text, base, future), (
                text, base, future)


def test_a_two_digit_year_in_the_bases_own_year_is_left_to_dateparser():
    assert dates._fast("may 32", date(2032, 5, 1), False) is None
    assert dates._fast("may 32", date(2033, 5, 1), False) == date(2032, 5, 1)


@pytest.mark.parametrize("text", UNREAD)
def test_forms_dateparser_reads_no_date_in_are_not_asked(text, monkeypatch):
    for base in BASES:
        for future in (False, True):
            assert _reference(text, base, future) is None, (text, base, future)

    def asked(*args):
        raise AssertionError(f"dateparser asked about {args}")

    monkeypatch.setattr(dates, "_dateparser", asked)
    assert dates._parse(text, "2021-05-08", False) is None
    assert dates._parse(text, "2021-05-08", True) is None


def test_forms_near_the_unread_ones_are_still_read(monkeypatch):
    # twins of the forms above: this period itself, a month with no "since"
    assert dates._parse("this month", "2021-05-08", False) == _reference("this month", "2021-05-08", False)
    assert dates._parse("this month", "2021-05-08", False) == "2021-05-01"
    assert dates._parse("in May", "2021-05-08", False) == "2021-05-01"
    assert dates._parse("early next year", "2021-05-08", True) == _reference(
        "early next year", "2021-05-08", True)


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


def test_the_time_clause_marks_are_read_from_the_pattern_book():
    """date_clause_marks (event_patterns.yaml): an act told in a time clause takes the date
    of the verb the clause hangs on; with its mark left out of the list it keeps the
    article's date. date_same_time_marks: the date of a clause under the act dates it."""
    from detente.events.patterns import default_patterns
    from detente.nlp import load_nlp

    modality = default_patterns().source.modality
    doc = load_nlp()("Peru closed its border on Monday, after Chile expelled its ambassador.")
    expelled = next(t for t in doc if t.lower_ == "expelled")
    sent = expelled.sent
    assert dates.EventDater().date_for(sent, expelled, "2017-11-16") == "2017-11-13"
    cut = modality.model_copy(update={"date_clause_marks": ["before"]})
    assert dates.EventDater(cut).date_for(sent, expelled, "2017-11-16") == "2017-11-16"
    doc = load_nlp()("Peru walked out when the summit opened on Monday.")
    walked = next(t for t in doc if t.lower_ == "walked")
    assert dates.EventDater().date_for(walked.sent, walked, "2017-11-16") == "2017-11-13"
    cut = modality.model_copy(update={"date_same_time_marks": ["whenever"]})
    assert dates.EventDater(cut).date_for(walked.sent, walked, "2017-11-16") == "2017-11-16"


def test_the_time_clause_marks_must_be_given():
    from pydantic import ValidationError

    from detente.events.patterns import Modality, default_patterns

    data = default_patterns().source.modality.model_dump()
    assert Modality.model_validate(data).date_clause_marks == data["date_clause_marks"]
    for name in ("date_clause_marks", "date_same_time_marks"):
        with pytest.raises(ValidationError):
            Modality.model_validate({**data, name: []})
