"""Code team-written sentences with the real pipeline (spaCy parse, actor resolution, rule
coder): the few helpers the event-coder test files share, so that each file holds only
its constructions and their twins."""

from __future__ import annotations

from detente.pipeline import code_text

DATE = "2023-03-09"


def events(text, date=DATE):
    return code_text(text, date)


def one(text, plover=None, date=DATE):
    """The first event of type ``plover`` (any type when None); fails, listing what was
    coded, when there is none."""
    coded = events(text, date)
    found = [e for e in coded if plover is None or e.plover == plover]
    assert found, f"no {plover or ''} event in {text!r}: {[(e.cameo, e.rule) for e in coded]}"
    return found[0]


def types(text, date=DATE):
    """The PLOVER types coded in ``text`` (None for an event with no PLOVER type)."""
    return {e.plover for e in events(text, date)}


def countries(actors):
    return sorted({a.country for a in actors})
