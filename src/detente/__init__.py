"""detente: turn news text into measured international relations."""

from detente.errors import (
    ConfigError,
    DetenteError,
    InputError,
    OntologyError,
    StoreError,
)
from detente.records import (
    ActorRef,
    Article,
    Assessment,
    CodedArticle,
    Event,
    IssueTag,
    Mention,
    Quote,
    Sentence,
)
from detente.store import Store

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Article",
    "Assessment",
    "CodedArticle",
    "ConfigError",
    "DetenteError",
    "Event",
    "InputError",
    "IssueTag",
    "Mention",
    "OntologyError",
    "Quote",
    "Sentence",
    "Store",
    "StoreError",
    "__version__",
]
