"""The memoized attribute_ruler and lemmatizer (detente.nlp.attributes) change nothing
but the time.

Every article of the sample corpus is parsed twice by the one shared pipeline: with
the lookups, and with spaCy's AttributeRuler and Lemmatizer themselves (``exact``). The tokens must carry
the same attributes and the same tok2vec tensor (the trained coder reads it), and the
coding stages must find the same mentions, events, quotes, issues and assessments,
with the rules and with the trained model deciding.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy
import pytest

from detente.nlp import load_nlp
from detente.nlp.attributes import AttributeLookup, LemmaLookup
from detente.nlp.model import _line_breaks
from detente.pipeline import Coder
from detente.records import Article
from factories import assert_same_coding

ATTRS = ["ORTH", "SPACY", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START",
         "ENT_IOB", "ENT_TYPE", "ENT_ID", "NORM"]


@pytest.fixture(scope="module")
def articles(sample_articles: list[Article]) -> list[Article]:
    return sample_articles


@contextmanager
def exact_ruler(on: bool) -> Iterator[None]:
    """``on``: spaCy's own attribute_ruler and lemmatizer; else the memoized lookups."""
    nlp = load_nlp()
    lookup = nlp.get_pipe("attribute_ruler")
    assert isinstance(lookup, AttributeLookup) and lookup.supported
    lemmas = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmas, LemmaLookup) and lemmas.supported
    # Both runs start with empty memos and an empty cache in spaCy's lemmatizer.
    lemmas.lemmatizer.cache = {}
    lemmas._memo.clear()
    lookup._memo.clear()
    lookup.exact = lemmas.exact = on
    try:
        yield
    finally:
        lookup.exact = lemmas.exact = False


def _parse(articles: list[Article], exact: bool) -> list:
    nlp = load_nlp()
    with exact_ruler(exact):
        return list(nlp.pipe([a.body for a in articles], batch_size=25))


def test_same_token_attributes_and_tensor(articles: list[Article]):
    ruler = _parse(articles, exact=True)
    lookup = _parse(articles, exact=False)
    tokens = 0
    for a, x, y in zip(articles, ruler, lookup, strict=True):
        assert numpy.array_equal(x.to_array(ATTRS), y.to_array(ATTRS)), a.id
        assert [t.morph.to_json() for t in x] == [t.morph.to_json() for t in y], a.id
        assert [e.label_ for e in x.ents] == [e.label_ for e in y.ents], a.id
        assert x.tensor.shape == y.tensor.shape and numpy.array_equal(x.tensor, y.tensor), a.id
        tokens += len(x)
    assert tokens > 10_000


@pytest.mark.parametrize("model", [None, ""], ids=["rules", "model"])
def test_same_coded_output(articles: list[Article], model: str | None):
    coder = Coder(model=model)
    with exact_ruler(True):
        before = coder.code_batch(articles)
    with exact_ruler(False):
        after = coder.code_batch(articles)
    assert before[1] == after[1] == []
    assert assert_same_coding(before[0], after[0]) > 100


def test_same_token_attributes_on_the_seeds(seeds_dir: Path):
    """Real news text (../shared/corpus/seeds, when present): more words, more shapes."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds_dir.glob("*.txt"))]
    bodies = [Article(id=str(n), body=t) for n, t in enumerate(texts)]
    ruler = _parse(bodies, exact=True)
    lookup = _parse(bodies, exact=False)
    for a, x, y in zip(bodies, ruler, lookup, strict=True):
        assert numpy.array_equal(x.to_array(ATTRS), y.to_array(ATTRS)), a.id
        assert numpy.array_equal(x.tensor, y.tensor), a.id


def _line_breaks_by_token(doc):
    """The first version of detente.nlp.model._line_breaks (Token by Token), for reference."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


def test_line_breaks_same_sentence_starts(articles: list[Article]):
    nlp = load_nlp()
    texts = [a.body for a in articles] + ["a\n\nb", "\n\nx", "x \n", "x\n \ny", ""]
    for text in texts:
        x = _line_breaks_by_token(nlp.make_doc(text))
        y = _line_breaks(nlp.make_doc(text))
        assert [t.is_sent_start for t in x] == [t.is_sent_start for t in y], text[:60]


def test_the_lemma_index_answered_from_sets_gives_the_lists_lemmas():
    """The lemmatizer's index lists answer ``in`` from a set (_Index): the rule
    lemmatizer gives every token of team-written sentences the lemmas it gives with the
    plain lists."""
    from detente.nlp.attributes import _Index

    nlp = load_nlp()
    lemmatizer = nlp.get_pipe("lemmatizer").lemmatizer
    table = lemmatizer.lookups.get_table("lemma_index")
    assert table and all(isinstance(words, _Index) for words in table.values())
    doc = nlp("The ministers were meeting their counterparts; talks broke down, "
              "envoys fled the cities and the striking workers had stopped the buses.")

    def lemmas() -> list[list[str]]:
        lemmatizer.cache = {}
        return [lemmatizer.rule_lemmatize(t) for t in doc]

    fast = lemmas()
    wrapped = dict(table.items())
    try:
        for key, words in wrapped.items():
            table[key] = list(words)
        plain = lemmas()
    finally:
        for key, words in wrapped.items():
            table[key] = words
        lemmatizer.cache = {}
    assert fast == plain
    got = dict(zip([t.text for t in doc], fast, strict=True))
    assert got["ministers"] == ["minister"] and got["cities"] == ["city"]
    assert got["meeting"][0] == "meet" and got["fled"][0] == "flee"
    words = next(iter(wrapped.values()))
    for w in [words[0], words[-1], "zzqx", ""]:
        assert (w in words) == (w in list(words))


def test_a_tags_own_patterns_match_as_all_of_them():
    """A new token shape is matched only against the one-token patterns its tag admits
    (AttributeLookup._matcher_for): on team-written sentences every token gets the same
    matches as from a Matcher holding all of them; patterns naming a tag are left out of
    the other tags' matchers."""
    from spacy.matcher import Matcher

    from detente.nlp.attributes import _tags_admitted

    nlp = load_nlp()
    lookup = nlp.get_pipe("attribute_ruler")
    every = Matcher(nlp.vocab)
    for key, patterns in lookup._singles.items():
        every.add(key, [p for p, _ in patterns])
    doc = nlp("Whether or not they'd agree, the envoys were gonna sign it: there's a deal, "
              "but the 3 ministers' aides hadn't read its 12-page annex yet!\n\nSo be it.")
    assert len({t.tag_ for t in doc}) > 15
    found = 0
    for t in doc:
        token = doc[t.i : t.i + 1]
        mine = sorted(lookup._matcher_for(t.tag_)(token, allow_missing=True, as_spans=False))
        assert mine == sorted(every(token, allow_missing=True, as_spans=False)), t.text
        found += len(mine)
    assert found > len(doc)  # the tag map alone matches nearly every token
    assert _tags_admitted({"TAG": "NN", "LOWER": "x"}) == {"NN"}
    assert _tags_admitted({"TAG": {"IN": ["NN", "NNS"]}}) == {"NN", "NNS"}
    assert _tags_admitted({"TAG": {"NOT_IN": ["NN"]}}) is None
    assert _tags_admitted({"LOWER": "x"}) is None
    assert len(lookup._matcher_for("NN")) < len(every)
