"""Direct and reported speech, each with its speaker.

Direct quotes are found from the quotation marks in the body (straight, curly
and ``TeX'' marks; see speech_verbs.yaml), paragraph by paragraph, so a quote
spanning several sentences, or left open at the end of a paragraph and resumed
in the next, stays one quote. Each is attributed, in order, to:

1. the subject of the speech verb that governs the quoted words in the parse
   ("…," Putin said. / Putin said: "…" / Putin said relations "cannot …");
2. an attribution right after the closing mark, with a verb ("…," he added) or
   without one ("…," Peskov.), or "according to X";
3. an attribution right before the opening mark ending in ":" or ",";
4. the speaker of the previous quote in the same paragraph ("…," he said. "…")
   or, for a paragraph that opens with a quote, in the paragraph before.

Reported speech is a speech verb with a clausal complement ("Huntsman said
(that) …", "…, adding that …", "X told reporters …") or a source phrase
("according to Peskov, …"). Speakers are the Mentions the actor resolver made;
an unresolved "he"/"she" falls back to the last named speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.attrs import IDX, IS_QUOTE
from spacy.tokens import Doc, Span, Token

from detente.nlp.tokens import TokenTable, table_of
from detente.records import ActorRef, Article, Mention, Quote, Sentence, content_id
from detente.signals._spans import (
    MentionIndex,
    SentenceIndex,
    doc_text,
    trim_span,
    word_count,
)
from detente.signals.config import SpeechConfig, load_speech_config
from detente.signals.speakers import (
    is_speech_verb,
    is_unresolved_pronoun,
    speaker_ref,
    speaker_token,
)

_SENTENCE_END = {".", "!", "?"}
_ATTRIBUTION_FOLLOWS = {",", "?", "!", "—", "–", "-"}
_BARE_NAME_POS = {"PROPN", "NOUN", "ADJ", "DET", "PART", "PUNCT"}


@dataclass
class _Marked:
    """One span between quotation marks in one paragraph."""

    open_start: int
    start: int  # content, excluding the marks
    end: int
    close_end: int
    para: int
    para_start: int
    para_end: int


@dataclass
class _Candidate:
    kind: str  # direct | indirect
    start: int
    end: int
    speaker_tok: Token | None
    via: str
    para: int = -1
    para_opener: bool = False
    speaker: ActorRef | None = None


# -- quotation marks ------------------------------------------------------------------


def _mark_regex(cfg: SpeechConfig) -> re.Pattern[str]:
    marks = cfg.quote_marks.open + cfg.quote_marks.close + cfg.quote_marks.either
    return re.compile("|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True)))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Line ranges: news bodies put one paragraph per line, and a quote never spans
    a line break except by the open-paragraph convention handled by the caller."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _pair_marks(text: str, cfg: SpeechConfig) -> list[_Marked]:
    rx = _mark_regex(cfg)
    opens, closes = set(cfg.quote_marks.open), set(cfg.quote_marks.close)
    out: list[_Marked] = []
    for p, (a, b) in enumerate(_paragraphs(text)):
        open_m: re.Match[str] | None = None
        for m in rx.finditer(text, a, b):
            mark = m.group()
            if mark in opens or (mark not in closes and open_m is None):
                if open_m is not None:  # a new opening mark: the previous quote was left open
                    out.append(_Marked(open_m.start(), open_m.end(), m.start(), m.start(), p, a, b))
                open_m = m
            elif open_m is not None:
                out.append(_Marked(open_m.start(), open_m.end(), m.start(), m.end(), p, a, b))
                open_m = None
            # a closing mark with nothing open is a stray; ignore it
        if open_m is not None:  # left open: the quote runs to the end of the paragraph
            out.append(_Marked(open_m.start(), open_m.end(), b, b, p, a, b))
    return out


# -- attribution of direct quotes ---------------------------------------------------------


def _inside(tok: Token, start: int, end: int) -> bool:
    return start <= tok.idx < end


def _governing_verb(content: Span, q: _Marked, cfg: SpeechConfig,
                    words: _Words | None = None) -> Token | None:
    """The nearest speech verb outside the quote that governs words inside it,
    through anything but its subject ("The 'hawkish' senator said" is no quote).
    The heads are walked in the token table, as Token.ancestors walks them (a Token is
    made only for a verb outside the quote)."""
    doc = content.doc
    words = words if words is not None else _Words(doc)
    table, idx = words.table, words.idx
    head, dep, pos = table.head, table.dep, table.pos
    for i in range(content.start, content.end):
        child = anc = i
        steps = 0
        while head[anc] != anc and steps < table.n:
            anc = head[anc]
            steps += 1
            if not (q.start <= idx[anc] < q.end):
                if not (q.para_start <= idx[anc] < q.para_end):
                    break
                if (pos[anc] == "VERB" and dep[child] not in ("nsubj", "nsubjpass", "csubj")
                        and is_speech_verb(doc[anc], cfg)):
                    return doc[anc]
            child = anc
    return None


def _source_phrase_speaker(tokens: list[Token], cfg: SpeechConfig) -> Token | None:
    """ "according to X" at the start of tokens -> X."""
    for sp in cfg.source_phrases:
        n = len(sp.words)
        if len(tokens) > n and [t.lower_ for t in tokens[:n]] == sp.words:
            last = tokens[n - 1]
            objs = [c for c in last.children if c.dep_ == "pobj"]
            return objs[0] if objs else tokens[n]
    return None


def _trailing(doc: Doc, q: _Marked, cfg: SpeechConfig) -> tuple[Token | None, str]:
    """An attribution right after the closing mark: '…," he said.' or '…," Peskov.'"""
    content_tail = doc_text(doc)[q.start : q.end].rstrip()
    span = doc.char_span(q.close_end, q.para_end, alignment_mode="expand")
    if span is None or not content_tail:
        return None, ""
    tokens: list[Token] = []
    for t in span:
        if t.is_quote or t.text in _SENTENCE_END:
            break
        tokens.append(t)
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words:
        return None, ""
    expects = content_tail[-1] in _ATTRIBUTION_FOLLOWS or (tokens and tokens[0].text == ",")
    if not expects:
        return None, ""
    src = _source_phrase_speaker(words, cfg)
    if src is not None:
        return src, "according_to"
    for t in words:
        if is_speech_verb(t, cfg):
            subj = speaker_token(t, cfg)
            if subj is None:  # inverted order the parser did not see: "…," said Peskov.
                after = [w for w in words if w.i > t.i and w.pos_ in ("PROPN", "NOUN", "PRON")]
                subj = after[-1] if after else None
            return subj, "trailing_verb"
    if len(words) <= 6 and all(t.pos_ in _BARE_NAME_POS for t in words):
        names = [t for t in words if t.pos_ in ("PROPN", "NOUN")]
        if names and any(t.pos_ == "PROPN" for t in names):
            return names[-1], "bare_name"
    return None, ""


def _leading(doc: Doc, q: _Marked, cfg: SpeechConfig) -> Token | None:
    """An attribution just before the opening mark: 'Peskov told reporters: "…"'."""
    before = doc_text(doc)[q.para_start : q.open_start].rstrip()
    if not before or before[-1] not in (":", ","):
        return None
    span = doc.char_span(q.para_start, q.open_start, alignment_mode="contract")
    if span is None:
        return None
    tokens = list(span)
    # back to the previous sentence end or quotation mark
    cut = 0
    for i, t in enumerate(tokens[:-1]):
        if t.is_quote or t.text in _SENTENCE_END:
            cut = i + 1
    for t in reversed(tokens[cut:]):
        if is_speech_verb(t, cfg):
            return speaker_token(t, cfg)
    return None


def _direct_candidates(doc: Doc, cfg: SpeechConfig,
                       words: _Words | None = None) -> list[_Candidate]:
    out = []
    words = words if words is not None else _Words(doc)
    for q in _pair_marks(doc_text(doc), cfg):
        text = doc_text(doc)[q.start : q.end]
        lead = len(text) - len(text.lstrip())
        start = q.start + lead
        end = q.start + len(text.rstrip().rstrip(","))
        if end <= start:
            continue
        content = doc.char_span(start, end, alignment_mode="expand")
        if content is None or words.count(range(content.start, content.end)) == 0:
            continue
        opener = not doc_text(doc)[q.para_start : q.open_start].strip()
        tok, via = _governing_verb(content, q, cfg, words), "verb"
        if tok is not None:
            tok = speaker_token(tok, cfg)
        if tok is None:
            tok, via = _trailing(doc, q, cfg)
        if tok is None:
            tok, via = _leading(doc, q, cfg), "leading_verb"
        if tok is None:
            via = "unattributed"
        out.append(_Candidate("direct", start, end, tok, via, q.para, opener))
    return out


# -- reported speech ------------------------------------------------------------------------


def _quoted_tokens(doc: Doc, directs: Sequence[_Candidate],
                   offsets: Sequence[int] | None = None) -> list[bool]:
    """Per token of ``doc``: does it start inside a direct quote? The offsets rise with
    the tokens, so a quote's tokens are one run, found by bisection (``offsets``: each
    token's character offset, when the caller has read them)."""
    idx = offsets if offsets is not None else doc.to_array(IDX).tolist()
    inside = [False] * len(doc)
    for c in directs:
        a, b = bisect_left(idx, c.start), bisect_left(idx, c.end)
        inside[a:b] = [True] * (b - a)
    return inside


