"""Which resolved actor covers a token: the one lookup the event coder and the signals
(quotes, assessments) share, so a token is the same actor for both."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from detente.records import Mention


class MentionIndex:
    """Token → the resolved Mention covering it, plus the article's actors in text order.

    The resolver emits mentions that do not overlap; should two overlap (a resolver
    emitting "Putin" inside "Putin's spokesman"), the shortest wins, as the most
    specific. A mention that covers part of a token covers the token.
    """

    def __init__(self, doc: Doc, mentions: Sequence[Mention]):
        self.doc = doc
        self._key: list[tuple[object, ...]] | None = None  # set by build()
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        # The article's actor mentions that have a country, in text order: the
        # discourse an unnamed subject ("it", "the ministry") refers back to.
        self.ordered = [m for m in self.mentions if m.country and m.kind != "place"]
        self._by_token: dict[int, Mention] = {}
        for m in sorted(self.mentions, key=lambda m: m.end - m.start, reverse=True):
            span = self.span(m)
            for tok in span if span is not None else ():
                self._by_token[tok.i] = m

    @classmethod
    def build(cls, doc: Doc, mentions: Sequence[Mention]) -> MentionIndex:
        """The index of ``mentions`` in ``doc``, shared: the event coder, the quotes and the
        assessments of an article ask for the same one, built once (the last is kept)."""
        global _last
        key = _key(mentions)
        last = _last
        if last is not None and last.doc is doc and last._key == key:
            return last
        index = cls(doc, mentions)
        index._key = key
        _last = index
        return index

    def at(self, tok: Token) -> Mention | None:
        return self._by_token.get(tok.i)

    def span(self, m: Mention) -> Span | None:
        """The words of a mention in the index's doc (a mention covering part of a token
        covers the token)."""
        return self.doc.char_span(m.start, m.end, alignment_mode="expand")

    of = at

    def latest_before(self, char: int) -> Mention | None:
        """The actor an unnamed subject at ``char`` most likely refers to: the first actor
        (the topic, usually the subject) of the nearest sentence before it that names one;
        with none before, the article's first actor."""
        before = [m for m in self.ordered if m.end <= char]
        if not before:
            return self.ordered[0] if self.ordered else None
        nearest = before[-1].sentence_index
        return next(m for m in before if m.sentence_index == nearest)

    def starting_in(self, tokens: Iterable[Token]) -> list[Mention]:
        """Mentions that start inside any of these tokens (char-based, so a mention of
        "U.S." inside the single token "U.S.-Russia" is found)."""
        ranges = [(t.idx, t.idx + len(t.text)) for t in tokens]
        return [m for m in self.mentions if any(a <= m.start < b for a, b in ranges)]


# The index built last by MentionIndex.build (it holds its Doc, so the Doc it is checked
# against cannot be another one at the same address).
_last: MentionIndex | None = None


def _key(mentions: Sequence[Mention]) -> list[tuple[object, ...]]:
    """What an index is made of: the mentions (alive in the index), in order, and the fields
    it reads of them."""
    return [(id(m), m.start, m.end, m.country, m.kind, m.sentence_index) for m in mentions]
