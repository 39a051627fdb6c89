"""py3langid's identifier with its feature counting done as array operations.

py3langid counts a text's byte n-gram features with a walk over the text's bytes, one
Python step per byte (``visit_counts``): most of the time language identification takes
(about 0.3 s of a run of the 16x synthetic corpus, whose bodies are read up to 1,000
characters). Its automaton is Aho-Corasick's: the state after a byte is the longest
prefix of a feature that the text read so far ends with, so it depends on the last
:data:`WINDOW` bytes only, and every position's state is a walk of WINDOW steps from the
start state, all positions at once. tests/test_language_cache.py checks the model's
depth against WINDOW and the counts against py3langid's on texts and random bytes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from py3langid.langid import LanguageIdentifier

# The longest path from the start state to any state of the shipped model, in bytes.
WINDOW = 6


class WindowedIdentifier(LanguageIdentifier):  # type: ignore[misc]
    """A py3langid ``LanguageIdentifier`` giving the same scores, counted by windows."""

    __slots__ = ("_moves", "_rows", "_outputs")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._moves = np.asarray(self.tk_nextmove)  # a view of py3langid's own table
        self._rows = np.asarray(self._rowbase, dtype=np.intp)
        self._outputs = np.asarray(self.tk_output, dtype=np.intp)

    def counts(self, data: bytes) -> dict[int, int]:
        """Feature -> occurrences in ``data`` (encoded bytes), in order of first occurrence,
        as py3langid's ``Counter``: the score sums the features in that order, so it gets
        the same floats."""
        text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        n = len(text)
        states = np.zeros(n, dtype=np.intp)
        for k in range(min(WINDOW, n) - 1, -1, -1):  # the byte k places before each one
            states[k:] = self._moves[self._rows[states[k:]] + text[: n - k]]
        features = self._outputs[states]
        features = features[features >= 0]
        if not len(features):
            return {}
        found, first, count = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first)
        return dict(zip(found[order].tolist(), count[order].tolist(), strict=True))

    def _raw_score(self, text: bytes) -> Any:
        visits = self.counts(text)
        if not visits:  # no feature: py3langid's own answer
            return super()._raw_score(text)
        return self._sparse_score(visits, self.nb_ptc)
