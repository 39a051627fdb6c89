"""The reported clauses are read in arrays (offsets, quotation marks, the token table):
the same clauses and word counts as read with Token objects (sentences written for this
test: paragraph breaks, 'adding that', a partial quote closing the clause)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from detente.nlp import load_nlp
from detente.nlp.model import doc_text
from detente.signals._spans import trim_span, word_count
from detente.signals.config import SpeechConfig, load_speech_config
from detente.signals.quotes import (
    _complement_span,
    _governing_verb,
    _pair_marks,
    _quoted_tokens,
    _Words,
)
from detente.signals.speakers import is_speech_verb

TEXT = (
    "The minister said that the border would reopen soon, adding that trade could resume.\n"
    "Officials in Lima warned the talks were \"going nowhere fast.\" They said nothing else.\n"
    "A spokesman said the envoy had left\n"
    "before dawn, and the embassy confirmed it.\n"
    "\"We will not yield,\" the president told reporters, who said the mood was grim.\n"
    "Analysts argued relations \"cannot recover this year\" and the ministry denied it."
)


def _reference(doc: Doc, verb: Token, comp: Token, cfg: SpeechConfig) -> Span | None:
    """_complement_span as it read Token objects."""
    left, right = comp.left_edge.i, comp.right_edge.i + 1
    if left <= verb.i < right:
        return None
    marks = [c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that"]
    if marks and marks[0].i == left:
        left += 1
    para_start = doc_text(doc).rfind("\n", 0, verb.idx) + 1
    para_end = doc_text(doc).find("\n", verb.idx)
    para_end = len(doc_text(doc)) if para_end < 0 else para_end
    while left < right and doc[left].idx < para_start:
        left += 1
    while right > left and doc[right - 1].idx >= para_end:
        right -= 1
    for t in doc[left:right]:
        if t.i > left and t.dep_ == "advcl" and t.tag_ == "VBG" and is_speech_verb(t, cfg):
            right = min(right, t.left_edge.i)
    if sum(1 for t in doc[left:right] if t.is_quote) % 2 == 1:
        for t in doc[right : min(right + 2, len(doc))]:
            if t.is_quote and t.idx < para_end:
                right = t.i + 1
                break
    return trim_span(doc, left, right, keep_quotes=True)


def test_clauses_and_counts_are_those_read_with_tokens() -> None:
    doc = load_nlp()(TEXT)
    cfg = load_speech_config()
    words = _Words(doc)
    quoted = [i % 3 == 0 for i in range(len(doc))]  # any marks will do for the count
    assert _quoted_tokens(doc, []) == [False] * len(doc)
    compared = 0
    for verb in doc:
        for comp in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl")):
            got = _complement_span(doc, verb, comp, cfg, words)
            want = _reference(doc, verb, comp, cfg)
            assert (got.start, got.end) == (want.start, want.end) if want else got is None
            if got is not None:
                compared += 1
                assert words.count(range(got.start, got.end), quoted) == word_count(
                    t for t in got if not quoted[t.i]
                )
    assert compared >= 5


QUOTED = (
    "\"We shall never hand over the port,\" the president told reporters on Monday.\n"
    "The minister said the talks were \"going nowhere\" and left the room.\n"
    "The \"hawkish\" senator spoke to the committee on Tuesday.\n"
    "\"Trade can resume,\" said the envoy, \"once the border opens again.\""
)


def _reference_governing(content: Span, q, cfg: SpeechConfig) -> Token | None:  # type: ignore[no-untyped-def]
    """_governing_verb as it walked Token.ancestors."""
    for tok in content:
        child = tok
        for anc in tok.ancestors:
            if not (q.start <= anc.idx < q.end):
                if not (q.para_start <= anc.idx < q.para_end):
                    break
                if is_speech_verb(anc, cfg) and child.dep_ not in ("nsubj", "nsubjpass", "csubj"):
                    return anc
            child = anc
    return None


def test_governing_verbs_are_those_read_with_tokens() -> None:
    doc = load_nlp()(QUOTED)
    cfg = load_speech_config()
    words = _Words(doc)
    found = 0
    for q in _pair_marks(doc_text(doc), cfg):
        content = doc.char_span(q.start, q.end, alignment_mode="expand")
        if content is None:
            continue
        got = _governing_verb(content, q, cfg, words)
        want = _reference_governing(content, q, cfg)
        assert (got.i if got is not None else None) == (want.i if want is not None else None)
        found += got is not None
    assert found >= 2  # the told and said quotes; the scare quotes have none
