"""The unpacked py3langid model in the cache folder (detente.clean.language) is the
model py3langid loads itself: same arrays, same answers; a damaged file is replaced."""

from __future__ import annotations

import numpy as np
import pytest

from detente.clean import language


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path))
    from detente.settings import settings

    settings.cache_clear()
    language._identifier.cache_clear()
    yield tmp_path
    settings.cache_clear()
    language._identifier.cache_clear()


def _reference():
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_DIR / langid.MODEL_FILE,
                                                     norm_probs=True)


TEXTS = [
    "The foreign ministers met in Geneva on Monday to discuss the treaty.",
    "Der Bundestag hat heute beschlossen, die Gespräche fortzusetzen.",
    "La France et l'Allemagne ont signé un accord sur l'énergie.",
    "Министр иностранных дел заявил, что переговоры продолжатся.",
    "短い",
]


def test_the_cached_model_is_the_shipped_one(cache_dir):
    first = language._identifier()  # unpacks into the cache folder
    files = list(cache_dir.glob("langid-*.npz"))
    assert len(files) == 1
    language._identifier.cache_clear()
    cached = language._identifier()  # read back from it
    ref = _reference()
    for got in (first, cached):
        for name in ("nb_ptc", "nb_pc"):
            a, b = getattr(got, name), getattr(ref, name)
            assert a.dtype == b.dtype and np.array_equal(a, b)
        for name in ("nb_classes", "tk_nextmove", "tk_row", "tk_output"):
            assert getattr(got, name) == getattr(ref, name)
        assert [got.classify(t) for t in TEXTS] == [ref.classify(t) for t in TEXTS]


def test_a_damaged_cache_file_is_not_used(cache_dir):
    language._identifier()
    (path,) = cache_dir.glob("langid-*.npz")
    path.write_bytes(b"not a model")
    language._identifier.cache_clear()
    got = language._identifier()
    assert [got.classify(t) for t in TEXTS] == [_reference().classify(t) for t in TEXTS]


def test_no_cache_folder_when_caching_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_CACHE_DIR", "off")
    from detente.settings import settings

    settings.cache_clear()
    try:
        assert language._cache_dir() is None
    finally:
        settings.cache_clear()


def test_the_arrays_are_read_in_place_from_the_cached_file(cache_dir):
    got = language._identifier()
    (path,) = cache_dir.glob("langid-*.npz")
    mapped = language._mapped_npz(path)
    with np.load(path, allow_pickle=False) as data:
        assert sorted(mapped) == sorted(data.files)
        for name in data.files:
            a, b = mapped[name], data[name]
            assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
    # the feature table and the DFA's moves are the file's pages, not copies
    assert got.nb_ptc.base is not None and not got.nb_ptc.flags.writeable
    assert isinstance(got.tk_nextmove, memoryview)


def test_an_npz_that_cannot_be_mapped_is_refused(tmp_path):
    packed = tmp_path / "packed.npz"
    np.savez_compressed(packed, ptc=np.arange(6, dtype=np.float16))
    with pytest.raises(ValueError):
        language._mapped_npz(packed)
    stored = tmp_path / "stored.npz"
    np.savez(stored, ptc=np.arange(6, dtype=np.float16).reshape(2, 3), pc=np.ones(3))
    mapped = language._mapped_npz(stored)
    assert mapped["ptc"].tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    assert mapped["pc"].tolist() == [1.0, 1.0, 1.0]


def _depths(identifier) -> np.ndarray:
    """Each state's distance in bytes from the start state (breadth first)."""
    moves = np.asarray(identifier.tk_nextmove)
    rows = np.asarray(identifier._rowbase, dtype=np.intp)
    depth = np.full(len(rows), -1)
    depth[0], frontier, d = 0, np.array([0]), 0
    while len(frontier):
        d += 1
        reached = np.unique(moves[(rows[frontier][:, None] + np.arange(256)).ravel()])
        frontier = reached[depth[reached] < 0]
        depth[frontier] = d
    return depth


def test_the_window_covers_the_model_s_longest_feature():
    from detente.clean.langid_walk import WINDOW

    depth = _depths(_reference())
    assert depth.min() >= 0  # every state reached
    assert depth.max() <= WINDOW


def test_counts_by_windows_are_py3langid_s_in_the_same_order(cache_dir):
    import random

    from py3langid.langid import visit_counts

    got = language._identifier()
    rng = random.Random(16)
    texts = [t.encode("utf-8") for t in TEXTS]
    texts += [b"", b"a", (TEXTS[0] + " " + TEXTS[2]).encode("utf-8") * 3]
    texts += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(50)]
    for data in texts:
        want = visit_counts(got.tk_nextmove, got._rowbase, got.tk_output, data) or {}
        assert list(got.counts(data).items()) == list(want.items())
    ref = _reference()
    for text in TEXTS + ["", "?!", "UPPER CASE HEADLINE ABOUT TALKS"]:
        assert got.classify(text) == ref.classify(text)


def test_scores_with_rows_cast_once_are_py3langid_s_to_the_bit(cache_dir, monkeypatch):
    from detente.clean import langid_walk

    got = language._identifier()
    ref = _reference()
    texts = [t.encode("utf-8") for t in TEXTS]
    texts.append(" ".join(TEXTS).encode("utf-8") * 4)  # rows seen before, and new ones
    for data in texts:
        visits = got.counts(data)
        want = ref._sparse_score(visits, ref.nb_ptc)
        assert got._sparse_score(visits, got.nb_ptc).tobytes() == want.tobytes()
    # with no room left for more rows, they are cast for each use: the same numbers
    monkeypatch.setattr(langid_walk, "ROWS_KEPT", 8)
    got._float_rows = None
    for data in texts:
        visits = got.counts(data)
        want = ref._sparse_score(visits, ref.nb_ptc)
        assert got._sparse_score(visits, got.nb_ptc).tobytes() == want.tobytes()
    assert got._float_rows is not None and got._float_rows._used <= 8


def test_raw_scores_are_py3langid_s_to_the_bit(cache_dir):
    import random

    got = language._identifier()
    ref = _reference()
    rng = random.Random(11)
    texts = [got._encode(t) for t in TEXTS] + [b"", b"a", " ".join(TEXTS).encode("utf-8") * 3]
    texts += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 600))) for _ in range(40)]
    for data in texts:
        assert got._raw_score(data).tobytes() == ref._raw_score(data).tobytes()
