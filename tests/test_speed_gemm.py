"""The parser's matrices multiplied by numpy's BLAS (the ``matrix_library`` setting) in
place of blis change nothing but the time.

Every article of the sample corpus is parsed by a pipeline of each kind. The tokens must
carry the same attributes and nearly the same tok2vec tensor (the two libraries add in
different orders), and the coding stages must find the same mentions, events, quotes,
issues and assessments, with the rules and with the trained model deciding.
"""

from __future__ import annotations

import numpy
import pytest
from threadpoolctl import threadpool_info

from detente.errors import ConfigError
from detente.nlp import load_nlp
from detente.pipeline import Coder
from detente.records import Article
from detente.settings import load_settings, settings
from factories import assert_same_coding

ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START",
         "ENT_IOB", "ENT_TYPE", "ENT_ID", "NORM"]


@pytest.fixture(scope="module")
def articles(sample_articles: list[Article]) -> list[Article]:
    return sample_articles


def _libraries(nlp) -> set[bool]:
    return {
        layer.ops.use_blis
        for _, component in nlp.pipeline if hasattr(getattr(component, "model", None), "walk")
        for layer in component.model.walk()
    }


def test_the_default_pipeline_multiplies_with_numpy_on_the_threads_set():
    assert settings().matrix_library == "numpy"
    nlp = load_nlp()
    assert nlp is load_nlp(matrix_library="numpy")
    assert _libraries(nlp) == {False}  # every layer, the parser's output layer included
    assert _libraries(load_nlp(matrix_library="blis")) == {True}
    blas = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and set(blas) == {settings().blas_threads}


def test_same_token_attributes_and_nearly_the_same_tensor(articles: list[Article]):
    texts = [a.body for a in articles]
    fast = list(load_nlp().pipe(texts, batch_size=8))
    spacy_default = list(load_nlp(matrix_library="blis").pipe(texts, batch_size=8))
    tokens = 0
    for a, x, y in zip(articles, fast, spacy_default, strict=True):
        assert numpy.array_equal(x.to_array(ATTRS), y.to_array(ATTRS)), a.id
        assert x.tensor.shape == y.tensor.shape, a.id
        assert numpy.allclose(x.tensor, y.tensor, rtol=0, atol=1e-4), a.id
        tokens += len(x)
    assert tokens > 10_000


@pytest.mark.parametrize("model", [None, ""], ids=["rules", "model"])
def test_same_coded_output(articles: list[Article], model: str | None):
    coder = Coder(model=model)
    after = coder.code_batch(articles)
    coder.nlp = load_nlp(matrix_library="blis")
    try:
        before = coder.code_batch(articles)
    finally:
        coder.nlp = load_nlp()
    assert before[1] == after[1] == []
    assert assert_same_coding(before[0], after[0]) > 100


def test_a_matrix_library_detente_does_not_know_is_refused():
    assert load_settings({"DETENTE_MATRIX_LIBRARY": "blis"}).matrix_library == "blis"
    with pytest.raises(ConfigError, match="DETENTE_MATRIX_LIBRARY"):
        load_settings({"DETENTE_MATRIX_LIBRARY": "cuda"})
    with pytest.raises(ConfigError, match="DETENTE_BLAS_THREADS"):
        load_settings({"DETENTE_BLAS_THREADS": "0"})