def _indirect_candidates(
    doc: Doc, directs: Sequence[_Candidate], cfg: SpeechConfig, words: _Words | None = None
) -> list[_Candidate]:
    out = []
    words = words if words is not None else _Words(doc)
    table = words.table
    quoted = _quoted_tokens(doc, directs, words.idx)
    for i in _speech_verb_candidates(words.table, cfg):
        if quoted[i]:
            continue
        v = doc[i]
        if not is_speech_verb(v, cfg):
            continue
        comps = [c for c in table.children[i] if table.dep[c] == "ccomp"]
        if not comps:
            continue
        comp = doc[comps[0]]
        span = _complement_span(doc, v, comp, cfg, words)
        if span is None:
            continue
        outside = words.count(range(span.start, span.end), quoted)
        if outside < cfg.min_indirect_words_outside_direct:
            continue
        subj = speaker_token(v, cfg)
        if subj is None or not _attribution_adjacent(doc, v, comp, subj):
            continue
        out.append(_Candidate("indirect", span.start_char, span.end_char, subj, "verb"))
    out.extend(_according_to(doc, quoted, cfg))
    return out


def _speech_verb_candidates(table: TokenTable, cfg: SpeechConfig) -> list[int]:
    """The tokens that may be speech verbs, in order: a VERB whose lemma speech_verbs.yaml
    lists (is_speech_verb's first two tests, read in the table: no Token for the others)."""
    pos, lemma, verb_for = table.pos, table.lemma, cfg.verb_for
    return [i for i in range(table.n) if pos[i] == "VERB" and verb_for(lemma[i].lower())]


