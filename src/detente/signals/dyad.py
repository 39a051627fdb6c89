"""The main dyad of an article: the pair of countries it is mostly about.

Per-dyad views (time series, reports) need to know which relationship an
article speaks to, and "our relationship" or "bilateral ties" in it refer to
that pair. We count, over the actor mentions, how often each pair of distinct
countries appears in the same sentence, and take the most frequent pair (ties
broken by how often each country is mentioned at all, then alphabetically).
With no sentence naming two countries, the two most mentioned countries form
the dyad. International organizations, NGOs and other non-state codes count
only when fewer than two states are mentioned.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from detente.records import Mention
from detente.signals.config import AssessmentConfig, load_assessment_config


def _dyad_from(mentions: Sequence[Mention]) -> tuple[str, str] | None:
    counts = Counter(m.country for m in mentions if m.country)
    if len(counts) < 2:
        return None
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        if m.country:
            by_sentence[m.sentence_index].add(m.country)
    pairs: Counter[tuple[str, str]] = Counter()
    for countries in by_sentence.values():
        for a, b in combinations(sorted(countries), 2):
            pairs[(a, b)] += 1
    if pairs:
        best = max(pairs, key=lambda p: (pairs[p], counts[p[0]] + counts[p[1]], _alpha_key(p)))
        return best
    top = sorted(counts, key=lambda c: (-counts[c], c))[:2]
    a, b = sorted(top)
    return (a, b)


def _alpha_key(pair: tuple[str, str]) -> tuple[int, ...]:
    # max() prefers larger keys; invert characters so that alphabetically
    # earlier pairs win ties deterministically.
    return tuple(-ord(ch) for ch in pair[0] + pair[1])


def main_dyad(
    mentions: Sequence[Mention], *, config: AssessmentConfig | None = None
) -> tuple[str, str] | None:
    """The article's main pair of countries as a sorted tuple, e.g. ("RUS", "USA")."""
    cfg = config or load_assessment_config()
    non_state = set(cfg.non_state_codes)
    states = [m for m in mentions if m.country and m.country not in non_state]
    dyad = _dyad_from(states)
    if dyad is not None:
        return dyad
    return _dyad_from([m for m in mentions if m.country])
