"""`detente actors` and `detente eval-actors` from the command line (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from detente.cli import app

runner = CliRunner()

TEXT = "Kremlin spokesman Dmitry Peskov said Moscow would answer the U.S. Congress."


def test_actors_json_output():
    result = runner.invoke(app, ["actors", TEXT, "--date", "2018-01-26", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == ["RUSGOV", "RUSGOV", "USALEG"]
    for row in rows:
        for key in (
            "text",
            "start",
            "end",
            "name",
            "country",
            "sector",
            "code",
            "resolved_by",
            "confidence",
            "kind",
            "sentence_index",
        ):
            assert key in row
        assert TEXT[row["start"] : row["end"]] == row["text"]
    assert rows[0]["name"] == "Dmitry Peskov" and rows[0]["resolved_by"] == "dictionary"


def test_actors_table_output_and_text_file(tmp_path: Path):
    f = tmp_path / "article.txt"
    f.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["actors", str(f), "--date", "2018-01-26"])
    assert result.exit_code == 0, result.output
    assert "RUSGOV" in result.stdout and "Dmitry Peskov" in result.stdout


def test_actors_on_text_longer_than_a_file_name():
    # a paragraph over 255 bytes with no line break is text, not a path the system refuses
    long = " ".join([TEXT] * 5)
    assert len(long.encode()) > 255 and "\n" not in long
    result = runner.invoke(app, ["actors", long, "--date", "2018-01-26", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows].count("RUSGOV") >= 5


def test_actors_with_a_user_dictionary(fixtures_dir: Path):
    user = fixtures_dir / "actors" / "user_actors.yaml"
    result = runner.invoke(
        app,
        [
            "actors",
            "Ivana Testerova resigned.",
            "--date",
            "2016-01-01",
            "--actors",
            str(user),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["code"] == "MDAGOV"


def test_actors_bad_date_exits_2():
    result = runner.invoke(app, ["actors", TEXT, "--date", "Jan 2018"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_actors_help_has_an_example():
    result = runner.invoke(app, ["actors", "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout


def test_eval_actors_on_a_written_gold_file(fixtures_dir: Path):
    gold = fixtures_dir / "actors" / "gold_mini.json"
    result = runner.invoke(app, ["eval-actors", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # 6 gold actors; the invented "Zorbian council" cannot be coded
    assert report["actors"] == 6 and report["country_correct"] == 5
    # the U.S. ambassador is DIP for us and GOV in the gold: CAMEO's diplomat role counts as GOV
    assert report["sector_scored"] == 5 and report["sector_correct"] == 4
    assert [m["actor_text"] for m in report["misses"]] == ["Zorbian council"]
    assert any("diplomatic" in s for s in report["skipped"])
    table = runner.invoke(app, ["eval-actors", str(gold)])
    assert table.exit_code == 0 and "country accuracy" in table.stdout
