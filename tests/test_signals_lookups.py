"""The signals' array lookups find what the slower ways they replace found: relationship
terms read from the LOWER array (not the terms Matcher), tokens inside direct quotes read
from the offsets (not each quote asked per token), speech verbs looked up by lemma first."""

from __future__ import annotations

import pytest

from detente.nlp import load_nlp
from detente.nlp.tokens import table_of
from detente.signals import assessments, quotes, speakers
from detente.signals.config import load_assessment_config, load_speech_config

TEXTS = [
    "Relations between Moscow and Washington have sunk to a new low, the minister said.\n\n"
    "\"Our ties cannot get worse,\" he told reporters. The relationship, he added, was strained.",
    "RELATIONS with Tokyo improved. Public relations firms said the ties were 'frozen'.\n"
    "According to the envoy, \"the talks will resume\" and relations will warm.",
    "The two countries said they would restore diplomatic ties and would not say more.",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("text", TEXTS)
def test_relationship_terms_are_the_matchers_terms(nlp, text):
    doc = nlp(text)
    m = assessments._matchers(doc, load_assessment_config(), nlp.tokenizer)
    assert m.term_words is not None  # every term of assessments.yaml is one word
    by_matcher = [span.root.i for span in m.terms(doc, as_spans=True)]
    assert [t.i for t in assessments._term_tokens(doc, m)] == by_matcher
    if "elations" in text:
        assert by_matcher


@pytest.mark.parametrize("text", TEXTS)
def test_quoted_tokens_are_those_inside_a_direct_quote(nlp, text):
    doc = nlp(text)
    directs = quotes._direct_candidates(doc, load_speech_config())
    quoted = quotes._quoted_tokens(doc, directs)
    assert quoted == [any(c.start <= t.idx < c.end for c in directs) for t in doc]
    if '"' in text:
        assert any(quoted)


@pytest.mark.parametrize("text", TEXTS)
def test_speech_verbs_by_lemma_first(nlp, text):
    cfg = load_speech_config()

    def reference(tok):  # the order of the tests before the lemma was looked up first
        if tok.pos_ != "VERB":
            return False
        if any(c.dep_ == "aux" and c.lower_ in cfg.non_factual_auxiliaries for c in tok.children):
            return False
        for v in cfg.verb_for(tok.lemma_.lower()):
            if v.particle is None or any(c.dep_ == "prt" and c.lower_ == v.particle
                                         for c in tok.children):
                return True
        return False

    doc = nlp(text)
    assert [speakers.is_speech_verb(t, cfg) for t in doc] == [reference(t) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_speech_verb_candidates_hold_every_speech_verb(nlp, text):
    """The reported-speech pass asks is_speech_verb only of the table's candidates (a VERB
    whose lemma is listed): it finds the same verbs as asking every token."""
    cfg = load_speech_config()
    doc = nlp(text)
    cands = quotes._speech_verb_candidates(table_of(doc), cfg)
    every = [t.i for t in doc if speakers.is_speech_verb(t, cfg)]
    assert [i for i in cands if speakers.is_speech_verb(doc[i], cfg)] == every
    if "said" in text:
        assert every


def test_according_to_read_in_the_table(nlp):
    """'according to X' found from the table's lower-case words, in any case, and not
    inside a direct quote; its twin without the phrase reports no such clause."""
    cfg = load_speech_config()
    doc = nlp("According to the envoy, the border crossings will reopen next week.\n"
              "\"According to the plan, nothing changes,\" a clerk joked.")
    directs = quotes._direct_candidates(doc, cfg)
    found = quotes._according_to(doc, quotes._quoted_tokens(doc, directs), cfg)
    assert [doc.text[c.start:c.end] for c in found] == [
        "the border crossings will reopen next week"]
    assert found[0].speaker_tok.text == "envoy"
    twin = nlp("The envoy said the border crossings will reopen next week.")
    assert quotes._according_to(twin, [False] * len(twin), cfg) == []


@pytest.mark.parametrize("text", TEXTS)
def test_subtree_in_the_table_is_token_subtree(nlp, text):
    """'according to X, CLAUSE' takes the clause from the subtree of the phrase's head, read
    in the table's children: the tokens Token.subtree gives, at every token."""
    doc = nlp(text)
    table = table_of(doc)
    for t in doc:
        assert sorted(quotes._subtree(table, t.i)) == [x.i for x in t.subtree]
    if len(doc):
        root = next(t for t in doc if t.dep_ == "ROOT")
        assert len(quotes._subtree(table, root.i)) > 3
