"""Stages get the pipeline handed to them: the Coder gives the signals its tokenizer (for
the phrases of the YAML files) and the actor resolver its pipeline (for the byline), so
no stage loads spaCy itself; the results are those of the default pipeline.
"""

from __future__ import annotations

import pytest

import detente.nlp
from detente.coding import Coder
from detente.nlp import sentences_of
from detente.records import Article, article_id_for
from detente.signals import assessments, extract_signals, issues, tone

# Invented text: an assessment, issues, a tone phrase, and "I" read as the byline's person.
BODY = (
    "Russia and Ukraine said relations were at their lowest point over the arms control "
    "treaty. I told the American envoy that Russia will not accept sanctions, said the minister."
)
ARTICLE = Article(id=article_id_for(BODY), body=BODY, published="2020-05-01",
                  authors=["Sergey Lavrov"])


class _Spy:
    """A tokenizer that counts the texts it is given."""

    def __init__(self, tokenizer):
        self.tokenizer, self.texts = tokenizer, []

    def __call__(self, text):
        self.texts.append(text)
        return self.tokenizer(text)

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        self.texts += texts
        return self.tokenizer.pipe(texts, **kwargs)


@pytest.fixture(scope="module")
def coders() -> dict[str, Coder]:
    return {"rules": Coder(), "model": Coder(model="")}


def _forget(coder: Coder) -> None:
    """Empty the caches of what was built with a tokenizer or parsed (built again on use)."""
    tone._PHRASES.clear()
    assessments._CACHE.clear()
    issues._CACHE.clear()
    coder.resolver._authors.clear()
    coder.resolver._author_docs.clear()


def _refuse(*args, **kwargs):
    raise AssertionError("a stage loaded the spaCy pipeline itself")


@pytest.mark.parametrize("kind", ["rules", "model"])
def test_the_coder_hands_its_pipeline_to_the_stages(
    kind: str, coders: dict[str, Coder], monkeypatch: pytest.MonkeyPatch
) -> None:
    coder = coders[kind]
    doc = coder.nlp(BODY)
    before = coder.code_doc(doc, ARTICLE)
    assert any(m.resolved_by == "author" for m in before.mentions)
    assert before.assessments and before.issues

    _forget(coder)
    monkeypatch.setattr(detente.nlp, "load_nlp", _refuse)
    spy = _Spy(coder.nlp.tokenizer)
    monkeypatch.setattr(coder.nlp, "tokenizer", spy)
    after = coder.code_doc(doc, ARTICLE)
    assert after == before
    assert "Sergey Lavrov" in spy.texts  # the byline, parsed by the coder's pipeline
    assert len(spy.texts) > 10  # the signals' phrases, split by its tokenizer
    _forget(coder)  # nothing built with the spy outlives the test


def test_public_callers_keep_the_default_pipeline(coders: dict[str, Coder]) -> None:
    coder = coders["rules"]
    doc = coder.nlp(BODY)
    sentences = sentences_of(doc, ARTICLE.id)
    mentions = coder.resolver.resolve(doc, ARTICLE.id, ARTICLE.published, ARTICLE.authors)
    _forget(coder)
    default = extract_signals(doc, ARTICLE, sentences, mentions)
    _forget(coder)
    handed = extract_signals(doc, ARTICLE, sentences, mentions, tokenizer=coder.nlp.tokenizer)
    assert default == handed and default.assessments
    assert mentions == coder.resolver.resolve(
        doc, ARTICLE.id, ARTICLE.published, ARTICLE.authors, nlp=coder.nlp
    )
