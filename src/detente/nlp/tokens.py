"""The token attributes the coding stages read, for one parsed Doc, as plain lists.

Every ``doc[i].pos_`` makes a spaCy Token object and looks a string up; the actor
phrases read several attributes of each token again and again. :class:`TokenTable`
reads them all with one ``Doc.to_array`` and keeps them as Python lists indexed by
token, with the same values the Token properties give (``text``, ``lower_``,
``pos_``, ``tag_``, ``dep_``, ``lemma_``, ``head.i``, ``is_space``, ``is_title``,
``is_punct``, ``is_alpha``, ``is_lower``, ``is_sent_start``, ``is_stop``), and each
token's children (``children``: the indexes ``Token.children`` gives).

A table is a snapshot: build it after the last change to the parse (the Coder
re-parses title-case headlines before the stages run). :func:`table_of` keeps the
tables of the last few documents, so the stages that code one document (actors, events)
read it once; whoever changes a parse afterwards calls :func:`forget`.
:func:`sentence_bounds` gives a document's sentences as token ranges from the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_STRING_ATTRS = [ORTH, LOWER, POS, TAG, DEP, LEMMA]
_INT_ATTRS = [HEAD, SENT_START]
# Flags of the word itself (its lexeme), the same for every token of that word
_FLAGS = [IS_SPACE, IS_TITLE, IS_PUNCT, IS_ALPHA, IS_LOWER, IS_STOP]


class _Strings(dict):  # type: ignore[type-arg]
    """Hash -> string of one StringStore, filled as hashes are met."""

    def __init__(self, vocab: Vocab):
        super().__init__()
        self.vocab = vocab
        self.strings = vocab.strings

    def __missing__(self, key: int) -> str:
        value = self[key] = self.strings[key]
        return value


_CACHES: dict[int, _Strings] = {}
_SENT_START = {1: True, -1: False, 0: None}


def _strings(doc: Doc) -> _Strings:
    vocab = doc.vocab
    cache = _CACHES.get(id(vocab))
    if cache is None or cache.vocab is not vocab or cache.strings is not vocab.strings:
        if len(_CACHES) > 8:
            _CACHES.clear()
        cache = _CACHES[id(vocab)] = _Strings(vocab)
    elif len(cache) > 500_000:  # memory stays flat
        cache.clear()
    return cache


class TokenTable:
    """One Doc's token attributes as lists: ``table.pos[i]`` is ``doc[i].pos_``."""

    __slots__ = (
        "n", "text", "lower", "pos", "tag", "dep", "lemma", "head",
        "is_space", "is_title", "is_punct", "is_alpha", "is_lower", "is_sent_start", "is_stop",
        "_children",
    )

    def __init__(self, doc: Doc):
        self.n = len(doc)
        strings = _strings(doc)
        get = strings.__getitem__
        if self.n:
            words = doc.to_array(_STRING_ATTRS).T.tolist()
            ints = doc.to_array(_INT_ATTRS).astype(numpy.int64)
            ints[:, 0] += numpy.arange(self.n)  # HEAD is an offset from the token
            cols = ints.T.tolist()
            # The lexeme flags as spaCy's own array (Lexeme.check_flag for each token), made
            # bools: turning a memoized tuple per word into columns (zip(*rows)) cost
            # about a twentieth of the coding stages.
            flags = doc.to_array(_FLAGS).astype(bool).T.tolist()
        else:
            words = [[] for _ in _STRING_ATTRS]
            cols = [[] for _ in _INT_ATTRS]
            flags = [() for _ in _FLAGS]
        self.text: list[str] = list(map(get, words[0]))
        self.lower: list[str] = list(map(get, words[1]))
        self.pos: list[str] = list(map(get, words[2]))
        self.tag: list[str] = list(map(get, words[3]))
        self.dep: list[str] = list(map(get, words[4]))
        self.lemma: list[str] = list(map(get, words[5]))
        self.head: list[int] = cols[0]
        # Token.is_sent_start: True for 1, False for -1, None when unknown (0)
        self.is_sent_start: list[bool | None] = list(map(_SENT_START.__getitem__, cols[1]))
        self.is_space: Sequence[bool] = flags[0]
        self.is_title: Sequence[bool] = flags[1]
        self.is_punct: Sequence[bool] = flags[2]
        self.is_alpha: Sequence[bool] = flags[3]
        self.is_lower: Sequence[bool] = flags[4]
        self.is_stop: Sequence[bool] = flags[5]
        self._children: list[list[int]] | None = None

    @property
    def children(self) -> list[list[int]]:
        """``children[i]``: the indexes of ``doc[i].children``, in order (the tokens whose
        head it is, itself left out, as Token.children reads a parsed tree). Made on first
        use from the heads, so that the rules walk the tree without a Token per child."""
        kids = self._children
        if kids is None:
            kids = self._children = [[] for _ in range(self.n)]
            for j, h in enumerate(self.head):
                if h != j:
                    kids[h].append(j)
        return kids

    def __len__(self) -> int:
        return self.n


# The tables of the last few documents asked about, the last one first, each held with its
# document (so no later document at the same address can be taken for it): an article's,
# and the byline the resolver parses in between, must not push each other out, and the
# rules ask for the same document's table about 600 times per document, found first.
_recent: list[tuple[Doc, TokenTable]] = []
RECENT = 4


def table_of(doc: Doc) -> TokenTable:
    """``doc``'s table, read once for all the stages that code it (the last few are kept)."""
    recent = _recent
    if recent:
        held, table = recent[0]
        if held is doc and table.n == len(doc):
            return table
        for k in range(1, len(recent)):
            held, table = recent[k]
            if held is doc and table.n == len(doc):
                recent.insert(0, recent.pop(k))
                return table
        forget(doc)  # a table of an earlier parse of it, if any
    table = TokenTable(doc)
    recent.insert(0, (doc, table))
    del recent[RECENT:]
    return table


def sentence_bounds(doc: Doc, tokens: TokenTable) -> list[tuple[int, int]]:
    """The token range [start, end) of each of ``doc``'s sentences, in order: those
    ``Doc.sents`` gives (a sentence ends before each later token whose SENT_START is 1),
    read in the table's column without a Span per sentence. A Doc with a sentence hook or
    no sentence boundaries asks Doc.sents, which uses the hook or raises as before."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]
    if not tokens.n:
        return []
    starts = [0] + [i for i, s in enumerate(tokens.is_sent_start) if s is True and i > 0]
    return list(zip(starts, starts[1:] + [tokens.n], strict=True))


def forget(doc: Doc) -> None:
    """Drop the table kept for ``doc``: its parse has changed."""
    _recent[:] = [entry for entry in _recent if entry[0] is not doc]
