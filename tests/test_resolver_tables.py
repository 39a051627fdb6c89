"""The resolver reads its tokens in the doc's table: the surname lookup and the mentions'
text are what Token objects give (sentences written for this test)."""

from __future__ import annotations

from detente.actors.discourse import Discourse
from detente.coding import default_coder

TEXT = (
    "Foreign Minister Ingrid Halvorsen of Norway met Chilean envoys in Oslo on Monday.\n"
    "Halvorsen said Norway would press Chile on fishing quotas, and Halvorsen's deputy agreed. "
    "The Chilean ambassador, Mateo Ibarra, told reporters that Ibarra had no comment."
)


def _resolved():
    coder = default_coder()
    doc = coder.nlp(TEXT)
    mentions = coder.resolver.resolve(doc, "r1", "2024-05-06", [], nlp=coder.nlp)
    return doc, mentions


def _name_at_with_tokens(discourse: Discourse, i: int) -> tuple[int, str] | None:
    tok = discourse.doc[i]
    if tok.pos_ != "PROPN" or not tok.is_title:
        return None
    key = discourse.key_for_name(tok.text)
    return (i + 1, key) if key else None


def test_a_surname_named_before_is_found_as_with_tokens() -> None:
    doc, _ = _resolved()
    discourse = Discourse(doc, default_coder().resolver.kb.confidences)
    discourse._surnames = {"Halvorsen": "person:a", "Ibarra": "person:b", "Norway": "x"}
    got = [discourse.name_at(i) for i in range(len(doc))]
    assert got == [_name_at_with_tokens(discourse, i) for i in range(len(doc))]
    assert sum(g is not None for g in got) >= 4


def test_mention_texts_are_the_spans_texts() -> None:
    doc, mentions = _resolved()
    assert len(mentions) >= 4
    for m in mentions:
        span = doc.char_span(m.start, m.end)
        assert span is not None and m.text == span.text


def test_mention_offsets_are_the_spans_offsets() -> None:
    """A mention's offsets, read from the tokens' offsets and lengths, are those of the
    Span over its tokens, with letters beyond ASCII before and inside it."""
    coder = default_coder()
    text = ("In São Paulo, Côte d’Ivoire’s minister met Brazil’s envoy.\n"
            "Then the Peruvian–Chilean talks in Brasília ended, Brazil’s president said.")
    doc = coder.nlp(text)
    mentions = coder.resolver.resolve(doc, "r2", "2024-05-06", [], nlp=coder.nlp)
    assert len(mentions) >= 3
    for m in mentions:
        toks = [t for t in doc if t.idx >= m.start and t.idx + len(t) <= m.end]
        span = doc[toks[0].i : toks[-1].i + 1]
        assert (m.start, m.end, m.text) == (span.start_char, span.end_char, span.text)
