"""spaCy loading and sentence handling: the one place that knows which model we use."""

from detente.nlp.model import MODEL_PACKAGES, load_nlp, sentences_of

__all__ = ["MODEL_PACKAGES", "load_nlp", "sentences_of"]
