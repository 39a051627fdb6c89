"""The signals stage as the pipeline calls it: one invented article, end to end."""

from __future__ import annotations

import re

import pytest

from detente.errors import ConfigError, InputError
from detente.nlp import load_nlp, sentences_of
from detente.records import Article, Mention, article_id_for
from detente.signals import Signals, extract_signals
from detente.signals.config import load_speech_config

BODY = (
    "Elena Marsh, the new ambassador, arrived in Moscow on Monday.\n\n"
    '"Our relationship is at its lowest point in a generation," Marsh said. '
    '"We have to find a constructive way forward on Syria and on arms control."\n\n'
    "Kremlin spokesman Oleg Petrin said that ties between Moscow and Washington "
    "remain frozen because of the sanctions.\n\n"
    "The weather was cold."
)

WHO = {
    "Elena Marsh, the new ambassador": ("Elena Marsh", "USA", "DIP"),
    "Marsh": ("Elena Marsh", "USA", "DIP"),
    "Kremlin spokesman Oleg Petrin": ("Oleg Petrin", "RUS", "GOV"),
    "Moscow": (None, "RUS", "GOV"),
    "Washington": (None, "USA", "GOV"),
}


def _mentions(text: str, article_id: str) -> list[Mention]:
    doc = load_nlp()(text)
    starts = [s.start_char for s in doc.sents]
    out, taken = [], []
    for phrase in sorted(WHO, key=len, reverse=True):
        name, country, sector = WHO[phrase]
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            sent = max(i for i, s in enumerate(starts) if s <= m.start())
            out.append(
                Mention(
                    article_id=article_id,
                    sentence_index=sent,
                    start=m.start(),
                    end=m.end(),
                    text=phrase,
                    name=name,
                    country=country,
                    sector=sector,
                    code=f"{country}{sector}",
                    resolved_by="dictionary",
                    confidence=0.9,
                )
            )
    return sorted(out, key=lambda m: m.start)


@pytest.fixture(scope="module")
def result() -> tuple[Article, Signals]:
    art = Article(id=article_id_for(BODY), body=BODY)
    doc = load_nlp()(BODY)
    sents = sentences_of(doc, art.id)
    return art, extract_signals(doc, art, sents, _mentions(BODY, art.id))


def test_main_dyad(result: tuple[Article, Signals]) -> None:
    assert result[1].main_dyad == ("RUS", "USA")


def test_quotes_with_speakers(result: tuple[Article, Signals]) -> None:
    art, sig = result
    got = [(q.kind, q.speaker.name if q.speaker else None, q.text) for q in sig.quotes]
    assert (
        "direct",
        "Elena Marsh",
        "Our relationship is at its lowest point in a generation",
    ) in got
    assert (
        "direct",
        "Elena Marsh",
        "We have to find a constructive way forward on Syria and on arms control.",
    ) in got
    indirect = [g for g in got if g[0] == "indirect"]
    assert indirect and indirect[0][1] == "Oleg Petrin"
    assert all(q.article_id == art.id for q in sig.quotes)


def test_assessments_with_speakers(result: tuple[Article, Signals]) -> None:
    sig = result[1]
    by_rule = {a.rule: a for a in sig.assessments}
    lowest = by_rule["lowest"]
    assert lowest.level == "very_bad" and lowest.dyad == ("RUS", "USA")
    assert lowest.speaker is not None and lowest.speaker.name == "Elena Marsh"
    frozen = by_rule["remain_frozen"]
    assert frozen.trend == "stable" and frozen.polarity < 0
    assert frozen.speaker is not None and frozen.speaker.name == "Oleg Petrin"


def test_issues_and_tone(result: tuple[Article, Signals]) -> None:
    sig = result[1]
    issues = dict(sig.issue_counts)
    assert {"syria", "arms_control", "sanctions"} <= set(issues)
    assert set(sig.sentence_tones) == set(range(len(sig.sentence_tones)))
    assert sig.tone is not None and -1.0 <= sig.tone <= 1.0


def test_apply_tones_copies_onto_sentences(result: tuple[Article, Signals]) -> None:
    art, sig = result
    sents = sentences_of(load_nlp()(art.body), art.id)
    sig.apply_tones(sents)
    assert [s.tone for s in sents] == [sig.sentence_tones[s.index] for s in sents]


def test_doc_must_be_the_article_body() -> None:
    art = Article(id="a", body="Ties are strained.")
    doc = load_nlp()("Something else entirely.")
    with pytest.raises(InputError, match="not its body"):
        extract_signals(doc, art, sentences_of(doc, "a"), [])


def test_empty_article() -> None:
    art = Article(id="e", body="")
    doc = load_nlp()("")
    sig = extract_signals(doc, art, [], [])
    assert sig == Signals()


def test_user_speech_file_is_validated(tmp_path) -> None:
    bad = tmp_path / "speech.yaml"
    bad.write_text("verbs: [{id: say}]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_speech_config(str(bad))
    assert str(bad) in str(err.value) and "verbs.0.lemma" in str(err.value)
