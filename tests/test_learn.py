"""The trained event decision: deterministic fitting on team-written gold, coding held-out
team sentences, a safe model file format, and `detente train` / `--model` end to end."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import ModelError
from detente.learn import EventModel
from detente.learn import train as learn_train
from detente.learn.train import train
from detente.pipeline import Coder
from factories import LEARN_HELD_OUT, LEARN_PAIRS

PAIRS, HELD_OUT = LEARN_PAIRS, LEARN_HELD_OUT


def _article(a: str, b: str) -> tuple[str, list[tuple[str, str, str, str]]]:
    """An invented wire story: (text, [(sentence, plover, source, target)]) with codes filled later."""
    s1 = f"{a} expelled three diplomats of {b} on Tuesday, the foreign ministry said."
    s2 = "The meeting hall near the river was closed for repairs during the winter."
    s3 = f"{b} condemned the expulsion and accused {a} of hostility."
    s4 = "Farmers in the north said the harvest was better than last year."
    text = f"Diplomats leave after dispute\n\n{s1}\n\n{s2} {s3}\n\n{s4}\n"
    return text, [(s1, "SANCTION", "A", "B"), (s3, "ACCUSE", "B", "A")]


def write_gold(folder: Path, pairs: list[tuple[str, str, str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (a, ac, b, bc) in enumerate(pairs):
        text, events = _article(a, b)
        code = {"A": ac, "B": bc}
        (folder / f"{i:02d}_story.txt").write_text(text, encoding="utf-8")
        gold = {"url": None, "publisher": None, "title": "Diplomats leave after dispute",
                "published": None, "authors": [], "dyads": [[ac, bc]],
                "events": [{"sentence": s, "plover": p, "source": {"code": code[x], "sector": "GOV"},
                            "target": {"code": code[y], "sector": "GOV"}, "cameo_root": "",
                            "note": ""} for s, p, x, y in events]}
        (folder / f"{i:02d}_story.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[EventModel, Path]:
    root = tmp_path_factory.mktemp("gold")
    gold = write_gold(root / "train", PAIRS)
    with pytest.MonkeyPatch.context() as mp:  # six examples a type: let the model judge them
        mp.setattr(learn_train, "MIN_TYPE_EVENTS", 1)
        model, _card = train([gold], Coder(), folds=2)
    path = model.save(root / "model.npz")
    return model, path


def test_fitting_is_deterministic(tmp_path: Path, trained: tuple[EventModel, Path],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    model, _ = trained
    monkeypatch.setattr(learn_train, "MIN_TYPE_EVENTS", 1)
    again, _ = train([write_gold(tmp_path / "train", PAIRS)], Coder(), folds=2)
    assert again.types == model.types
    assert np.array_equal(again.type_w, model.type_w)
    assert np.array_equal(again.src_w, model.src_w) and np.array_equal(again.tgt_w, model.tgt_w)
    assert again.threshold == model.threshold


def test_model_codes_held_out_sentences(trained: tuple[EventModel, Path]) -> None:
    _, path = trained
    a, ac, b, bc = HELD_OUT
    text, _ = _article(a, b)
    events = Coder(model=str(path)).code_text(text, "2024-03-05")
    got = {(e.plover, tuple(x.country for x in e.source), tuple(x.country for x in e.target))
           for e in events}
    assert ("SANCTION", (ac,), (bc,)) in got
    assert all(e.rule.startswith("model:") and 0.0 <= e.confidence <= 1.0 for e in events)
    # twin: the sentences about repairs and the harvest carry no event
    assert not [e for e in events if "harvest" in e.sentence or "repairs" in e.sentence]


def test_types_too_rare_to_judge_are_left_to_the_rules(tmp_path: Path) -> None:
    """With fewer gold events of a type than MIN_TYPE_EVENTS, the model proposes none of
    its own of that type; the rules' events of it are judged like the others (kept as
    coded: model:accept<... or, when rule events are only features, model:kept<...)."""
    model, _ = train([write_gold(tmp_path / "train", PAIRS)], Coder(), folds=2)
    assert {"SANCTION", "ACCUSE"} <= set(model.kept_rule_types)  # six of each < 20
    a, ac, b, bc = HELD_OUT
    text, _ = _article(a, b)
    events = Coder(model=str(model.save(tmp_path / "m.npz"))).code_text(text, "2024-03-05")
    [sanction] = [e for e in events if e.plover == "SANCTION"]
    ruled = ("model:accept<", "model:kept<")
    assert sanction.rule.startswith(ruled) and [x.country for x in sanction.source] == [ac]
    assert all(e.rule.startswith(ruled) for e in events)  # none of the model's own
    # twin: the model trained to judge them (test above) codes with its own decisions
    assert "SANCTION" not in trained_kept(tmp_path)


def trained_kept(tmp_path: Path) -> list[str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(learn_train, "MIN_TYPE_EVENTS", 1)
        model, _ = train([write_gold(tmp_path / "again", PAIRS)], Coder(), folds=2)
    return model.kept_rule_types


def test_every_setting_is_scored_from_one_pass(tmp_path: Path, trained: tuple[EventModel, Path]) -> None:
    """Training scores each article once for all the thresholds it tries: the choices are
    those ``choose`` makes on its own at each setting."""
    model, _ = trained
    a, ac, b, bc = HELD_OUT
    [sample] = learn_train.collect([write_gold(tmp_path / "held", [(a, ac, b, bc)])], Coder())
    combos = [(t, rt) for t in (0.05, 0.5, 1.01) for rt in (None, 0.0, 0.3, 0.9)]
    at_once = learn_train.choices_by_combo(model, sample, combos)
    def key(chs: list) -> list:
        return [(c.view.index, c.plover, c.p_type, c.sources, c.targets, c.rule) for c in chs]
    for c in combos:
        assert key(at_once[c]) == key(learn_train.choices_for(model, sample, c[0], c[1]))
    assert any(at_once[c] for c in combos)


def test_save_and_load_round_trip(trained: tuple[EventModel, Path]) -> None:
    model, path = trained
    loaded = EventModel.load(path)
    assert loaded.types == model.types and loaded.cameo == model.cameo
    assert loaded.kept_rule_types == model.kept_rule_types
    assert np.allclose(loaded.type_w, model.type_w) and np.allclose(loaded.type_wd, model.type_wd)
    assert loaded.card["articles"] == len(PAIRS)


def test_bad_model_files_are_refused(tmp_path: Path, trained: tuple[EventModel, Path]) -> None:
    _, good = trained
    with pytest.raises(ModelError, match="no model file"):
        EventModel.load(tmp_path / "missing.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError, match="not a readable model file"):
        EventModel.load(junk)
    half = tmp_path / "half.npz"
    half.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ModelError):
        EventModel.load(half)
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, weights=np.ones(3))
    with pytest.raises(ModelError, match="no header"):
        EventModel.load(foreign)
    # An object array would need pickle to load: refused, never unpickled.
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, meta=np.array([{"format": "detente-event-model"}], dtype=object))
    with pytest.raises(ModelError):
        EventModel.load(pickled)
    # Another version of the format.
    other = tmp_path / "other.npz"
    with np.load(good, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    header = json.loads(bytes(arrays["meta"]).decode())
    header["version"] = 99
    arrays["meta"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    np.savez(other, **arrays)
    with pytest.raises(ModelError, match="version 99"):
        EventModel.load(other)
    assert zipfile.is_zipfile(good)


def test_train_and_code_from_the_cli(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", PAIRS[:4])
    out = tmp_path / "m.npz"
    runner = CliRunner()
    r = runner.invoke(app, ["train", str(gold), "--out", str(out), "--folds", "2", "--min-precision", "0"])
    assert r.exit_code == 0, r.output
    assert out.is_file() and out.with_suffix(".md").read_text().startswith("# detente event model")
    r = runner.invoke(app, ["code", "Japan expelled two diplomats of Canada on Friday.",
                            "--model", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    events = json.loads(r.output)
    def countries(x: list | dict) -> set[str]:
        return {a["country"] for a in (x if isinstance(x, list) else [x])}

    assert any(e["plover"] == "SANCTION" and "JPN" in countries(e["source"]) for e in events)
    bad = tmp_path / "bad.npz"
    bad.write_text("garbage")
    r = runner.invoke(app, ["code", "Japan expelled two diplomats.", "--model", str(bad)])
    assert r.exit_code != 0 and "not a readable model file" in r.output


def test_shipped_model_loads_and_has_a_card() -> None:
    from detente.learn import DEFAULT_MODEL, load_model

    model = load_model()
    assert DEFAULT_MODEL.is_file() and DEFAULT_MODEL.with_suffix(".md").is_file()
    assert model.card["gold_events"] > 500 and "news_train" in model.card["trained_on"][0]
    assert "SANCTION" in model.types and model.threshold > 0.0
    if model.threshold > 1.0 and model.rule_threshold == 0.0:
        # no setting beat the rules on held-out data: it keeps every rule event and adds
        # none (and says so on its card)
        assert "beat the rules on both held-out sets" in DEFAULT_MODEL.with_suffix(".md").read_text()
    # the chosen setting is at least as precise as the rules alone, with at least their
    # recall, on the cross-validation folds and on the tuning gold (the card's record)
    cv = model.card["cross_validation"]
    chosen = f"{cv['threshold']}/{cv['rule_threshold']}"
    for key, table in (("cv", "by_threshold"), ("tune", "tune_by_threshold")):
        rules, got = cv["rules"][key], cv[table][chosen]
        assert got["precision"] >= rules["precision"] and got["recall"] >= rules["recall"]
