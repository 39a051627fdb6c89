"""Title-case headlines parsed again in sentence case.

en_core_web_sm reads a title-case headline ("Chile Summons Peruvian Envoy Over Border
Remarks") as a run of names: its verbs become proper nouns and the parse holds no
event. Such a line is parsed again with its ordinary words in lower case (names stay as
written) and the tags, lemmas and dependencies of that parse replace the first one's, so
every later stage (actors, events, quotes) reads the headline as a sentence. The tokens,
their text and the document's vectors are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc, Span

from detente.nlp.model import doc_text
from detente.nlp.tokens import forget

ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
MAX_WORDS = 16  # longer lines are text, whatever their case
MIN_TITLE_SHARE = 0.8  # of the words longer than three letters


def is_title_case(sent: Span, text: str | None = None) -> bool:
    """A short line with no closing stop whose longer words nearly all start upper-case
    (``text``: the span's text when the caller has it, a slice of ``doc_text``)."""
    text = (sent.text if text is None else text).strip()
    if not text or text[-1] in ".!?\"”’':;," or len(text.split()) > MAX_WORDS:
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) >= MIN_TITLE_SHARE * len(words)


def _lines(doc: Doc) -> list[Span]:
    """The document's sentences, those on one line joined: the first parse of a title-case
    headline often cuts it in two ("Lima Orders Chile | To Shut ...")."""
    out: list[Span] = []
    start = None
    text = doc_text(doc)
    for sent in doc.sents:
        if start is None:
            start = sent.start
        # A token's trailing whitespace is one space or none, so a line break in the
        # sentence's text is one in a token's (and no Token objects are made).
        if "\n" in text[sent.start_char : sent.end_char] or sent.end == len(doc):
            out.append(doc[start:sent.end])
            start = None
    return out


def recase_headlines(doc: Doc, nlp: Any, names: Callable[[Doc], Collection[int]]) -> int:
    """Re-parse the title-case lines of ``doc`` in sentence case, in place; ``names(doc)``:
    the indexes of tokens that are names (kept as written), asked only when a line is
    title-case. Returns how many lines changed."""
    text = doc_text(doc)
    lines = [s for s in _lines(doc) if is_title_case(s, text[s.start_char : s.end_char])]
    if not lines:
        return 0
    kept = set(names(doc))
    values = None
    changed = 0
    for sent in lines:
        words = [t.text.lower() if t.is_title and t.i not in kept and t.i != sent.start else t.text
                 for t in sent]
        again = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
        for _, component in nlp.pipeline:
            again = component(again)
        if len(list(again.sents)) != 1:
            continue  # the sentence-case parse splits the line: keep the first reading
        if values is None:
            values = doc.to_array(ATTRS)
        values[sent.start:sent.end] = again.to_array(ATTRS)
        changed += 1
    if values is not None:
        doc.from_array(ATTRS, values)
        forget(doc)  # a table read before is no longer the parse
    return changed
