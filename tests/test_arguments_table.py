"""The argument readers rewritten on the doc's token table (verb_subject, direct_objects,
datives, has_child, lemma_forms) give what the Token objects' walk gave, on every verb of
the sample corpus and of sentences written for this test (passives, inherited subjects,
subjects hung off an auxiliary, reduced participles, datives, particles)."""

from __future__ import annotations

from pathlib import Path

from detente.events.arguments import (
    _SAME_SUBJECT_PREPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    _finite_governor,
    datives,
    direct_objects,
    has_child,
    misattached_conj,
    verb_subject,
)
from detente.events.matching import lemma_forms
from detente.nlp import load_nlp

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "txt"

TEXTS = [
    "Peru was hit by sanctions after Chile offered to hand over the disputed islets.",
    "The rebels, backed by Kigali, seized the town and burned the market.",
    "Lima responded by expelling two diplomats and recalling its envoy for talks.",
    "Bolivia's decision was to sever ties, officials said.",
    "The minister gave the consul two days to leave and handed him a formal note.",
    "Quito said there was no excuse for the raid and called on Bogota to withdraw.",
    "The talks, which Ecuador hosted, ended without a deal; neither side backed down.",
    "Two guards killed in the ambush were buried on Sunday.",
    "Lima defended its decision to tell the ship to leave and accused Quito of lying.",
]


def _subject_by_tokens(verb):  # type: ignore[no-untyped-def]
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl":
            return c, passive
        if c.dep_ in PASSIVE_SUBJECT_DEPS:
            return c, True
    for aux in (c for c in verb.children if c.dep_ in ("aux", "auxpass")):
        for c in aux.children:
            if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl":
                return c, passive
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head, passive
    head = verb.head
    if (verb.dep_ == "pcomp" and head.lower_ in _SAME_SUBJECT_PREPS
            and head.head.pos_ in ("VERB", "AUX")):
        head = head.head
    if misattached_conj(verb):
        head = _finite_governor(head)
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp") and head.i != verb.i:
        subj, _ = _subject_by_tokens(head)
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass", "dobj", "obj", "nsubj", "nsubjpass", "dative")
                for c in verb.children):
            passive = True
        if (subj is None and verb.dep_ == "conj" and head.dep_ == "ccomp"
                and any(c.dep_ == "expl" for c in head.children)):
            subj, _ = _subject_by_tokens(head.head)
        return subj, passive
    return None, passive


def _forms_by_tokens(tok) -> list[str]:  # type: ignore[no-untyped-def]
    low = tok.lower_
    forms = [tok.lemma_.lower(), low]
    if low.endswith("ied"):
        forms.append(low[:-3] + "y")
    if low.endswith("ed"):
        forms += [low[:-1], low[:-2], low[:-3]]
    if low.endswith("ing"):
        forms += [low[:-3] + "e", low[:-3], low[:-4]]
    if low.endswith("es"):
        forms += [low[:-1], low[:-2]]
    elif low.endswith("s"):
        forms.append(low[:-1])
    return forms


def _docs():  # type: ignore[no-untyped-def]
    nlp = load_nlp()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(CORPUS.glob("*.txt"))]
    return list(nlp.pipe(TEXTS + texts))


def test_readers_give_what_the_tokens_give() -> None:
    n = passives = inherited = 0
    for doc in _docs():
        for tok in doc:
            subj, passive = verb_subject(tok)
            ref, ref_passive = _subject_by_tokens(tok)
            assert (subj.i if subj is not None else None, passive) == (
                ref.i if ref is not None else None, ref_passive), (tok.text, doc.text[:60])
            assert [o.i for o in direct_objects(tok)] == [c.i for c in tok.children if c.dep_ in ("dobj", "obj")]
            assert [o.i for o in datives(tok)] == [
                c.i for c in tok.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
            assert has_child(tok, ("neg", "prt")) == any(c.dep_ in ("neg", "prt") for c in tok.children)
            assert has_child(tok, ("aux",), ("to", "will")) == any(
                c.dep_ == "aux" and c.lemma_.lower() in ("to", "will") for c in tok.children)
            assert lemma_forms(tok) == _forms_by_tokens(tok)
            n += 1
            passives += passive
            inherited += subj is not None and subj.head.i != tok.i
    assert n > 5000 and passives > 20 and inherited > 20


def test_subjects_of_written_sentences() -> None:
    nlp = load_nlp()
    doc = nlp(TEXTS[0])
    hit = next(t for t in doc if t.lower_ == "hit")
    subj, passive = verb_subject(hit)
    assert subj is not None and subj.text == "Peru" and passive
    hand = next(t for t in doc if t.lower_ == "hand")
    subj, passive = verb_subject(hand)  # inherited from "offered"
    assert subj is not None and subj.text == "Chile" and not passive
    doc = nlp(TEXTS[2])
    expelling = next(t for t in doc if t.lower_ == "expelling")
    subj, _ = verb_subject(expelling)  # "responded by expelling": Lima expels
    assert subj is not None and subj.text == "Lima"
    assert [o.text for o in direct_objects(expelling)] == ["diplomats"]
