"""Bad input that the other test files do not cover: each gets one clear line, nothing is lost.

Together with tests/test_ingest_bad_input.py, test_ingest_readers.py,
test_check.py and test_migrations.py these prove docs/BAD_INPUT.md, and the
last test here checks that every test the catalogue names exists.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.ingest import IngestOptions, ingest_paths
from detente.ingest.build import MAX_BODY_CHARS
from detente.store import Store

REPO = Path(__file__).resolve().parents[1]
GOOD = Path(__file__).parent / "fixtures" / "ingest" / "scraped_story.txt"
runner = CliRunner()


def one_line(output: str) -> str:
    return " ".join(output.split())


def ingest(paths: list[Path], db: Path, **opts: object):
    with Store(db) as store:
        return ingest_paths([str(p) for p in paths], store, options=IngestOptions(**opts))  # type: ignore[arg-type]


def test_article_longer_than_the_parser_takes_is_skipped(tmp_path: Path, tmp_db: Path) -> None:
    """Over spaCy's 1,000,000 characters the coder could never run; refused at ingest instead."""
    path = tmp_path / "book.txt"
    lines = [
        f"Arland and Borovia met again on day {i} to talk about the river." for i in range(16000)
    ]
    path.write_text("\n\n".join(lines), encoding="utf-8")
    assert path.stat().st_size > MAX_BODY_CHARS
    report = ingest([path, GOOD], tmp_db)
    assert report.inserted == 1  # the good file after it is stored
    [p] = report.problems
    assert p.code == "E103" and p.source == str(path)
    assert re.fullmatch(
        r"the article text has [\d,]+ characters, over the 1,000,000 the parser reads", p.reason
    )
    assert "split it into articles" in p.hint


def test_jsonl_line_over_the_size_limit(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "export.jsonl"
    good = {
        "text": "Arland and Borovia signed a treaty on the river border on Monday.",
        "title": "T",
    }
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps(good) + "\n", encoding="utf-8"
    )
    report = ingest([path], tmp_db, max_bytes=1000)
    assert report.inserted == 1
    [p] = report.problems
    assert p.code == "E103" and p.source == f"{path}:1"
    assert p.reason == "line 1 is 4.9 KB, over the 1000 bytes limit" and "--max-bytes" in p.hint


def test_jsonl_lone_surrogate_escape_is_replaced_not_fatal(tmp_path: Path, tmp_db: Path) -> None:
    """`\\ud800` in JSON decodes to a lone surrogate, which no database or parser accepts."""
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"text": "Arland expelled two envoys from Borovia on Monday \\ud800 after a dispute.", '
        '"title": "Envoys \\udfff expelled"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_db), "-q"])
    assert result.exit_code == 0, result.output
    with Store(tmp_db, read_only=True) as store:
        [row] = store.article_rows()
    assert "Monday \ufffd after" in row["body"] and row["title"] == "Envoys \ufffd expelled"


def test_html_nested_deeper_than_the_parser_reads(tmp_path: Path, tmp_db: Path) -> None:
    """libxml2 stops at 256 levels: the text below is not reached, and the message says so."""
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * 300 + "<p>Arland met Borovia on Monday.</p>" + "</div>" * 300,
        encoding="utf-8",
    )
    report = ingest([path, GOOD], tmp_db)
    assert report.inserted == 1
    [p] = report.problems
    assert p.code == "E102" and p.reason == "no article text found in the HTML"
    assert "script" in p.hint


def test_html_fragment_without_html_element_is_read(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "fragment.html"
    path.write_text("<div><p>Arland and Borovia signed a river treaty on Monday.</p></div>")
    report = ingest([path], tmp_db)
    assert report.inserted == 1 and report.problems == []


def test_bad_actor_file_stops_run_with_the_entry_named(tmp_path: Path, tmp_db: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text("people:\n  - id: jane-roe\n    sector: ZZZ\n", encoding="utf-8")
    result = runner.invoke(
        app, ["run", str(GOOD), "--db", str(tmp_db), "--actors", str(actors), "-q"]
    )
    assert result.exit_code == 2
    text = one_line(result.output)
    assert "[E200]" in text and "actors.yaml" in text and "jane-roe" in text
    assert "Traceback" not in text


def test_bad_gold_file_is_named_with_the_parse_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text('{"not": "closed"', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2
    text = one_line(result.output)
    assert "gold.json: not JSON or JSONL" in text and "GOLD_FORMAT.md" in text


@pytest.mark.parametrize("date", ["garbage", "2024-02-30", "03/04/2024"])
def test_bad_date_option_of_code(date: str) -> None:
    result = runner.invoke(app, ["code", "Arland met Borovia.", "--date", date])
    assert result.exit_code == 2
    assert "is not an ISO date" in one_line(result.output) and "YYYY-MM-DD" in result.output


def test_run_on_a_locked_database_says_so(tmp_db: Path) -> None:
    Store(tmp_db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); sys.stdin.read()",
            str(tmp_db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = runner.invoke(app, ["run", str(GOOD), "--db", str(tmp_db), "-q"])
    finally:
        holder.communicate("", timeout=30)
    assert result.exit_code == 2
    text = one_line(result.output)
    assert "[E400] cannot open database" in text and "lock" in text.lower()


# -- the catalogue names only tests that exist ------------------------------------------------


def test_every_test_named_in_the_bad_input_catalogue_exists() -> None:
    doc = (REPO / "docs" / "BAD_INPUT.md").read_text(encoding="utf-8")
    refs = re.findall(r"(tests/test_\w+\.py)::(test_\w+)", doc)
    assert len(refs) >= 30
    for path, name in refs:
        source = (REPO / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.M), f"{path}::{name} is not a test"
