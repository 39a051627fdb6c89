"""EventCoder._code_sentence passes over, in the token table, the verbs no rule can read
(_inert_verb) and the nouns no noun pattern can match, before any Token is made: on the
sample corpus and on sentences written for this test, every verb it passes over gives no
event and consumes no word when asked the long way (_obligation, _verb_event), and the
coded events are those of asking every word."""

from __future__ import annotations

from pathlib import Path

from detente.coding import default_coder
from detente.events.arguments import MentionIndex
from detente.nlp.tokens import table_of

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "txt"

TEXTS = [
    "Peru expelled two Chilean diplomats on Monday, officials said.",
    "The minister walked to the podium and smiled before he told Quito it must withdraw.",
    "Lima staged drills near the border and asked whether Quito would attend the summit.",
    "Bolivia described the raid as an outrage and said Chile had meddled in the vote.",
    "The rain fell, the roads flooded and the farmers waited for the harvest.",
    "Such a step would have grave consequences for Quito, which has been warned twice.",
]


def _docs():  # type: ignore[no-untyped-def]
    coder = default_coder()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(CORPUS.glob("*.txt"))]
    for doc in coder.nlp.pipe(TEXTS + texts):
        mentions = coder.resolver.resolve(doc, "t", "2024-03-05", [], nlp=coder.nlp)
        yield coder, doc, MentionIndex.build(doc, mentions)


def test_verbs_passed_over_give_nothing_and_consume_nothing() -> None:
    inert = read = leaves = 0
    for coder, doc, index in _docs():
        events = coder.events
        table = table_of(doc)
        for tok in doc:
            if not (tok.pos_ in ("VERB", "AUX", "ADJ") or tok.tag_.startswith("VB")):
                continue
            if events._inert_verb(table, tok.i):
                consumed: set[int] = set()
                assert events._obligation(tok, index, consumed) == [], tok.text
                assert events._verb_event(tok, index, consumed) == [], tok.text
                assert not consumed, (tok.text, doc.text[:60])
                inert += 1
                cands = events._verb_candidates_at(table, tok.i)
                if cands is not None:  # a word patterns know, with no dependent they ask for
                    assert all(events._best_pattern(tok, passive, cands, table) is None
                               for passive in (False, True)), tok.text
                    leaves += 1
            else:
                read += 1
    assert inert > 200 and read > 200 and leaves > 20


def test_words_that_may_be_read_are_not_passed_over() -> None:
    coder = default_coder()
    events = coder.events
    doc = coder.nlp(TEXTS[1] + " " + TEXTS[2] + " " + TEXTS[3] + " " + TEXTS[4])
    table = table_of(doc)
    kinds = {
        "expelled": False, "smiled": True, "fell": True, "waited": True,
        "told": False,  # a speech verb (and a pattern's)
        "staged": False,  # a light verb (and a pattern's)
        "asked": False,  # a verb of asking
        "described": False,  # a judging verb, no pattern's
        "meddled": False,  # an allegation, no pattern's
        "had": True,  # an auxiliary: the patterns of "have" ask for a dependent
        "have": False,  # ... which this one has ("have grave consequences")
        "has": True,
    }
    doc2 = coder.nlp(TEXTS[0] + " " + TEXTS[5])
    for d in (doc, doc2):
        t = table_of(d)
        for tok in d:
            if tok.lower_ in kinds:
                assert events._inert_verb(t, tok.i) == kinds[tok.lower_], tok.text
    assert table is not None


def test_coding_is_the_same_as_asking_every_word(monkeypatch) -> None:
    coder = default_coder()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(CORPUS.glob("*.txt"))]
    passed_over = [e.id for t in TEXTS + texts for e in coder.code_text(t, "2024-03-05")]
    monkeypatch.setattr(type(coder.events), "_inert_verb", lambda self, tokens, i: False)
    asked = [e.id for t in TEXTS + texts for e in coder.code_text(t, "2024-03-05")]
    assert passed_over == asked and len(asked) > 10
