"""Named word lists in the event pattern file (section `word_lists`, referenced as "$id"):
a reference stands for the list's words, alone or inside a longer entry; an unknown or
twice-defined list is an error on load that names it; the patterns that use a list still
code their events (sentences the team wrote)."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import ConfigError
from detente.events.patterns import load_patterns
from sentences import countries as _countries
from sentences import events as _events
from sentences import one as _one

SRC = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "event_patterns.yaml"


def _file(tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_list_reference_stands_for_the_lists_words():
    """'$quarrel_issues' after 'over' and after 'on' is one entry a word each; '$summoned_envoys'
    is the same words in the two envoy patterns, one of which adds a word of its own; a list
    used inside another ('$charge_d_affaires') is expanded there."""
    book = load_patterns(SRC)
    lists = {wl.id: wl.words for wl in book.source.word_lists}
    issues = lists["quarrel_issues"]
    clash = book.by_id("clash-over-issue")
    assert clash.prep == [f"over {w}" for w in issues] + [f"on {w}" for w in issues]
    assert "over tariff" in clash.prep and "on visa" in clash.prep
    assert book.by_id("call-in-envoy").object == lists["summoned_envoys"]
    assert book.by_id("summon-envoy").object == [*lists["summoned_envoys"], "charge"]
    assert "charge" not in book.by_id("call-in-envoy").object
    assert "chargé d'affaires" in lists["summoned_envoys"]
    assert book.by_id("cut-military-aid").lemma == lists["aid_cutting_verbs"]
    assert book.by_id("cut-aid").lemma[:len(lists["aid_cutting_verbs"])] == lists["aid_cutting_verbs"]
    assert {"cut-aid", "cut-military-aid"} <= {p.id for p in book.verbs_by_lemma["withhold"]}
    assert not any("$" in w for wl in book.source.word_lists for w in wl.words)
    for p in (*book.source.verbs, *book.source.nouns):
        for name in ("lemma", "object", "prep", "xcomp", "subject", "yields_to", "particle", "modifier"):
            assert not any("$" in w for w in getattr(p, name)), (p.id, name)


def test_an_unknown_list_is_an_error_on_load(tmp_path):
    """A misspelt reference would silently match nothing: it fails on load, naming the
    pattern, its field and the lists there are. Twin: the shipped spelling loads."""
    text = SRC.read_text(encoding="utf-8")
    assert "object: [$called_off_meetings]" in text
    bad = _file(tmp_path, text.replace("object: [$called_off_meetings]", "object: [$called_of_meetings]", 1))
    with pytest.raises(ConfigError, match=r"verbs\[cancel-visit\]\.object .*'called_of_meetings'") as err:
        load_patterns(bad)
    assert err.value.code == "E200" and "quarrel_issues" in str(err.value)
    assert load_patterns(_file(tmp_path, text)).by_id("cancel-visit").object[0] == "visit"


def test_a_list_defined_twice_or_used_before_it_is_defined_fails(tmp_path):
    text = SRC.read_text(encoding="utf-8")
    first = "word_lists:\n"
    twice = text.replace(first, first + '  - {id: quarrel_issues, words: [wheat], comment: "again"}\n', 1)
    with pytest.raises(ConfigError, match="'quarrel_issues' is defined twice"):
        load_patterns(_file(tmp_path, twice))
    early = text.replace(first, first + '  - {id: early, words: [$quarrel_issues], comment: "too soon"}\n', 1)
    with pytest.raises(ConfigError, match=r"word_lists\[early\].*'quarrel_issues'"):
        load_patterns(_file(tmp_path, early))


def test_a_users_pattern_file_may_use_the_shipped_lists_and_its_own(tmp_path):
    extra = _file(tmp_path, (
        "word_lists:\n"
        "  - {id: grain_words, words: [wheat, barley], comment: a list of the user's own}\n"
        "verbs:\n"
        "  - {id: user-quarrel, lemma: [bicker], prep: ['over $quarrel_issues', 'about $grain_words'],"
        " cameo: '010'}\n"))
    p = load_patterns(extra=[extra]).by_id("user-quarrel")
    assert "over trade" in p.prep and p.prep[-2:] == ["about wheat", "about barley"]


def test_patterns_that_use_a_list_code_their_events():
    """Twins of the load tests: each folded pattern still codes its event."""
    story = "Peru and Chile have argued for months. "
    coded = _events(story + "The Peruvian and Chilean ministers clashed over tariffs.")
    quarrel = [ev for ev in coded if ev.rule.startswith("clash-over-issue")]
    assert quarrel and quarrel[0].cameo == "010" and quarrel[0].plover is None
    e = _one(story + "Peru summoned the Chilean charge d'affaires on Monday.", "ACCUSE")
    assert e.cameo == "114" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one(story + "Peru called in the Chilean ambassador.", "ACCUSE")
    assert e.cameo == "114" and e.rule.startswith("call-in-envoy")
    e = _one(story + "Peru expelled two Chilean diplomats.", "SANCTION")
    assert e.cameo == "166" and _countries(e.target) == ["CHL"]
    e = _one(story + "Chile hit Peru with new tariffs.", "SANCTION")
    assert e.cameo == "163" and _countries(e.target) == ["PER"]
    e = _one(story + "Chile halted arms sales to Peru.", "SANCTION")
    assert e.cameo == "1622" and _countries(e.target) == ["PER"]
