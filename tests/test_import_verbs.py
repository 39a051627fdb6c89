"""`detente import-verbs`: a TABARI/PETRARCH verb dictionary becomes detente patterns
(team-written dictionary lines), usable with --patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import ConfigError
from detente.events.patterns import load_patterns
from detente.events.tabari_verbs import parse_verbs

DICTIONARY = """\
# team-written test dictionary
--- CRITICIZE   [111] ---
REPRIMAND
UPBRAID  [111]
- * + FOR  [111]   ; upbraided X for
CALL_OFF  [---]
- * VISIT  [160]
- * &SYNSET  [070]
--- EXPEL  [166] ---
BOOT_OUT
- * + FROM  [166]
- * WITH +  [999]
"""


def test_blocks_verbs_and_patterns_become_entries() -> None:
    got = parse_verbs(DICTIONARY, source="test.verbs")
    by_id = {v["id"]: v for v in got.verbs}
    assert by_id["tabari-reprimand"] == {
        "id": "tabari-reprimand", "lemma": ["reprimand"], "cameo": "111",
        "comment": "imported from test.verbs line 3: REPRIMAND"}
    assert by_id["tabari-upbraid-2"]["prep"] == ["for"] and by_id["tabari-upbraid-2"]["target"] == ["dobj"]
    assert by_id["tabari-call-off"]["particle"] == ["off"] and by_id["tabari-call-off"]["object"] == ["visit"]
    assert by_id["tabari-boot-out"]["cameo"] == "166"
    # what cannot be expressed is listed with the reason, never guessed
    why = {no: reason for no, _, reason in got.skipped}
    assert "synonym sets" in why[8] and "unknown CAMEO code" in why[12]
    assert "tabari-call" not in by_id  # [---] codes nothing


def test_imported_patterns_code_with_the_patterns_option(tmp_path: Path) -> None:
    src = tmp_path / "team.verbs"
    src.write_text(DICTIONARY, encoding="utf-8")
    out = tmp_path / "team.yaml"
    runner = CliRunner()
    res = runner.invoke(app, ["import-verbs", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "skipped line 8" in res.output
    sentence = "Estonia reprimanded Russia for the violation of its airspace."
    plain = json.loads(runner.invoke(app, ["code", sentence, "--format", "json"]).output)
    assert not [e for e in plain if e["rule"].startswith("tabari-")]  # twin: not without --patterns
    res = runner.invoke(app, ["code", sentence, "--patterns", str(out), "--format", "json"])
    events = json.loads(res.output)
    assert any(e["rule"].startswith("tabari-") and e["plover"] == "ACCUSE" for e in events), events


def test_a_bad_extra_pattern_names_its_entry(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n  - {id: mine, lemma: [scold], cameo: '111', pos: VERBB}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pattern 'mine'"):
        load_patterns(extra=[bad])
