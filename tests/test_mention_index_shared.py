"""MentionIndex.build gives the event coder, the quotes and the assessments of one article
one index, built once; other mentions, or the same ones changed, get their own
(sentences written for this test)."""

from __future__ import annotations

import dataclasses

from detente.coding import default_coder
from detente.mentions import MentionIndex
from detente.records import Article

TEXT = (
    "Norway accused Chile of stalling the fisheries talks on Monday. "
    "The Chilean foreign minister said Santiago would answer the charge next week."
)


def _read():
    coder = default_coder()
    doc = coder.nlp(TEXT)
    mentions, _ = coder.read(doc, Article(id="m1", body=TEXT, published="2024-03-04"))
    return coder, doc, mentions


def test_one_index_for_the_same_doc_and_mentions() -> None:
    _, doc, mentions = _read()
    assert mentions
    first = MentionIndex.build(doc, mentions)
    assert MentionIndex.build(doc, list(mentions)) is first


def test_the_shared_index_is_the_one_built_anew() -> None:
    _, doc, mentions = _read()
    shared = MentionIndex.build(doc, mentions)
    fresh = MentionIndex(doc, mentions)
    assert shared.mentions == fresh.mentions and shared.ordered == fresh.ordered
    assert [shared.at(t) for t in doc] == [fresh.at(t) for t in doc]


def test_other_mentions_or_doc_get_their_own_index() -> None:
    _, doc, mentions = _read()
    first = MentionIndex.build(doc, mentions)
    assert MentionIndex.build(doc, mentions[:-1]) is not first
    first = MentionIndex.build(doc, mentions)
    moved = [dataclasses.replace(m) for m in mentions]  # equal, but other objects
    assert MentionIndex.build(doc, moved) is not first
    first = MentionIndex.build(doc, mentions)
    mentions[0].country = None  # changed in place: no longer what the index read
    assert MentionIndex.build(doc, mentions) is not first
    _, other_doc, other_mentions = _read()
    assert MentionIndex.build(other_doc, other_mentions).doc is other_doc


def test_coding_an_article_builds_its_index_once(monkeypatch) -> None:
    coder, doc, _ = _read()
    built = []
    init = MentionIndex.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(1)
        init(self, *args, **kwargs)

    monkeypatch.setattr(MentionIndex, "__init__", counting)
    doc = coder.nlp(TEXT)
    coded = coder.code_doc(doc, Article(id="m2", body=TEXT, published="2024-03-04"))
    assert coded.events
    assert len(built) == 1
