"""Line shapes: what reads as a sentence, a headline or a fragment.

The cleaner works line by line on scraped text, and most of its structural
decisions (where the header ends, which line is the title, which lines a
scraper broke in two) depend only on the shape of a line. The thresholds come
from the ``structure`` section of cleaning_rules.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.clean.rules import StructureSpec

_WORD = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
# Terminal punctuation, optionally followed by closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_FULL_STOP = re.compile(r"\.[\"'”’»)\]]*$")
_QUESTION = re.compile(r"[?!][\"'”’»)\]]*$")
_INITIALISM_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
_INNER_STOP = re.compile(r"[.!?…][\"'”’)]*\s+[A-Z\"“‘]")
_CONTINUES = re.compile(r"[,;:–—-]$")
_WS = re.compile(r"\s+")


@dataclass
class Line:
    """One non-blank line of the input. ``no`` is its 1-based line number."""

    no: int
    raw: str  # after the early rewrites (markdown emphasis still present)
    text: str  # after all rewrites: what ends up in the body
    block: int  # lines not separated by a blank line share a block
    removed: bool = False
    comment: bool = False
    removed_by: str | None = None


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def _title_cased(text: str) -> bool:
    long_words = [w for w in words(text) if len(w) >= 4]
    if not long_words:
        return True
    capitalised = sum(1 for w in long_words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(long_words) >= 0.6


def sentence_like(text: str, spec: StructureSpec, *, first: bool = False) -> bool:
    """A line of running text: enough words and a terminal stop, or a long line that
    introduces what follows with a colon.

    A Title-Cased line ending in ? or ! is a headline ("Is Détente Back?"), not a
    sentence; so is the first line of a text whose only stop is a closing
    initialism ("... prisoner exchange with U.S.").
    """
    if text.rstrip().endswith(":") and len(words(text)) >= spec.intro_min_words:
        return True  # "The governments of A, B and C express the following:"
    if len(words(text)) < spec.sentence_min_words or not ends_sentence(text):
        return False
    if first and _INITIALISM_END.search(text) and not _INNER_STOP.search(text):
        return False
    return not (_QUESTION.search(text) and _title_cased(text))


def running_text(text: str, spec: StructureSpec) -> bool:
    """A sentence, or a line longer than any headline: a lede or caption the scraper cut
    before its closing stop ("... said on Monday that the border would stay closed until").

    Such a line reports events like any sentence; only short lines without a stop are
    labels, credits or menus.
    """
    return sentence_like(text, spec) or len(words(text)) > spec.title_max_words


def headline_like(text: str, spec: StructureSpec) -> bool:
    """A line that can be a title: a few words, no full stop, starts like a headline."""
    n = len(words(text))
    if not spec.title_min_words <= n <= spec.title_max_words:
        return False
    if (_FULL_STOP.search(text) and not _INITIALISM_END.search(text)) or _CONTINUES.search(text):
        return False
    first = text.lstrip("\"'“‘«(")[:1]
    return first.isupper() or first.isdigit()


def fragment(text: str, spec: StructureSpec) -> bool:
    """A short line that is not a sentence: a caption, tag, credit or teaser headline."""
    return not sentence_like(text, spec) and len(words(text)) <= spec.fragment_max_words


def caption(text: str, spec: StructureSpec) -> bool:
    """A line glued to a photo credit that reads as its caption: a fragment, or a short sentence."""
    return fragment(text, spec) or len(words(text)) <= spec.caption_max_words


def continues_on_next(prev: str, nxt: str) -> bool:
    """The scraper broke a sentence: no stop at the end of one line, lower case at the next."""
    return bool(prev) and not ends_sentence(prev) and not prev.endswith(":") and nxt[:1].islower()


def same_text(a: str, b: str) -> bool:
    """Equal up to case, spacing and trailing punctuation (a headline and its repeat)."""

    def norm(s: str) -> str:
        return _WS.sub(" ", s).strip().strip(".:;,").casefold()

    return norm(a) == norm(b)


def squashed(text: str) -> str:
    """Letters and digits only, case-folded: "Global Affairs Wire" ~ "globalaffairswire"."""
    return "".join(c for c in text.casefold() if c.isalnum())
