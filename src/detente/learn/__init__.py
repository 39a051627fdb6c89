"""The trained event decision: features from the parse and the rule coder, a linear
model per PLOVER type, source/target scorers, and the safe model file format."""

from detente.learn.model import DEFAULT_MODEL, EventModel, load_model

__all__ = ["DEFAULT_MODEL", "EventModel", "load_model"]
