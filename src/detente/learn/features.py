"""What the trained decision sees: one row per sentence (which PLOVER types it reports)
and one row per (sentence, type, candidate country) (which country is source, which target).

Everything comes from work the pipeline has already done: spaCy's parse and the
contextual token vectors of en_core_web_sm (``doc.tensor``, no second model), the
resolved actor mentions, and the rule coder's candidate events (their pattern ids,
types and arguments are features, not the answer). String features are hashed, so a
model file holds only numbers (see detente.learn.model).
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.events.evaluations import QUOTE_MARKS
from detente.records import Event, Mention

# Dependency labels that make a token part of a clause "about" something, not a deed.
_EMBED = {"ccomp", "xcomp", "advcl", "csubj", "acl", "relcl"}
_MODALS = {"would", "could", "may", "might", "should", "must", "will", "can", "shall"}


@dataclass
class SentenceView:
    """One sentence with everything the decision needs about it."""

    index: int
    text: str
    start: int
    end: int
    strings: list[str]  # hashed string features of the sentence
    vector: np.ndarray  # dense features (contextual vectors)
    mentions: list[Mention]
    rule_events: list[Event]
    countries: list[str]  # countries named in the sentence, first appearance order
    candidates: list[str] = field(default_factory=list)  # countries that may be source/target
    previous: set[str] = field(default_factory=set)  # countries named in the sentence before
    # the doc's tokens read once (see _Tokens), shared by the views of one doc
    tokens: _Tokens | None = field(default=None, repr=False, compare=False)


def pattern_lexicon(book: Any) -> dict[str, set[str]]:
    """Trigger lemma -> the PLOVER types and CAMEO roots of the patterns it triggers,
    whether or not a pattern's frame matches: the model weighs what the rules only test."""
    from detente.ontology import lookup

    out: dict[str, set[str]] = {}
    for table in (book.verbs_by_lemma, book.nouns_by_key):
        for key, patterns in table.items():
            for p in patterns:
                try:
                    info = lookup(p.cameo)
                except Exception:
                    continue
                labels = out.setdefault(key.lower(), set())
                labels.add(f"root{info.root}")
                if p.plover or info.plover:
                    labels.add(str(p.plover or info.plover))
    return out


class _Tokens:
    """The attributes the features read, for every token of a doc: spaCy builds a Token
    object per attribute access (``tok.head``, ``tok.children``, iterating a span), which
    cost more than the rest of the features together. Plain lists indexed by token, taken
    from the doc's TokenTable, which the coding stages have built already (only the
    lowered lemmas and the flags combined are made here), and the root of
    each mention's span, found once per doc."""

    __slots__ = ("doc", "lemma", "lower", "pos", "dep", "head", "kids", "skip", "word",
                 "sent_root", "text", "_spans")

    def __init__(self, doc: Any) -> None:
        from detente.nlp.model import doc_text
        from detente.nlp.tokens import table_of

        table = table_of(doc)  # shared: read, never changed here
        self.doc = doc
        n = len(table)
        if len(_LOWERED) > _LOWERED_MAX:
            _LOWERED.clear()
        self.lemma: list[str] = list(map(_LOWERED.__getitem__, table.lemma))  # lemma_.lower()
        self.lower: list[str] = table.lower
        self.pos: list[str] = table.pos
        self.dep: list[str] = table.dep
        self.head: list[int] = table.head
        # punctuation or space: no feature of its own
        self.skip: list[bool] = list(map(operator.or_, table.is_punct, table.is_space))
        # an alphabetic word that is not a stop word (True > False): a lemma and bigram feature
        self.word: list[bool] = list(map(operator.gt, table.is_alpha, table.is_stop))
        self.kids: list[list[int]] = table.children  # children, in order (tok.children)
        self.text: str = doc_text(doc)  # doc.text, which spaCy joins from a Token per token
        self.sent_root: list[int] = [0] * n  # root of each token's sentence (tok.sent.root)
        self._spans: dict[tuple[int, int], int | None] = {}

    def span_root(self, start: int, end: int) -> int | None:
        """``doc.char_span(start, end, alignment_mode="expand").root.i``, once per span."""
        key = (start, end)
        if key not in self._spans:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            self._spans[key] = None if span is None else span.root.i
        return self._spans[key]


