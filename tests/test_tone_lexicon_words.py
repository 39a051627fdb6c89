"""detente.signals.tone's VADER scores only the words in its lexicon: every other word
scores 0 without VADER's per-word call, and the scores are VADER's own (sentences written
for this test: boosters, 'kind of', 'but', capitals, 'no', 'least', punctuation, the
idioms VADER checks around a lexicon word)."""

from __future__ import annotations

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from detente.signals.tone import _Analyzer

TEXTS = [
    "The two foreign ministers met on Tuesday in the capital.",
    "The envoy was extremely pleased, but the hosts were kind of cold.",
    "It was a kind gesture, of course, and a very welcome one.",
    "The delegation was VERY angry and the talks FAILED badly!!!",
    "There was no hope and no good will left once the week was over.",
    "At least the partners were not the least bit hostile.",
    "Officials called the plan a great success, but others saw it as a disaster?",
    "Kind",
    "kind of",
    "The summit ended without a statement; no one spoke to reporters.",
    "The deal is good but not great, and kind of late.",
    # idioms and two-word boosters around a lexicon word (VADER's special cases)
    "Critics said the new tariff was the kiss of death for the fragile trade pact.",
    "The view from the embassy roof is to die for, the ambassador joked.",
    "The talks were sort of helpful and kind of friendly at the very end.",
    "Yeah right, the minister said of the promised support.",
    "Protesters gathered near the bus stop outside the consulate, angry and loud.",
    "Both sides were rather pleased with it, sort of.",
]


def test_scores_are_vaders_own() -> None:
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    own = type(fast)._special_idioms_check
    assert own is not SentimentIntensityAnalyzer._special_idioms_check
    for text in TEXTS:
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text


def test_only_lexicon_words_take_vaders_per_word_step() -> None:
    fast = _Analyzer()
    scored: list[str] = []
    own = fast.sentiment_valence

    def counting(valence, sentitext, item, i, sentiments):  # type: ignore[no-untyped-def]
        scored.append(item)
        return own(valence, sentitext, item, i, sentiments)

    fast.sentiment_valence = counting
    assert fast.polarity_scores(TEXTS[0])["compound"] == 0.0
    assert scored == []  # no word of it is in VADER's lexicon
    assert fast.polarity_scores("The hosts were pleased with the visit.")["compound"] > 0
    assert scored == ["pleased"]


def test_words_are_vaders_own_stripped_forms() -> None:
    from vaderSentiment.vaderSentiment import SentiText

    from detente.signals.tone import _SentiText

    texts = [*TEXTS, "(Good) news: the talks -- at last -- went well :) ok?!",
             "Les ministres étaient très contents à Montréal, a « good » day."]
    for text in texts + texts:  # the second time, every word's form is remembered
        assert _SentiText(text).words_and_emoticons == SentiText(text).words_and_emoticons
        assert _SentiText(text).is_cap_diff == SentiText(text).is_cap_diff
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    for text in texts:
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text
