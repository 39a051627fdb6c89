"""The argument readers rewritten on the doc's token table (verb_subject, direct_objects,
datives, has_child, lemma_forms, prepositional objects, role objects, infinitives and
"for" clauses, pattern prepositions) give what the Token objects' walk gave, on every token of
the sample corpus and of sentences written for this test (passives, inherited subjects,
subjects hung off an auxiliary, reduced participles, datives, particles)."""

from __future__ import annotations

from pathlib import Path

from detente.events.arguments import (
    _FINITE_TAGS,
    _SAME_SUBJECT_PREPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    _preps_of,
    datives,
    direct_objects,
    has_child,
    misattached_conj_at,
    verb_subject,
)
from detente.events.matching import (
    _for_clause,
    _has_prep,
    _infinitival,
    _names_a_time,
    _role_objects,
    lemma_forms,
    word_forms,
)
from detente.nlp import load_nlp
from detente.nlp.tokens import table_of

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
    "Quito said the search was unlawful, demanded that Lima apologize and recalled its consul.",
    "Lima named her as ambassador to Chile and handed over the files to the court on Friday.",
    "Peru called for Chile to withdraw and called on the council to act against the blockade.",
]


def _misattached_by_tokens(verb) -> bool:  # type: ignore[no-untyped-def]
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ in _FINITE_TAGS and head.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in head.children)


def _finite_governor_by_tokens(verb):  # type: ignore[no-untyped-def]
    node = verb
    while node.head.i != node.i:
        node = node.head
        if node.tag_ in _FINITE_TAGS:
            return node
    return verb


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
    if _misattached_by_tokens(verb):
        head = _finite_governor_by_tokens(head)
    listed = (verb.dep_ == "dep" and head.i < verb.i and verb.tag_ in ("VBD", "VBZ", "VBP")
              and head.pos_ == "VERB" and verb.doc[verb.i - 1].lower_ == ",")
    if (verb.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp") or listed) and head.i != verb.i:
        subj, _ = _subject_by_tokens(head)
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass", "dobj", "obj", "nsubj", "nsubjpass", "dative")
                for c in verb.children):
            passive = True
        if (subj is None and verb.dep_ == "conj" and head.dep_ == "ccomp"
                and any(c.dep_ == "expl" for c in head.children)):
            subj, _ = _subject_by_tokens(head.head)
        return subj, passive
    lists = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i] if verb.dep_ == "ROOT" else []
    if verb.dep_ == "ccomp" and head.i < verb.i and any(
            c.dep_ == "ccomp" and c.i < verb.i for c in head.children if c.i != verb.i):
        lists = [head]
    for c in lists:
        if any(g.dep_ == "ccomp" and g.i < verb.i for g in c.children if g.i != verb.i) and any(
                t.lower_ == "," for t in verb.doc[c.i:verb.i]):
            subj, sub_passive = _subject_by_tokens(c)
            if subj is not None and subj.i < c.i and not sub_passive:
                return subj, passive
    return None, passive


def _forms_by_tokens(tok) -> list[str]:  # type: ignore[no-untyped-def]
    return word_forms(tok.lower_, tok.lemma_.lower())


def _preps_by_tokens(tok, wanted):  # type: ignore[no-untyped-def]
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in wanted:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        if c.dep_ == "prt":
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in wanted:
                    out.extend(p for p in cc.children if p.dep_ == "pobj")
    return out


def _roles_by_tokens(verb):  # type: ignore[no-untyped-def]
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
            for p in c.children if p.dep_ == "pobj"] + [
        c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "NOUN"
        and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)]


def _infinitival_by_tokens(tok) -> bool:  # type: ignore[no-untyped-def]
    return any(g.dep_ == "aux" and g.tag_ == "TO" for g in tok.children)


def _for_clause_by_tokens(tok) -> bool:  # type: ignore[no-untyped-def]
    return tok.dep_ in ("advcl", "ccomp", "xcomp") and _infinitival_by_tokens(tok) and any(
        g.dep_ == "mark" and g.lower_ == "for" for g in tok.children)


def _has_prep_by_tokens(verb, wanted, on_object=False) -> bool:  # type: ignore[no-untyped-def]
    objects = [g for o in verb.children if o.dep_ == "dobj" for g in o.children]
    if "for" in wanted and any(_for_clause_by_tokens(c) for c in verb.children):
        return True
    for c in [*verb.children, *objects]:
        if c.dep_ not in ("prep", "prt", "agent") or _names_a_time(c):
            continue
        for key in wanted:
            word, _, obj = key.partition(" ")
            if c.lower_ == word and (c.head.i == verb.i or obj or on_object) and (not obj or any(
                    p.dep_ == "pobj" and p.lemma_.lower() == obj for p in c.children)):
                return True
    return False


