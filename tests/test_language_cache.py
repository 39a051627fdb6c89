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
