"""Memoized answers per token shape, read for a whole document at once.

The pipeline components that stand in for spaCy's rule components (detente.nlp.attributes,
detente.nlp.entities) answer a question whose answer depends only on a few attributes of a
token (its shape): they remember the answer per shape. Asking the memo token by token
(a tuple per token, a dict lookup, an append) was most of their time; here each token's
shape is one ``bytes`` key cut from the document's array, and the memo is asked for all
tokens with one ``map``. Only shapes not seen before cost a Python call each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy

V = TypeVar("V")


def shape_keys(values: numpy.ndarray) -> list[bytes]:
    """Each row of ``values`` (tokens x attributes, from ``Doc.to_array``) as one bytes key:
    two rows give equal keys exactly when all their values are equal."""
    if not len(values):
        return []
    rows = numpy.ascontiguousarray(values, dtype=numpy.uint64).reshape(len(values), -1)
    return rows.view(f"V{8 * rows.shape[1]}").ravel().tolist()  # type: ignore[no-any-return]


def memo_lookup(memo: dict[bytes, V], keys: list[bytes], compute: Callable[[int], V]) -> list[V]:
    """``memo[keys[i]]`` for each token ``i``, ``compute(i)`` filling in a shape not yet
    remembered (``compute`` must never return None)."""
    got: list[V | None] = list(map(memo.get, keys))
    if None in got:
        for i, value in enumerate(got):
            if value is None:
                key = keys[i]
                value = memo.get(key)
                if value is None:
                    value = memo[key] = compute(i)
                got[i] = value
    return got  # type: ignore[return-value]
