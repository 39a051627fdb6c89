"""Actors: find every political actor in a parsed article and code it in context.

    from detente.actors import ActorResolver
    resolver = ActorResolver.default()            # built-in data (+ user files), cached
    mentions = resolver.resolve(doc, article_id, "2018-01-26")

Knowledge lives in ``detente/data/actors`` (countries.tsv, places.tsv, metonyms.yaml,
organizations.yaml, agents.yaml, people_*.yaml, context.yaml, confidences.yaml); see
docs/ACTORS.md.
"""

from detente.actors.coding import compose
from detente.actors.knowledge import (
    DATA_DIR,
    SECTORS,
    ActorKnowledge,
    load_defaults,
    merge_user_yaml,
)
from detente.actors.resolver import ActorResolver, load_knowledge, parse_date
from detente.actors.tabari import parse_actors, parse_agents

__all__ = [
    "DATA_DIR",
    "SECTORS",
    "ActorKnowledge",
    "ActorResolver",
    "compose",
    "load_defaults",
    "load_knowledge",
    "merge_user_yaml",
    "parse_actors",
    "parse_agents",
    "parse_date",
]
