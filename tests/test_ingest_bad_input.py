"""Bad input: each case gets one specific line (input, reason, what to do), is skipped, the run goes on."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.ingest import IngestOptions, ingest_paths
from detente.records import Problem
from detente.store import Store

FIX = Path(__file__).parent / "fixtures" / "ingest"
GOOD = FIX / "scraped_story.txt"
runner = CliRunner()


def run(paths: list[Path | str], db: Path, **opts: object) -> tuple[int, list[Problem]]:
    with Store(db) as store:
        report = ingest_paths([str(p) for p in paths], store, options=IngestOptions(**opts))  # type: ignore[arg-type]
    return report.inserted, report.problems


def only_problem(path: Path | str, db: Path, **opts: object) -> Problem:
    inserted, problems = run([path, GOOD], db, **opts)
    assert inserted == 1, "the good file after the bad one is still ingested"
    [problem] = problems
    assert problem.source.startswith(str(path))
    assert problem.hint, "every problem says what to do"
    return problem


def test_binary_file(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    p = only_problem(path, tmp_db)
    assert p.code == "E101" and "binary data" in p.reason


def test_undecodable_bytes(tmp_path: Path, tmp_db: Path) -> None:
    rnd = random.Random(0)
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(rnd.randrange(0x80, 0x100) for _ in range(400)))
    p = only_problem(path, tmp_db)
    assert p.code == "E104" and "cannot decode" in p.reason and "UTF-8" in p.hint


@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n"])
def test_empty_file(tmp_path: Path, tmp_db: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    p = only_problem(path, tmp_db)
    assert p.code == "E102" and "empty" in p.reason


def test_nothing_left_after_cleaning(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text(
        "Accessibility links\n\nBreaking News\n\nplease wait\n\n0:00 0:03:41 0:00\n",
        encoding="utf-8",
    )
    p = only_problem(path, tmp_db)
    assert p.code == "E102" and "no article text left after cleaning" in p.reason
    assert "media-please-wait" in p.reason  # says which rules dropped the lines


def test_file_over_the_size_limit(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Arland and Borovia talk again. " * 200, encoding="utf-8")
    p = only_problem(path, tmp_db, max_bytes=GOOD.stat().st_size + 10)
    assert p.code == "E103" and "over the" in p.reason and "--max-bytes" in p.hint


def test_malformed_jsonl_lines_are_reported_by_line_number(tmp_path: Path, tmp_db: Path) -> None:
    good = (
        '{"text": "Borovia and Arland agreed on Sunday to swap prisoners held since the border '
        'clashes of last year.", "title": "Prisoner Swap Agreed"}'
    )
    path = tmp_path / "export.jsonl"
    path.write_text(
        "\n".join([good, '{"text": "unterminated', "[1, 2]", ""]) + "\n", encoding="utf-8"
    )
    inserted, problems = run([path], tmp_db)
    assert inserted == 1
    by_line = {p.source: p for p in problems}
    assert "line 2 is not valid JSON" in by_line[f"{path}:2"].reason
    assert "not an object" in by_line[f"{path}:3"].reason
    assert all(p.code == "E106" for p in problems)


def test_jsonl_without_text_field_names_the_keys(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"headline": "A", "story_text": "x"}\n{"headline": "B", "story_text": "y"}\n',
        encoding="utf-8",
    )
    inserted, [p] = run([path], tmp_db)
    assert inserted == 0
    assert "2 lines (first: line 1) without a text field" in p.reason
    assert "headline, story_text" in p.reason and "--text-col" in p.hint


def test_csv_without_text_column(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,headline,pub_date\n1,Talks Resume,2020-01-01\n", encoding="utf-8")
    p = only_problem(path, tmp_db)
    assert p.code == "E106"
    assert "no text column; columns found: id, headline, pub_date" in p.reason
    assert "--text-col" in p.hint


def test_csv_text_column_given_but_missing(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,body\n1,Some text here.\n", encoding="utf-8")
    p = only_problem(path, tmp_db, columns={"text": "article_text"})
    assert "'article_text' given with --text-col is missing" in p.hint


def test_unsupported_extension(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    p = only_problem(path, tmp_db)
    assert p.code == "E101" and "unsupported file type .pdf" in p.reason and ".txt" in p.hint


def test_missing_path(tmp_path: Path, tmp_db: Path) -> None:
    p = only_problem(tmp_path / "nowhere.txt", tmp_db)
    assert p.code == "E100" and "no such file or directory" in p.reason


def test_problems_are_recorded_with_the_run(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    run([path, GOOD], tmp_db)
    with Store(tmp_db, read_only=True) as store:
        rows = store.query("SELECT source, code, reason FROM problems")
    assert rows == [{"source": str(path), "code": "E101", "reason": "unsupported file type .pdf"}]


# -- the CLI: summary lines and exit status -----------------------------------------------


def test_cli_summary_line_and_exit_0_when_something_was_ingested(
    tmp_path: Path, tmp_db: Path
) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4\n")
    result = runner.invoke(app, ["ingest", str(bad), str(GOOD), "--db", str(tmp_db)])
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if "report.pdf" in ln)
    assert "unsupported file type .pdf" in line and "convert the file" in line
    assert "articles stored" in result.output


def test_cli_exit_1_when_nothing_could_be_ingested(tmp_path: Path, tmp_db: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(empty), "--db", str(tmp_db), "--quiet"])
    assert result.exit_code == 1
    assert "the file is empty" in result.output and "nothing was ingested" in result.output


def test_cli_exit_0_when_everything_was_already_present(tmp_db: Path) -> None:
    assert runner.invoke(app, ["ingest", str(GOOD), "--db", str(tmp_db), "-q"]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(GOOD), "--db", str(tmp_db)])
    assert result.exit_code == 0
    assert "already present" in result.output


def test_cli_strict_stops_at_the_first_problem(tmp_path: Path, tmp_db: Path) -> None:
    (tmp_path / "a_bad.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "b_good.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_db), "--strict", "-q"])
    assert result.exit_code == 1
    assert "--strict" in result.output and "unsupported file type .pdf" in result.output
    with Store(tmp_db, read_only=True) as store:
        assert store.article_rows() == []  # stopped before the good file


def test_cli_max_bytes_option(tmp_path: Path, tmp_db: Path) -> None:
    result = runner.invoke(app, ["ingest", str(GOOD), "--db", str(tmp_db), "--max-bytes", "100"])
    assert result.exit_code == 1
    assert "over the 100 bytes limit" in result.output