class _Lowered(dict):  # type: ignore[type-arg]
    """Lemma -> its lower case, filled as lemmas are met (a str.lower per distinct lemma)."""

    def __missing__(self, key: str) -> str:
        value = self[key] = key.lower()
        return value


# Across docs; bounded like the string cache of TokenTable: emptied when full.
_LOWERED = _Lowered()
_LOWERED_MAX = 2**16


def _tokens_of(doc: Any, view: SentenceView) -> _Tokens:
    if view.tokens is not None and view.tokens.doc is doc:
        return view.tokens
    toks = _Tokens(doc)
    for sent in doc.sents:
        root = sent.root.i
        for i in range(sent.start, sent.end):
            toks.sent_root[i] = root
    view.tokens = toks
    return toks


def _dep_features(t: _Tokens, i: int) -> list[str]:
    dep = t.dep[i]
    gov = t.head[i]
    out = [f"dep={dep}", f"hd={t.lemma[gov]}"]
    if dep == "pobj":
        out.append(f"prep={t.lower[gov]}|{t.lemma[t.head[gov]]}")
        out.append(f"prep={t.lower[gov]}")
    if dep in ("poss",):
        out.append(f"poss_of={t.lemma[gov]}")
    out.append(f"dep_hd={dep}|{t.lemma[gov]}")
    return out


# A country named inside a noun phrase ("two Peruvian frigates", "Chile's navy",
# "the government of Peru") acts in the role of the whole phrase.
_INSIDE = {"amod", "compound", "poss", "nmod", "nummod", "det"}


def _phrase_features(t: _Tokens, i: int) -> list[str]:
    """The role of the noun phrase a mention sits in: its dependency and governor, and
    whether it is the main verb's subject."""
    j = _phrase_head(t, i)
    dep, gov = t.dep[j], t.head[j]
    out = [f"np={dep}", f"np_hd={dep}|{t.lemma[gov]}"]
    if dep == "pobj":
        out.append(f"np_prep={t.lower[gov]}")
    if dep in ("nsubj", "nsubjpass") and gov == t.sent_root[j]:
        out.append(f"np_main={dep}")
    return out


def _phrase_head(t: _Tokens, i: int) -> int:
    j = i
    for _ in range(4):
        g = t.head[j]
        if g == j:
            break
        if t.dep[j] in _INSIDE:
            j = g
        elif t.dep[j] == "pobj" and t.lower[g] == "of" and t.head[g] != g and t.pos[t.head[g]] in ("NOUN", "PROPN"):
            j = t.head[g]
        else:
            break
    return j


_OBJ_DEPS = ("dobj", "attr", "oprd")
_NOUN_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj")


