"""An event as a rule finds it in the parse, before it becomes an `Event` record.

Also the few facts about its actors that several rules share: an actor taken from
the article for an unnamed subject (marked, less sure), a state, and a reciprocal act
of a compound subject. Kept apart so every rule module can build a found event
without importing the coder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Token

from detente.events.context import FROM_ARTICLE, INFERRED_FACTOR
from detente.events.patterns import Pattern
from detente.records import Mention

_STATE_SECTORS = {"GOV", "DIP", "MIL", "LEG"}

# resolved_by of a source taken from the article for an unnamed subject ("it", "the ministry")
IMPLICIT = FROM_ARTICLE


@dataclass
class _Found:
    pattern: Pattern
    trigger: Token
    source: list[Mention]
    target: list[Mention]
    modality: str = "actual"
    negated: bool = False
    speaker: list[Mention] | None = None
    code: str | None = None
    via: str = ""  # how the frame was read when not from the parse: "+headline"


def _implicit(m: Mention) -> Mention:
    """The article's actor standing in for an unnamed subject: marked, less sure."""
    return replace(m, resolved_by=IMPLICIT, confidence=round(m.confidence * INFERRED_FACTOR, 3))


def _is_state(m: Mention) -> bool:
    """A government, its diplomats, forces or legislature, or the country named as such."""
    if m.sector in _STATE_SECTORS:
        return True
    return m.sector is None and m.kind == "actor" and bool(m.country) and m.code == m.country


def _each_other(pattern: Pattern, source: list[Mention], target: list[Mention],
                mutual: bool = False, hub: Callable[[list[str]], str | None] | None = None,
                ) -> tuple[list[Mention], list[Mention]]:
    """ "A and B agreed / met / clashed": a reciprocal act of a compound subject with no
    other target has the first party as source and the others as its targets; so has any
    act done "to each other" ("named envoys to each other's capital cities"). With three
    parties or more, ``hub`` may name the one the story is about ("A, B, C and D held
    talks", in a story on D): each other party acts with it (sources A, B, C; target D)."""
    if not (pattern.reciprocal or mutual) or target:
        return source, target
    countries = list(dict.fromkeys(m.country for m in source if m.country))
    if len(countries) < 2:
        return source, target
    centre = hub(countries) if hub is not None and len(countries) > 2 else None
    if centre in countries:
        return [m for m in source if m.country != centre], [m for m in source if m.country == centre]
    first = [m for m in source if m.country == countries[0]]
    return first, [m for m in source if m.country != countries[0]]
