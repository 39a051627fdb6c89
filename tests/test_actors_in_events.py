"""Who acts and on whom when the sentence leaves an actor unnamed (issue 13): the actors an
event takes from the article, checked on sentences the team wrote."""

from __future__ import annotations

from detente.actors import ActorResolver
from detente.nlp import load_nlp
from detente.pipeline import code_text


def _mentions(text, date="2021-03-01"):
    return ActorResolver.default().resolve(load_nlp()(text), "t", date)


def _events(text, plover, date="2021-03-01"):
    return [e for e in code_text(text, date) if e.plover == plover]


def _pairs(events):
    return {(tuple(sorted({a.country for a in e.source})), tuple(sorted({a.country for a in e.target})))
            for e in events}


def test_unnamed_we_is_not_the_state_it_names_as_target():
    # "we" read back to the last actor named (Chile) is still not the state it cuts ties with
    text = ('Peru ordered Chilean diplomats to leave. "Chile keeps meddling in our affairs. '
            'We therefore announce that we are severing relations with Chile."')
    assert _pairs(_events(text, "SANCTION")) == {(("PER",), ("CHL",))}


def test_unnamed_it_read_right_keeps_its_named_target():
    text = "Peru ordered Chilean diplomats to leave on Monday. It also severed relations with Chile."
    assert _pairs(_events(text, "SANCTION")) == {(("PER",), ("CHL",))}


def test_the_ministry_refers_back_to_the_ministry_last_named():
    text = ("The Chilean foreign ministry stated on Tuesday that Peru had violated its airspace. "
            "Peru's ambassador in Santiago was not available. "
            "Later the ministry declared a suspension of all trade with Peru.")
    m = next(m for m in _mentions(text) if m.text.lower() == "the ministry")
    assert (m.country, m.sector, m.resolved_by) == ("CHL", "GOV", "earlier_mention")
    e = _events(text, "SANCTION")
    assert _pairs(e) == {(("CHL",), ("PER",))}


def test_the_ministry_with_no_ministry_named_stays_unresolved():
    text = "Peru's president spoke on Monday. The ministry later issued a statement."
    assert not any(m.text.lower() == "the ministry" for m in _mentions(text))
