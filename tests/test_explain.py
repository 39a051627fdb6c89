"""`--explain`: a user can see why an event is or is not there (team-written sentences)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from detente.cli import app


def _explain(text: str, *extra: str) -> list[dict]:
    res = CliRunner().invoke(app, ["code", text, "--explain", "--format", "json", *extra])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_a_matched_pattern_and_its_event() -> None:
    [s] = _explain("Germany expelled two Russian diplomats on Friday.")
    assert any(t["lemma"] == "expel" and t["status"] == "pattern matched" for t in s["triggers"])
    assert {a["country"] for a in s["actors"]} >= {"DEU", "RUS"}
    assert any(a["resolved_by"] for a in s["actors"])
    [e] = [e for e in s["events"] if e["plover"] == "SANCTION"]
    assert e["source"] == ["DEU"] and e["target"] == ["RUS"] and e["rule"]


def test_a_negated_trigger_says_why_there_is_no_event() -> None:
    [s] = _explain("Germany did not expel the Russian diplomats.")
    assert any(t["lemma"] == "expel" and t["status"].startswith("negated") for t in s["triggers"])
    assert not [e for e in s["events"] if e["plover"] == "SANCTION"]


def test_the_model_shows_its_scores_and_threshold(tmp_path) -> None:
    from dataclasses import replace

    from detente.learn import load_model

    # the shipped weights at a threshold where the model decides (the shipped threshold
    # may be above 1: then it keeps the rules' events and proposes none)
    path = replace(load_model(), threshold=0.5).save(tmp_path / "m.npz")
    [s] = _explain("Germany expelled two Russian diplomats on Friday.", "--coder", "model",
                   "--model", str(path))
    m = s["model"]
    assert m["threshold"] == 0.5 and len(m["top_types"]) == 3
    assert m["top_types"][0]["type"] == "SANCTION"
    # the rules coded the sentence: the model judges their event instead of adding one
    assert not m["top_types"][0]["kept"]
    [k] = m["keep"]
    assert k["rule"] == "expel-diplomats" and k["kept"] and k["p"] >= m["keep_threshold"]
    assert any(e["rule"].startswith("model:") and e["plover"] == "SANCTION" for e in s["events"])


def test_text_output_is_a_tree() -> None:
    res = CliRunner().invoke(app, ["code", "Germany expelled two Russian diplomats.", "--explain"])
    assert res.exit_code == 0 and "rule events" in res.output and "pattern matched" in res.output


def test_show_explains_a_stored_article(tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Germany Expels Diplomats\n\nGermany expelled two Russian diplomats on Friday, "
                     "the foreign ministry in Berlin said.\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(story), "--db", str(db), "-q"]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--format", "json"]).output)
    res = runner.invoke(app, ["show", listed[0]["id"][:8], "--db", str(db), "--explain", "--format", "json"])
    assert res.exit_code == 0, res.output
    coding = json.loads(res.output)["coding"]
    assert any(e["plover"] == "SANCTION" for s in coding for e in s["events"])
