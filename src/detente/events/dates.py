"""Event dates: the article's date, moved by the date expressions of the event's clause.

"Putin met Trump on Monday" in an article of Thursday 2017-11-16 happened on
Monday 2017-11-13. Only DATE entities attached to the trigger's own clause
move the date ("the 2016 election" in the object does not). Relative
expressions are resolved against the article date and never against today's
clock: without an article date, only complete dates (day, month and year) count.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from detente.events.patterns import Modality as ModalityWords

_CLAUSE_BREAK = {"VERB", "AUX"}
_VAGUE = {"today", "now", "currently", "recently", "years", "decades", "months"}


_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_RELATIVE = re.compile(r"\b(last|next|this|ago|yesterday|today|tomorrow|previous|coming|past)\b", re.I)


def _parse(text: str, base: str | None, future: bool) -> str | None:
    """The ISO date ``text`` names, read at ``base`` (the article's date) as dateparser reads
    it; the commonest expressions answered by :func:`_fast` without it."""
    if base is not None:
        low = text.lower().removesuffix(",")  # "March 3," reads as "March 3"
        if _UNREAD.fullmatch(low):
            return None
        try:
            day = _fast(low, date.fromisoformat(base), future)
        except (ValueError, OverflowError):  # a base at an end of the calendar
            day = None
        if day is not None:
            return day.isoformat()
    return _dateparser(text, base, future)


_WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
# "March", "in March", "March 3", "March 2022" (a day without a leading zero, a year as _YEAR),
# "March 85" (a number no day can be: a year of two digits)
_MONTH_FORM = re.compile(
    r"(?:in )?([a-z]+)(?: ([1-9]|[12]\d|3[01])| ((?:1[89]|20)\d\d)| (3[2-9]|[4-9]\d))?")
# Forms dateparser finds no date in, whatever the base: a part of this period ("later this
# year"), a season, a time since or until a month (tests/test_event_dates_fast.py)
_UNREAD = re.compile(
    r"(?:later|earlier) this (?:year|month|week)"
    r"|(?:this|last|next) (?:spring|summer|autumn|fall|winter)"
    r"|(?:since|until) (?:" + "|".join(_MONTHS) + r")(?: \d+)?")
_STEP = {"last": -1, "this": 0, "next": 1}
_DAY_SHIFT = {"yesterday": -1, "today": 0, "tomorrow": 1}


def _fast(text: str, base: date, future: bool) -> date | None:
    """``text`` (lower case) read at ``base`` with dateparser's settings of :func:`_dateparser`,
    for the forms that make most of its calls; None: not one of them, ask dateparser.

    dateparser's readings, which tests/test_event_dates_fast.py checks against it:
    a weekday alone is the nearest such day strictly before the base (``future``: strictly
    after); "yesterday"/"today"/"tomorrow" and "last/this/next week" move the base by days;
    "last/this/next month" is the first of that month, "last/this/next year" the first of
    the base's month in that year; a month alone (or "in" it) is its first day, "March 3"
    that day, in the base's year unless that is after the base (``future``: not after it),
    then the year before (after); "March 2022" is the first of that month, and so is
    "March 85" (:func:`_two_digit_year`).
    """
    if (weekday := _WEEKDAYS.get(text)) is not None:
        if future:
            return base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
        return base - timedelta(days=(base.weekday() - weekday) % 7 or 7)
    if (shift := _DAY_SHIFT.get(text)) is not None:
        return base + timedelta(days=shift)
    step, _, unit = text.partition(" ")
    if step in _STEP and unit in ("week", "month", "year"):
        n = _STEP[step]
        if unit == "week":
            return base + timedelta(days=7 * n)
        if unit == "month":
            months = base.year * 12 + base.month - 1 + n
            return date(months // 12, months % 12 + 1, 1)
        return date(base.year + n, base.month, 1)
    m = _MONTH_FORM.fullmatch(text)
    if m is None or (month := _MONTHS.get(m.group(1))) is None:
        return None
    if m.group(3):
        return date(int(m.group(3)), month, 1)
    if m.group(4):
        return _two_digit_year(int(m.group(4)), month, base, future)
    day = int(m.group(2) or 1)
    if month == 2 and day == 29:
        return None  # dateparser moves a February 29th it cannot place to another leap year
    try:
        found = date(base.year, month, day)
    except ValueError:  # "April 31": dateparser may read the number as a year
        return None
    if future and found <= base:
        found = found.replace(year=base.year + 1)
    elif not future and found > base:
        found = found.replace(year=base.year - 1)
    if month == 2 and not m.group(2) and base.day >= 29 and found.year != base.year:
        return _leap_february(found, base)
    return found


def _leap_february(found: date, base: date) -> date | None:
    """February alone, read at a base on the 29th or later of a leap year, in another year:
    dateparser takes it as the 29th, which the year next to the base lacks, and so moves to
    the leap year four years off (None, for dateparser, when that year is no leap year)."""
    if not calendar.isleap(base.year):
        return found
    year = base.year + (4 if found.year > base.year else -4)
    return found.replace(year=year) if calendar.isleap(year) else None


def _two_digit_year(yy: int, month: int, base: date, future: bool) -> date | None:
    """The first of ``month`` in the year ``yy`` (32 to 99) stands for, as dateparser reads it:
    in 2000 to 2068 up to 68, else in 1969 to 1999, then a century back if that is after the
    base (``future``: forward if it is before). None, for dateparser, in the base's own year."""
    found = date((2000 if yy <= 68 else 1900) + yy, month, 1)
    if found.year == base.year:
        return None
    if future and found < base:
        return found.replace(year=found.year + 100)
    if not future and found > base:
        return found.replace(year=found.year - 100)
    return found


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: str | None, future: bool) -> str | None:
    if base is None and (not _YEAR.search(text) or _RELATIVE.search(text)):
        return None  # no article date: only a complete, explicit date; never today's clock
    settings: dict = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
        settings["REQUIRE_PARTS"] = ["month"] if not text.lower().split()[0:1] or any(
            w in text.lower() for w in ("january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december",
                                         "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                                         "oct", "nov", "dec")
        ) else []
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    import dateparser  # here, not at the top: 45 ms to import, and most sentences never need it

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    return parsed.date().isoformat()


@dataclass(frozen=True)
class _TimeMarks:
    """The modality section's marks of time clauses that share a date (date_same_time_marks,
    date_clause_marks in event_patterns.yaml)."""

    same_time: frozenset[str]
    clause: frozenset[str]

    @classmethod
    def of(cls, modality: ModalityWords) -> _TimeMarks:
        return cls(frozenset(modality.date_same_time_marks), frozenset(modality.date_clause_marks))


def _attached_here(ent: Span, trigger: Token, marks: _TimeMarks) -> bool:
    """The date is the trigger's, or, for an act told in a time clause of another verb
    ("ties broke in 2019, after Bogota refused ..."), that verb's: the two share a time."""
    if _attached(ent, trigger):
        return True
    # a "when" clause's date is the time of the verb it hangs on too, or of the infinitive
    # that verb governs ("refused to take part when the talks opened in 2013")
    verbs = [trigger, *(c for c in trigger.children if c.dep_ == "xcomp")]
    if any(c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks.same_time for m in c.children)
           and _attached(ent, c) for v in verbs for c in v.children):
        return True
    # "asked X to cut its staff last month": an act asked for or planned has not happened,
    # so a date in its infinitive is the asking's (a future one dates both alike)
    if any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.tag_ == "TO" for g in c.children)
           and _attached(ent, c) for c in trigger.children):
        return True
    head = trigger.head
    # "..., stopping the trade": a participle with no subject of its own shares its verb's time
    shares = any(c.dep_ == "mark" and c.lower_ in marks.clause for c in trigger.children) or (
        trigger.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in trigger.children))
    return trigger.dep_ == "advcl" and head.i != trigger.i and shares and _attached(ent, head)


