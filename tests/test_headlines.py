"""Title-case headlines are parsed again in sentence case (detente.nlp.headlines)."""

from __future__ import annotations

from detente.coding import Coder
from detente.nlp.headlines import is_title_case
from detente.pipeline import code_text

HEADLINE = "Brazilian President Praises Argentina For Trade Deal\n\nThe two leaders met in Lima."


def test_a_title_case_headline_is_read_as_a_sentence():
    events = code_text(HEADLINE, "2023-03-09")
    [e] = [e for e in events if e.plover == "SUPPORT"]
    assert [a.country for a in e.source] == ["BRA"] and [a.country for a in e.target] == ["ARG"]
    assert e.rule == "praise"  # read from the parse, not the headline fallback (+headline)


def test_recasing_keeps_the_text_and_the_names():
    coder = Coder()
    doc = coder.nlp(HEADLINE)
    before = [t.pos_ for t in doc]
    coder.recase(doc)
    assert doc.text == HEADLINE
    praise = next(t for t in doc if t.text == "Praises")
    assert praise.pos_ == "VERB" and praise.lemma_ == "praise" and before[praise.i] != "VERB"
    assert next(t for t in doc if t.text == "Argentina").pos_ == "PROPN"
    assert [s.text for s in doc.sents][0].startswith("Brazilian President Praises")


def test_sentences_in_sentence_case_are_left_alone():
    coder = Coder()
    text = "Brazil's president praised Argentina for the trade deal on Monday."
    doc = coder.nlp(text)
    before = [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc]
    coder.recase(doc)
    assert [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc] == before
    assert not is_title_case(next(doc.sents))
    # twin: the same words in title case, as a headline, are recased
    assert is_title_case(next(coder.nlp("Brazil's President Praises Argentina For Trade Deal").sents))


def test_a_headline_the_first_parse_cut_in_two_is_one_sentence_again():
    coder = Coder()
    text = "Commerce Department Orders China To Shut Their Dallas Consulate Within Four Days\n\nThe move came on Tuesday."
    doc = coder.nlp(text)
    assert len(list(doc.sents)) == 3  # the title-case parse cuts the line
    coder.recase(doc)
    sents = [s.text for s in doc.sents]
    assert len(sents) == 2 and sents[0].startswith("Commerce Department Orders China To Shut")
    assert next(t for t in doc if t.text == "Shut").pos_ == "VERB"
