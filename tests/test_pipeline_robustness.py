"""One bad article or stray byte never stops the pipeline (defects reported by the fuzzing work)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from detente.cli import app
from detente.pipeline import Coder, code_text
from detente.records import Article


def test_lone_surrogate_is_coded_not_crashed():
    events = code_text("Russia expelled two American diplomats \ud800 on Monday.", "2023-03-09")
    assert [e.plover for e in events] == ["SANCTION"]


def test_code_reads_non_utf8_stdin():
    result = CliRunner().invoke(app, ["code", "-", "--format", "json"], input=b"Russia met \xff China.")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_a_failing_article_is_a_failure_and_the_batch_goes_on(monkeypatch):
    coder = Coder()
    good = Article(id="good", body="Japan condemned North Korea for the missile launch.")
    bad = Article(id="bad", body="Japan praised Brazil.")
    real = coder.code_doc

    def flaky(doc, article):
        if article.id == "bad":
            raise ZeroDivisionError("boom")
        return real(doc, article)

    monkeypatch.setattr(coder, "code_doc", flaky)
    coded, failures = coder.code_batch([bad, good])
    assert [c.article.id for c in coded] == ["good"]
    assert failures and failures[0][0] == "bad" and "internal error ZeroDivisionError" in failures[0][1]
