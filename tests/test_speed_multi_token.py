"""The attribute lookup's two-token patterns ("gon na", "there is", "let 's"), matched only
from the tokens that may start them, set what spaCy's AttributeRuler sets.

The sample corpus has few of these shapes, so the sentences here are written to have
them, at the start, in the middle and at the end of a text, and side by side.
"""

from __future__ import annotations

import numpy
import pytest

from detente.nlp import load_nlp
from detente.nlp.attributes import AttributeLookup

ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]

TEXTS = [
    "There is no deal yet, and there are two envoys waiting.",
    "Let's talk, the minister said. We're gonna need more time, y'all.",
    "They ain't leaving and we gotta stay until the talks end.",
    "C'mon, there were protests in the capital; let's see what follows.",
    "Gonna",
    "there",
    "Y all there is",
]


def _parse(texts: list[str], exact: bool) -> list:
    nlp = load_nlp()
    lookup = nlp.get_pipe("attribute_ruler")
    assert isinstance(lookup, AttributeLookup) and lookup.supported
    lookup._memo.clear()
    lookup.exact = exact
    try:
        return list(nlp.pipe(texts))
    finally:
        lookup.exact = False


@pytest.mark.parametrize("text", TEXTS)
def test_two_token_patterns_as_the_ruler(text: str):
    (ruler,) = _parse([text], exact=True)
    (lookup,) = _parse([text], exact=False)
    assert numpy.array_equal(ruler.to_array(ATTRS), lookup.to_array(ATTRS))
    assert [t.morph.to_json() for t in ruler] == [t.morph.to_json() for t in lookup]


def test_a_two_token_pattern_changes_what_it_covers():
    """The sentences above do reach the two-token patterns (the test is not vacuous)."""
    nlp = load_nlp()
    lookup = nlp.get_pipe("attribute_ruler")
    doc = nlp("We're gonna stay. Let's wait.")
    rows, starts = lookup._single_matches(doc)
    assert starts and list(lookup._multi_matches(doc, starts))
