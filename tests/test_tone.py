"""Sentence and article tone with the diplomatic adaptation of VADER (invented sentences)."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from detente.nlp import load_nlp, sentences_of
from detente.records import Sentence
from detente.signals import article_tone, load_tone_config, score_text, sentence_tones


def tones(text: str) -> dict[int, float]:
    doc = load_nlp()(text)
    return sentence_tones(doc, sentences_of(doc, "t"))


POSITIVE = [
    "The two ministers held constructive and productive talks and welcomed the rapprochement.",
    "Both leaders praised the fruitful cooperation and agreed to deepen their partnership.",
]
NEGATIVE = [
    "Relations have deteriorated sharply amid accusations of meddling and provocations.",
    "The expulsion of diplomats was condemned as a hostile and unacceptable provocation.",
]
NEUTRAL = [
    "The United States and Russia will discuss security in the Security Council on Tuesday.",
    "The Justice Department and the intelligence community will brief the defense committee.",
    "The treaty limits the number of nuclear weapons each side may deploy.",
]


@pytest.mark.parametrize("text", POSITIVE)
def test_clearly_positive(text: str) -> None:
    assert tones(text)[0] > 0.5


@pytest.mark.parametrize("text", NEGATIVE)
def test_clearly_negative(text: str) -> None:
    assert tones(text)[0] < -0.5


@pytest.mark.parametrize("text", NEUTRAL)
def test_topical_and_institutional_words_are_neutral(text: str) -> None:
    assert abs(tones(text)[0]) < 0.1


def test_the_adaptation_is_what_makes_them_neutral() -> None:
    # Plain VADER reads names and topics as sentiment; the adjusted lexicon does not.
    plain = SentimentIntensityAnalyzer()
    assert plain.polarity_scores(NEUTRAL[0])["compound"] > 0.3
    assert plain.polarity_scores(NEUTRAL[2])["compound"] < -0.3


def test_diplomatic_register_words_are_scored() -> None:
    plain = SentimentIntensityAnalyzer()
    for word, sign in [("constructive", 1), ("rapprochement", 1), ("frayed", -1), ("meddling", -1)]:
        text = f"Observers spoke of {word} relations."
        assert plain.polarity_scores(text)["compound"] == 0.0
        assert score_text(text) * sign > 0.1
    # a "frank exchange of views" is diplomatic code for disagreement
    assert score_text("They had a frank exchange of views.") < 0


def test_negation_still_works() -> None:
    assert score_text("The talks were not constructive.") < 0


def test_tone_is_in_range_and_keyed_by_sentence() -> None:
    text = " ".join(POSITIVE + NEGATIVE + NEUTRAL)
    result = tones(text)
    assert sorted(result) == list(range(len(POSITIVE + NEGATIVE + NEUTRAL)))
    assert all(-1.0 <= v <= 1.0 for v in result.values())


def test_article_tone_is_weighted_by_sentence_length() -> None:
    sents = [
        Sentence("t", 0, 0, 10, "one two three four five six seven eight"),  # 8 words
        Sentence("t", 1, 11, 20, "one two"),  # 2 words
    ]
    assert article_tone(sents, {0: 0.5, 1: -1.0}) == pytest.approx((0.5 * 8 - 1.0 * 2) / 10)
    assert article_tone([], {}) is None


def test_every_adjustment_has_a_reason() -> None:
    cfg = load_tone_config()
    entries = cfg.neutral_words + cfg.dampened_words + cfg.added_words + cfg.neutral_phrases
    assert entries and all(e.reason.strip() for e in entries)
