"""Whether a pattern can match anywhere in a text: a test on the whole text at once that
answers "no" only when no line of it has a match.

The cleaner's rewrites run on every line of every text, one ``re.sub`` per rule and line,
and on most texts none of them finds anything (on the 16x synthetic corpus, not one
line): asking the whole text once per rule lets a rule that cannot match skip its lines.
Two tests, both sound for a line taken out of the text:

- a pattern with no zero-width assertion (anchors, word boundaries, lookarounds) and no
  atomic group matches the same characters wherever they stand, so a line's match is
  one of the text's: the text is searched with the pattern itself;
- otherwise, a match must hold one of some characters (the ``#`` of a heading mark, the
  ``*`` or ``_`` of emphasis): the text is searched for those.

A pattern neither test can read (an ignore-case literal, a class such as ``\\S``) gets
no test: its rule runs on every line, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

try:  # the parser the re module compiles with (private: any surprise means no test)
    from re import _parser as _p
except ImportError:  # pragma: no cover - a Python without it
    _p = None  # type: ignore[assignment]

# Zero-width items and atomic groups: a match inside a line may not be one in the text.
_CONTEXT = {"AT", "ASSERT", "ASSERT_NOT", "ATOMIC_GROUP", "POSSESSIVE_REPEAT"}
_MAX_CLASS = 256  # a character range larger than this is not listed


def may_match(pattern: re.Pattern[str]) -> Callable[[str], bool] | None:
    """A test ``t(text)`` that is False only when ``pattern`` finds nothing in any line of
    ``text`` (any substring of it); None when this pattern cannot be tested so."""
    if _p is None:  # pragma: no cover
        return None
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no test
        return None
    items = list(parsed)
    if not _has(items, _CONTEXT):
        return lambda text: pattern.search(text) is not None
    if pattern.flags & re.IGNORECASE:
        return None
    chars = _required(items)
    if not chars:
        return None
    needed = tuple(sorted(chars))
    return lambda text: any(c in text for c in needed)


def _has(items: list[Any], names: set[str]) -> bool:
    """Whether any item, at any depth, is one of the opcodes ``names``."""
    for op, av in items:
        if str(op) in names:
            return True
        if any(_has(list(sub), names) for sub in _subpatterns(op, av)):
            return True
    return False


def _subpatterns(op: Any, av: Any) -> list[Any]:
    """The nested patterns of one item."""
    name = str(op)
    if name == "SUBPATTERN":
        return [av[3]]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return [av[2]]
    if name == "BRANCH":
        return list(av[1])
    if name in ("ASSERT", "ASSERT_NOT"):
        return [av[1]]
    if name == "ATOMIC_GROUP":
        return [av]
    if name == "GROUPREF_EXISTS":
        return [b for b in av[1:] if b is not None]
    return []


def _required(items: list[Any]) -> set[str] | None:
    """Characters of which every match of the sequence ``items`` holds one, or None."""
    for op, av in items:
        got = _required_one(str(op), av)
        if got:
            return got
    return None


def _required_one(name: str, av: Any) -> set[str] | None:
    """Characters one item always consumes one of (None: it may consume none, or any)."""
    if name == "LITERAL":
        return {chr(av)}
    if name == "IN":
        return _class(av)
    if name == "SUBPATTERN":
        add_flags = av[1]
        return None if add_flags & re.IGNORECASE else _required(list(av[3]))
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, _high, sub = av
        return _required(list(sub)) if low >= 1 else None
    if name == "BRANCH":
        out: set[str] = set()
        for branch in av[1]:
            got = _required(list(branch))
            if not got:
                return None
            out |= got
        return out
    return None  # zero-width, any character, a back reference: nothing known


def _class(av: Any) -> set[str] | None:
    """The characters of a class such as ``[*_]``, or None for a negated one, a category
    (``\\s``) or a wide range."""
    out: set[str] = set()
    for op, value in av:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(value))
        elif name == "RANGE" and value[1] - value[0] < _MAX_CLASS:
            out.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
    return out
