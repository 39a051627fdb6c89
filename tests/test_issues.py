"""Issue tagging with evidence phrases (invented sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import ConfigError
from detente.nlp import load_nlp, sentences_of
from detente.records import IssueTag
from detente.signals import (
    article_issues,
    issues_by_sentence,
    issues_in_span,
    load_issue_taxonomy,
    tag_issues,
)
from detente.signals.config import load_issue_taxonomy as _load


def tags_of(text: str) -> list[IssueTag]:
    doc = load_nlp()(text)
    return tag_issues(doc, "t", sentences_of(doc, "t"))


def evidence(tags: list[IssueTag], issue: str) -> list[str]:
    return [t.phrase for t in tags if t.issue == issue]


@pytest.mark.parametrize(
    ("text", "issue", "phrase"),
    [
        ("Both sides praised the New START Treaty on Tuesday.", "arms_control", "New START Treaty"),
        ("The INF treaty lapsed after years of accusations.", "arms_control", "INF treaty"),
        ("Arms control talks resumed in Geneva.", "arms_control", "Arms control"),
        ("Its nuclear arsenal is the largest in the region.", "arms_control", "nuclear arsenal"),
        (
            "The ministers discussed nonproliferation at length.",
            "nonproliferation",
            "nonproliferation",
        ),
        ("Washington imposed new sanctions on three banks.", "sanctions", "sanctions"),
        ("The banks were sanctioned last year.", "sanctions", "sanctioned"),
        ("The country applied to join the WTO in 1993.", "trade", "WTO"),
        ("New tariffs on steel were announced.", "trade", "tariffs"),
        ("The pipeline will carry gas to Europe.", "energy", "pipeline"),
        ("The fight against ISIS continued in the east.", "terrorism", "ISIS"),
        (
            "They discussed election meddling and its consequences.",
            "elections",
            "election meddling",
        ),
        ("Officials denied that they had meddled in the vote.", "elections", "meddled"),
        ("A cyberattack hit the ministry's servers.", "cyber", "cyberattack"),
        (
            "She met civil society groups and human rights activists.",
            "human_rights",
            "civil society",
        ),
        ("The government expelled 35 diplomats on Friday.", "diplomatic_presence", "expelled"),
        ("The consulates stopped issuing visas.", "diplomatic_presence", "visas"),
        ("The embassy staff was cut by two-thirds.", "diplomatic_presence", "embassy staff"),
        ("Large military exercises began near the border.", "military", "military exercises"),
        ("Troops were moved closer to the frontier.", "military", "Troops"),
        ("The annexation of Crimea was condemned.", "territorial", "annexation of Crimea"),
        ("The ceasefire in Syria held for a week.", "syria", "Syria"),
        ("Separatists in Donetsk rejected the plan.", "ukraine", "Donetsk"),
        ("Pyongyang launched another missile.", "north_korea", "Pyongyang"),
        ("The JCPOA was signed in 2015.", "iran", "JCPOA"),
        ("The Taliban entered Kabul.", "afghanistan", "Taliban"),
        ("Ships crossed the Taiwan Strait.", "taiwan", "Taiwan Strait"),
        ("Firing was reported along the Line of Control in Kashmir.", "kashmir", "Line of Control"),
        ("Talks on a two-state solution stalled.", "israel_palestine", "two-state solution"),
    ],
)
def test_issue_and_its_evidence(text: str, issue: str, phrase: str) -> None:
    tags = tags_of(text)
    assert phrase in evidence(tags, issue), [(t.issue, t.phrase) for t in tags]
    tag = next(t for t in tags if t.issue == issue and t.phrase == phrase)
    assert text[tag.start : tag.end] == phrase
    assert tag.sentence_index == 0 and tag.article_id == "t"


def test_acronym_that_is_an_english_word_matches_only_in_capitals() -> None:
    assert evidence(tags_of("They will start talks on Monday."), "arms_control") == []
    assert evidence(tags_of("They will extend START on Monday."), "arms_control") == ["START"]


def test_longest_phrase_wins_within_an_issue() -> None:
    tags = tags_of("The New START Treaty was ratified.")
    assert evidence(tags, "arms_control") == ["New START Treaty"]


def test_a_phrase_may_serve_two_issues() -> None:
    tags = tags_of("The seizure of Crimea changed everything.")
    assert {"ukraine", "territorial"} <= {t.issue for t in tags}


def test_no_issue_in_small_talk() -> None:
    assert tags_of("The weather in the capital was pleasant and the food was good.") == []


def test_issues_by_sentence_in_span_and_article() -> None:
    text = (
        "The sanctions hurt both economies. "
        "Syria and Ukraine were discussed at length. "
        "Nothing else was on the agenda."
    )
    tags = tags_of(text)
    by_sent = issues_by_sentence(tags)
    assert by_sent[0] == ["sanctions"]
    assert set(by_sent[1]) == {"syria", "ukraine"}
    assert 2 not in by_sent
    second = text.index("Syria")
    assert set(issues_in_span(tags, second, len(text))) == {"syria", "ukraine"}
    counts = dict(article_issues(tags))
    assert counts == {"sanctions": 1, "syria": 1, "ukraine": 1}


def test_taxonomy_has_the_required_issues_with_labels() -> None:
    tax = load_issue_taxonomy()
    ids = {i.id for i in tax.issues}
    required = {
        "arms_control",
        "nonproliferation",
        "sanctions",
        "trade",
        "energy",
        "terrorism",
        "elections",
        "cyber",
        "human_rights",
        "diplomatic_presence",
        "military",
        "territorial",
        "syria",
        "ukraine",
        "north_korea",
        "iran",
        "afghanistan",
        "taiwan",
        "kashmir",
        "israel_palestine",
    }
    assert required <= ids
    assert tax.label("arms_control") == "Nuclear weapons and arms control"


def test_broken_taxonomy_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "issues.yaml"
    bad.write_text("issues:\n  - id: x\n    label: X\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        _load(str(bad))
    assert str(bad) in str(err.value)
    assert "no phrases" in str(err.value)