def test_pattern_readers_give_what_the_tokens_give() -> None:
    wanted = {"to", "on", "against", "as", "over"}
    preps = [["on"], ["for"], ["to", "against"], ["on fire"], ["over"]]
    n = found = 0
    for doc in _docs():
        for tok in doc:
            got = [p.i for p in _preps_of(tok, wanted)]
            assert got == [p.i for p in _preps_by_tokens(tok, wanted)]
            assert [p.i for p in _role_objects(tok)] == [p.i for p in _roles_by_tokens(tok)]
            assert _infinitival(tok) == _infinitival_by_tokens(tok)
            assert _for_clause(tok) == _for_clause_by_tokens(tok)
            for w in preps:
                for on_object in (False, True):
                    assert _has_prep(tok, w, on_object=on_object) == _has_prep_by_tokens(tok, w, on_object)
            n += 1
            found += bool(got)
    assert n > 5000 and found > 50
    doc = load_nlp()(TEXTS[11])
    called = [t for t in doc if t.lower_ == "called"]
    assert _has_prep(called[0], ["for"]) and _has_prep(called[1], ["on"])
    assert not _has_prep(called[0], ["against"])


def _docs():  # type: ignore[no-untyped-def]
    nlp = load_nlp()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(CORPUS.glob("*.txt"))]
    return list(nlp.pipe(TEXTS + texts))


def test_readers_give_what_the_tokens_give() -> None:
    n = passives = inherited = misattached = 0
    for doc in _docs():
        table = table_of(doc)
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
            assert misattached_conj_at(table, tok.i) == _misattached_by_tokens(tok), (tok.text, doc.text[:60])
            misattached += _misattached_by_tokens(tok)
            n += 1
            passives += passive
            inherited += subj is not None and subj.head.i != tok.i
    assert n > 5000 and passives > 20 and inherited > 20 and misattached > 0


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


LISTS = [
    "Peru, Chile and Bolivia signed the accord, and Ecuador and Colombia welcomed it.",
    "Israel, Oman agree to open embassies.",
    "The aid for quake-hit Peru, Chile arrived on Monday.",
    "Lima expelled the attache, recalled its envoy and froze the talks with Quito.",
]


class _States:
    """A stand-in mention index: every capitalised word of ``names`` is a state."""

    names = {"Peru", "Chile", "Bolivia", "Ecuador", "Colombia", "Israel", "Oman", "Lima", "Quito"}

    def at(self, tok):  # type: ignore[no-untyped-def]
        from types import SimpleNamespace

        if tok.text in self.names:
            return SimpleNamespace(kind="actor", sector=None, country=tok.text[:3].upper())
        return None


def _listed_by_tokens(tok, index):  # type: ignore[no-untyped-def]
    from detente.events.arguments import _is_state_name

    out = [tok, *[c for c in tok.conjuncts if c.i != tok.i]]
    if tok.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and tok.head.i != tok.i:
        out += [c for c in tok.head.children if c.dep_ == tok.dep_ and c.i > tok.i
                and _is_state_name(c, index)]
    if _is_state_name(tok, index):
        for head in list(out):
            out += [c for c in head.children if c.dep_ == "appos" and _is_state_name(c, index)]
    return [t.i for t in {t.i: t for t in out}.values()]


def test_conjuncts_and_lists_give_what_the_tokens_give() -> None:
    """conjuncts_at and _listed read the table: the same tokens, in the same order, as
    spaCy's Token.conjuncts and the walk over Token objects."""
    from detente.events.arguments import _listed, conjuncts, conjuncts_at

    nlp = load_nlp()
    index = _States()
    coordinated = longest = listed_more = 0
    for doc in [*_docs(), *nlp.pipe(LISTS)]:
        table = table_of(doc)
        for tok in doc:
            ref = [tok.i, *(c.i for c in tok.conjuncts if c.i != tok.i)]
            assert conjuncts_at(table, tok.i) == ref, (tok.text, doc.text[:60])
            assert [t.i for t in conjuncts(tok)] == ref
            listed = [t.i for t in _listed(tok, index)]
            assert listed == _listed_by_tokens(tok, index), (tok.text, doc.text[:60])
            coordinated += len(ref) > 1
            longest = max(longest, len(ref))
            listed_more += len(listed) > len(ref)
    assert coordinated > 100 and longest >= 3 and listed_more > 0
    doc = nlp(LISTS[0])
    peru = next(t for t in doc if t.text == "Peru")
    assert [t.text for t in conjuncts(peru)] == ["Peru", "Chile", "Bolivia"]


def test_light_verbs_remembered_by_word_are_the_forms_reading() -> None:
    """EventCoder._is_light remembers its answer by word and lemma: the same answer as
    reading the verb's first word forms, asked once or again."""
    from detente.events.coder import EventCoder

    coder = EventCoder()
    light = 0
    for doc in _docs():
        for tok in doc:
            ref = any(f in coder.light for f in lemma_forms(tok)[:4])
            assert coder._is_light(tok) == ref == coder._is_light(tok), tok.text
            light += ref
    assert light > 10 and coder._light_memo
