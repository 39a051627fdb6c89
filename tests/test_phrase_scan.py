"""The resolver's sentence loop, read without a Span or a test per word, finds what the word
by word reading found (sentences written for this test): the sentence bounds are Doc.sents',
and PhraseReader.read, which visits only the places an item can start at, gives the phrases
of the scan that asked every word whether it leads a phrase."""

from __future__ import annotations

import pytest

from detente.actors.coding import ArticleCoder
from detente.actors.phrases import Phrase, PhraseReader
from detente.coding import default_coder
from detente.nlp.tokens import sentence_bounds, table_of

TEXTS = [
    "Foreign Minister Ingrid Halvorsen of Norway met the new Chilean ambassador in Oslo.\n"
    "Halvorsen said the two countries would talk again, and the Norwegian government agreed.",
    "The outgoing U.S. ambassador to Peru, Dana Whitcombe, left Lima on Friday. Several "
    "senior Bolivian and Peruvian officials saw her off, and then-president Ruiz thanked her.",
    "PERU AND CHILE SIGN A FISHING PACT\nPeru Urges New Chilean Envoy To Restart Talks\n"
    "A spokesman for the ministry said that Chile's navy and the Peruvian coast guard would "
    "patrol together. He added that the pact of both states would last ten years.",
    "Officials in Santiago, Lima and La Paz met. Nobody else came.",
    "",
]


def _doc(text: str):
    coder = default_coder()
    return coder, coder.nlp(text)


def _reader(coder, doc) -> PhraseReader:
    resolver = coder.resolver
    tokens = table_of(doc)
    hits = resolver.lexicon(doc.vocab).hits(doc, tokens=tokens)
    article = ArticleCoder(resolver.kb, doc, None, resolver.roles, hits)
    return PhraseReader(doc, hits, resolver.kb, article.discourse.name_at, tokens)


def _word_by_word(reader: PhraseReader, start: int, end: int) -> list[Phrase]:
    """The reading as it was: every word up to the last place an item can start at is asked
    whether it leads a phrase, and an item is looked for after each run of leading words."""
    places = [k for k in reader.starts if start <= k < end]
    if not places:
        return []
    tok = reader.tok
    words = [k for k in range(start, end) if tok.is_alpha[k] and len(tok.text[k]) > 3]
    reader.headline = len(words) >= 4 and not any(tok.is_lower[k] for k in words)
    out: list[Phrase] = []
    i = start
    while i <= places[-1]:
        j = i
        while j < end and reader._is_lead(j):
            j += 1
        maybe = j < end and (
            j in reader.hits or tok.pos[j] == "PROPN" and j not in reader.covered
        )
        first = reader._item_at(j, end) if maybe else None
        if first is not None:
            phrase = reader._phrase(i, j, end, first)
            if phrase is not None:
                out.append(phrase)
                i = phrase.end
                continue
        i = j + 1 if j == i else j
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_bounds_are_doc_sents(text: str) -> None:
    _, doc = _doc(text)
    bounds = sentence_bounds(doc, table_of(doc))
    assert bounds == [(s.start, s.end) for s in doc.sents]
    if text:
        assert len(bounds) >= 2


@pytest.mark.parametrize("text", TEXTS)
def test_read_finds_the_phrases_of_the_word_by_word_scan(text: str) -> None:
    coder, doc = _doc(text)
    found = 0
    for start, end in sentence_bounds(doc, table_of(doc)):
        new = _reader(coder, doc).read(start, end)
        old = _word_by_word(_reader(coder, doc), start, end)
        assert new == old
        found += len(new)
    if text:
        assert found >= 2  # phrases were read, so the comparison compared something


def test_a_sentence_without_a_place_for_an_item_has_no_phrase() -> None:
    coder, doc = _doc("The talks went on late. Norway's minister left.")
    reader = _reader(coder, doc)
    (a, b), (c, d) = sentence_bounds(doc, table_of(doc))
    assert reader.read(a, b) == []  # no name, no dictionary word
    assert [doc[p.start : p.end].text for p in reader.read(c, d)] == ["Norway's minister"]


def test_an_item_whose_leading_words_make_no_phrase_is_read_alone_as_before() -> None:
    """Where the phrase with its leading words fails, both readings try the item alone (here
    every phrase with leading words is made to fail, so that path is taken)."""
    coder, doc = _doc(TEXTS[0] + " " + TEXTS[1].split("\n")[0])

    def no_leads(reader: PhraseReader) -> PhraseReader:
        whole = reader._phrase
        reader._phrase = lambda lead, first, end, item: (  # type: ignore[method-assign]
            None if lead < first else whole(lead, first, end, item))
        return reader

    starts = 0
    for start, end in sentence_bounds(doc, table_of(doc)):
        new = no_leads(_reader(coder, doc)).read(start, end)
        assert new == _word_by_word(no_leads(_reader(coder, doc)), start, end)
        assert all(p.start == p.items[0].start or p.appos for p in new)
        starts += len(new)
    assert starts >= 3
