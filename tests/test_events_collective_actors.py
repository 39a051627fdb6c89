"""Who is meant by words for several actors at once ("both sides", "the two countries") when
they are the ones acted on: team-written sentences, each with its twin."""

from __future__ import annotations

from sentences import countries as _countries
from sentences import events as _events
from sentences import one as _one
from sentences import types as _types


def test_a_third_party_holding_talks_with_each_side_of_a_pair_the_sentence_names():
    """'a mission on the frontier of Chile and Peru ... talks with both sides': the two states
    the sentence names together are each a target (before coder-227 no event, no target). The
    twin, talks with people who are no state, is no meeting."""
    start = "The UN mission, posted on the frontier of Chile and Peru, held talks with "
    e = _one(start + "both sides on Friday.", "CONSULT")
    assert _countries(e.source) == ["IGO"] and _countries(e.target) == ["CHL", "PER"]
    assert "CONSULT" not in _types(start + "local farmers on Friday.")


def test_a_visit_to_the_two_countries_is_to_the_story_s_pair():
    """'will visit the two countries', no state named in the sentence: the pair the article
    speaks of, both targets (before coder-227 only the one read from the article). The twin,
    'the two cities', names no state: one target only, as before."""
    story = "Chile and Peru traded fire on Monday. "
    e = _one(story + "Brazil's president will visit the two countries next month.", "AGREE")
    assert _countries(e.source) == ["BRA"] and _countries(e.target) == ["CHL", "PER"]
    e = _one(story + "Brazil's president will visit the two cities next month.", "AGREE")
    assert len(_countries(e.target)) == 1


def test_an_unnamed_pair_acting_alone_acts_each_way():
    """'both sides deployed troops': each of the story's pair does it to the other, one event
    each way (before coder-228 only the state last named, on the other). The twin, one state
    named, is one event."""
    story = "Chile and Peru clashed on Monday. "
    dyads = {(_countries(e.source)[0], _countries(e.target)[0])
             for e in _events(story + "Both sides deployed troops to the border.") if e.plover == "MOBILIZE"}
    assert dyads == {("CHL", "PER"), ("PER", "CHL")}
    dyads = {(_countries(e.source)[0], _countries(e.target)[0])
             for e in _events(story + "Peru deployed troops to the border.") if e.plover == "MOBILIZE"}
    assert dyads == {("PER", "CHL")}


def test_the_people_of_an_unnamed_pair_meet_each_other():
    """'the leaders of both nations met', 'the defence ministers of the two sides held talks':
    people of the story's pair meet each other (before coder-228 no event). The twins, people
    of villages or of states left unnamed, meet no one the story names."""
    story = "Chile and Peru signed a border accord on Sunday. "
    for s in ("The leaders of both nations met in Lima on Monday.",
              "The defence ministers of the two sides held talks in Lima."):
        e = _one(story + s, "CONSULT")
        assert _countries(e.source + e.target) == ["CHL", "PER"]
    for s in ("The leaders of several nations met in Lima on Monday.",
              "The mayors of two villages held talks in Lima."):
        assert "CONSULT" not in _types(story + s)


def test_other_governments_of_a_region_are_no_state_the_article_names():
    """'other Pacific Rim governments': a plural office word with 'other' (or 'several', a
    count) names states left unnamed, and the region's name before it is no leader whose state
    the article tells (before coder-229 it was read as the state most named so far). The twin,
    'the Bolivian government', is Bolivia, asked by Chile."""
    story = "Peru's opposition leader Soto spoke on Monday. "
    phrase = "other Pacific Rim governments"
    coded = _events(story + f"Chile's president urged {phrase} to back Soto.")
    assert not [a for e in coded for a in e.source + e.target if a.text == phrase]
    e = _one(story + "Chile's president urged the Bolivian government to back Soto.", "REQUEST")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["BOL"]


def test_urging_several_countries_asks_no_state_in_particular():
    """'urged several countries to show restraint' asks states the sentence leaves unnamed: no
    request (before coder-229 it was put to the story's state last named). The twin, 'the two
    countries', asks the story's pair."""
    story = "Chile and Peru traded fire on Monday. "
    assert "REQUEST" not in _types(story + "Brazil's foreign minister urged several countries to show restraint.")
    e = _one(story + "Brazil's foreign minister urged the two countries to show restraint.", "REQUEST")
    assert _countries(e.source) == ["BRA"] and _countries(e.target) == ["CHL", "PER"]
