"""The Markdown report prints article data as text: no link, image, emphasis or autolink."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from detente.report.render import md

HOSTILE = [
    "Arland said [read the statement](http://attacker.example/x) on Monday.",
    "Borovia ![pixel](https://attacker.example/p.png) replied.",
    "See http://attacker.example/a and www.attacker.example today.",
    "A *bold* claim, a _slanted_ one, `code`, ~~struck~~, #1 and a back\\slash.",
    "Calder <b>tag</b> & [ref]: http://attacker.example/ref",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_data_stays_text_when_the_markdown_is_rendered(text: str) -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(f"- item: {md(text)}\n")
    assert "<a " not in rendered and "<img" not in rendered
    assert "<em>" not in rendered and "<strong>" not in rendered and "<code>" not in rendered
    assert "<b>" not in rendered


@pytest.mark.parametrize("text", HOSTILE)
def test_the_words_survive_the_escaping(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(md(text))
    for word in ("Arland", "Borovia", "attacker", "Calder"):
        if word in text:
            assert word in rendered


def test_bare_addresses_are_not_autolinked() -> None:
    escaped = md("go to http://attacker.example or www.attacker.example")
    # GFM autolinks "http://" and "www." as typed; the escaped forms are neither.
    assert "http://" not in escaped and "www." not in escaped
