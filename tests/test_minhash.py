"""detente's MinHash signatures and LSH are datasketch's, value for value: stored
signatures from earlier runs stay comparable, and near-duplicates are marked as before.
(detente computes them itself so that ingest does not import datasketch, which imports
scipy.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.clean import duplicates
from detente.clean.duplicates import NearDuplicateIndex, from_stored, shingles, signature

datasketch = pytest.importorskip("datasketch")
from datasketch.lsh import _optimal_param  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "txt"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) > 20
    # short texts too: one word, fewer words than a shingle, none
    return [*texts, "Lima.", "Chile recalled", "", "  \n "]


def _theirs(text: str, num_perm: int = 128) -> object:
    mh = datasketch.MinHash(num_perm=num_perm, scheme=duplicates.SCHEME, seed=duplicates.SEED)
    mh.update_batch(list(shingles(text, 3)))
    return mh


@pytest.mark.parametrize("num_perm", [128, 64])
def test_signatures_are_datasketchs_value_for_value(num_perm: int) -> None:
    for text in _texts():
        mine = signature(text, num_perm=num_perm)
        theirs = _theirs(text, num_perm)
        assert mine.hashvalues.dtype == theirs.hashvalues.dtype
        assert mine.hashvalues.tolist() == theirs.hashvalues.tolist()


def test_stored_signatures_read_back_and_compare_as_datasketchs() -> None:
    texts = _texts()[:6]
    stored = [[int(v) for v in signature(t).hashvalues] for t in texts]
    for a, b in zip(stored, stored[1:], strict=False):
        mine = from_stored(a, 128).jaccard(from_stored(b, 128))
        theirs = datasketch.MinHash(hashvalues=a, scheme="affine32").jaccard(
            datasketch.MinHash(hashvalues=b, scheme="affine32"))
        assert mine == theirs
    with pytest.raises(ValueError):
        from_stored(stored[0], 64)


def test_band_sizes_are_datasketchs() -> None:
    for (threshold, num_perm), bands in duplicates.BANDS.items():
        assert bands == _optimal_param(threshold, num_perm, 0.5, 0.5)
    assert duplicates.band_sizes(0.7, 64) == _optimal_param(0.7, 64, 0.5, 0.5)


def test_lsh_candidates_are_datasketchs() -> None:
    texts = _texts()
    # near-copies: each text with its last paragraph dropped, or a sentence added
    texts += [t.rsplit("\n\n", 1)[0] for t in texts[:10]]
    texts += [t + "\n\nOfficials said talks would resume." for t in texts[:10]]
    mine = duplicates._LSH(0.8, 128)
    theirs = datasketch.MinHashLSH(threshold=0.8, num_perm=128)
    for i, text in enumerate(texts):
        mine.insert(str(i), signature(text))
        theirs.insert(str(i), _theirs(text))
    found = 0
    for text in texts:
        got = mine.query(signature(text))
        assert got == set(theirs.query(_theirs(text)))
        found += len(got) > 1
    assert found >= 10  # the near-copies were candidates


def test_the_index_finds_the_earliest_original() -> None:
    text = _texts()[0]
    index = NearDuplicateIndex()
    index.add("first", signature(text))
    index.add("copy", signature(text + "\n\nOfficials said talks would resume."), "first")
    assert index.original_of(signature(text)) == "first"
    assert index.original_of(signature(_texts()[1])) is None


def test_ingest_does_not_import_datasketch() -> None:
    import subprocess
    import sys

    code = ("import sys, tempfile, pathlib\n"
            "from detente.ingest import ingest_paths\n"
            "from detente.store import Store\n"
            "with tempfile.TemporaryDirectory() as d, Store(pathlib.Path(d) / 'x.duckdb') as s:\n"
            f"    ingest_paths([{str(CORPUS)!r}], s)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
