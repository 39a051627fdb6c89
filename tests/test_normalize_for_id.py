"""Ids fold whitespace with ``str.split()``: the same text as the regex it replaced.

An article's id hashes its normalized body, so a different folding would give every
stored article a new id on re-ingest.
"""

from __future__ import annotations

import re
import sys

import pytest

from detente.records import article_id_for, normalize_for_id

_REGEX = re.compile(r"\s+")


def _by_regex(text: str) -> str:
    return _REGEX.sub(" ", text).strip().lower()


def test_split_and_the_regex_agree_on_every_code_point() -> None:
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]
    matched = _REGEX.findall("".join(map(chr, range(sys.maxunicode + 1))))
    assert "".join(matched) == "".join(spaces)
    assert {"\u00a0", "\u2028", "\x1c", "\u3000"} <= set(spaces)


@pytest.mark.parametrize("text", [
    "  Envoys  MET\tin Oslo.\n\nTalks went on. ",
    "Line one\u2028line two\u00a0and\u3000a wide space",
    "\x1cGroup\x1dseparators\x1eare\x1fspace too\x0b\x0c",
    "",
    " \n\t ",
    "Ünïcode ÇASE folds İstanbul",
])
def test_normalize_for_id_is_the_regex_folding(text: str) -> None:
    assert normalize_for_id(text) == _by_regex(text)


def test_rewrapped_bodies_keep_their_id() -> None:
    one = "Ministers signed the accord on Tuesday.\nThe ceremony was brief."
    other = "Ministers  signed the accord\u00a0on Tuesday. The ceremony\twas brief.\n"
    assert article_id_for(one) == article_id_for(other)
    assert article_id_for(one) != article_id_for(one.replace("Tuesday", "Monday"))
