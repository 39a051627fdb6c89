"""`detente quotes` and `detente issues` filtered by date range and dyad (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from test_signals_cli import db  # noqa: F401  (the two-article fixture)

runner = CliRunner()


def _json(args: list[str]) -> list[dict]:
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_quotes_since_until(db: Path) -> None:  # noqa: F811
    base = ["quotes", "--db", str(db), "--format", "json"]
    assert [r["published"] for r in _json([*base, "--since", "2019-01-01"])] == ["2019-05-06"]
    assert [r["published"] for r in _json([*base, "--until", "2018-12-31"])] == ["2018-01-02"]
    assert _json([*base, "--since", "2018-01-02", "--until", "2018-01-02"])[0]["published"] == (
        "2018-01-02"
    )
    assert _json([*base, "--since", "2020-01-01"]) == []
    rows = _json([*base, "--since", "2018-01-01", "--dyad", "RUS", "CHN"])
    assert [r["speaker"]["name"] for r in rows] == ["Oleg Petrin"]


def test_issues_dyad_and_dates(db: Path) -> None:  # noqa: F811
    base = ["issues", "--db", str(db), "--format", "json"]
    assert {r["issue"] for r in _json([*base, "--dyad", "USA", "RUS"])} == {"sanctions"}
    assert {r["issue"] for r in _json([*base, "--since", "2019-01-01"])} == {"energy"}
    assert {r["issue"] for r in _json([*base, "--until", "2018-06-30"])} == {"sanctions"}
    assert _json([*base, "--dyad", "CHN", "RUS", "--until", "2018-06-30"]) == []
    energy = _json([*base, "--dyad", "chn", "rus"])[0]
    assert (energy["tags"], energy["articles"]) == (1, 1)
    assert energy["examples"][0]["phrase"] == "pipeline"


@pytest.mark.parametrize("command", ["quotes", "issues"])
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--since", "2019-13-01"], "not a date"),
        (["--since", "2020-01-01", "--until", "2019-01-01"], "after --until"),
    ],
)
def test_bad_dates_are_clear_errors(db: Path, command: str, args: list[str], says: str) -> None:  # noqa: F811
    res = runner.invoke(app, [command, "--db", str(db), *args])
    assert res.exit_code == 2, res.output
    assert says in res.output
