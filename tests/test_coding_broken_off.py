"""A text that breaks off mid-sentence (a page's stored opening, a feed's excerpt) codes
nothing in its last fragment: what it would have said is unknown (the news conventions)."""

from __future__ import annotations

import pytest

from detente.coding import broken_off, default_coder
from detente.records import Article

HEAD = "Ghana recalled its ambassador from Togo on Monday. "


@pytest.fixture(scope="module")
def coder():
    return default_coder()


def _types(coder, body: str) -> list[str]:
    coded = coder.code_article(Article(id="t", body=body, published="2024-03-04"))
    return sorted(e.plover for e in coded.events if e.plover)


def test_the_fragment_an_article_breaks_off_in_codes_nothing(coder):
    assert _types(coder, HEAD + "Togo condemned the") == ["SANCTION"]
    assert _types(coder, HEAD + "Togo condemned the recall...") == ["SANCTION"]  # an excerpt's ellipsis


def test_the_same_sentence_finished_is_coded(coder):
    assert _types(coder, HEAD + "Togo condemned the recall.") == ["ACCUSE", "SANCTION"]
    assert _types(coder, HEAD + 'Togo said it "condemned the recall"') == ["ACCUSE", "SANCTION"]


def test_one_line_and_a_typed_text_are_whole(coder):
    """A headline alone has no closing mark and is whole; `detente code` reads what it is given."""
    assert _types(coder, "Togo condemns the Ghanaian envoy's recall by Accra") == ["ACCUSE"]
    typed = coder.code_text(HEAD + "Togo condemned the recall", date="2024-03-04")
    assert sorted(e.plover for e in typed if e.plover) == ["ACCUSE", "SANCTION"]


def test_where_the_fragment_starts(coder):
    doc = coder.nlp(HEAD + "Togo condemned the")
    assert broken_off(doc) == len(HEAD)
    assert broken_off(coder.nlp(HEAD + "Togo condemned the recall.")) is None
