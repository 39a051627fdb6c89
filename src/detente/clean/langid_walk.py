"""py3langid's identifier with its feature counting done as array operations.

py3langid counts a text's byte n-gram features with a walk over the text's bytes, one
Python step per byte (``visit_counts``): most of the time language identification takes
(about 0.3 s of a run of the 16x synthetic corpus, whose bodies are read up to 1,000
characters). Its automaton is Aho-Corasick's: the state after a byte is the longest
prefix of a feature that the text read so far ends with, so it depends on the last
:data:`WINDOW` bytes only, and every position's state is a walk of WINDOW steps from the
start state, all positions at once. tests/test_language_cache.py checks the model's
depth against WINDOW and the counts against py3langid's on texts and random bytes.

The feature table is float16. Scoring a text casts the rows of its features to float32
before the product, which took most of the scoring time (a 1,000-character body reaches
about 550 rows, while the 800 bodies of the 16x synthetic corpus reach 7,146 in all):
the rows are cast once each and kept (:class:`_FloatRows`), the same float32 values the
product would make, so the scores are py3langid's to the bit (tested).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from py3langid.langid import LanguageIdentifier

# The longest path from the start state to any state of the shipped model, in bytes.
WINDOW = 6

# At most this many float32 rows of the feature table are kept (568 bytes each with the
# shipped model's 142 languages: 9.3 MB); rows beyond it are cast at every use.
ROWS_KEPT = 16384


class _FloatRows:
    """Rows of a float16 table as float32, each cast on its first use and kept."""

    __slots__ = ("table", "_slot", "_rows", "_used")

    def __init__(self, table: np.ndarray):
        self.table = table
        self._slot = np.full(len(table), -1, dtype=np.intp)  # row -> its place in _rows
        self._rows = np.empty((0, table.shape[1]), dtype=np.float32)
        self._used = 0

    def __getitem__(self, idx: np.ndarray) -> np.ndarray:
        """``table[idx].astype(float32)`` for distinct row numbers ``idx``."""
        slot = self._slot[idx]
        new = idx[slot < 0]
        if len(new):
            room = min(len(new), ROWS_KEPT - self._used)
            if room < len(new):  # the store is full: cast these rows for this use only
                return self.table[idx].astype(np.float32)
            self._grow(self._used + room)
            self._rows[self._used : self._used + room] = self.table[new].astype(np.float32)
            self._slot[new] = np.arange(self._used, self._used + room)
            self._used += room
            slot = self._slot[idx]
        return self._rows[slot]

    def _grow(self, needed: int) -> None:
        if needed > len(self._rows):
            size = min(ROWS_KEPT, max(needed, 2 * len(self._rows), 1024))
            grown = np.empty((size, self._rows.shape[1]), dtype=np.float32)
            grown[: self._used] = self._rows[: self._used]
            self._rows = grown


def _half_table(table: Any) -> bool:
    """Whether ``table`` is the float16 matrix whose rows :class:`_FloatRows` keeps (the
    shipped model's; any other goes to py3langid's own product)."""
    return isinstance(table, np.ndarray) and table.dtype == np.float16 and table.ndim == 2


class WindowedIdentifier(LanguageIdentifier):  # type: ignore[misc]
    """A py3langid ``LanguageIdentifier`` giving the same scores, counted by windows."""

    __slots__ = ("_moves", "_rows", "_outputs", "_float_rows")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._moves = np.asarray(self.tk_nextmove)  # a view of py3langid's own table
        self._rows = np.asarray(self._rowbase, dtype=np.intp)
        self._outputs = np.asarray(self.tk_output, dtype=np.intp)
        self._float_rows: _FloatRows | None = None

    def counts(self, data: bytes) -> dict[int, int]:
        """Feature -> occurrences in ``data`` (encoded bytes), in order of first occurrence,
        as py3langid's ``Counter``: the score sums the features in that order, so it gets
        the same floats."""
        found, count = self._counted(data)
        return dict(zip(found.tolist(), count.tolist(), strict=True))

    def _counted(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`counts` as two arrays (features, occurrences), as the score reads them."""
        text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        n = len(text)
        states = np.zeros(n, dtype=np.intp)
        for k in range(min(WINDOW, n) - 1, -1, -1):  # the byte k places before each one
            states[k:] = self._moves[self._rows[states[k:]] + text[: n - k]]
        features = self._outputs[states]
        features = features[features >= 0]
        if not len(features):
            return features, features
        # np.unique(return_index, return_counts) without its checks: a stable sort puts
        # each feature's first occurrence first among its equals.
        by_feature = np.argsort(features, kind="stable")
        ordered = features[by_feature]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        count = np.diff(np.append(starts, len(ordered)))
        first = np.argsort(by_feature[starts])
        return ordered[starts][first], count[first]

    def _raw_score(self, text: bytes) -> Any:
        found, count = self._counted(text)
        if not len(found):  # no feature: py3langid's own answer
            return super()._raw_score(text)
        table = self.nb_ptc
        if not _half_table(table):
            visits = dict(zip(found.tolist(), count.tolist(), strict=True))
            return super()._sparse_score(visits, table)
        return self._product(found, count.astype(np.float32), table)

    def _sparse_score(self, visits: dict[int, int], table: Any) -> Any:
        """py3langid's score: the same product, its float16 rows cast once (:class:`_FloatRows`).
        The float32 x float16 product casts the rows to float32 first: the same numbers."""
        if not _half_table(table):
            return super()._sparse_score(visits, table)
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        return self._product(idx, counts, table)

    def _product(self, idx: np.ndarray, counts: np.ndarray, table: np.ndarray) -> Any:
        """py3langid's ``log1p(counts) @ table[idx] + nb_pc``, the rows read as float32."""
        if self._float_rows is None or self._float_rows.table is not table:  # set_languages
            self._float_rows = _FloatRows(table)
        return np.log1p(counts) @ self._float_rows[idx] + self.nb_pc