def _attached(ent: Span, trigger: Token) -> bool:
    """Is the date entity a modifier of the trigger's clause (not of some other verb or noun)?"""
    if trigger.pos_ in ("NOUN", "PROPN") and ent.start == max(t.i for t in trigger.subtree) + 1:
        return True  # "the blockade of the port last year": a date right after the event noun's phrase
    tok = ent.root
    hops = 0
    while tok.i != trigger.i and hops < 6:
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        hops += 1
        if tok.i != trigger.i and tok.pos_ in _CLAUSE_BREAK:
            return False
        if tok.i != trigger.i and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("pobj", "npadvmod"):
            return False
    return tok.i == trigger.i


class EventDater:
    """Dates events, with the time-clause marks and background dates of a pattern book's
    modality section (the packaged book's by default)."""

    def __init__(self, modality: ModalityWords | None = None):
        if modality is None:
            from detente.events.patterns import default_patterns

            modality = default_patterns().source.modality
        self.marks = _TimeMarks.of(modality)
        self.background: tuple[str, ...] = tuple(modality.background_dates)

    def date_for(
        self, sent: Span, trigger: Token, article_date: str | None, *, future: bool = False,
        ents: list[Span] | None = None,
    ) -> str | None:
        """``ents``: the sentence's DATE entities, when the caller has them already."""
        base = _valid_iso(article_date)
        for ent in sent.ents if ents is None else ents:
            if ent.label_ != "DATE" or ent.text.lower() in _VAGUE:
                continue
            if not _attached_here(ent, trigger, self.marks):
                continue
            text = ent.text.strip()
            if text.isdigit():  # a bare year ("in 2016") is too vague to date an event
                continue
            parsed = _parse(text, base, future)
            if parsed:
                if base and not future and parsed > base:
                    continue  # a past-tense report cannot describe a later day
                return parsed
        return base


    def earlier_year(self, sent: Span, trigger: Token, article_date: str | None,
                     ents: list[Span] | None = None, newest: int | None = None) -> bool:
        """ "severed ties in 2016": a bare year attached to the trigger, before the article's
        year (too vague to date the event, clear enough to call it background). With no
        article date, before the year before the newest year the article names (``newest``).
        A date with one of the background_dates phrases ("last year", "years ago") is
        background whatever the article's date."""
        return _earlier_year(sent, trigger, article_date, ents, newest, self.background, self.marks)


