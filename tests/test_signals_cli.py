"""`detente quotes`, `detente assessments`, `detente issues` over a temp database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.records import (
    ActorRef,
    Article,
    Assessment,
    CodedArticle,
    IssueTag,
    Quote,
    Sentence,
    article_id_for,
    content_id,
)
from detente.store import Store

runner = CliRunner()

MARSH = ActorRef(text="Elena Marsh", name="Elena Marsh", country="USA", sector="DIP", code="USADIP")
PETRIN = ActorRef(
    text="Oleg Petrin", name="Oleg Petrin", country="RUS", sector="GOV", code="RUSGOV"
)


def _coded(
    body: str,
    published: str,
    dyad: tuple[str, str],
    speaker: ActorRef,
    quote: str,
    issue: str,
    phrase: str,
    level: str,
) -> CodedArticle:
    aid = article_id_for(body)
    art = Article(id=aid, body=body, published=published, publisher="Invented Daily")
    sent = Sentence(aid, 0, 0, len(body), body)
    qs = body.index(quote)
    ps = body.index(phrase)
    return CodedArticle(
        article=art,
        sentences=[sent],
        quotes=[
            Quote(content_id(aid, "q"), aid, 0, qs, qs + len(quote), quote, "direct", speaker, body)
        ],
        issues=[IssueTag(aid, 0, issue, phrase, ps, ps + len(phrase))],
        assessments=[
            Assessment(
                content_id(aid, "a"),
                aid,
                0,
                0,
                len(body),
                dyad,
                level,
                None,
                -0.9 if level == "very_bad" else 0.5,
                speaker,
                body,
                "lowest",
            )
        ],
        tone=-0.2,
        main_dyad=dyad,
    )


@pytest.fixture
def db(tmp_db: Path) -> Path:
    batch = [
        _coded(
            '"Ties are at their lowest," Elena Marsh said about the sanctions.',
            "2018-01-02",
            ("RUS", "USA"),
            MARSH,
            "Ties are at their lowest",
            "sanctions",
            "sanctions",
            "very_bad",
        ),
        _coded(
            '"Relations with Beijing are good," Oleg Petrin said of the pipeline.',
            "2019-05-06",
            ("CHN", "RUS"),
            PETRIN,
            "Relations with Beijing are good",
            "energy",
            "pipeline",
            "good",
        ),
    ]
    with Store(tmp_db) as store:
        store.add_articles([c.article for c in batch])
        store.save_coded(batch, "test")
    return tmp_db


def _json(args: list[str]) -> list[dict]:
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_quotes_json_shape(db: Path) -> None:
    rows = _json(["quotes", "--db", str(db), "--format", "json"])
    assert [r["text"] for r in rows] == [
        "Ties are at their lowest",
        "Relations with Beijing are good",
    ]
    first = rows[0]
    assert {"article_id", "speaker", "text", "kind", "sentence"} <= set(first)
    assert first["speaker"] == {
        "text": "Elena Marsh",
        "name": "Elena Marsh",
        "country": "USA",
        "sector": "DIP",
        "code": "USADIP",
    }
    assert first["kind"] == "direct"
    assert first["issues"] == []  # the issue phrase lies outside the quoted words
    assert first["sentence"].startswith('"Ties are at their lowest,"')


def test_quotes_filters(db: Path) -> None:
    rows = _json(["quotes", "--db", str(db), "--speaker", "petrin", "--format", "json"])
    assert [r["speaker"]["name"] for r in rows] == ["Oleg Petrin"]
    rows = _json(["quotes", "--db", str(db), "--dyad", "USA", "RUS", "--format", "json"])
    assert [r["speaker"]["name"] for r in rows] == ["Elena Marsh"]


def test_quotes_table(db: Path) -> None:
    res = runner.invoke(app, ["quotes", "--db", str(db)])
    assert res.exit_code == 0
    assert "Elena Marsh (USA)" in res.stdout and "2 quotes" in res.stdout


def test_assessments_json_and_dyad(db: Path) -> None:
    rows = _json(["assessments", "--db", str(db), "--format", "json"])
    assert len(rows) == 2
    assert {"article_id", "dyad", "level", "trend", "polarity", "speaker", "sentence"} <= set(
        rows[0]
    )
    rows = _json(["assessments", "--db", str(db), "--dyad", "usa", "rus", "--format", "json"])
    assert [(r["dyad"], r["level"], r["polarity"]) for r in rows] == [
        (["RUS", "USA"], "very_bad", -0.9)
    ]
    assert rows[0]["speaker"]["country"] == "USA"


def test_assessments_table(db: Path) -> None:
    res = runner.invoke(app, ["assessments", "--db", str(db), "--dyad", "CHN", "RUS"])
    assert res.exit_code == 0
    assert "CHN-RUS" in res.stdout and "RUS-USA" not in res.stdout


def test_issues_json_counts_and_examples(db: Path) -> None:
    rows = _json(["issues", "--db", str(db), "--format", "json"])
    by_issue = {r["issue"]: r for r in rows}
    assert set(by_issue) == {"sanctions", "energy"}
    s = by_issue["sanctions"]
    assert (s["label"], s["tags"], s["articles"]) == ("Sanctions", 1, 1)
    assert s["examples"][0]["phrase"] == "sanctions"
    assert "Elena Marsh" in s["examples"][0]["sentence"]


def test_issues_table(db: Path) -> None:
    res = runner.invoke(app, ["issues", "--db", str(db)])
    assert res.exit_code == 0 and "Energy" in res.stdout and "pipeline" in res.stdout


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["quotes", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2
    assert "no database" in res.output


def test_unknown_format_is_a_clear_error(db: Path) -> None:
    res = runner.invoke(app, ["issues", "--db", str(db), "--format", "xml"])
    assert res.exit_code == 2 and "--format" in res.output


@pytest.mark.parametrize("command", ["quotes", "assessments", "issues"])
def test_help_has_an_example(command: str) -> None:
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0 and "Example: detente " + command in res.stdout


def test_quote_issues_come_from_the_quoted_words(tmp_db: Path) -> None:
    c = _coded(
        'Oleg Petrin said: "The sanctions must go."',
        "2020-01-01",
        ("RUS", "USA"),
        PETRIN,
        "The sanctions must go.",
        "sanctions",
        "sanctions",
        "bad",
    )
    with Store(tmp_db) as store:
        store.add_articles([c.article])
        store.save_coded([c], "test")
    rows = _json(["quotes", "--db", str(tmp_db), "--format", "json"])
    assert rows[0]["issues"] == ["sanctions"]


def test_article_issue_lists(db: Path) -> None:
    from detente.signals.query import article_issue_lists

    with Store(db, read_only=True) as store:
        ids = [r["id"] for r in store.article_rows()]
        lists = article_issue_lists(store, ids)
    assert sorted(lists.values()) == [["energy"], ["sanctions"]]
