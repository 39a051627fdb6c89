"""The actor scorers see the role of the noun phrase a country is named in, not only the
country word's own dependency: in "Two Peruvian frigates shadowed a Chilean tanker" the
Peruvian frigates are the doers and the Chilean tanker the one acted on, though both
country words are adjectives. Team-written sentences only."""

from __future__ import annotations

from typing import Any

from detente.learn.features import SentenceView, actor_strings, salience_ranks, sentence_views
from detente.pipeline import Coder
from detente.records import Mention


def _view(text: str) -> tuple[Any, SentenceView, list[Mention]]:
    coder = Coder(model="")
    doc = coder.nlp(text)
    mentions = coder.resolver.resolve(doc, "t1", "2024-05-02")
    events = coder.events.code(doc, "t1", "2024-05-02", mentions)
    [view] = [v for v in sentence_views(doc, mentions, events, set(coder.speech), {}, {})
              if "frigates" in v.text]
    return doc, view, mentions


def test_a_country_word_inside_a_noun_phrase_takes_the_phrase_role() -> None:
    doc, view, mentions = _view("Two Peruvian frigates shadowed a Chilean tanker off the coast "
                                "on Thursday.")
    sal = salience_ranks(mentions)
    per = actor_strings(doc, view, "COERCE", "PER", sal, set())
    chl = actor_strings(doc, view, "COERCE", "CHL", sal, set())
    assert "np=nsubj" in per and "np_main=nsubj" in per and "COERCE|np=nsubj" in per, per
    assert "np=dobj" in chl and "np=nsubj" not in chl, chl
    # twin: in the passive the tanker is the subject, but not the doer
    doc, view, mentions = _view("A Chilean tanker was shadowed by two Peruvian frigates off "
                                "the coast on Thursday.")
    chl = actor_strings(doc, view, "COERCE", "CHL", salience_ranks(mentions), set())
    per = actor_strings(doc, view, "COERCE", "PER", salience_ranks(mentions), set())
    assert "np=nsubjpass" in chl and "np_prep=by" in per, (chl, per)
