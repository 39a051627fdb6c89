"""The keep scorer of rule events: the rules propose, the model judges each rule event by
its rule, how its actors were found and its sentence, and learns from gold which of them
the annotators would not code. Team-written sentences only."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from detente.learn import train as learn_train
from detente.learn.features import rule_event_strings
from detente.learn.train import collect, train
from detente.pipeline import Coder
from factories import LEARN_HELD_OUT, LEARN_PAIRS

PAIRS, HELD_OUT = LEARN_PAIRS, LEARN_HELD_OUT


def _story(a: str, b: str) -> tuple[str, str, str]:
    """(text, the real expulsion, a novel's plot the rules may read as one)."""
    real = f"{a} expelled three diplomats of {b} on Tuesday, the foreign ministry said."
    fiction = f"In the prize-winning novel, {a} expelled three diplomats of {b} in 1850."
    text = f"Diplomats leave\n\n{real}\n\nBooks\n\n{fiction}\n"
    return text, real, fiction


def _gold(folder: Path, pairs: list[tuple[str, str, str, str]]) -> Path:
    """Gold that codes the expulsion and not the novel's plot."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (a, ac, b, bc) in enumerate(pairs):
        text, real, _ = _story(a, b)
        (folder / f"{i:02d}_s.txt").write_text(text, encoding="utf-8")
        gold = {"url": None, "publisher": None, "title": "Diplomats leave", "published": None,
                "authors": [], "dyads": [[ac, bc]],
                "events": [{"sentence": real, "plover": "SANCTION",
                            "source": {"code": ac, "sector": "GOV"},
                            "target": {"code": bc, "sector": "GOV"}, "cameo_root": "16",
                            "note": ""}]}
        (folder / f"{i:02d}_s.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_rule_event_features_say_how_the_actors_were_found(tmp_path: Path) -> None:
    [sample] = collect([_gold(tmp_path / "g", PAIRS[:1])], Coder())
    [view] = [v for v in sample.views if "foreign ministry" in v.text]
    [e] = [e for e in view.rule_events if e.plover == "SANCTION"]
    feats = rule_event_strings(view, e)
    assert f"rid={e.rule}" in feats and "P=SANCTION" in feats
    assert f"sres={e.source[0].resolved_by}" in feats and "sinsent=True" in feats
    assert f"M={e.modality}" in feats and f"pos={view.index}" in feats and "hl=False" in feats, feats[:30]
    assert any(f.startswith("S|") for f in feats)  # the sentence's own features
    # twin: the same event in a line without closing punctuation reads as a headline
    head = dataclasses.replace(view, text=view.text.strip().rstrip("."))
    assert "hl=True" in rule_event_strings(head, e) and "hl=False" not in rule_event_strings(head, e)


def test_keep_scorer_learns_which_rule_events_gold_leaves_out(tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(learn_train, "MIN_TYPE_EVENTS", 1)
        model, _ = train([_gold(tmp_path / "train", PAIRS)], Coder(), folds=2)
    [sample] = collect([_gold(tmp_path / "held", [HELD_OUT])], Coder())
    real = [(v, e) for v in sample.views for e in v.rule_events
            if "foreign ministry" in v.text and e.plover == "SANCTION"]
    fiction = [(v, e) for v in sample.views for e in v.rule_events if "novel" in v.text]
    assert real
    p_real = model.keep_probabilities([rule_event_strings(v, e) for v, e in real])
    assert min(p_real) > 0.5
    if fiction:  # the rules coded the plot: the model trusts it less than the real act
        p_fiction = model.keep_probabilities([rule_event_strings(v, e) for v, e in fiction])
        assert max(p_fiction) < min(p_real)


def test_rule_event_features_say_whether_the_actors_are_the_storys(tmp_path: Path) -> None:
    from detente.learn.features import partner_ranks, salience_ranks

    [sample] = collect([_gold(tmp_path / "g", PAIRS[:1])], Coder())
    [view] = [v for v in sample.views if "foreign ministry" in v.text]
    [e] = [e for e in view.rule_events if e.plover == "SANCTION"]
    feats = rule_event_strings(view, e, salience_ranks(sample.mentions),
                               partner_ranks(sample.mentions))
    assert "ssal=0" in feats or "ssal=1" in feats  # France: one of the two named most
    assert "tpart=0" in feats  # Germany: the country France is named with most
    # twin: without the article's ranks, no such features
    assert not [f for f in rule_event_strings(view, e) if f.startswith(("ssal=", "tpart="))]
