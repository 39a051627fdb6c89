"""Shared lookups over one parsed article: sentence of a char offset, mention of a token.

Every signal record carries a sentence index and char offsets into the body;
these helpers keep that bookkeeping in one place so the extractors only deal
with the parse.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from detente.mentions import MentionIndex as MentionIndex  # the signals' extractors take one
from detente.nlp.model import doc_text as doc_text  # the extractors' import
from detente.records import ActorRef, Sentence

Tokenizer = Callable[[str], Doc]
"""What splits a pattern phrase of the YAML into tokens: the tokenizer of the pipeline that
parsed the article (``nlp.tokenizer``), so a phrase's tokens are those of the article's text."""


def pattern_tokenizer(tokenizer: Tokenizer | None) -> Tokenizer:
    """The tokenizer the caller handed over (the Coder passes its pipeline's), or, for a
    caller that has none, that of the default pipeline (:func:`detente.nlp.load_nlp`)."""
    if tokenizer is not None:
        return tokenizer
    from detente.nlp import load_nlp

    return load_nlp().tokenizer


class SentenceIndex:
    """Maps char offsets of the body to the article's sentence indexes."""

    def __init__(self, sentences: Sequence[Sentence]):
        self._sentences = sorted(sentences, key=lambda s: s.start)
        self._starts = [s.start for s in self._sentences]

    def at(self, char: int) -> Sentence | None:
        i = bisect_right(self._starts, char) - 1
        if i < 0:
            return self._sentences[0] if self._sentences else None
        return self._sentences[i]

    def index_at(self, char: int) -> int:
        s = self.at(char)
        return s.index if s is not None else 0

    def text_at(self, char: int) -> str:
        s = self.at(char)
        return s.text if s is not None else ""

    def __iter__(self) -> Iterable[Sentence]:
        return iter(self._sentences)


def unresolved_actor(span: Span | Token) -> ActorRef:
    """A speaker the resolver did not code: kept with its text, no country."""
    if isinstance(span, Token):
        start, end, text = span.idx, span.idx + len(span.text), span.text
    else:
        start, end, text = span.start_char, span.end_char, span.text
    return ActorRef(text=text, name=None, country=None, sector=None, code="", start=start, end=end)


def trim_span(doc: Doc, start: int, end: int, *, keep_quotes: bool = False) -> Span | None:
    """Tokens start..end without punctuation or spaces at either edge.

    With keep_quotes, quotation marks stay, so a reported clause that ends in a
    partial quote keeps its closing mark ('relations "cannot satisfy us."').
    """

    def strip(t: Token) -> bool:
        if t.is_space:
            return True
        return t.is_punct and not (keep_quotes and t.is_quote)

    while start < end and strip(doc[start]):
        start += 1
    while end > start and strip(doc[end - 1]):
        end -= 1
    return doc[start:end] if end > start else None


def word_count(tokens: Iterable[Token]) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space or t.is_quote))
