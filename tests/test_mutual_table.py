"""Whether an act is done "to each other" (events.coder._mutual), read in the Doc's token
table, is the Token objects' answer (sentences written for this test)."""

from __future__ import annotations

import pytest

from detente.events.coder import _mutual
from detente.nlp import load_nlp

TEXTS = [
    "The two ministers praised each other after the talks in the capital on Monday.",
    "Officials from both countries, who had accused one another of spying, agreed to meet.",
    "Chile and Peru will not attack each other, the envoy said, and each pledged calm.",
    "The leaders vowed to respect one another's borders while trading goods with each other.",
    "Protesters marched to the embassy, and police kept each group away from the other.",
    "To end the dispute, the government agreed to release the fishermen it had held.",
    "The minister, who was visiting Lima, said talks that began in May would resume.",
]


@pytest.fixture(scope="module")
def docs():  # type: ignore[no-untyped-def]
    nlp = load_nlp()
    return [nlp(t) for t in TEXTS]


def _mutual_by_tokens(verb) -> bool:  # type: ignore[no-untyped-def]
    pairs = {("each", "other"), ("one", "another")}
    return any((t.nbor(-1).lower_, t.lower_) in pairs for t in verb.subtree if t.i > verb.i)


def test_mutual_is_the_subtree_walk(docs) -> None:  # type: ignore[no-untyped-def]
    answers = [(_mutual(t), _mutual_by_tokens(t)) for doc in docs for t in doc]
    assert all(a == b for a, b in answers)
    assert any(a for a, _ in answers) and not all(a for a, _ in answers)
    praised = next(t for t in docs[0] if t.lower_ == "praised")
    assert _mutual(praised)
    talks = next(t for t in docs[0] if t.lower_ == "talks")
    assert not _mutual(talks)

