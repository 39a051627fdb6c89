"""The pipeline's tokenizer is built once, empty, and filled from the model's file: it must
be the very tokenizer spaCy's own loading gives (built from the language defaults first)."""

from __future__ import annotations

import spacy

from detente.actors.knowledge import dotted_titles
from detente.nlp import load_nlp
from detente.nlp.model import MODEL_PACKAGES, NOT_LOADED, TOKENIZER_TO_LOAD


def _spacy_loaded() -> spacy.language.Language:
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, exclude=list(NOT_LOADED))
        except OSError:
            continue
    raise AssertionError("no English pipeline installed")


def test_the_tokenizer_is_spacys_own_loaded_one() -> None:
    nlp = load_nlp()
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_TO_LOAD
    reference = _spacy_loaded()
    dotted_titles(reference.tokenizer)  # what detente adds after loading, in both
    ours, theirs = nlp.tokenizer, reference.tokenizer
    assert ours.to_bytes(exclude=["vocab"]) == theirs.to_bytes(exclude=["vocab"])
    assert len(ours.rules) > 1000  # the model's special cases are all there
    text = "Mr. Smith can't go to the U.N. in N.Y.C. (he'd said: \"not now\")... ok?"
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
    assert [t.text for t in ours("can't")] == ["ca", "n't"]
