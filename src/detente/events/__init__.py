"""detente.events: rule-based event coding (patterns over the parse, article context)."""

from detente.events.coder import EventCoder
from detente.events.context import infer_targets
from detente.events.patterns import PatternBook, load_patterns
from detente.events.tabari_verbs import import_verbs, parse_verbs

__all__ = ["EventCoder", "PatternBook", "import_verbs", "infer_targets", "load_patterns", "parse_verbs"]
