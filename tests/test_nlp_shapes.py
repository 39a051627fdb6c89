"""Token shapes as bytes keys and the memo asked for a whole document at once: the rule
components (attribute lookup, lemma lookup, entity runs) give the answers they gave when
they asked token by token."""

from __future__ import annotations

import numpy

from detente.nlp import load_nlp
from detente.nlp.shapes import memo_lookup, shape_keys


def test_two_rows_share_a_key_exactly_when_all_their_values_are_equal() -> None:
    big = 2**64 - 1  # string hashes use the whole unsigned range
    values = numpy.array([[1, 0], [1, 0], [0, 1], [big, 0], [1, 1]], dtype=numpy.uint64)
    keys = shape_keys(values)
    assert len(keys) == 5
    assert keys[0] == keys[1]
    assert len(set(keys)) == 4
    assert shape_keys(values[:, :1])[0] != shape_keys(values[:, :1])[3]


def test_a_one_column_array_and_an_empty_one() -> None:
    assert shape_keys(numpy.array([7, 7, 8], dtype=numpy.uint64)) == shape_keys(
        numpy.array([[7], [7], [8]], dtype=numpy.uint64)
    )
    assert shape_keys(numpy.zeros((0, 3), dtype=numpy.uint64)) == []


def test_each_new_shape_is_computed_once_in_token_order() -> None:
    keys = shape_keys(numpy.array([[5], [6], [5], [7], [6]], dtype=numpy.uint64))
    memo: dict[bytes, int] = {keys[3]: 70}
    asked: list[int] = []

    def compute(i: int) -> int:
        asked.append(i)
        return 10 * i

    assert memo_lookup(memo, keys, compute) == [0, 10, 0, 70, 10]
    assert asked == [0, 1]  # token 3's shape was known; tokens 2 and 4 repeat a shape
    assert memo_lookup(memo, keys, compute) == [0, 10, 0, 70, 10]
    assert asked == [0, 1]


def test_the_components_answer_as_token_by_token() -> None:
    """What each shape-memoized component writes equals the wrapped spaCy component's own
    answer, on sentences whose words repeat in different roles."""
    nlp = load_nlp()
    texts = [
        "The ministers met in Lima on March 3, 2024, and they're gonna meet again.",
        "Lima's mayor said the talks will resume; the mayor met Ana Ruiz at 10 a.m.",
        "Talks talk of talking: the talks were talked about on Monday, May 5.",
    ]
    components = ("attribute_ruler", "lemmatizer", "detente_entities")
    fast = list(nlp.pipe(texts))
    try:
        for name in components:
            nlp.get_pipe(name).exact = True
        exact = list(nlp.pipe(texts))
    finally:
        for name in components:
            nlp.get_pipe(name).exact = False
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB", "ENT_TYPE"]
    for a, b in zip(fast, exact, strict=True):
        assert numpy.array_equal(a.to_array(attrs), b.to_array(attrs))
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in b.ents
        ]
    assert any(e.label_ == "DATE" for d in fast for e in d.ents)
    assert any(t.lemma_ == "talk" and t.text == "talked" for d in fast for t in d)
