"""Direct and reported speech, and who said it (invented texts, hand-made mentions)."""

from __future__ import annotations

import re

import pytest

from detente.nlp import load_nlp, sentences_of
from detente.records import Article, Mention, Quote
from detente.signals import extract_quotes

PETRIN = ("Oleg Petrin", "RUS", "GOV")
MARSH = ("Elena Marsh", "USA", "GOV")


def mention(
    text: str,
    phrase: str,
    who: tuple[str, str, str],
    *,
    nth: int = 0,
    resolved_by: str = "dictionary",
) -> Mention:
    """A mention of ``phrase`` (its nth occurrence) coded as ``who`` = (name, country, sector)."""
    at = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)][nth]
    name, country, sector = who
    return Mention(
        article_id="t",
        sentence_index=0,
        start=at,
        end=at + len(phrase),
        text=phrase,
        name=name,
        country=country,
        sector=sector,
        code=f"{country}{sector}",
        resolved_by=resolved_by,
        confidence=0.9,
        kind="person",
    )


def quotes_of(
    text: str, mentions: list[Mention] | None = None, authors: list[str] | None = None
) -> list[Quote]:
    doc = load_nlp()(text)
    art = Article(id="t", body=text, authors=authors or [])
    return extract_quotes(doc, art, sentences_of(doc, "t"), mentions or [])


def by_kind(quotes: list[Quote], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


def speaker_name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


# -- direct quotes: the forms ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Oleg Petrin told reporters: "The talks in Vienna were useful and will go on."',
        '"The talks in Vienna were useful and will go on," Oleg Petrin said.',
        '"The talks in Vienna were useful and will go on," said Oleg Petrin.',
        "“The talks in Vienna were useful and will go on,” Oleg Petrin said.",
        "``The talks in Vienna were useful and will go on,'' Oleg Petrin said.",
    ],
    ids=["before-colon", "after", "inverted", "curly", "tex"],
)
def test_direct_quote_forms(text: str) -> None:
    qs = by_kind(quotes_of(text, [mention(text, "Oleg Petrin", PETRIN)]), "direct")
    assert len(qs) == 1
    q = qs[0]
    assert q.text.startswith("The talks in Vienna were useful")
    assert q.text.rstrip(".,").endswith("will go on")
    assert speaker_name(q) == "Oleg Petrin"
    assert q.speaker is not None and q.speaker.country == "RUS"
    assert text[q.start : q.end] == q.text
    assert q.sentence_index == 0


def test_split_quote_second_part_has_the_same_speaker() -> None:
    text = '"We are ready to talk," Oleg Petrin said. "But the other side has to move first."'
    qs = by_kind(quotes_of(text, [mention(text, "Oleg Petrin", PETRIN)]), "direct")
    assert [q.text for q in qs] == ["We are ready to talk", "But the other side has to move first."]
    assert [speaker_name(q) for q in qs] == ["Oleg Petrin", "Oleg Petrin"]
    assert qs[1].sentence_index == 1


def test_multi_sentence_quote_is_one_quote() -> None:
    text = '"We are ready. We have always been ready. Nobody should doubt it," Oleg Petrin said.'
    qs = by_kind(quotes_of(text, [mention(text, "Oleg Petrin", PETRIN)]), "direct")
    assert len(qs) == 1
    assert qs[0].text == "We are ready. We have always been ready. Nobody should doubt it"
    assert speaker_name(qs[0]) == "Oleg Petrin"


def test_open_quote_paragraph_continues_in_the_next() -> None:
    text = (
        'Oleg Petrin said: "Our position on the treaty is clear.\n\n'
        '"We will not accept new conditions from anyone."'
    )
    qs = by_kind(quotes_of(text, [mention(text, "Oleg Petrin", PETRIN)]), "direct")
    assert [q.text for q in qs] == [
        "Our position on the treaty is clear.",
        "We will not accept new conditions from anyone.",
    ]
    assert all(speaker_name(q) == "Oleg Petrin" for q in qs)


