"""Verbal event types (CONSULT, SUPPORT, REJECT, REQUEST, THREATEN ...) on sentences the team
wrote: readings that came out wrong before, each with its twin, the close sentence whose
event must still come out.
"""

from __future__ import annotations

from detente.pipeline import code_text


def _events(text, date="2023-03-09"):
    return code_text(text, date)


def _one(text, plover, date="2023-03-09"):
    found = [ev for ev in _events(text, date) if ev.plover == plover]
    assert found, f"no {plover} event in {text!r}: {[(e.cameo, e.rule) for e in _events(text, date)]}"
    return found[0]


def _types(text, date="2023-03-09"):
    return {e.plover for e in _events(text, date)}


def _countries(actors):
    return sorted({a.country for a in actors})


def test_speaking_to_reporters_consults_no_one():
    """'Peru's foreign minister talked to journalists in Santiago': a word to the press is
    a statement, not talks with the state where it is said (it was CONSULT Peru -> Chile before
    coder-189). The twin, the minister speaking with Chile's president, consults."""
    assert "CONSULT" not in _types("Peru's foreign minister talked to journalists in Santiago on Monday.")
    e = _one("Peru's foreign minister spoke with Chile's president in Santiago on Monday.", "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