def _sentence_strings(t: _Tokens, start: int, end: int, root: int, text: str, index: int,
                      rule_events: list[Event], mentions: list[Mention],
                      speech: set[str], lexicon: dict[str, set[str]]) -> list[str]:
    """The sentence's own features: tokens ``start``..``end`` of the doc, ``root`` its root."""
    feats: list[str] = []
    append = feats.append
    lemma, lower, pos_, dep_, head, kids = t.lemma, t.lower, t.pos, t.dep, t.head, t.kids
    append(f"R={lemma[root]}")
    prev = None
    for i in range(start, end):
        if t.skip[i]:
            continue
        lem = lemma[i]
        pos = pos_[i]
        dep = dep_[i]
        if t.word[i]:
            append(f"L={lem}")
            if prev:
                append(f"B={prev}_{lem}")
            prev = lem
        if pos == "VERB":
            append(f"V={lem}")
            if dep in _EMBED:
                append(f"VE={lem}|{dep}|{lemma[head[i]]}")
            children = kids[i]
            if any(dep_[c] == "neg" for c in children):
                append(f"VNEG={lem}")
            if any(lower[c] in _MODALS for c in children if dep_[c] == "aux"):
                append(f"VMOD={lem}")
            for c in children:
                if dep_[c] in _OBJ_DEPS:
                    append(f"VO={lem}_{lemma[c]}")
            for c in children:
                if dep_[c] == "prep":
                    append(f"VP={lem}_{lower[c]}")
        if pos == "NOUN" and dep in _NOUN_DEPS:
            append(f"N={lem}|{dep}")
        if dep == "neg":
            append("NEG")
        if dep == "aux" and lower[i] in _MODALS:
            append(f"MODAL={lower[i]}")
        if lem in speech:
            append("SAY")
        labels = lexicon.get(lem)
        if labels:
            where = "emb" if dep in _EMBED else "main"
            for label in sorted(labels):
                append(f"PAT={label}")
                append(f"PAT={label}|{pos}|{where}")
    if not QUOTE_MARKS.isdisjoint(text):
        append("QUOTE")
    text = text.strip()
    if text and text[-1] not in ".!?\"”'’":
        append("HEADLINE_LIKE")
    append(f"POS={min(index, 5)}")
    countries = {m.country for m in mentions if m.country}
    append(f"NC={min(len(countries), 3)}")
    for m in mentions:
        if m.sector:
            append(f"SEC={m.sector}")
        append(f"RES={m.resolved_by}")
        h = t.span_root(m.start, m.end)
        if h is None:
            continue
        gov = head[h]
        dep = dep_[h]
        if dep in ("nsubj", "nsubjpass"):
            append(f"AV={lemma[gov]}|{dep}")  # an actor does this
        elif dep in ("dobj", "dative"):
            append(f"VA={lemma[gov]}")  # this is done to an actor
        elif dep == "pobj":
            append(f"VPA={lemma[head[gov]]}|{lower[gov]}")
        elif dep == "poss":
            append(f"PA={lemma[gov]}")  # an actor's decision, embassy, ...
    for e in rule_events:
        append(f"RULE={e.plover}")
        append(f"RULEC={e.cameo_root}")
        append(f"RULEID={e.rule}")
        append(f"RULEMOD={e.plover}|{e.modality}")
        if e.negated:
            append(f"RULENEG={e.plover}")
        if e.target:
            append(f"RULETGT={e.plover}")
    return feats


def _tone_bucket(t: float) -> str:
    if t <= -0.5:
        return "--"
    if t <= -0.05:
        return "-"
    return "++" if t >= 0.5 else "+" if t >= 0.05 else "0"


def _context_strings(i: int, ev_by_sent: dict[int, list[Event]], doc_types: list[str],
                     said: bool, tone: str) -> list[str]:
    """What the article around the sentence reports: a list item of an agreement, a
    reaction to an expulsion, a critical quote. ``doc_types``: the article's rule types."""
    feats = [f"TONE={tone}"]
    if said:
        feats.append(f"SAY|TONE={tone}")
    for e in ev_by_sent.get(i - 1, []):
        feats.append(f"PREV={e.plover}")
    for e in ev_by_sent.get(0, []) if i else []:
        feats.append(f"HEADDOC={e.plover}")
    feats.extend(f"DOC={plover}" for plover in doc_types)
    return feats


_NO_VECTOR = np.zeros(0, dtype=np.float32)


def _vector(doc: Any, start: int, end: int, root: int) -> np.ndarray:
    """Mean contextual vector of tokens ``start``..``end`` and the vector of their root."""
    tensor = getattr(doc, "tensor", None)
    if tensor is None or not len(tensor) or tensor.shape[0] != len(doc):
        return np.zeros(0, dtype=np.float32)
    rows = tensor[start:end]
    return np.concatenate([rows.mean(axis=0), tensor[root]]).astype(np.float32)


