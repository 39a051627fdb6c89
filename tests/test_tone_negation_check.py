"""detente.signals.tone's VADER reads only the words before a lexicon word when it checks
them for a negation: the scores are VADER's own (sentences written for this test, one per
branch of the check: a negation one, two or three words before, 'never so', 'without
doubt', "n't", capitals)."""

from __future__ import annotations

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from detente.signals.tone import _Analyzer

TEXTS = [
    "The minister was not happy with the outcome of the vote.",
    "The delegates did not really welcome the revised plan.",
    "Negotiators could not quite honestly praise the draft.",
    "The talks were never so friendly in a decade of meetings.",
    "Relations were never this warm before the state visit.",
    "This is without doubt a good agreement for both sides.",
    "Without any doubt the partnership is strong.",
    "The treaty wasn't bad, and the summit isn't a failure either.",
    "Envoys rarely find the proposals useful, despite good intentions.",
    "Delegations aint happy and nobody seems hopeful.",
    "NEVER so GOOD a day for the alliance!",
    "Good.",
    "not good",
    "no progress, no hope, nor any trust",
]


def test_scores_are_vaders_own() -> None:
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    assert type(fast)._negation_check is not SentimentIntensityAnalyzer._negation_check
    for text in TEXTS:
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text
    assert fast.polarity_scores("not happy")["compound"] < 0 < fast.polarity_scores("happy")["compound"]
