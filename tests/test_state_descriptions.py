"""'The kingdom', 'the emirate', 'the North': a state named by its form refers back to the
last-named state of that form (data/actors/agents.yaml, field ``states``)."""

from __future__ import annotations

from detente.actors import ActorResolver
from detente.pipeline import code_text
from sentences import countries as _countries


def test_the_kingdom_is_the_last_named_kingdom():
    text = "Jordan and Israel are at odds over the border. The kingdom recalled its ambassador from Israel."
    [e] = [e for e in code_text(text, "2023-03-09") if e.plover == "SANCTION"]
    assert _countries(e.source) == ["JOR"] and _countries(e.target) == ["ISR"]
    [src] = e.source
    assert src.resolved_by == "earlier_mention"


def test_the_kingdom_with_no_kingdom_named_is_nobody():
    text = "Peru and Chile are at odds over the border. The kingdom recalled its ambassador."
    events = code_text(text, "2023-03-09")
    assert all(a.text.lower() != "the kingdom" for e in events for a in e.source + e.target)
    # twin: the kingdom named by its full name is that state
    [e] = [e for e in code_text("The Kingdom of Bahrain expelled two Iranian diplomats.", "2023-03-09")
           if e.plover == "SANCTION"]
    assert _countries(e.source) == ["BHR"] and _countries(e.target) == ["IRN"]


def test_the_north_in_a_story_about_the_two_koreas():
    text = "North Korea and South Korea traded fire at sea. Seoul accused the North of starting the shelling."
    [e] = [e for e in code_text(text, "2023-03-09") if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["KOR"] and _countries(e.target) == ["PRK"]
    # named in the sentence, not guessed as the story's other party
    [tgt] = e.target
    assert tgt.text == "the North" and tgt.resolved_by == "earlier_mention"
    assert e.rule == "accuse"


def test_every_state_a_form_names_is_a_known_country():
    kb = ActorResolver.default().kb
    formed = [a for a in kb.agents.values() if a.states]
    assert {a.id for a in formed} >= {"kingdom", "emirate", "sultanate", "the-north", "the-south"}
    for a in formed:
        assert set(a.states) <= set(kb.countries), a.id
