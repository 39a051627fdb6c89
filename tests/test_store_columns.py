"""The store hands DuckDB plain columns as typed NumPy arrays and the rest as objects.

A typed array is read as it is, an object array value by value; both must give a
column the same stored values, or a faster write would silently change the database.
"""

from __future__ import annotations

import math

import duckdb
import numpy
import pytest

from detente.store.db import _column, _columns

CASES = [
    ("INTEGER", [3, -7, 0, 41]),
    ("UBIGINT", [2**64 - 1, 5]),  # beyond int64: stays an object column
    ("DOUBLE", [0.25, -0.0, float("nan"), float("inf"), 1e300]),
    ("BOOLEAN", [True, False, True]),
    ("INTEGER", [1, None, 4]),
    ("DOUBLE", [0.5, 2, None]),  # an int among floats
    ("VARCHAR", ["tanks", "", None]),
    ("VARCHAR[]", [["a", "b"], None, []]),
]


def _stored(kind: str, column: numpy.ndarray) -> list[object]:
    """The values DuckDB stores for ``column`` cast to ``kind``, as the store's INSERT does."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t (i INTEGER, v {kind})")
    _rows = {"i": numpy.arange(len(column)), "v": column}  # DuckDB reads it by name
    con.execute(f"INSERT INTO t SELECT CAST(i AS INTEGER), CAST(v AS {kind}) FROM _rows")
    return [r[0] for r in con.execute("SELECT v FROM t ORDER BY i").fetchall()]


@pytest.mark.parametrize(("kind", "values"), CASES)
def test_typed_and_object_columns_store_the_same_values(kind: str, values: list[object]) -> None:
    as_objects = numpy.fromiter(values, dtype=object, count=len(values))
    got, want = _stored(kind, _column(values)), _stored(kind, as_objects)
    assert len(got) == len(want) == len(values)
    for g, w in zip(got, want, strict=True):
        assert g == w or (isinstance(g, float) and math.isnan(g) and math.isnan(w))
        if isinstance(g, float) and g == 0:
            assert math.copysign(1, g) == math.copysign(1, w)


def test_plain_columns_are_typed_and_mixed_ones_objects() -> None:
    cols = _columns({"n": [1, 2], "x": [0.5, 1.5], "b": [True], "big": [2**64 - 1],
                     "gap": [1, None], "mixed": [1, 2.5], "s": ["a"]})
    assert {k: v.dtype.kind for k, v in cols.items()} == {
        "n": "i", "x": "f", "b": "b", "big": "O", "gap": "O", "mixed": "O", "s": "O"}
