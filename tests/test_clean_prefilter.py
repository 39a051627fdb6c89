"""The whole-text test that lets a cleaning rule skip a text's lines (clean/prefilter.py)
never skips a line the rule would match, and the cleaner's lines are the ones rewriting
each line on its own gives."""

from __future__ import annotations

import re

import pytest

from detente.clean import default_ruleset
from detente.clean.cleaner import _Run
from detente.clean.prefilter import may_match
from test_clean_rules import CASES

MARKDOWN = "\n".join([
    "## Arland and Borovia sign a **water** treaty",
    "- Talks resumed in *Calder* after \\(a\\) pause of two  years",
    "\u00a0Officials\u200b said [the text](https://example.org/a(b)) was ready.",
    "See <https://example.org/treaty> and [a link",
    "](#) split over two lines, __bold__ and _italic_ words.",
    "",
    "• Ministers will meet again in the spring.",
])

TEXTS = [case.text for case in CASES.values()] + [MARKDOWN, "", "one line", "a\r\nb\x0bc\u2028d"]


def _per_line(text: str) -> list[tuple[int, str, str]]:
    """(line number, raw, text) of the kept lines, rewriting one line at a time."""
    rules = default_ruleset()
    out = []
    for no, original in enumerate(text.splitlines(), start=1):
        raw = original
        for r in rules.of_kind("rewrite", "early"):
            raw = r.pattern.sub(r.spec.replace, raw)
        raw = raw.strip()
        cooked = raw
        for r in rules.of_kind("rewrite", "late"):
            cooked = r.pattern.sub(r.spec.replace, cooked)
        cooked = cooked.strip()
        if cooked:
            out.append((no, raw, cooked))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_split_lines_are_those_of_rewriting_each_line_alone(text: str) -> None:
    run = _Run(text, default_ruleset(), None)
    assert [(ln.no, ln.raw, ln.text) for ln in run.lines] == _per_line(text)


def test_the_markdown_text_is_rewritten() -> None:
    texts = [ln.text for ln in _Run(MARKDOWN, default_ruleset(), None).lines]
    assert texts[0] == "Arland and Borovia sign a water treaty"
    assert "Officials said the text was ready." in texts


def test_no_rule_is_skipped_on_a_text_with_a_line_it_matches() -> None:
    rules = default_ruleset()
    tested = 0
    for rule in rules.rules:
        test = rule.may_match
        if rule.pattern is None or test is None:
            continue
        for text in TEXTS:
            if any(rule.pattern.search(line) for line in text.splitlines()):
                tested += 1
                assert test(text), (rule.id, text)
    assert tested >= 20


def test_every_rewrite_rule_has_a_test() -> None:
    assert all(r.may_match is not None for r in default_ruleset().of_kind("rewrite"))


def test_a_pattern_without_assertions_is_searched_for_itself() -> None:
    test = may_match(re.compile("[ \t]{2,}"))
    assert test is not None
    assert not test("single spaces only\nand lines")
    assert test("two  spaces")


def test_an_anchored_pattern_is_tested_by_the_characters_it_needs() -> None:
    test = may_match(re.compile(r"^(?:#{1,6}|\*\*)\s+"))
    assert test is not None
    assert not test("no marks at all")
    assert test("text\n## heading")  # the line starts with it, the text does not
    assert test("a *star")  # not a heading, but a test may say yes


def test_patterns_no_test_can_read_get_none() -> None:
    assert may_match(re.compile(r"^\s+", re.IGNORECASE)) is None
    assert may_match(re.compile(r"(?<=x)\S+")) is None
    assert may_match(re.compile(r"^(?i:abc)")) is None


@pytest.mark.parametrize("text", TEXTS)
def test_scope_ranges_are_the_scope_rules(text: str) -> None:
    """A step reads the lines of a rule's scope from one range (_Run._scope): the lines
    the scope's rule names, for every line of every case text."""
    run = _Run(text, default_ruleset(), None)
    end, lead = run.header_end, run.spec.lead_lines
    rule = {
        "header": lambda i: i < end,
        "body": lambda i: i >= end,
        "lead": lambda i: i < end + lead,
        "lede": lambda i: end <= i < end + lead,
        "anywhere": lambda i: True,
    }
    for scope, holds in rule.items():
        assert list(run._scope(scope)) == [i for i in range(len(run.lines)) if holds(i)], scope
