"""The actor coder's grammar tests read the doc's token table; they must answer as the
spaCy Token walks they replaced (kept here as the reference) on every token of invented
sentences: subjects through conjuncts, places after prepositions, sentence bounds."""

from __future__ import annotations

import pytest

from detente.actors import ActorResolver
from detente.actors.coding import ArticleCoder
from detente.actors.phrases import Item
from detente.nlp import load_nlp

TEXTS = [
    "The envoy flew to Lisbon on Monday. Ministers from Chile and Peru met in Quito, "
    "and the talks went on at the palace.",
    "QUITO, May 3 - Officials responded to Caracas late on Friday.\n\nThe delegation "
    "and its hosts signed a trade pact in the capital.",
    "A trip to Oslo was planned. Protesters gathered outside the embassy while the "
    "ambassador and his deputy watched.",
]


def _subject(doc, k: int) -> bool:  # type: ignore[no-untyped-def]
    tok = doc[k]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def _place(doc, start: int, end: int, locative: set[str], motion: set[str]) -> bool:  # type: ignore[no-untyped-def]
    tok = doc[end - 1]
    while tok.dep_ in ("conj", "compound", "appos") and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None:
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.lower_ == "the" and start > 1:
            prev = doc[start - 2]
        if prev is not None and prev.pos_ == "ADP":
            prep = prev
    if prep is None or prep.lower_ not in locative:
        return False
    if prep.lower_ != "to":
        return True
    gov = prep.head
    return gov.pos_ in ("NOUN", "PROPN") or gov.lemma_.lower() in motion


@pytest.fixture(scope="module")
def coders() -> list[tuple[object, ArticleCoder]]:
    nlp = load_nlp()
    resolver = ActorResolver.default()
    out = []
    for text in TEXTS:
        doc = nlp(text)
        out.append((doc, ArticleCoder(resolver.kb, doc, None, resolver.roles, {})))
    return out


def test_subjects_and_places_read_as_the_token_walks(coders) -> None:  # type: ignore[no-untyped-def]
    places = subjects = 0
    for doc, coder in coders:
        for k in range(len(doc)):
            item = Item(kind="country", start=k, end=k + 1)
            assert coder._is_subject(item) == _subject(doc, k), doc[k].text
            want = _place(doc, k, k + 1, coder.locative, coder.motion)
            assert coder._is_place(item) == want, doc[k].text
            places += want
            subjects += _subject(doc, k)
    assert places >= 4 and subjects >= 4  # the sentences do exercise both tests


def test_sentence_bounds_are_token_sent(coders) -> None:  # type: ignore[no-untyped-def]
    for doc, coder in coders:
        assert len(list(doc.sents)) >= 2
        for k in range(len(doc)):
            sent = doc[k].sent
            assert coder._sentence_of(k) == (sent.start, sent.end)
