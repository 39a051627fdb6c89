"""Relationship assessments and the main dyad (invented sentences, hand-made mentions)."""

from __future__ import annotations

import re

import pytest

from detente.nlp import load_nlp, sentences_of
from detente.records import Article, Assessment, Mention
from detente.signals import extract_quotes, find_assessments, load_assessment_config, main_dyad

DYAD = ("RUS", "USA")
COUNTRY_WORDS = {
    "U.S.": "USA",
    "US": "USA",
    "United States": "USA",
    "Washington": "USA",
    "American": "USA",
    "Russia": "RUS",
    "Russian": "RUS",
    "Moscow": "RUS",
    "Kremlin": "RUS",
    "Beijing": "CHN",
    "China": "CHN",
    "Chinese": "CHN",
}
PEOPLE = {"Oleg Petrin": ("RUS", "GOV"), "Elena Marsh": ("USA", "GOV")}


def mentions_for(text: str) -> list[Mention]:
    """Mentions a resolver would make for the country words and people used below."""
    found: list[tuple[int, int, str, str, str | None]] = []
    for words, (country, sector) in PEOPLE.items():
        for m in re.finditer(re.escape(words), text):
            found.append((m.start(), m.end(), country, sector, words))
    for words in sorted(COUNTRY_WORDS, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w.]){re.escape(words)}(?!\w)", text):
            if any(a <= m.start() < b for a, b, *_ in found):
                continue
            found.append((m.start(), m.end(), COUNTRY_WORDS[words], "GOV", None))
    return [
        Mention(
            article_id="t",
            sentence_index=0,
            start=a,
            end=b,
            text=text[a:b],
            name=name,
            country=c,
            sector=s,
            code=f"{c}{s}",
            resolved_by="dictionary",
            confidence=0.9,
        )
        for a, b, c, s, name in sorted(found)
    ]


def assess(text: str, dyad: tuple[str, str] | None = DYAD) -> list[Assessment]:
    doc = load_nlp()(text)
    art = Article(id="t", body=text)
    sents = sentences_of(doc, "t")
    ms = mentions_for(text)
    quotes = extract_quotes(doc, art, sents, ms)
    return find_assessments(doc, "t", sents, ms, quotes, dyad)


def one(text: str, dyad: tuple[str, str] | None = DYAD) -> Assessment:
    found = assess(text, dyad)
    assert len(found) == 1, [(a.rule, a.sentence) for a in found]
    return found[0]


# -- levels and trends -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level", "trend"),
    [
        ("U.S.-Russia relations are at their lowest point since the Cold War.", "very_bad", None),
        ("Our relationship is at its lowest point in a decade.", "very_bad", None),
        ("Relations between Moscow and Washington are the worst in memory.", "very_bad", None),
        ("American-Russian relations have deteriorated sharply.", None, "deteriorating"),
        ("The new tariffs further deteriorated the ties.", None, "deteriorating"),
        (
            "The ties linking Moscow and Washington have been frayed by mutual suspicion.",
            "bad",
            "deteriorating",
        ),
        ("The two presidents spoke despite badly strained ties.", "very_bad", None),
        ("A deep tension in bilateral ties hung over the talks.", "very_bad", None),
        ("Bilateral relations remain frozen.", "bad", "stable"),
        ("Relations between the two countries have improved markedly.", None, "improving"),
        (
            "Washington and Moscow are edging away from the lowest point of their relationship.",
            "bad",
            "improving",
        ),
        ("Things have gone wrong in Russian-American relations.", "bad", "deteriorating"),
        ("Their ties are close and friendly.", "good", None),
    ],
)
def test_assessment_patterns(text: str, level: str | None, trend: str | None) -> None:
    a = one(text)
    assert (a.level, a.trend) == (level, trend), a.rule
    assert a.dyad == DYAD
    expected_sign = 1 if (level or "").endswith("good") or (trend == "improving") else -1
    assert a.polarity * expected_sign > 0
    assert -1.0 <= a.polarity <= 1.0
    assert a.sentence == text
    assert a.start < a.end and text[a.start : a.end]


def test_intensifier_strengthens() -> None:
    plain = one("Bilateral ties are strained.")
    strong = one("Bilateral ties are badly strained.")
    assert plain.level == "bad" and strong.level == "very_bad"
    assert strong.polarity < plain.polarity < 0


def test_moving_away_from_lowest_point_is_not_read_as_lowest() -> None:
    a = one(
        "Beijing and Washington are gradually drifting away from the lowest point of their ties."
    )
    assert a.trend == "improving" and a.polarity > 0
    assert a.rule == "away_from_lowest"


# -- negation -------------------------------------------------------------------------------------


