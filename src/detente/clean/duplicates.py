"""Near-duplicate detection: MinHash signatures of word shingles, looked up with LSH.

The same wire story re-published with small edits (another headline, a
trimmed paragraph, a different byline) has a different body hash but nearly
the same shingles. Each new article is compared with everything seen before
(in this run and, via the signatures stored in the database, in earlier
runs); the first article of a story is the original and later ones point to
it with ``duplicate_of``. LSH proposes candidates; the estimated Jaccard
similarity of the signatures confirms them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # datasketch imports scipy (a third of a second): loaded when used
    from datasketch import MinHash

_WORDS = re.compile(r"\w+", re.UNICODE)
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures depend on it


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the case-folded text (the whole text when it is shorter)."""
    tokens = _WORDS.findall(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    """datasketch draws the same permutations (seed 1) for every MinHash; draw them once."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, scheme=SCHEME).permutations


def signature(text: str, *, num_perm: int = 128, shingle_size: int = 3) -> MinHash:
    from datasketch import MinHash

    mh = MinHash(num_perm=num_perm, scheme=SCHEME, permutations=_permutations(num_perm))
    mh.update_batch(list(shingles(text, shingle_size)))
    return mh


def from_stored(values: Iterable[int], num_perm: int) -> MinHash:
    from datasketch import MinHash

    return MinHash(
        num_perm=num_perm, hashvalues=list(values), scheme=SCHEME,
        permutations=_permutations(num_perm),
    )


class NearDuplicateIndex:
    """Articles seen so far, for "is this a near-copy of an earlier one?".

    ``lookup`` fetches the signature of a stored candidate (e.g. from the
    database); signatures added in this process are kept in memory only until
    ``forget_pending`` (after they are committed), so memory holds the LSH
    buckets, not the signatures.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.8,
        num_perm: int = 128,
        lookup: Callable[[str], MinHash | None] | None = None,
    ):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.lookup = lookup
        self.order: dict[str, int] = {}  # insertion order: the earliest is the original
        self.root: dict[str, str] = {}  # near-duplicate -> its original
        self.pending: dict[str, MinHash] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.order

    def __len__(self) -> int:
        return len(self.order)

    def add(
        self, article_id: str, mh: MinHash, duplicate_of: str | None = None, *, pending: bool = True
    ) -> None:
        if article_id in self.order:
            return
        self.lsh.insert(article_id, mh)
        self.order[article_id] = len(self.order)
        if duplicate_of:
            self.root[article_id] = duplicate_of
        if pending:
            self.pending[article_id] = mh

    def forget_pending(self) -> None:
        self.pending.clear()

    def _signature_of(self, article_id: str) -> MinHash | None:
        if article_id in self.pending:
            return self.pending[article_id]
        return self.lookup(article_id) if self.lookup else None

    def original_of(self, mh: MinHash) -> str | None:
        """The earliest article this signature nearly duplicates (followed to its original)."""
        best: str | None = None
        for cand in self.lsh.query(mh):
            other = self._signature_of(cand)
            if other is not None and mh.jaccard(other) < self.threshold:
                continue
            if best is None or self.order[cand] < self.order[best]:
                best = cand
        if best is None:
            return None
        return self.root.get(best, best)
