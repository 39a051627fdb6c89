"""Assessments give the judgement Matcher only the sentences that hold a word some
judgement pattern needs (sentences written for this test)."""

from __future__ import annotations

import pytest

from detente.signals import assessments
from detente.signals.assessments import _required_words
from test_assessments import assess, one


def test_required_words_take_each_patterns_last_fixed_token() -> None:
    patterns = [
        [{"LEMMA": "can"}, {"LOWER": {"IN": ["not", "n't"]}}, {"LEMMA": "satisfy"}],
        [{"LOWER": "away"}, {"LOWER": "from"}, {"LOWER": "the", "OP": "?"}, {"LOWER": "lowest"}],
        [{"LOWER": {"IN": ["strain", "strains"]}}, {"IS_PUNCT": True, "OP": "?"}],
    ]
    assert _required_words(patterns) == (
        frozenset({"lowest", "strain", "strains"}), frozenset({"satisfy"}))
    # a pattern with no token that must be there lets every sentence through
    assert _required_words([*patterns, [{"LOWER": "warm", "OP": "?"}]]) is None
    assert _required_words([[{"LOWER": "warm", "POS": "ADJ"}]]) is None


@pytest.fixture
def matched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the sentences the judgement Matcher is run on."""
    seen: list[str] = []
    real = assessments._judgement_spans

    def spy(nouns, m):  # type: ignore[no-untyped-def]
        class _Judgements:
            def __call__(self, sent, **kw):  # type: ignore[no-untyped-def]
                seen.append(sent.text)
                return judgements(sent, **kw)
        judgements = m.judgements
        m.judgements = _Judgements()
        try:
            return real(nouns, m)
        finally:
            m.judgements = judgements
    monkeypatch.setattr(assessments, "_judgement_spans", spy)
    return seen


def test_a_sentence_with_a_judgement_word_is_matched(matched: list[str]) -> None:
    a = one("Moscow and Washington say their relations have deteriorated.")
    assert a.trend == "deteriorating"
    assert len(matched) == 1


def test_a_sentence_without_one_is_not(matched: list[str]) -> None:
    assert assess("Moscow and Washington discussed their relations on Monday.") == []
    assert matched == []