def test_not_at_their_lowest_softens_but_stays_negative() -> None:
    lowest = one("Relations are at their lowest.")
    not_lowest = one("Relations are not at their lowest.")
    assert lowest.level == "very_bad"
    assert not_lowest.level == "bad"
    assert lowest.polarity < not_lowest.polarity < 0
    assert not_lowest.rule == "not:lowest"


def test_negated_trend_is_stable() -> None:
    a = one("Relations have not improved since the summit.")
    assert a.trend == "stable" and a.polarity < 0


def test_not_good_is_bad() -> None:
    a = one("The relationship is not good.")
    assert a.level == "bad" and a.polarity < 0


def test_cannot_satisfy_us_is_negative_and_quoted() -> None:
    text = '"The current state of relations cannot satisfy us," Oleg Petrin said.'
    a = one(text)
    assert a.level == "bad" and a.polarity < 0
    assert a.rule == "cannot_satisfy"
    assert a.speaker is not None and a.speaker.name == "Oleg Petrin"


# -- wishes and plans are not assessments --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We hope that relations will improve.",
        "Not only could we improve the relationship with Moscow; we have to.",
        "The senator seemed eager to improve ties with Moscow.",
        "The envoy underlined the importance of improving ties with Washington.",
        "Voters expect and demand a real improvement in U.S.-China relations.",
        "To improve relations, the two capitals should reopen their consulates.",
        "Both sides want to build close ties.",
        "If relations improve, trade will grow.",
        "Rebuilding U.S.-Russia Relations",
        "Scholars of international relations find this complicated.",
        "The weather was lovely and the ties of the delegates were red.",
    ],
)
def test_wishes_plans_and_other_relations_are_not_assessments(text: str) -> None:
    assert assess(text) == []


def test_trend_is_kept_when_the_infinitive_reports_a_fact() -> None:
    a = one("Relations continue to deteriorate.")
    assert a.trend == "deteriorating"


# -- dyad and speaker -------------------------------------------------------------------------------


def test_dyad_from_the_phrase_beats_the_main_dyad() -> None:
    a = one("Relations between Beijing and Moscow are strained.", dyad=DYAD)
    assert a.dyad == ("CHN", "RUS")


def test_dyad_from_one_partner_and_the_speaker() -> None:
    text = "Oleg Petrin said that ties with Washington are now at their lowest in decades."
    a = one(text, dyad=None)
    assert a.dyad == ("RUS", "USA")
    assert a.speaker is not None and a.speaker.country == "RUS"
    assert a.level == "very_bad"


def test_our_relationship_uses_the_main_dyad_and_needs_one() -> None:
    assert one("Our relationship is strained.", dyad=("CHN", "USA")).dyad == ("CHN", "USA")
    assert assess("Our relationship is strained.", dyad=None) == []


def test_narrator_statement_has_no_speaker() -> None:
    assert one("Bilateral ties are strained.").speaker is None


def test_assessment_ids_are_stable_and_distinct() -> None:
    text = "Relations are strained. Ties have deteriorated."
    first, second = assess(text), assess(text)
    assert [a.id for a in first] == [a.id for a in second]
    assert len({a.id for a in first}) == 2


# -- the main dyad -------------------------------------------------------------------------------------


def _m(country: str | None, sentence: int) -> Mention:
    return Mention(
        article_id="t",
        sentence_index=sentence,
        start=0,
        end=1,
        text="x",
        name=None,
        country=country,
        sector="GOV",
        code=f"{country}GOV",
        resolved_by="dictionary",
        confidence=1.0,
    )


def test_main_dyad_is_the_most_frequent_pair() -> None:
    ms = [_m("USA", 0), _m("RUS", 0), _m("USA", 1), _m("RUS", 1), _m("CHN", 2), _m("USA", 2)]
    assert main_dyad(ms) == ("RUS", "USA")


def test_main_dyad_ignores_organizations_unless_nothing_else() -> None:
    ms = [_m("IGO", i) for i in range(5)] + [_m("USA", 0), _m("RUS", 0), _m("USA", 1)]
    assert main_dyad(ms) == ("RUS", "USA")
    assert main_dyad([_m("IGO", 0), _m("RUS", 0)]) == ("IGO", "RUS")


def test_main_dyad_without_cooccurrence_takes_the_two_most_mentioned() -> None:
    ms = [_m("USA", 0), _m("USA", 1), _m("RUS", 2), _m("RUS", 3), _m("FRA", 4)]
    assert main_dyad(ms) == ("RUS", "USA")


def test_no_dyad_with_one_country() -> None:
    assert main_dyad([_m("USA", 0), _m("USA", 1), _m(None, 2)]) is None


def test_every_judgement_is_documented_data() -> None:
    cfg = load_assessment_config()
    ids = [j.id for j in cfg.judgements]
    assert len(ids) == len(set(ids))
    assert {
        "lowest",
        "away_from_lowest",
        "cannot_satisfy",
        "fray",
        "strained",
        "remain_frozen",
    } <= set(ids)