def sentence_views(doc: Any, mentions: list[Mention], rule_events: list[Event],
                   speech: set[str], lexicon: dict[str, set[str]],
                   tones: Mapping[int, float] | None = None, vectors: bool = True,
                   beside_rules: bool = False) -> list[SentenceView]:
    """One view per sentence of ``doc``, with candidate countries from the whole article.

    ``tones``: the sentences' tone as the signals stage computes it (computed here when
    not given), so one VADER pass serves both. ``vectors`` False: no contextual vectors
    (empty), for views whose type probabilities will not be computed. ``beside_rules``:
    the views are for a decision that judges the rules' events and adds its own only
    where they coded nothing (``choose`` with a rule threshold): the features a sentence
    cannot use there are left empty (see :func:`needs`)."""
    if tones is None:
        from detente.nlp import sentences_of
        from detente.signals.tone import sentence_tones

        tones = sentence_tones(doc, sentences_of(doc, ""))
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence_index, []).append(m)
    ev_by_sent: dict[int, list[Event]] = {}
    for e in rule_events:
        ev_by_sent.setdefault(e.sentence_index, []).append(e)
    top = list(salience_ranks(mentions))[:3]
    doc_types = sorted({e.plover for e in rule_events if e.plover})
    toks = _Tokens(doc)
    doc_text = toks.text
    views = []
    for i, sent in enumerate(doc.sents):
        start, end, root = sent.start, sent.end, sent.root.i
        toks.sent_root[start:end] = [root] * (end - start)
        text = doc_text[sent.start_char:sent.end_char]  # sent.text, without a Token per token
        ms = sorted(by_sent.get(i, []), key=lambda m: m.start)
        countries = list(dict.fromkeys(m.country for m in ms if m.country))
        prev = [m.country for m in by_sent.get(i - 1, []) if m.country]
        cands = list(dict.fromkeys([*countries, *top, *prev]))
        sent_events = ev_by_sent.get(i, [])
        wants_strings, wants_vector = needs(sent_events, countries) if beside_rules else (True, True)
        strings: list[str] = []
        if wants_strings:
            strings = _sentence_strings(toks, start, end, root, text, i, sent_events, ms,
                                        speech, lexicon)
            strings += _context_strings(i, ev_by_sent, doc_types, "SAY" in strings,
                                        _tone_bucket(tones.get(i, 0.0)))
        vector = _vector(doc, start, end, root) if vectors and wants_vector else _NO_VECTOR
        views.append(SentenceView(
            index=i, text=text, start=sent.start_char, end=sent.end_char,
            strings=strings, vector=vector, mentions=ms, rule_events=sent_events,
            countries=countries, candidates=cands, previous=set(prev), tokens=toks,
        ))
    return views


def needs(rule_events: list[Event], countries: list[str]) -> tuple[bool, bool]:
    """What a sentence's features serve beside the rules: (strings, vector). With rule
    events, only their keep scores (which read the sentence's strings); without, the
    type scores (strings and vector), and only when a country is named in the sentence,
    as a model's own event needs its source there. A sentence with neither needs none."""
    if rule_events:
        return True, False
    return bool(countries), bool(countries)


def partner_ranks(mentions: list[Mention]) -> dict[str, dict[str, int]]:
    """For each country, the others ranked by how many sentences name both (ties by
    code): the other party of a story is the country its actors are named with most."""
    from detente.events.context import partners

    return {a: {b: i for i, (b, _n) in enumerate(sorted(together.items(), key=lambda kv: (-kv[1], kv[0])))}
            for a, together in partners(mentions).items()}


def salience_ranks(mentions: list[Mention]) -> dict[str, int]:
    """Countries of the article's actors (places aside) by how often they are named;
    ties keep the order of first mention."""
    counts = Counter(m.country for m in mentions if m.country and m.kind != "place")
    return {c: i for i, (c, _) in enumerate(counts.most_common())}


