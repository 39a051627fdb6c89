"""One token table per document, shared by the stages that code it, and the readings
taken from it in place of Token objects: each gives what spaCy's own objects give."""

from __future__ import annotations

from pathlib import Path

from detente.events.coder import _depth
from detente.nlp import load_nlp, sentences_of
from detente.nlp.headlines import recase_headlines
from detente.nlp.model import doc_text
from detente.nlp.tokens import RECENT, TokenTable, forget, table_of

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "txt"

TEXTS = [
    "Envoys Meet In Geneva As Border Talks Resume\n\nThe two delegations met on "
    "Tuesday, March 3, and agreed to talk again next week.",
    "It said on Monday that both sides had withdrawn.  Nobody answered.\n",
    "",
    " ",
]


def _docs() -> list:
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(CORPUS.glob("*.txt"))]
    return list(load_nlp().pipe(texts + TEXTS))


def test_lemmas_depths_sentence_texts_and_dates_as_spacy_gives_them() -> None:
    n = 0
    for doc in _docs():
        table = TokenTable(doc)
        text = doc_text(doc)
        assert table.lemma == [t.lemma_ for t in doc]
        assert [_depth(table.head, t.i) for t in doc] == [len(list(t.ancestors)) for t in doc]
        dates = [e for e in doc.ents if e.label_ == "DATE"]
        for sent in doc.sents:
            assert text[sent.start_char : sent.end_char] == sent.text
            inside = [e for e in dates if e.start >= sent.start and e.end <= sent.end]
            assert inside == [e for e in sent.ents if e.label_ == "DATE"]
        assert [s.text for s in sentences_of(doc, "a")] == [s.text for s in doc.sents]
        n += len(doc)
    assert n > 5000


def test_one_table_per_document_until_its_parse_changes() -> None:
    nlp = load_nlp()
    first, byline = nlp(TEXTS[0]), nlp("Ana Ruiz")
    table = table_of(first)
    assert table_of(first) is table
    table_of(byline)  # the resolver reads a byline between the article's stages
    assert table_of(first) is table
    forget(byline)  # another document's: nothing to drop
    assert table_of(first) is table
    forget(first)
    assert table_of(first) is not table


def test_only_the_last_few_tables_are_kept() -> None:
    nlp = load_nlp()
    first = nlp(TEXTS[0])
    table = table_of(first)
    others = [nlp(f"Text number {n}.") for n in range(RECENT)]
    for doc in others:
        table_of(doc)
    assert table_of(first) is not table  # memory stays flat: the oldest went first


def test_a_recased_headline_gets_a_new_table() -> None:
    nlp = load_nlp()
    doc = nlp(TEXTS[0])
    before = table_of(doc)
    assert recase_headlines(doc, nlp, lambda d: set()) == 1
    after = table_of(doc)
    assert after is not before
    assert after.pos == [t.pos_ for t in doc] and after.pos != before.pos