class _Words:
    """What the reported clauses read of every token, in lists read once per document (no
    Token object per word): the table's tags, offsets and quotation marks."""

    def __init__(self, doc: Doc):
        self.table: TokenTable = table_of(doc)
        self.idx: list[int] = doc.to_array(IDX).tolist() if len(doc) else []
        self.is_quote: list[int] = doc.to_array(IS_QUOTE).tolist() if len(doc) else []

    def count(self, tokens: range, skip: Sequence[bool] | None = None) -> int:
        """:func:`word_count` of the tokens (those not in ``skip``, if given)."""
        t, quote = self.table, self.is_quote
        if skip is None:
            return sum(1 for i in tokens if not (t.is_punct[i] or t.is_space[i] or quote[i]))
        return sum(1 for i in tokens
                   if not (skip[i] or t.is_punct[i] or t.is_space[i] or quote[i]))


def _complement_span(doc: Doc, verb: Token, comp: Token, cfg: SpeechConfig,
                     words: _Words | None = None) -> Span | None:
    """The reported clause: the complement's words within the verb's paragraph,
    without a leading "that"; None if the parse wraps the verb inside it."""
    words = words if words is not None else _Words(doc)
    offsets, quote, table = words.idx, words.is_quote, words.table
    left, right = comp.left_edge.i, comp.right_edge.i + 1
    if left <= verb.i < right:
        return None
    marks = [c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that"]
    if marks and marks[0].i == left:
        left += 1
    # a sentence split wrongly across a paragraph break must not join paragraphs
    para_start = doc_text(doc).rfind("\n", 0, verb.idx) + 1
    para_end = doc_text(doc).find("\n", verb.idx)
    para_end = len(doc_text(doc)) if para_end < 0 else para_end
    while left < right and offsets[left] < para_start:
        left += 1
    while right > left and offsets[right - 1] >= para_end:
        right -= 1
    # "X said that A, adding that B": B is its own quote, not part of A
    for i in range(left + 1, right):
        if table.dep[i] == "advcl" and table.tag[i] == "VBG" and is_speech_verb(doc[i], cfg):
            right = min(right, doc[i].left_edge.i)
    # a partial quote at the end keeps its closing mark ('relations "cannot satisfy us."')
    if sum(quote[left:right]) % 2 == 1:
        for i in range(right, min(right + 2, len(doc))):
            if quote[i] and offsets[i] < para_end:
                right = i + 1
                break
    return trim_span(doc, left, right, keep_quotes=True)


def _attribution_adjacent(doc: Doc, verb: Token, comp: Token, subj: Token) -> bool:
    """A clause before its speech verb ("CLAUSE, X said") must end right where the
    attribution starts; a parse that hangs an unrelated earlier clause on the
    verb ("... principle: In January, officials said ...") is not reported speech."""
    if comp.i > verb.i:
        return True
    first = min(verb.i, subj.left_edge.i) if subj.i < verb.i else verb.i
    gap = doc[comp.right_edge.i + 1 : first]
    return all(t.is_punct or t.is_space for t in gap)


def _positions(words: list[str], word: str) -> list[int]:
    """Where ``word`` stands in ``words``, in order (list.index scans in C)."""
    out: list[int] = []
    i = -1
    while True:
        try:
            i = words.index(word, i + 1)
        except ValueError:
            return out
        out.append(i)


def _according_to(doc: Doc, quoted: list[bool], cfg: SpeechConfig) -> list[_Candidate]:
    """ "according to X, ..." outside direct quotes (``quoted``: per token, inside one)."""
    out = []
    table = table_of(doc)
    lower, dep, is_punct = table.lower, table.dep, table.is_punct
    for sp in cfg.source_phrases:
        n = len(sp.words)
        # where the phrase's words stand, in order, read in the table (no Token per token)
        for i in _positions(lower, sp.words[0]):
            if i + n > len(doc) or quoted[i] or lower[i : i + n] != sp.words:
                continue
            objs = [c for c in table.children[i + n - 1] if dep[c] == "pobj"]
            head = table.head[i]
            if not objs or head == i:
                continue
            obj = doc[objs[0]]
            # the phrase up to the end of its object, however the parser attached it
            phrase = set(_subtree(table, i)) | set(range(i, obj.right_edge.i + 1))
            clause = [x for x in _subtree(table, head) if x not in phrase and not is_punct[x]]
            if not clause:
                continue
            # the clause on either side of the phrase (a phrase in mid-clause stays in the text)
            span = trim_span(doc, min(clause), max(clause) + 1, keep_quotes=True)
            if span is None or word_count(span) < cfg.min_indirect_words_outside_direct:
                continue
            out.append(_Candidate("indirect", span.start_char, span.end_char, obj, sp.id))
    return out


def _subtree(table: TokenTable, root: int) -> list[int]:
    """The indexes of ``Token.subtree`` of token ``root`` (itself and every token below it),
    in no set order, walked in the table's children: no Token per word of a clause."""
    out = [root]
    children = table.children
    for k in out:  # grows as it is read: each token's children once
        out.extend(children[k])
    return out


# -- speakers, in reading order -------------------------------------------------------------


def _author_ref(tok: Token, article: Article, mentions: MentionIndex) -> ActorRef | None:
    """ "I" in a single-author piece is the author, coded like the author's mention if any."""
    if len(article.authors) != 1:
        return None
    author = article.authors[0].strip()
    if not author:
        return None
    here = {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)}
    surname = author.split()[-1].lower()
    for m in mentions.mentions:
        # "William J. Burns" in the byline is "William Burns" in the dictionary
        if m.name and m.name.split()[-1].lower() == surname and m.kind != "place":
            return replace(ActorRef.from_mention(m), **here)
    return ActorRef(name=author, country=None, sector=None, code="", **here)


