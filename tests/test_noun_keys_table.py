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


def test_key_heads_never_turn_away_a_noun_with_a_key() -> None:
    """KeyHeads.may_match, read in the table with no key made, is True for every word one of
    whose noun_keys is a key of the set (here: the pattern book's nouns and, as keys of each
    shape, some of these sentences' own), and False for words that head none."""
    from detente.events.coder import EventCoder
    from detente.events.matching import KeyHeads
    from detente.nlp.tokens import table_of

    book = EventCoder().book.nouns_by_key
    own = ["anti-dumping duty", "release of fisherman", "chargé d'affaires", "gas supply agreement",
           "assistance fund", "imposition of sanction"]
    nlp = load_nlp()
    for keys in (list(book), own):
        heads = KeyHeads.of(keys)
        told_no = []
        for doc in nlp.pipe(TEXTS):
            table = table_of(doc)
            for tok in doc:
                has_key = any(k in keys for k in noun_keys(tok))
                if has_key:
                    assert heads.may_match(table, tok.i), (tok.text, keys is own)
                elif not heads.may_match(table, tok.i):
                    told_no.append(tok.lower_)
        assert "steel" in told_no and "embassy" in told_no


def test_key_heads_by_shape() -> None:
    """A word that heads only a key of modifiers, or only an "of" key, may match only with
    such a child: "strike" after "air", not alone; "release" with "of", not alone."""
    from detente.events.matching import KeyHeads
    from detente.nlp.tokens import table_of

    heads = KeyHeads.of(["air strike", "release of fisherman"])
    nlp = load_nlp()
    doc = nlp("The air strike hit a post. A strike followed. The release of the men was a release.")
    table = table_of(doc)
    at = {(t.lower_, t.i): heads.may_match(table, t.i) for t in doc if t.pos_ == "NOUN"}
    strikes = [v for (w, _), v in at.items() if w == "strike"]
    releases = [v for (w, _), v in at.items() if w == "release"]
    assert strikes == [True, False] and releases == [True, False]


def test_key_heads_remembered_by_word_answer_as_fresh_ones() -> None:
    """What a word may head is remembered by word, its children read for each token: the
    answers of one KeyHeads over many tokens (the same word met with and without the child a
    key asks for) are those of a new KeyHeads, remembering nothing, for each token."""
    from detente.events.coder import EventCoder
    from detente.events.matching import KeyHeads
    from detente.nlp.tokens import table_of

    keys = [*EventCoder().book.nouns_by_key, "air strike", "release of fisherman"]
    shared = KeyHeads.of(keys)
    nlp = load_nlp()
    texts = [*TEXTS, "The air strike hit a post. A strike followed. The release of the men was a release."]
    asked = 0
    for doc in nlp.pipe(texts):
        table = table_of(doc)
        for tok in doc:
            if tok.pos_ in ("NOUN", "PROPN"):
                assert shared.may_match(table, tok.i) == KeyHeads.of(keys).may_match(table, tok.i), tok.text
                asked += 1
    assert asked > 40 and len(shared._heads) < asked


def test_verb_candidates_are_those_of_the_word_forms() -> None:
    """The verb patterns remembered for a word (PatternMatching._verb_candidates) are those of
    its first word form the book knows, asked once or twice; None for a verb no pattern has."""
    from detente.events.coder import EventCoder
    from detente.events.matching import lemma_forms

    coder = EventCoder()
    by_lemma = coder.book.verbs_by_lemma
    nlp = load_nlp()
    doc = nlp("Chile expelled two envoys while the delegates slept. Lima expelled a consul.")
    seen = {}
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        expected = next((by_lemma[f] for f in lemma_forms(tok) if f in by_lemma), None)
        assert coder._verb_candidates(tok) is expected and coder._verb_candidates(tok) is expected
        seen[tok.lower_] = expected
    assert seen["expelled"] is not None and seen["slept"] is None