def test_quote_paragraph_after_a_quoted_speaker_continues_him() -> None:
    text = (
        '"Our position on the treaty is clear," Oleg Petrin said.\n\n'
        '"We will not accept new conditions from anyone, now or later."\n\n'
        "The meeting ended at noon."
    )
    qs = by_kind(quotes_of(text, [mention(text, "Oleg Petrin", PETRIN)]), "direct")
    assert [speaker_name(q) for q in qs] == ["Oleg Petrin", "Oleg Petrin"]


def test_bare_closing_attribution_without_verb() -> None:
    text = (
        "The spokesman blamed the other side for the delay.\n\n"
        '"So far there is little progress on reciprocity," Petrin.'
    )
    qs = by_kind(quotes_of(text, [mention(text, "Petrin", PETRIN)]), "direct")
    assert len(qs) == 1
    assert qs[0].text == "So far there is little progress on reciprocity"
    assert speaker_name(qs[0]) == "Oleg Petrin"


def test_partial_quote_inside_reported_speech() -> None:
    text = 'Elena Marsh said that the present state of the talks "cannot satisfy us."'
    qs = quotes_of(text, [mention(text, "Elena Marsh", MARSH)])
    direct = by_kind(qs, "direct")
    assert [q.text for q in direct] == ["cannot satisfy us."]
    assert speaker_name(direct[0]) == "Elena Marsh"
    indirect = by_kind(qs, "indirect")
    assert indirect and indirect[0].text == 'the present state of the talks "cannot satisfy us."'


def test_scare_quotes_are_not_quotes() -> None:
    text = 'The two capitals once called each other "potential enemies" in a different era.'
    assert quotes_of(text) == []


def test_future_speech_is_not_a_quote() -> None:
    text = 'Commentators in both capitals will be emphasizing the "trust deficit" next week.'
    assert quotes_of(text) == []


# -- speakers: the resolution paths -----------------------------------------------------------


def test_pronoun_speaker_from_resolved_mention() -> None:
    text = 'Oleg Petrin arrived in Geneva on Monday. "We are ready for the talks," he said.'
    ms = [
        mention(text, "Oleg Petrin", PETRIN),
        mention(text, "he", PETRIN, resolved_by="pronoun"),
    ]
    qs = by_kind(quotes_of(text, ms), "direct")
    assert len(qs) == 1
    assert speaker_name(qs[0]) == "Oleg Petrin"
    assert qs[0].speaker is not None and qs[0].speaker.text == "he"


def test_unresolved_pronoun_falls_back_to_the_last_named_speaker() -> None:
    text = (
        "Oleg Petrin said that the delegation would stay another day.\n\n"
        '"We are ready for the talks," he said.'
    )
    qs = by_kind(quotes_of(text, [mention(text, "Oleg Petrin", PETRIN)]), "direct")
    assert speaker_name(qs[0]) == "Oleg Petrin"


def test_speaker_introduced_by_title() -> None:
    text = (
        "Elena Marsh, the new ambassador, presented her credentials.\n\n"
        "The ambassador said that her first task was to reopen the consulate."
    )
    ms = [
        mention(text, "Elena Marsh, the new ambassador", MARSH),
        mention(text, "The ambassador", MARSH, resolved_by="title"),
    ]
    qs = by_kind(quotes_of(text, ms), "indirect")
    assert len(qs) == 1
    assert qs[0].text == "her first task was to reopen the consulate"
    assert speaker_name(qs[0]) == "Elena Marsh"
    assert qs[0].speaker is not None and qs[0].speaker.sector == "GOV"


def test_named_apposition_is_preferred_over_a_bare_title() -> None:
    text = "The envoy, Elena Marsh, said that the consulate would reopen in May."
    ms = [mention(text, "Elena Marsh", MARSH)]
    qs = by_kind(quotes_of(text, ms), "indirect")
    assert speaker_name(qs[0]) == "Elena Marsh"


def test_speaker_without_mention_keeps_its_text() -> None:
    text = "A local analyst said that the talks would fail within a month."
    qs = by_kind(quotes_of(text), "indirect")
    assert len(qs) == 1
    sp = qs[0].speaker
    assert sp is not None
    assert sp.text == "A local analyst"
    assert sp.country is None and sp.name is None


