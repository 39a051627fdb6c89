"""Rule entities (data/entity_patterns.yaml) in place of the statistical NER."""

from __future__ import annotations

import pytest

from detente.errors import ConfigError
from detente.events.dates import EventDater
from detente.nlp import load_nlp
from detente.nlp.entities import RULER, expand, load_patterns
from detente.nlp.model import NOT_LOADED


def ents(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in load_nlp()(text).ents]


def test_the_statistical_ner_is_not_loaded_and_the_ruler_runs_last():
    nlp = load_nlp()
    assert "ner" in NOT_LOADED and "ner" not in nlp.pipe_names
    assert nlp.pipe_names[-1] == RULER
    assert load_nlp() is load_nlp(())  # one pipeline, however it is asked for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The treaty was signed on January 26, 2018 in Geneva.", "January 26, 2018"),
        ("Talks were held on 15 October 2017.", "15 October 2017"),
        ("The envoys met on Monday, March 3, 2017.", "Monday, March 3, 2017"),
        ("The ministers met last week.", "last week"),
        ("Sanctions were imposed two years ago.", "two years ago"),
        ("A summit is planned for mid-August.", "mid-August"),
        ("The embassy reopened earlier this month.", "earlier this month"),
        ("Troops withdrew in the 1990s.", "the 1990s"),
        ("The deal expired at the end of 2017.", "the end of 2017"),
        ("The talks collapsed in May.", "in May"),
        ("Fighting resumed on 13 May 2024.", "13 May 2024"),
    ],
)
def test_date_expressions(text, expected):
    assert (expected, "DATE") in ents(text)


def test_may_the_verb_and_may_the_surname_are_not_dates():
    found = ents("This may change. Theresa May met the envoy, and a letter from May followed.")
    assert not [t for t, label in found if label == "DATE"]
    assert ("Theresa May", "PERSON") in found


def test_durations_are_not_dates():
    """'for four years' must not move an event's date four years back."""
    assert not [t for t, label in ents("Russia has held the region for four years.") if label == "DATE"]


def test_unknown_names_and_clock_times():
    found = ents("Salaheddine Sidhoum spoke at 10 a.m. on Friday.")
    assert ("Salaheddine Sidhoum", "PERSON") in found
    assert ("10 a.m.", "TIME") in found
    assert ("Friday", "DATE") in found


def test_a_rule_date_moves_the_event_date():
    doc = load_nlp()("Putin met Trump on Monday.")
    sent = next(doc.sents)
    trigger = next(t for t in doc if t.lemma_ == "meet")
    # the article is from Thursday 2017-11-16: "Monday" is 2017-11-13
    assert EventDater().date_for(sent, trigger, "2017-11-16") == "2017-11-13"


def test_every_shipped_pattern_expands_to_spacy_token_patterns():
    patterns = load_patterns()
    assert {p["label"] for p in patterns} == {"DATE", "TIME", "PERSON"}
    for p in patterns:
        assert all(isinstance(tok, dict) for tok in p["pattern"])
        assert not any(str(v).startswith("$") for tok in p["pattern"] for v in tok.values())


def test_pattern_file_mistakes_name_the_pattern():
    with pytest.raises(ConfigError, match=r"pattern 1: \$MONTHS is not defined"):
        expand({"tokens": {"MONTH": ["may"]}, "patterns": [{"label": "DATE", "pattern": ["$MONTHS"]}]})
    with pytest.raises(ConfigError, match="pattern 1 needs a label"):
        expand({"patterns": [{"label": "EVENT", "pattern": [{"LOWER": "x"}]}]})
    optional = expand({"tokens": {"M": ["june"]}, "patterns": [{"label": "DATE", "pattern": ["$M?"]}]})
    assert optional[0]["pattern"] == [{"LOWER": {"IN": ["june"]}, "OP": "?"}]


def test_word_tests_as_lexeme_flags_find_the_same_entities():
    """The ruler's word tests (IN, NOT_IN, REGEX) are lexeme flags (native_patterns): an
    EntityRuler with the patterns as written finds the same entities, label and id, on
    every article of the sample corpus and on tricky words."""
    import json
    from pathlib import Path

    from spacy.pipeline import EntityRuler

    nlp = load_nlp()
    exact = EntityRuler(nlp, overwrite_ents=True, validate=True)
    exact.add_patterns(list(load_patterns()))
    # no Python predicate is left for the Matcher to call per token
    assert not any(isinstance(v, dict) for p in nlp.get_pipe(RULER).patterns
                   for t in p["pattern"] for v in t.values())
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    texts = [
        json.loads(line)["text"]
        for f in sorted(corpus.rglob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("{") and "text" in json.loads(line)
    ]
    texts += [f.read_text(encoding="utf-8", errors="replace") for f in sorted(corpus.rglob("*.txt"))]
    texts += [
        "On MONDAY, january 5th, 2019 at 10 a.m. and 3:30PM, Prime Minister Aftab Sherpao "
        "met Sen. John Q. Public in mid-May, the 1990s, the 20th century, two years ago.",
        "In May, May said 13 May 2024 was late-2017; the end of this year, 1992-93, noon.",
    ]
    assert len(texts) > 10
    with nlp.select_pipes(disable=[RULER]):
        docs = list(nlp.pipe(texts))
    ruler = nlp.get_pipe(RULER)
    found = 0
    for doc in docs:
        a, b = doc.copy(), doc.copy()
        ruler(a)
        exact(b)
        got = [(e.start, e.end, e.label_, e.ent_id_) for e in a.ents]
        assert got == [(e.start, e.end, e.label_, e.ent_id_) for e in b.ents]
        found += len(got)
    assert found > 100