def _resolve_speakers(
    cands: list[_Candidate], article: Article, mentions: MentionIndex, cfg: SpeechConfig
) -> None:
    last_named: ActorRef | None = None
    prev_direct: _Candidate | None = None
    for c in cands:
        tok = c.speaker_tok
        if tok is not None:
            ref = speaker_ref(tok, mentions)
            if is_unresolved_pronoun(tok, ref, cfg) and last_named is not None:
                ref = last_named
                c.via += "+previous_speaker"
            elif ref.country is None and ref.name is None and tok.lower_ in cfg.author_pronouns:
                ref = _author_ref(tok, article, mentions) or ref
            c.speaker = ref
        elif c.kind == "direct" and prev_direct is not None and prev_direct.speaker is not None:
            if prev_direct.para == c.para:
                c.speaker, c.via = prev_direct.speaker, "same_paragraph"
            elif c.para_opener and prev_direct.para == c.para - 1:
                c.speaker, c.via = prev_direct.speaker, "continued_paragraph"
        if c.speaker is not None and (c.speaker.country or c.speaker.name):
            last_named = c.speaker
        if c.kind == "direct":
            prev_direct = c


@lru_cache(maxsize=1)
def _source_phrase_ids() -> frozenset[str]:
    return frozenset(sp.id for sp in load_speech_config().source_phrases)


