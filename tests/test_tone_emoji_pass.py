"""detente.signals.tone's VADER skips the emoji pass on a text without an emoji character:
the scores are VADER's own, emojis or not (sentences written for this test)."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from detente.signals.tone import _Analyzer

TEXTS = [
    "The envoys left the summit angry, and no date was set for another round.",
    "  Both capitals hailed a calm and friendly week of talks!  ",
    "Talks collapsed \U0001f621 after the delegation walked out.",
    "Fans of the deal posted \u263a\ufe0f and \U0001f44d all evening.",
    "Vote #3 passed 12-4 with 2 abstentions, a welcome result.",
    "Press 1\ufe0f\u20e3 to hear the minister's statement.",
    "\U0001f600",
    "\u263a\ufe0f",
    "",
    "   ",
    "NOT good, not good at all :(",
]


@pytest.fixture(scope="module")
def analyzers() -> tuple[SentimentIntensityAnalyzer, _Analyzer]:
    return SentimentIntensityAnalyzer(), _Analyzer()


@pytest.mark.parametrize("text", TEXTS)
def test_scores_are_vaders_own(analyzers, text: str) -> None:
    plain, fast = analyzers
    assert fast.polarity_scores(text) == plain.polarity_scores(text)


class _Counting(dict):  # type: ignore[type-arg]
    lookups = 0

    def __contains__(self, key: object) -> bool:
        _Counting.lookups += 1
        return super().__contains__(key)


def test_a_text_without_emoji_is_not_copied_character_by_character() -> None:
    fast = _Analyzer()
    fast.emojis = _Counting(fast.emojis)
    text = TEXTS[0]
    _Counting.lookups = 0
    fast.polarity_scores(text)
    assert _Counting.lookups <= 2  # the whole text, once or twice; not one per character
    _Counting.lookups = 0
    fast.polarity_scores(TEXTS[2])
    assert _Counting.lookups >= len(TEXTS[2])  # an emoji in it: VADER's own pass