def _earlier_year(sent: Span, trigger: Token, article_date: str | None, ents: list[Span] | None,
                  newest: int | None, background: Collection[str], marks: _TimeMarks) -> bool:
    for ent in sent.ents if ents is None else ents:
        if ent.label_ == "DATE" and _says_any(ent.text.lower(), background) and _attached_here(ent, trigger, marks):
            return True
    base = _valid_iso(article_date)
    now = int(base[:4]) if base else (newest - 1 if newest else None)
    if now is None:
        return False
    for ent in sent.ents if ents is None else ents:
        text = ent.text.strip()
        if (ent.label_ == "DATE" and text.isdigit() and len(text) == 4
                and _attached_here(ent, trigger, marks) and int(text) < now
                and not _first_since(ent, trigger)):
            return True
        # "in the 1990s": a decade over before the article's year
        decade = _DECADE.fullmatch(text.lower().removeprefix("the ").strip())
        if (ent.label_ == "DATE" and decade and int(decade.group(1)) + 9 < now
                and _attached_here(ent, trigger, marks) and not _first_since(ent, trigger)):
            return True
    return False


_DECADE = re.compile(r"(1[0-9]{2}0|20[0-9]0)s")


def _says_any(text: str, phrases: Collection[str]) -> bool:
    """One of the phrases, as whole words, in the text."""
    pattern = _whole_words(tuple(phrases))
    return pattern is not None and pattern.search(text) is not None


# The phrase lists' patterns: the date of every event is checked against the same list.
@lru_cache(maxsize=32)
def _whole_words(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that finds any of the phrases as whole words (None for no phrase): where
    a search per phrase escaped and looked its pattern up again at each event's date."""
    return re.compile("|".join(rf"\b{re.escape(p)}\b" for p in phrases)) if phrases else None


def newest_year(doc: Doc) -> int | None:
    """The latest year a text names as a date: a floor for the date of an undated article."""
    years = [y for ent in doc.ents if ent.label_ == "DATE"
             for m in _YEAR.finditer(ent.text) if (y := int(m.group(0))) >= 1900]
    return max(years, default=None)


def _first_since(ent: Span, trigger: Token) -> bool:
    """ "a first visit to Lima since 2012": the first act in years is news, not background."""
    since = ent.root.head
    if since.lower_ != "since":
        return False
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "attr"))]
    return any(c.lower_ == "first" for h in heads for c in h.children)


@lru_cache(maxsize=256)  # asked again for each event of an article, with its one date
def _valid_iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None
