"""A noun's lookup keys (events.matching.noun_keys), read in the Doc's token table, are
those read from Token objects, in the same order (sentences written for this test: modifiers,
compounds, hyphenated modifiers, "of" phrases, capitalized plurals, a curly apostrophe)."""

from __future__ import annotations

from detente.events.matching import _MODIFIER_DEPS, noun_keys
from detente.nlp import load_nlp

TEXTS = [
    "Chile announced anti-dumping duties and tit-for-tat measures on Peruvian steel imports.",
    "The chargé d’affaires of the embassy was summoned over the air strike on a border post.",
    "The Assistance Funds of the United Nations paid for a release of the detained fishermen.",
    "Lima's sharp criticism of the naval exercises drew a formal protest from Santiago.",
    "Senior Bolivian and Paraguayan trade officials signed a long-term gas supply agreement.",
    "The imposition of sanctions on two state-owned banks followed the expulsion of diplomats.",
]


def _noun_keys_by_tokens(tok) -> list[str]:  # type: ignore[no-untyped-def]
    lemma = tok.lemma_.lower()
    if tok.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]
    keys = {lemma, tok.lower_}
    mods = [c for c in tok.children if c.dep_ in _MODIFIER_DEPS and c.i < tok.i]
    for m in mods:
        keys.add(f"{m.lemma_.lower()} {lemma}")
        keys.add(f"{m.lower_} {lemma}")
        keys.add(f"{m.lemma_.lower()} {tok.lower_}")
    if len(mods) > 1:
        keys.add(" ".join([m.lemma_.lower() for m in mods] + [lemma]))
    if mods:
        words = tok.doc[min(m.left_edge.i for m in mods) : tok.i]
        if any(t.tag_ == "HYPH" for t in words):
            keys.add(f"{words.text.lower()} {lemma}")
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.add(f"{lemma} of {p.lemma_.lower()}")
                    keys.add(f"{lemma} of {p.lower_}")
    keys |= {k.replace("\u2019", "'") for k in keys}
    return sorted(keys, key=len, reverse=True)


def test_keys_are_those_of_the_tokens() -> None:
    nlp = load_nlp()
    got = []
    for doc in nlp.pipe(TEXTS):
        for tok in doc:
            assert noun_keys(tok) == _noun_keys_by_tokens(tok), tok.text
            got += noun_keys(tok)
    assert "anti - dumping duty" in got or "anti-dumping duty" in got
    assert "release of fisherman" in got and "air strike" in got
