"""detente: turn news text into measured international relations."""

from detente.errors import (
    ConfigError,
    DetenteError,
    InputError,
    OntologyError,
    StoreError,
)
from detente.lazy import lazy_attributes
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

__version__ = "0.1.0"

# Stage entry points, imported on first use: `import detente` stays light, and
# spaCy, trafilatura, DuckDB and friends load only when a stage is used.
_LAZY = {
    "Store": "detente.store",
    "ActorResolver": "detente.actors",
    "Coder": "detente.pipeline",
    "EventCoder": "detente.events.coder",
    "code_pending": "detente.pipeline",
    "code_text": "detente.pipeline",
    "dyad_series": "detente.analytics",
    "events_frame": "detente.analytics",
    "evaluate": "detente.evaluation.events_eval",
    "extract_signals": "detente.signals",
    "ingest_paths": "detente.ingest",
    "iter_articles": "detente.ingest",
    "load_nlp": "detente.nlp",
    "lookup": "detente.ontology",
}


__getattr__ = lazy_attributes(__name__, _LAZY)

__all__ = [
    "ActorRef",
    "ActorResolver",
    "Article",
    "Assessment",
    "CodedArticle",
    "Coder",
    "ConfigError",
    "DetenteError",
    "Event",
    "EventCoder",
    "InputError",
    "IssueTag",
    "Mention",
    "OntologyError",
    "Quote",
    "Sentence",
    "Store",
    "StoreError",
    "__version__",
    "code_pending",
    "code_text",
    "dyad_series",
    "evaluate",
    "events_frame",
    "extract_signals",
    "ingest_paths",
    "iter_articles",
    "load_nlp",
    "lookup",
]
