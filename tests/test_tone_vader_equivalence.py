"""detente.signals.tone's VADER (_Analyzer) takes shortcuts VADER does not, and its scores
are VADER's own (sentences written for these tests):

- it reads only the words before a lexicon word when it checks them for a negation (one
  sentence per branch of the check: a negation one, two or three words before, 'never so',
  'without doubt', "n't", capitals);
- it scores only the words in its lexicon: every other word scores 0 without VADER's
  per-word call (boosters, 'kind of', 'but', capitals, 'no', 'least', punctuation, the
  idioms VADER checks around a lexicon word)."""

from __future__ import annotations

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from detente.signals.tone import _Analyzer

NEGATION_TEXTS = [
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

LEXICON_TEXTS = [
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


def test_negation_check_scores_are_vaders_own() -> None:
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    assert type(fast)._negation_check is not SentimentIntensityAnalyzer._negation_check
    for text in NEGATION_TEXTS:
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text
    assert fast.polarity_scores("not happy")["compound"] < 0 < fast.polarity_scores("happy")["compound"]


def test_lexicon_word_scores_are_vaders_own() -> None:
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    own = type(fast)._special_idioms_check
    assert own is not SentimentIntensityAnalyzer._special_idioms_check
    for text in LEXICON_TEXTS:
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text


def test_only_lexicon_words_take_vaders_per_word_step() -> None:
    fast = _Analyzer()
    scored: list[str] = []
    own = fast.sentiment_valence

    def counting(valence, sentitext, item, i, sentiments):  # type: ignore[no-untyped-def]
        scored.append(item)
        return own(valence, sentitext, item, i, sentiments)

    fast.sentiment_valence = counting
    assert fast.polarity_scores(LEXICON_TEXTS[0])["compound"] == 0.0
    assert scored == []  # no word of it is in VADER's lexicon
    assert fast.polarity_scores("The hosts were pleased with the visit.")["compound"] > 0
    assert scored == ["pleased"]


def test_words_are_vaders_own_stripped_forms() -> None:
    from vaderSentiment.vaderSentiment import SentiText

    from detente.signals.tone import _SentiText

    texts = [*LEXICON_TEXTS, "(Good) news: the talks -- at last -- went well :) ok?!",
             "Les ministres étaient très contents à Montréal, a « good » day."]
    for text in texts + texts:  # the second time, every word's form is remembered
        assert _SentiText(text).words_and_emoticons == SentiText(text).words_and_emoticons
        assert _SentiText(text).is_cap_diff == SentiText(text).is_cap_diff
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    for text in texts:
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text


def test_compound_alone_is_vaders_own() -> None:
    """The tone reads only the compound score: _Analyzer.compound gives VADER's, with and
    without 'but' (whose step it skips when no word is 'but'), emoji and empty texts."""
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    texts = [*NEGATION_TEXTS, *LEXICON_TEXTS, "", "  ", "?!",
             "The offer looked good, but the terms were awful.",
             "The offer looked good, and the terms were awful.",
             "BUT the guests were glad", "Talks went well today \U0001F600 said the envoy."]
    for text in texts:
        assert fast.compound(text) == plain.polarity_scores(text)["compound"], text
    # twin: 'but' changes the score, so the step skipped without it is taken with it
    assert fast.compound(texts[-4]) != fast.compound(texts[-3])


def test_compound_kept_per_text_and_wordless_texts_are_vaders() -> None:
    """A text asked again gets the score kept for it, VADER's; a text with no lexicon word
    ('but' or not) scores 0 without VADER's SentiText, as VADER scores it."""
    plain, fast = SentimentIntensityAnalyzer(), _Analyzer()
    texts = ["The delegation arrived on Monday, but the ministers left on Tuesday.",
             "The offer looked good, but the terms were awful.", LEXICON_TEXTS[0]]
    for text in texts + texts:
        assert fast.compound(text) == plain.polarity_scores(text)["compound"], text
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text
    assert fast.compound(texts[0]) == 0.0 and fast.compound(texts[1]) != 0.0
    assert set(fast._compounds) == set(texts)