def actor_strings(doc: Any, view: SentenceView, plover: str, country: str,
                  salience_rank: dict[str, int], previous: set[str],
                  partner_rank: int | None = None) -> list[str]:
    """Why ``country`` could be the source or target of a ``plover`` event in this sentence;
    ``partner_rank``: for a target, its rank among the chosen source's partners (-1: none)."""
    feats: list[str] = []
    ms = [m for m in view.mentions if m.country == country]
    rank = view.countries.index(country) if country in view.countries else -1
    base = [f"first={min(rank, 3)}" if rank >= 0 else "absent"]
    base.append(f"n={min(len(ms), 3)}")
    base.append(f"sal={min(salience_rank.get(country, 9), 4)}")
    base.append(f"nc={min(len(view.countries), 3)}")
    if country in previous:
        base.append("prev")
    if ms and all(m.kind == "place" for m in ms):
        base.append("place_only")
    if partner_rank is not None:
        base.append(f"partner={min(partner_rank, 3)}" if partner_rank >= 0 else "partner=none")
    t = _tokens_of(doc, view)
    for m in ms[:3]:
        head = t.span_root(m.start, m.end)
        if head is None:
            continue
        base.extend(_dep_features(t, head))
        base.extend(_phrase_features(t, head))
        base.append("before_root" if head < t.sent_root[head] else "after_root")
        base.append(f"res={m.resolved_by}")
        if m.sector:
            base.append(f"sec={m.sector}")
        if m.kind:
            base.append(f"kind={m.kind}")
    for e in view.rule_events:
        same = e.plover == plover
        if country in {a.country for a in e.source}:
            base.append("rule_src" + ("_same" if same else ""))
        if country in {a.country for a in e.target}:
            base.append("rule_tgt" + ("_same" if same else ""))
    feats.extend(base)
    feats.extend(f"{plover}|{f}" for f in base)
    return feats


_ENDS = ".!?\"”'’"


def _bucket(x: float, cuts: tuple[float, ...]) -> int:
    """The index of the first cut above ``x`` (len(cuts) when none is: NaN too)."""
    return bisect_right(cuts, x)


def rule_event_strings(view: SentenceView, e: Event, salience: Mapping[str, int] | None = None,
                       partners: Mapping[str, Mapping[str, int]] | None = None) -> list[str]:
    """Why a rule's event may be wrong: the rule and how it found each actor (named in
    the sentence, or inferred from the article: '+target:article'), its modality and
    confidence, the trigger, where the sentence stands (headline, lede), the sentence's
    own features, and whether its actors are the story's (``salience``: the article's
    countries by mentions; ``partners``: who is named with whom, as ``salience_ranks``
    and ``partner_ranks`` give them). The keep scorer weighs them against the gold."""
    plover = e.plover or ""
    rule = e.rule
    feats = [f"rid={rule}", f"rbase={re.split(r'[+<[]', rule)[0]}", f"P={plover}",
             f"PM={plover}|{e.modality}", f"M={e.modality}", f"neg={e.negated}",
             f"conf={_bucket(e.confidence, (0.3, 0.5, 0.6, 0.7, 0.8, 0.9))}",
             f"Pconf={plover}|{_bucket(e.confidence, (0.5, 0.7, 0.9))}"]
    for tag in ("+target:article", "+source:article"):
        if tag in rule:
            feats += [f"tag={tag}", f"Ptag={plover}|{tag}"]
    for role, actors in (("s", e.source), ("t", e.target)):
        feats.append(f"{role}n={min(len(actors), 3)}")
        for a in actors[:2]:
            feats += [f"{role}res={a.resolved_by}", f"{role}sec={a.sector}",
                      f"P{role}res={plover}|{a.resolved_by}",
                      f"{role}insent={a.country in view.countries}"]
    text = view.text.strip()
    feats.append(f"pos={min(view.index, 5)}")
    feats.append(f"hl={bool(text) and text[-1] not in _ENDS}")
    feats.append(f"nrule={min(len(view.rule_events), 4)}")
    feats.append(f"ntype={len({x.plover for x in view.rule_events})}")
    feats.append(f"nc={min(len(view.countries), 3)}")
    if e.trigger:
        trig = e.trigger.lower()
        feats += [f"trig={trig}", f"Ptrig={plover}|{trig}"]
    src = [a.country for a in e.source if a.country]
    tgt = [a.country for a in e.target if a.country]
    if salience is not None:
        for c in src[:1]:
            rank = min(salience.get(c, 9), 4)
            feats += [f"ssal={rank}", f"Pssal={plover}|{rank}"]
        for c in tgt[:1]:
            feats.append(f"tsal={min(salience.get(c, 9), 4)}")
            if src and partners is not None:
                rank = min(partners.get(src[0], {}).get(c, -1), 3)
                feats += [f"tpart={rank}", f"Ptpart={plover}|{rank}"]
        if not tgt:
            feats.append(f"notgt|{plover}")
    feats += [f"S|{s}" for s in view.strings]
    return feats
