"""Language of a body, identified with py3langid (loaded once per process)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


def identify_language(
    text: str, *, min_chars: int, min_probability: float
) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability), or None when the text is too short or the guess too weak."""
    if len(text.strip()) < min_chars:
        return None
    code, prob = _identifier().classify(text)
    return (code, float(prob)) if prob >= min_probability else None
