"""Whether a subject's verb is embedded (Discourse._embedded: an infinitive, or under a
relative, adverbial, complement or prepositional label), read in the doc's table, is what
the Token objects' walk of its children and ancestors gives (sentences written for this
test)."""

from __future__ import annotations

from detente.actors.discourse import Discourse
from detente.nlp import load_nlp

TEXTS = [
    "To end the dispute, the government agreed to release the fishermen it had held.",
    "The minister, who was visiting Lima, said talks that began in May would resume.",
    "After meeting the envoy, Peru decided to recall its ambassador for consultations.",
    "Chile wants Bolivia to drop its claim, while Bolivia insists the sea is its right.",
    "The president flew to Quito on Monday.",
]


def _embedded_by_tokens(verb) -> bool:  # type: ignore[no-untyped-def]
    embedded = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    for anc in [verb, *verb.ancestors]:
        if anc.dep_ in ("relcl", "acl", "xcomp", "advcl", "csubj", "pcomp", "pobj", "prep"):
            embedded = True
    return embedded


def test_embedded_is_the_walk_of_the_tokens() -> None:
    nlp = load_nlp()
    answers = []
    for doc in nlp.pipe(TEXTS):
        discourse = Discourse(doc, None)  # type: ignore[arg-type]
        answers += [(discourse._embedded(t.i), _embedded_by_tokens(t)) for t in doc]
    assert all(a == b for a, b in answers)
    assert any(a for a, _ in answers) and not all(a for a, _ in answers)
    doc = nlp(TEXTS[4])
    flew = next(t for t in doc if t.lower_ == "flew")
    assert not Discourse(doc, None)._embedded(flew.i)  # type: ignore[arg-type]
    doc = nlp(TEXTS[0])
    release = next(t for t in doc if t.lower_ == "release")
    assert Discourse(doc, None)._embedded(release.i)  # type: ignore[arg-type]
