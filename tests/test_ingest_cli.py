"""The CLI commands of ingest: `detente ingest`, `detente articles`, `detente show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

FIX = Path(__file__).parent / "fixtures" / "ingest"
runner = CliRunner()
REQUIRED = {
    "id",
    "title",
    "authors",
    "published",
    "publisher",
    "url",
    "language",
    "body",
    "comments",
    "duplicate_of",
    "source_path",
}


@pytest.fixture
def db(tmp_db: Path) -> Path:
    result = runner.invoke(app, ["ingest", str(FIX), "--db", str(tmp_db)])
    assert result.exit_code == 0, result.output
    return tmp_db


def articles_json(db: Path) -> list[dict]:
    result = runner.invoke(app, ["articles", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_folder_summary(tmp_db: Path) -> None:
    result = runner.invoke(app, ["ingest", str(FIX), "--db", str(tmp_db)])
    assert result.exit_code == 0
    assert "articles stored" in result.output
    # README.md of the fixtures folder is not an article, and says so.
    assert "README.md" in result.output and "unsupported file type .md" in result.output


def test_articles_json_has_the_documented_fields(db: Path) -> None:
    rows = articles_json(db)
    assert len(rows) == 7  # txt 1, html 1, jsonl 2, csv 2, custom csv 1 (its date is parsed)
    for row in rows:
        assert set(row) >= REQUIRED
        assert isinstance(row["authors"], list) and isinstance(row["comments"], list)
        assert row["published"] is None or len(row["published"]) == 10
    by_title = {r["title"]: r for r in rows}
    story = by_title["Arland Offers Borovia Talks on Shared River"]
    assert story["published"] == "2019-03-04" and story["authors"] == ["Mara Lind"]
    assert story["source_path"].endswith("scraped_story.txt")


def test_articles_jsonl_and_limit(db: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl", "--limit", "3"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert all(set(json.loads(ln)) >= REQUIRED for ln in lines)


def test_articles_table(db: Path) -> None:
    rows = articles_json(db)
    result = runner.invoke(app, ["articles", "--db", str(db)])
    assert result.exit_code == 0
    assert "7 articles" in result.output
    assert all(r["id"] in result.output for r in rows)


def test_articles_without_a_database_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "detente ingest" in result.output


def test_show_by_id_prefix(db: Path) -> None:
    row = next(
        r for r in articles_json(db) if r["title"] == "Arland Offers Borovia Talks on Shared River"
    )
    result = runner.invoke(app, ["show", row["id"][:8], "--db", str(db)])
    assert result.exit_code == 0
    assert row["title"] in result.output and "answer within a month." in result.output
    assert "removed by cleaning" not in result.output


def test_show_explain_lists_removals_and_evidence(db: Path) -> None:
    row = next(
        r for r in articles_json(db) if r["title"] == "Arland Offers Borovia Talks on Shared River"
    )
    result = runner.invoke(app, ["show", row["id"], "--db", str(db), "--explain"])
    assert result.exit_code == 0
    out = result.output
    assert "removed by cleaning" in out and "metadata evidence" in out
    line = next(ln for ln in out.splitlines() if "media-please-wait" in ln)
    assert "media player residue" in line and "please wait" in line
    assert "published: date-line" in out
    assert "publisher: views-disclaimer" in out


def test_show_json_with_removals(db: Path) -> None:
    row = next(
        r for r in articles_json(db) if r["title"] == "Arland Offers Borovia Talks on Shared River"
    )
    result = runner.invoke(
        app, ["show", row["id"], "--db", str(db), "--explain", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert data["id"] == row["id"]
    assert {"rule": "teaser-related", "reason": "teaser linking to another story"}.items() <= next(
        r for r in data["removals"] if r["rule"] == "teaser-related"
    ).items()


def test_show_unknown_id(db: Path) -> None:
    result = runner.invoke(app, ["show", "ffffffffffff", "--db", str(db)])
    assert result.exit_code == 2
    assert "no article id starts with" in result.output and "detente articles" in result.output


@pytest.mark.parametrize("command", ["ingest", "articles", "show"])
def test_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"detente {command}" in result.output
