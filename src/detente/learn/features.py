"""What the trained decision sees: one row per sentence (which PLOVER types it reports)
and one row per (sentence, type, candidate country) (which country is source, which target).

Everything comes from work the pipeline has already done: spaCy's parse and the
contextual token vectors of en_core_web_sm (``doc.tensor``, no second model), the
resolved actor mentions, and the rule coder's candidate events (their pattern ids,
types and arguments are features, not the answer). String features are hashed, so a
model file holds only numbers (see detente.learn.model).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.records import Event, Mention

# Dependency labels that make a token part of a clause "about" something, not a deed.
_EMBED = {"ccomp", "xcomp", "advcl", "csubj", "acl", "relcl"}
_MODALS = {"would", "could", "may", "might", "should", "must", "will", "can", "shall"}
_QUOTES = set("\"“”«»")


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


def _dep_features(tok: Any) -> list[str]:
    out = [f"dep={tok.dep_}", f"hd={tok.head.lemma_.lower()}"]
    if tok.dep_ == "pobj":
        out.append(f"prep={tok.head.lower_}|{tok.head.head.lemma_.lower()}")
        out.append(f"prep={tok.head.lower_}")
    if tok.dep_ in ("poss",):
        out.append(f"poss_of={tok.head.lemma_.lower()}")
    out.append(f"dep_hd={tok.dep_}|{tok.head.lemma_.lower()}")
    return out


def _sentence_strings(sent: Any, index: int, rule_events: list[Event], mentions: list[Mention],
                      speech: set[str], lexicon: dict[str, set[str]]) -> list[str]:
    feats: list[str] = []
    root = sent.root
    feats.append(f"R={root.lemma_.lower()}")
    prev = None
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        lem = tok.lemma_.lower()
        if not tok.is_stop and tok.is_alpha:
            feats.append(f"L={lem}")
            if prev:
                feats.append(f"B={prev}_{lem}")
            prev = lem
        if tok.pos_ == "VERB":
            feats.append(f"V={lem}")
            if tok.dep_ in _EMBED:
                feats.append(f"VE={lem}|{tok.dep_}|{tok.head.lemma_.lower()}")
            if any(c.dep_ == "neg" for c in tok.children):
                feats.append(f"VNEG={lem}")
            if any(c.lower_ in _MODALS for c in tok.children if c.dep_ == "aux"):
                feats.append(f"VMOD={lem}")
            objs = [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")]
            for o in objs:
                feats.append(f"VO={lem}_{o.lemma_.lower()}")
            for p in (c for c in tok.children if c.dep_ == "prep"):
                feats.append(f"VP={lem}_{p.lower_}")
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
            feats.append(f"N={lem}|{tok.dep_}")
        if tok.dep_ == "neg":
            feats.append("NEG")
        if tok.lower_ in _MODALS and tok.dep_ == "aux":
            feats.append(f"MODAL={tok.lower_}")
        if lem in speech:
            feats.append("SAY")
        for label in sorted(lexicon.get(lem, ())):
            feats.append(f"PAT={label}")
            feats.append(f"PAT={label}|{tok.pos_}|{'emb' if tok.dep_ in _EMBED else 'main'}")
    if any(ch in _QUOTES for ch in sent.text):
        feats.append("QUOTE")
    text = sent.text.strip()
    if text and text[-1] not in ".!?\"”'’":
        feats.append("HEADLINE_LIKE")
    feats.append(f"POS={min(index, 5)}")
    countries = {m.country for m in mentions if m.country}
    feats.append(f"NC={min(len(countries), 3)}")
    doc = sent.doc
    for m in mentions:
        if m.sector:
            feats.append(f"SEC={m.sector}")
        feats.append(f"RES={m.resolved_by}")
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        gov = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            feats.append(f"AV={gov.lemma_.lower()}|{head.dep_}")  # an actor does this
        elif head.dep_ in ("dobj", "dative"):
            feats.append(f"VA={gov.lemma_.lower()}")  # this is done to an actor
        elif head.dep_ == "pobj":
            feats.append(f"VPA={gov.head.lemma_.lower()}|{gov.lower_}")
        elif head.dep_ == "poss":
            feats.append(f"PA={gov.lemma_.lower()}")  # an actor's decision, embassy, ...
    for e in rule_events:
        feats.append(f"RULE={e.plover}")
        feats.append(f"RULEC={e.cameo_root}")
        feats.append(f"RULEID={e.rule}")
        feats.append(f"RULEMOD={e.plover}|{e.modality}")
        if e.negated:
            feats.append(f"RULENEG={e.plover}")
        if e.target:
            feats.append(f"RULETGT={e.plover}")
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


def _vector(doc: Any, sent: Any) -> np.ndarray:
    tensor = getattr(doc, "tensor", None)
    if tensor is None or not len(tensor) or tensor.shape[0] != len(doc):
        return np.zeros(0, dtype=np.float32)
    rows = tensor[sent.start:sent.end]
    root = tensor[sent.root.i]
    return np.concatenate([rows.mean(axis=0), root]).astype(np.float32)


def sentence_views(doc: Any, mentions: list[Mention], rule_events: list[Event],
                   speech: set[str], lexicon: dict[str, set[str]],
                   tones: Mapping[int, float] | None = None) -> list[SentenceView]:
    """One view per sentence of ``doc``, with candidate countries from the whole article.

    ``tones``: the sentences' tone as the signals stage computes it (computed here when
    not given), so one VADER pass serves both."""
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
    views = []
    for i, sent in enumerate(doc.sents):
        ms = sorted(by_sent.get(i, []), key=lambda m: m.start)
        countries = list(dict.fromkeys(m.country for m in ms if m.country))
        prev = [m.country for m in by_sent.get(i - 1, []) if m.country]
        cands = list(dict.fromkeys([*countries, *top, *prev]))
        strings = _sentence_strings(sent, i, ev_by_sent.get(i, []), ms, speech, lexicon)
        strings += _context_strings(i, ev_by_sent, doc_types, "SAY" in strings,
                                    _tone_bucket(tones.get(i, 0.0)))
        views.append(SentenceView(
            index=i, text=sent.text, start=sent.start_char, end=sent.end_char,
            strings=strings,
            vector=_vector(doc, sent), mentions=ms, rule_events=ev_by_sent.get(i, []),
            countries=countries, candidates=cands, previous=set(prev),
        ))
    return views


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
    for m in ms[:3]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        base.extend(_dep_features(head))
        sroot = head.sent.root
        base.append("before_root" if head.i < sroot.i else "after_root")
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
