"""events.context.partners: for each country, how many sentences name it with each other
country. A sentence naming one country alone pairs it with none; places and actors with no
country are left out (sentences and countries made up for this test)."""

from __future__ import annotations

from collections import Counter

from detente.events.context import partners
from detente.records import Mention


def _m(sentence: int, country: str | None, kind: str = "actor") -> Mention:
    return Mention(article_id="a", sentence_index=sentence, start=sentence * 100, end=sentence * 100 + 4,
                   text="x", name=None, country=country, sector=None, code=country or "", resolved_by="dictionary",
                   confidence=1.0, kind=kind)


def test_partners_count_sentences_naming_two_countries() -> None:
    mentions = [
        _m(0, "PER"), _m(0, "CHL"), _m(0, "CHL"),  # Peru with Chile, Chile named twice: one sentence
        _m(1, "PER"),  # Peru alone
        _m(2, "BOL"), _m(2, "PER"), _m(2, "CHL"),  # three together
        _m(3, "ECU"), _m(3, "PER", kind="place"),  # a place is no party
        _m(4, None), _m(4, "ARG"),  # an actor with no country is none
    ]
    got = partners(mentions)
    assert got == {
        "PER": Counter({"CHL": 2, "BOL": 1}),
        "CHL": Counter({"PER": 2, "BOL": 1}),
        "BOL": Counter({"PER": 1, "CHL": 1}),
    }
    assert "ECU" not in got and "ARG" not in got


def test_partners_of_countries_named_apart_are_none() -> None:
    """Twin: the same countries in sentences of their own are paired with no one."""
    assert partners([_m(0, "PER"), _m(1, "CHL"), _m(2, "BOL")]) == {}