def test_first_person_in_a_signed_piece_is_the_author() -> None:
    text = (
        "I emphasized that the consulate would reopen before the summer.\n\n"
        "Elena Marsh is the ambassador of the United States."
    )
    ms = [mention(text, "Elena Marsh", MARSH)]
    q = by_kind(quotes_of(text, ms, authors=["Elena Marsh"]), "indirect")[0]
    assert q.speaker is not None
    assert (q.speaker.text, q.speaker.name, q.speaker.country) == ("I", "Elena Marsh", "USA")
    # the author without a mention of her own: her name, no country
    q = by_kind(quotes_of(text, [], authors=["Elena Marsh"]), "indirect")[0]
    assert q.speaker is not None and (q.speaker.name, q.speaker.country) == ("Elena Marsh", None)
    # two authors: "I" stays unresolved
    q = by_kind(quotes_of(text, [], authors=["Elena Marsh", "Oleg Petrin"]), "indirect")[0]
    assert q.speaker is not None and (q.speaker.text, q.speaker.name) == ("I", None)


# -- reported speech --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Elena Marsh said that the sanctions would stay in place.",
            "the sanctions would stay in place",
        ),
        (
            "Elena Marsh said Monday the sanctions would stay in place.",
            "the sanctions would stay in place",
        ),
        (
            "The sanctions will stay in place, Elena Marsh said on Monday.",
            "The sanctions will stay in place",
        ),
        (
            "Elena Marsh told reporters that the sanctions would stay in place.",
            "the sanctions would stay in place",
        ),
        (
            "Elena Marsh stressed that the sanctions would stay in place.",
            "the sanctions would stay in place",
        ),
        (
            "Elena Marsh noted that the sanctions would stay in place.",
            "the sanctions would stay in place",
        ),
        (
            "Elena Marsh asserted that the sanctions would stay in place.",
            "the sanctions would stay in place",
        ),
        (
            "Elena Marsh pointed out that the sanctions would stay in place.",
            "the sanctions would stay in place",
        ),
        (
            "According to Elena Marsh, the sanctions will stay in place.",
            "the sanctions will stay in place",
        ),
        (
            "The sanctions will stay in place, according to Elena Marsh.",
            "The sanctions will stay in place",
        ),
    ],
    ids=[
        "said-that",
        "said-monday",
        "clause-first",
        "told-reporters",
        "stressed",
        "noted",
        "asserted",
        "pointed-out",
        "according-to",
        "according-to-after",
    ],
)
def test_reported_speech_forms(text: str, content: str) -> None:
    qs = by_kind(quotes_of(text, [mention(text, "Elena Marsh", MARSH)]), "indirect")
    assert [q.text for q in qs] == [content]
    assert speaker_name(qs[0]) == "Elena Marsh"
    assert qs[0].sentence == text


def test_participle_continues_the_speaker_of_the_main_verb() -> None:
    text = (
        "Oleg Petrin blamed the other side for the delay, asserting that the talks "
        "had been prepared in good faith."
    )
    qs = by_kind(quotes_of(text, [mention(text, "Oleg Petrin", PETRIN)]), "indirect")
    assert [q.text for q in qs] == ["the talks had been prepared in good faith"]
    assert speaker_name(qs[0]) == "Oleg Petrin"


def test_adding_that_is_its_own_quote() -> None:
    text = (
        "Elena Marsh said that the visit went well, adding that a second round "
        "of talks was planned for June."
    )
    qs = by_kind(quotes_of(text, [mention(text, "Elena Marsh", MARSH)]), "indirect")
    assert [q.text for q in qs] == [
        "the visit went well",
        "a second round of talks was planned for June",
    ]
    assert {speaker_name(q) for q in qs} == {"Elena Marsh"}


def test_according_to_a_document_is_not_a_speaker() -> None:
    text = "The arsenal was to shrink by half, according to the plan adopted in 1986."
    assert quotes_of(text) == []


def test_quote_ids_are_stable() -> None:
    text = '"We are ready to talk," Oleg Petrin said.'
    ms = [mention(text, "Oleg Petrin", PETRIN)]
    assert [q.id for q in quotes_of(text, ms)] == [q.id for q in quotes_of(text, ms)]
