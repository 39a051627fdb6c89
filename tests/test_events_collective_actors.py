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
