"""The article as context for an event's arguments.

A sentence often names only the actor ("Tokyo lodged a protest", "It recalled its
ambassador"): the other party is the story's. For an event with no target, the
other party of the source in the article is taken: the country its actors are
named with most often, else the article's most salient other country. Such a
target is marked as inferred (the rule id gets ``+target:article``) and the
event's confidence is lowered, so users can filter these events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import replace

from detente.actors.knowledge import NONSTATE
from detente.records import ActorRef, Event, Mention

INFERRED_TARGET = "+target:article"
# resolved_by of an actor taken from the article rather than named where it acts
FROM_ARTICLE = "article_context"
INFERRED_FACTOR = 0.6
# how much a sentence naming an organisation with the source counts towards the other party
NONSTATE_PARTNER_WEIGHT = 0.5


def partners(mentions: list[Mention]) -> dict[str, Counter]:
    """For each country, how many sentences name it with each other country."""
    by_sent: dict[int, set[str]] = {}
    for m in mentions:
        if m.country and m.kind != "place":
            by_sent.setdefault(m.sentence_index, set()).add(m.country)
    out: dict[str, Counter] = {}
    for cs in by_sent.values():
        if len(cs) < 2:
            continue  # a country named alone in its sentence is named with none
        for a in cs:
            row = out.get(a)
            if row is None:  # (a Counter made only for a country's first pair)
                row = out[a] = Counter()
            for b in cs - {a}:
                row[b] += 1
    return out


def salience(mentions: list[Mention]) -> list[str]:
    """Countries of the article's actors, most mentioned first (first mention breaks ties)."""
    counts = Counter(m.country for m in mentions if m.country and m.kind != "place")
    first = {}
    for m in mentions:
        if m.country and m.country not in first:
            first[m.country] = m.start
    return sorted(counts, key=lambda c: (-counts[c], first.get(c, 0)))


def _without_self_targets(e: Event, no_self_roots: Collection[str] = ()) -> Event:
    """An actor taken from the article for "we" or "it" is not the target named in the
    sentence: "we call on the government of Togo", with "we" read as Togo, leaves Togo
    as no target (and the other party is inferred). Nor is a state the target of its own
    diplomacy (``no_self_roots``: "Norway suspended Norway's part in the accord").
    Named actors acting on their own country by force (police arresting protesters) keep
    their target."""
    if "+source:article" not in e.rule and e.cameo_root not in no_self_roots:
        return e
    sources = {_identity(a) for a in e.source if a.country}
    kept = [a for a in e.target if _identity(a) not in sources]
    return e if len(kept) == len(e.target) else replace(e, target=kept)


def _identity(a: ActorRef) -> str:
    """Whose act it is: a state by its country; an organisation by its own code and name
    (the EU asking ICAO to investigate does not act on itself)."""
    if a.country in NONSTATE:  # two organisations are two actors, not one country
        return f"{a.code}|{a.name}"
    return str(a.country)


def infer_targets(events: list[Event], mentions: list[Mention],
                  no_self_roots: Collection[str] = (), named_codes: Collection[str] = ()) -> list[Event]:
    """Events with no target get the other party of their source from the article; an
    own-country target given up for the other party is kept when there is none. Events of
    ``named_codes`` (CAMEO code prefixes: meetings, arrests) that would get the other party
    are dropped instead: no guess (with no other party in the story, they stay untargeted)."""
    originals = events
    events = [_without_self_targets(e, no_self_roots) for e in events]
    if not any(not e.target for e in events):
        return events
    pairs = partners(mentions)
    ranked = salience(mentions)
    first_mention = {}
    for m in mentions:
        if m.country and m.kind != "place" and m.country not in first_mention:
            first_mention[m.country] = m
    out = []
    for e, original in zip(events, originals, strict=True):
        sources = {a.country for a in e.source if a.country}
        if e.target or not sources:
            out.append(e)
            continue
        other = _other_party(sources, pairs, ranked)
        if other is None or other not in first_mention:
            out.append(original if "+source:article" not in e.rule else e)
            continue
        if any(e.cameo.startswith(c) for c in named_codes):
            continue  # the story's other party would be a guess: no event
        # named elsewhere in the article, not in this sentence
        refs = [replace(ActorRef.from_mention(first_mention[c]), start=None, end=None,
                        resolved_by=FROM_ARTICLE)
                for c in [other, *_tied_with(other, sources, pairs)] if c in first_mention]
        out.append(replace(e, target=refs, rule=e.rule + INFERRED_TARGET,
                           confidence=round(e.confidence * INFERRED_FACTOR, 3)))
    return out


def _tied_with(other: str, sources: set[str], pairs: dict[str, Counter]) -> list[str]:
    """States named with the source exactly as often as ``other``, the other party, and
    always in the same sentences as it (two states named as a pair all through a story of their
    strikes): the other party is both."""
    if other in NONSTATE:
        return []
    together: Counter = Counter()
    for s in sources:
        together.update(pairs.get(s, Counter()))
    n = together[other]
    return [c for c in together if c != other and c not in sources and c not in NONSTATE
            and together[c] == n >= 2 and pairs.get(other, Counter())[c] >= n]


def other_party(countries: set[str], mentions: list[Mention]) -> str | None:
    """The other party of ``countries`` in the article of ``mentions``."""
    return _other_party(countries, partners(mentions), salience(mentions))


def _other_party(sources: set[str], pairs: dict[str, Counter], ranked: list[str]) -> str | None:
    together: Counter = Counter()
    for s in sources:
        together.update(pairs.get(s, Counter()))
    for s in sources:
        together.pop(s, None)
    for c in together:
        if c in NONSTATE:
            # an organisation named beside a state counts half: a state's quarrel is most
            # often with another state, named beside the alliance it joins or the body it
            # appeals to ("Finland joined NATO ... the Kremlin warned": Finland)
            together[c] = together[c] * NONSTATE_PARTNER_WEIGHT
    if together:
        return sorted(together, key=lambda c: (-together[c], ranked.index(c) if c in ranked else 99))[0]
    return next((c for c in ranked if c not in sources), None)
