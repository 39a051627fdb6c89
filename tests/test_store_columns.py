"""The store hands DuckDB plain columns as typed NumPy arrays and the rest as objects,
and lets the INSERT cast them to the columns' types.

A typed array is read as it is, an object array value by value; the store's way must
give a column the values an object array with an explicit CAST of each column gave,
or a faster write would silently change the database.
"""

from __future__ import annotations

import json
import math
from datetime import datetime

import duckdb
import numpy
import pytest

from detente.records import ActorRef
from detente.store.db import _column, _columns, _json, _RefJson

CASES = [
    ("INTEGER", [3, -7, 0, 41]),
    ("UBIGINT", [2**64 - 1, 5]),  # beyond int64: stays an object column
    ("DOUBLE", [0.25, -0.0, float("nan"), float("inf"), 1e300]),
    ("BOOLEAN", [True, False, True]),
    ("INTEGER", [1, None, 4]),
    ("DOUBLE", [0.5, 2, None]),  # an int among floats
    ("VARCHAR", ["tanks", "", None]),
    ("VARCHAR[]", [["a", "b"], None, []]),
    ("VARCHAR[]", [None, None]),
    ("UBIGINT[]", [[2**64 - 1, 3], [0]]),
    ("DATE", ["2024-02-29", None]),
    ("JSON", ['{"name": "x"}', None]),
    ("TIMESTAMP", [datetime(2025, 1, 2, 3, 4, 5, 6)]),
]


def _stored(kind: str, column: numpy.ndarray, *, cast: bool) -> list[object]:
    """The values DuckDB stores for ``column`` in a ``kind`` column: as the store inserts
    them, or (``cast``) with an explicit CAST as it did before."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t (i INTEGER, v {kind})")
    con.register("_rows", {"i": numpy.arange(len(column)), "v": column})
    select = f"CAST(i AS INTEGER), CAST(v AS {kind})" if cast else "*"
    con.execute(f"INSERT INTO t (i, v) SELECT {select} FROM _rows")
    return [r[0] for r in con.execute("SELECT v FROM t ORDER BY i").fetchall()]


@pytest.mark.parametrize(("kind", "values"), CASES)
def test_typed_and_object_columns_store_the_same_values(kind: str, values: list[object]) -> None:
    as_objects = numpy.fromiter(values, dtype=object, count=len(values))
    got, want = _stored(kind, _column(values), cast=False), _stored(kind, as_objects, cast=True)
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


def test_json_columns_are_json_dumps_text() -> None:
    value = {"name": "Zoë Ångström", "score": 0.1 + 0.2, "n": None, "tags": ["a", "ß"]}
    assert _json(value) == json.dumps(value, ensure_ascii=False)
    actors = [ActorRef(text="the Élysée", name="France", country="FRA", sector="GOV",
                       code="FRAGOV", start=4, end=14),
              ActorRef(text="Kyiv", name=None, country="UKR", sector=None, code="UKR")]
    want = json.dumps([vars(a) for a in actors], ensure_ascii=False)
    assert _RefJson().many(actors) == want and _RefJson().many([]) == "[]"
