"""Material acts (sanctions, coercion, force, protests) on sentences the team wrote: each test
shows a construction the rule coder reads, and its twin, a close sentence read otherwise.

These run the real pipeline (spaCy parse, actor resolution, coder), as tests/test_events_coder.py
does.
"""

from __future__ import annotations

from detente.pipeline import code_text


def _events(text, date="2023-03-09"):
    return code_text(text, date)


def _one(text, plover, date="2023-03-09"):
    found = [x for x in _events(text, date) if x.plover == plover]
    assert found, f"no {plover} event in {text!r}: {[(x.cameo, x.rule) for x in _events(text, date)]}"
    return found[0]


def _types(text, date="2023-03-09"):
    return {e.plover for e in _events(text, date)}


def _countries(actors):
    return sorted({a.country for a in actors})


def test_migrants_sent_back_to_a_state_are_deported():
    """'Chile returned 300 migrants to Peru', 'Chilean police pushed back the Peruvian migrants':
    people sent back to a state are deported (COERCE 174, Chile -> Peru), where no event came
    out and 'pushed' was read as pressure on Peru (REQUEST; before coder-219). The twins:
    captured soldiers handed back are released (RETREAT), and 'pushed Peru to act' is still
    pressure."""
    story = "Chile and Peru quarrel over their border. "
    for s in ("Chile returned 300 migrants to Peru on Friday.",
              "Chilean police pushed back the Peruvian migrants at the border.",
              "Chile sent the migrants back to Peru."):
        e = _one(story + s, "COERCE")
        assert e.cameo == "174" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"], s
        assert "REQUEST" not in _types(story + s), s
    e = _one(story + "Chile returned the captured Peruvian soldiers to Peru.", "RETREAT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "COERCE" not in _types(story + "Chile returned the captured Peruvian soldiers to Peru.")
    e = _one(story + "Chile pushed Peru to reopen the crossing.", "REQUEST")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