def _not_an_actor(c: _Candidate, mentions: MentionIndex) -> bool:
    """Source phrases take any noun ("according to the plan"); keep only actors."""
    tok = c.speaker_tok
    if c.via not in _source_phrase_ids() or tok is None:
        return False
    return mentions.of(tok) is None and tok.pos_ not in ("PROPN", "PRON")


def extract_quotes(
    doc: Doc,
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    config: SpeechConfig | None = None,
) -> list[Quote]:
    """Direct and reported speech of one article, in reading order."""
    cfg = config or load_speech_config()
    sents = SentenceIndex(sentences)
    index = MentionIndex.build(doc, mentions)  # the event coder's
    words = _Words(doc)  # read once for both kinds of speech
    directs = _direct_candidates(doc, cfg, words)
    cands = sorted(directs + _indirect_candidates(doc, directs, cfg, words), key=lambda c: c.start)
    _resolve_speakers(cands, article, index, cfg)
    quotes = []
    seen: set[tuple[str, int, int]] = set()
    for c in cands:
        text = doc_text(doc)[c.start : c.end]
        if c.speaker is None and (
            c.kind == "indirect" or len(text.split()) < cfg.min_unattributed_words
        ):
            continue  # scare quotes, titles, and reported clauses without a speaker
        if _not_an_actor(c, index):
            continue  # "according to the plan": a document, not a speaker
        key = (c.kind, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        quotes.append(
            Quote(
                id=content_id(article.id, "quote", c.kind, str(c.start), str(c.end)),
                article_id=article.id,
                sentence_index=sents.index_at(c.start),
                start=c.start,
                end=c.end,
                text=text,
                kind=c.kind,
                speaker=c.speaker,
                sentence=sents.text_at(c.start),
            )
        )
    return quotes
