"""Relationship assessments: what a sentence says about the state of a relationship.

A relationship noun ("relations", "ties", "the relationship") is linked in the
dependency parse to judgement patterns from assessments.yaml ("strained",
"at their lowest", "have deteriorated", "edging away from the lowest point",
"cannot satisfy us"). Three links count:

- modifier:  the judgement hangs under the noun ("badly strained ties",
             "relations that began to worsen");
- governs:   the noun hangs under the judgement, as its subject or object or
             through a preposition ("relations have deteriorated", "decisions
             deteriorated the ties", "tension in bilateral ties", "the lowest
             point in their relations"); an adjective's noun counts for it
             ("an unsatisfactory state of relations");
- predicate: the noun is the subject of the clause whose predicate is the
             judgement ("ties are at their lowest", "relations remain frozen").

Judgements inside wishes and plans ("hopes ties will improve", "eager to
improve relations", "the importance of improving relations") are skipped, as
are positive adjectives on aims ("build close ties"). Negation flips or
softens a judgement; intensifiers ("badly", "severe") strengthen it.

The dyad comes from the actors named inside the relationship phrase
("U.S.-Russia relations", "relations between Moscow and Washington"), else
from one named partner plus the speaker ("relations with the US", said by
Russian officials), else from the article's main dyad ("our relationship",
"bilateral ties"). The speaker is that of the quote the sentence lies in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.nlp.tokens import table_of
from detente.records import ActorRef, Assessment, Mention, Quote, Sentence, content_id
from detente.signals._spans import MentionIndex, SentenceIndex, Tokenizer, pattern_tokenizer
from detente.signals.config import AssessmentConfig, Judgement, load_assessment_config

_MAX_ARCS = 4
# Arcs a relationship noun may climb to reach the judgement that governs it.
_GOVERNED_DEPS = {
    "pobj",
    "prep",
    "nsubj",
    "nsubjpass",
    "dobj",
    "poss",
    "compound",
    "pcomp",
    "attr",
    "conj",
    "appos",
    "npadvmod",
    "advmod",
    "agent",
    "cc",
}
# Arcs from a judgement up to the verb of its clause (copular predicates).
_PREDICATE_DEPS = {"acomp", "attr", "prep", "pobj", "advmod", "oprd", "npadvmod", "amod"}
# Arcs that leave the clause: a judgement beyond them is about something else.
_CLAUSE_BREAKS = {"ccomp", "advcl", "parataxis", "csubj"}
_PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}
_PARTNER_PREPS = {"with", "between", "among", "of"}


@dataclass
class _Hit:
    judgement: Judgement
    span: Span
    arcs: int
    negated: bool
    intensified: bool


@dataclass
class _Matchers:
    vocab: object
    config: AssessmentConfig
    terms: Matcher
    judgements: Matcher
    # The terms' lower-case forms when every term is one word, each its own
    # (assessments.yaml): then a term is found in the Doc's token table, which the other
    # stages have read already, where the Matcher makes two Token objects per token.
    term_words: frozenset[str] | None = None
    # Words one of which every judgement pattern needs (lower-case forms, lemmas), when
    # each pattern has a token fixed to such words (_required_words): a sentence with
    # none of them is not given to the Matcher, which would find nothing there.
    judgement_words: tuple[frozenset[str], frozenset[str]] | None = None


_CACHE: dict[int, _Matchers] = {}


def _matchers(doc: Doc, cfg: AssessmentConfig, tokenizer: Tokenizer | None) -> _Matchers:
    hit = _CACHE.get(id(cfg))
    if hit is not None and hit.config is cfg and hit.vocab is doc.vocab:
        return hit
    tokenizer = pattern_tokenizer(tokenizer)
    terms = Matcher(doc.vocab)
    words: list[str] = []  # the lower-case form of each one-word term
    for t in cfg.relationship_terms:
        toks = tokenizer(t.words)
        terms.add(t.id, [[{"LOWER": tok.lower_} for tok in toks]])
        if len(toks) == 1:
            words.append(toks[0].lower_)
    judgements = Matcher(doc.vocab)
    patterns: list[list[dict[str, Any]]] = []
    for j in cfg.judgements:
        if j.tokens is not None:
            pattern = j.tokens
        else:
            attr = "LEMMA" if j.match == "lemma" else "LOWER"
            pattern = [{attr: tok.lower_} for tok in tokenizer(j.words or "")]
        judgements.add(j.id, [pattern])
        patterns.append(pattern)
    single = len(set(words)) == len(words) == len(cfg.relationship_terms)
    m = _Matchers(doc.vocab, cfg, terms, judgements, frozenset(words) if single else None,
                  _required_words(patterns))
    _CACHE[id(cfg)] = m
    return m


# -- finding the relationship nouns and the judgements ------------------------------------


def _term_tokens(doc: Doc, m: _Matchers) -> list[Token]:
    """The tokens that are relationship terms, in order (a term's root for a multi-word one)."""
    if m.term_words is None:
        return [span.root for span in m.terms(doc, as_spans=True)]
    words = m.term_words
    return [doc[i] for i, low in enumerate(table_of(doc).lower) if low in words]


def _relationship_nouns(doc: Doc, m: _Matchers, cfg: AssessmentConfig) -> list[Token]:
    out = []
    for tok in _term_tokens(doc, m):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
        if tok.i > 0:
            mods.append(doc[tok.i - 1])
        if any(c.lower_ in cfg.non_dyadic_modifiers for c in mods):
            continue
        out.append(tok)
    return out


def _required_words(patterns: list[list[dict[str, Any]]]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The lower-case forms and the lemmas one of which each Matcher pattern needs: from
    each pattern, the last token that must be there (no OP) and is fixed by LOWER or LEMMA
    alone (a word or an IN list: "satisfy" of "can not satisfy", rarer than "can"); None
    when some pattern has no such token."""
    lowers: set[str] = set()
    lemmas: set[str] = set()
    for pattern in patterns:
        for spec in reversed(pattern):
            if "OP" in spec or len(spec) != 1:
                continue
            (attr, value), = spec.items()
            if isinstance(value, dict) and set(value) == {"IN"}:
                value = value["IN"]
            values = [value] if isinstance(value, str) else value
            if attr not in ("LOWER", "LEMMA") or not isinstance(values, list) or not all(
                    isinstance(v, str) for v in values):
                continue
            (lowers if attr == "LOWER" else lemmas).update(values)
            break
        else:
            return None
    return frozenset(lowers), frozenset(lemmas)


def _may_judge(sent: Span, m: _Matchers) -> bool:
    """Whether the sentence has a word some judgement pattern needs (always, without the
    words): the Doc's token table is read, not the sentence's Token objects."""
    if m.judgement_words is None:
        return True
    lowers, lemmas = m.judgement_words
    table = table_of(sent.doc)
    a, b = sent.start, sent.end
    return not lowers.isdisjoint(table.lower[a:b]) or not lemmas.isdisjoint(table.lemma[a:b])


def _judgement_spans(nouns: list[Token], m: _Matchers) -> list[Span]:
    """Judgements in the sentences that name a relationship (only there can they link)."""
    sentences = {r.sent.start: r.sent for r in nouns}
    found = [span for sent in sentences.values() if _may_judge(sent, m)
             for span in m.judgements(sent, as_spans=True)]
    # overlapping patterns: the longest wins ("away from the lowest" over "lowest")
    return filter_spans(found)


# -- linking a judgement to a relationship noun -------------------------------------------


def _path_up(low: Token, high: Token) -> list[str] | None:
    """Dependency labels from low up to high, or None if high is not an ancestor."""
    deps = []
    tok = low
    while tok.i != high.i:
        if tok.head.i == tok.i or len(deps) > _MAX_ARCS:
            return None
        deps.append(tok.dep_)
        tok = tok.head
    return deps


def _clause_verb(tok: Token) -> tuple[Token, int] | None:
    """The verb or copula whose predicate tok belongs to, and the arcs to it."""
    arcs = 0
    cur = tok
    while cur.pos_ not in ("VERB", "AUX"):
        if cur.dep_ not in _PREDICATE_DEPS or cur.head.i == cur.i or arcs >= 3:
            return None
        cur = cur.head
        arcs += 1
    return cur, arcs


def _link(p: Token, r: Token) -> tuple[str, int, Token | None] | None:
    """How judgement root p is linked to relationship noun r: (mode, arcs, clause verb)."""
    deps = _path_up(p, r)
    if deps is not None and not (set(deps) & _CLAUSE_BREAKS):
        return "modifier", len(deps), None
    heads = [p]
    if p.dep_ in ("amod", "compound", "advmod") and p.head.pos_ in ("NOUN", "PROPN"):
        heads.append(p.head)  # "unsatisfactory state of relations": state stands for p
    if p.dep_ == "xcomp":
        heads.append(p.head)  # "relations continue to deteriorate": the subject is continue's
    for h in heads:
        deps = _path_up(r, h)
        if deps is not None and set(deps) <= _GOVERNED_DEPS:
            return "governs", len(deps), h if h.pos_ in ("VERB", "AUX") else None
    cv = _clause_verb(p)
    if cv is not None and cv[0].i != p.i:
        verb, up = cv
        deps = _path_up(r, verb)
        if deps is not None and deps[-1] in ("nsubj", "nsubjpass") and set(deps) <= _GOVERNED_DEPS:
            return "predicate", up + len(deps), verb
    return None


# -- wishes, plans, negation, intensity ---------------------------------------------------


def _outside(tok: Token, span: Span) -> bool:
    return not (span.start <= tok.i < span.end)


def _is_intent(verb: Token, span: Span, cfg: AssessmentConfig) -> bool:
    """A predicate that states a wish, plan or possibility, not the present state."""
    for c in verb.children:
        if not _outside(c, span):
            continue
        if c.dep_ == "aux" and c.lower_ in cfg.modals:
            return True
        if (
            c.dep_ == "aux"
            and c.lower_ == "to"
            and not (
                verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cfg.factual_infinitive_heads
            )
        ):
            return True  # "to improve relations" is a purpose; "continue to deteriorate" is not
        if c.dep_ == "mark" and c.lower_ in cfg.intent_heads:
            return True
    if (
        verb.tag_ == "VBG"
        and verb.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)
    ):
        return True  # a bare gerund headline: "Rebuilding U.S.-Russia Relations"
    cur = verb
    for _ in range(3):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in cfg.intent_heads:
            return True
        if cur.dep_ in _CLAUSE_BREAKS and cur.pos_ in ("VERB", "AUX"):
            break
    return False


def _noun_intent(p: Token, cfg: AssessmentConfig) -> bool:
    """A judgement noun that is the object of a wish: "demand an improvement in ties"."""
    return (
        p.pos_ == "NOUN"
        and p.dep_ in ("dobj", "pobj")
        and (
            p.head.lemma_.lower() in cfg.intent_heads
            or (p.head.dep_ == "prep" and p.head.head.lemma_.lower() in cfg.intent_heads)
        )
    )


def _aspiration(r: Token, cfg: AssessmentConfig) -> bool:
    """The relationship is the object of an aim: "build close ties", "seek good relations"."""
    head = r.head
    if r.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return r.dep_ in ("dobj", "pobj") and head.lemma_.lower() in cfg.aspiration_verbs


def _negated(tokens: Sequence[Token], span: Span, cfg: AssessmentConfig) -> bool:
    for t in tokens:
        for c in t.children:
            if (
                _outside(c, span)
                and c.dep_ in ("neg", "det", "advmod", "preconj")
                and (c.lower_ in cfg.negation_words)
            ):
                return True
    return False


def _intensified(tokens: Sequence[Token], span: Span, cfg: AssessmentConfig) -> bool:
    return any(
        _outside(c, span)
        and c.dep_ in ("advmod", "amod", "npadvmod")
        and c.lower_ in cfg.intensifiers
        for t in tokens
        for c in t.children
    )


def _effect(h: _Hit, cfg: AssessmentConfig) -> tuple[str | None, str | None, float]:
    j = h.judgement
    level, trend, pol = j.level, j.trend, j.polarity
    if h.intensified:
        level = cfg.intensify.level.get(level, level) if level else None
        pol *= cfg.intensify.polarity_factor
    if h.negated:
        if j.negated is not None:
            level, trend, pol = j.negated.level, j.negated.trend, j.negated.polarity
        else:
            mode = cfg.negation_modes[j.negation]
            level = mode.level[level] if level else None
            trend = mode.trend[trend] if trend else None
            pol *= mode.polarity_factor
    return level, trend, max(-1.0, min(1.0, pol))


# -- dyad and speaker ---------------------------------------------------------------------------


def _phrase_tokens(r: Token) -> list[Token]:
    """The relationship phrase: its modifiers, partners and the words glued before it."""
    doc = r.doc
    toks = [r]
    for c in r.children:
        if c.dep_ in _PHRASE_DEPS or (c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS):
            toks.extend(c.subtree)
    i = r.i - 1
    while i >= 0 and r.i - i <= 4:
        t = doc[i]
        if t.pos_ in ("PROPN", "ADJ", "NOUN") or t.tag_ == "HYPH":
            toks.append(t)
            i -= 1
        else:
            break
    return toks


def _dyad(
    r: Token,
    mentions: MentionIndex,
    speaker: ActorRef | None,
    main: tuple[str, str] | None,
    cfg: AssessmentConfig,
) -> tuple[str, str] | None:
    countries: list[str] = []
    for m in mentions.starting_in(_phrase_tokens(r)):
        if m.country and m.country not in countries:
            countries.append(m.country)
    if len(countries) >= 2:
        a, b = sorted(countries[:2])
        return (a, b)
    if len(countries) == 1:
        c = countries[0]
        if speaker is not None and speaker.country and speaker.country != c:
            a, b = sorted((c, speaker.country))
            return (a, b)
        if main is not None and c in main:
            return main
        return None
    return main


def _speaker(char: int, quotes: Sequence[Quote]) -> ActorRef | None:
    covering = [q for q in quotes if q.start <= char < q.end and q.speaker is not None]
    if not covering:
        return None
    return min(covering, key=lambda q: q.end - q.start).speaker


# -- the stage -------------------------------------------------------------------------------------


def find_assessments(
    doc: Doc,
    article_id: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote] = (),
    main_dyad: tuple[str, str] | None = None,
    *,
    config: AssessmentConfig | None = None,
    tokenizer: Tokenizer | None = None,
) -> list[Assessment]:
    """Relationship assessments of one article, one per relationship noun judged
    (``tokenizer``: that of the pipeline that parsed ``doc``, for the YAML's words;
    default: :func:`detente.nlp.load_nlp`'s)."""
    cfg = config or load_assessment_config()
    m = _matchers(doc, cfg, tokenizer)
    nouns = _relationship_nouns(doc, m, cfg)
    if not nouns:
        return []
    hits: dict[int, list[_Hit]] = {}
    for span in _judgement_spans(nouns, m):
        j = cfg.judgement(span.label_)
        p = span.root
        best: tuple[int, Token, str, Token | None] | None = None
        for r in nouns:
            if r.sent.start != p.sent.start or not _outside(r, span):
                continue
            link = _link(p, r)
            if link is None:
                continue
            mode, arcs, verb = link
            if best is None or arcs < best[0]:
                best = (arcs, r, mode, verb)
        if best is None:
            continue
        arcs, r, mode, verb = best
        if mode == "modifier":
            if j.polarity > 0 and _aspiration(r, cfg):
                continue
        else:
            checks = [t for t in (p, verb) if t is not None and t.pos_ in ("VERB", "AUX")]
            if any(_is_intent(t, span, cfg) for t in checks):
                continue
            if _noun_intent(p, cfg):
                continue
        scope = [p] + ([verb] if verb is not None and verb.i != p.i else [])
        hits.setdefault(r.i, []).append(
            _Hit(j, span, arcs, _negated(scope, span, cfg), _intensified(scope, span, cfg))
        )
    sents = SentenceIndex(sentences)
    index = MentionIndex.build(doc, mentions)  # the event coder's
    out = []
    for ri, hs in sorted(hits.items()):
        r = doc[ri]
        speaker = _speaker(r.idx, quotes)
        dyad = _dyad(r, index, speaker, main_dyad, cfg)
        if dyad is None:
            continue
        effects = [_effect(h, cfg) for h in hs]
        with_level = [(abs(e[2]), e[0]) for e in effects if e[0] is not None]
        with_trend = [(abs(e[2]), e[1]) for e in effects if e[1] is not None]
        level = max(with_level)[1] if with_level else None
        trend = max(with_trend)[1] if with_trend else None
        polarity = round(sum(e[2] for e in effects) / len(effects), 3)
        start = min([r.idx] + [h.span.start_char for h in hs])
        end = max([r.idx + len(r.text)] + [h.span.end_char for h in hs])
        rule = "+".join(("not:" if h.negated else "") + h.judgement.id for h in hs)
        out.append(
            Assessment(
                id=content_id(article_id, "assessment", str(start), str(end)),
                article_id=article_id,
                sentence_index=sents.index_at(r.idx),
                start=start,
                end=end,
                dyad=dyad,
                level=level,
                trend=trend,
                polarity=polarity,
                speaker=speaker,
                sentence=sents.text_at(r.idx),
                rule=rule,
            )
        )
    return out
