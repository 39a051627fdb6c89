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

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy as np

_WORDS = re.compile(r"\w+", re.UNICODE)
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures depend on it
SEED = 1  # datasketch's default seed: the permutations every signature shares

# Importing datasketch imports scipy (about 0.35 s of every run that ingests), which its
# LSH needs only to choose band sizes. So the signatures and the LSH are computed here,
# exactly as datasketch 2.0's MinHash("affine32", seed 1) and MinHashLSH compute them
# (tests/test_minhash.py compares hash values, band sizes and candidates with its own).
# (threshold, num_perm) -> datasketch's _optimal_param(threshold, num_perm, 0.5, 0.5);
# other settings ask datasketch.
BANDS = {(0.8, 128): (9, 13)}


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the case-folded text (the whole text when it is shorter).

    The n-grams are the tokens zipped with themselves shifted by 1 .. size-1 places,
    joined and encoded by ``map``: a third faster than a slice and a join per position."""
    tokens = _WORDS.findall(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    grams = map(" ".join, zip(*(tokens[k:] for k in range(size)), strict=False))
    return set(map(str.encode, grams))


class MinHash:
    """A MinHash signature: ``hashvalues`` (uint32, one per permutation) as datasketch's
    MinHash with scheme "affine32" and seed 1 has them, and its Jaccard estimate."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: np.ndarray):
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: MinHash) -> float:
        if len(self) != len(other):
            raise ValueError("MinHash signatures of different numbers of permutations")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self))


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations h -> a * h + b mod 2^32 (a odd), drawn as datasketch draws
    them for seed 1."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer on uint32 values (datasketch pre-mixes every input hash)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signature(text: str, *, num_perm: int = 128, shingle_size: int = 3) -> MinHash:
    a, b = _permutations(num_perm)
    values = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    grams = shingles(text, shingle_size)
    if grams:  # sha1's first four bytes, little-endian (datasketch's sha1_hash32), read as
        # one array of all of them rather than one Python int per shingle
        sha1 = hashlib.sha1
        heads = b"".join([sha1(g).digest()[:4] for g in grams])
        hv = np.frombuffer(heads, dtype="<u4").astype(np.uint32).reshape(-1, 1)
        values = np.minimum(values, (_fmix32(hv) * a + b).min(axis=0))
    return MinHash(values)


def from_stored(values: Iterable[int], num_perm: int) -> MinHash:
    hashvalues = np.array(list(values), dtype=np.uint32)
    if len(hashvalues) != num_perm:
        raise ValueError(f"a stored signature of {len(hashvalues)} values, not {num_perm}")
    return MinHash(hashvalues)


def band_sizes(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of the LSH: datasketch's choice for these settings."""
    known = BANDS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch.lsh import _optimal_param  # imports scipy: settings not in BANDS only

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


class _LSH:
    """Banded LSH: keys whose signatures agree on every value of some band are candidates
    (MinHashLSH's query, as a set)."""

    def __init__(self, threshold: float, num_perm: int):
        bands, rows = band_sizes(threshold, num_perm)
        self.ranges = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in self.ranges]

    def insert(self, key: str, mh: MinHash) -> None:
        for (start, end), table in zip(self.ranges, self.tables, strict=True):
            table.setdefault(mh.hashvalues[start:end].tobytes(), []).append(key)

    def query(self, mh: MinHash) -> set[str]:
        out: set[str] = set()
        for (start, end), table in zip(self.ranges, self.tables, strict=True):
            out.update(table.get(mh.hashvalues[start:end].tobytes(), ()))
        return out


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
        self.threshold = threshold
        self.num_perm = num_perm
        self.lsh = _LSH(threshold, num_perm)
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
