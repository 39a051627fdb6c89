"""The CLI events table: evidence on one line, cut at a word boundary with an ellipsis."""

from __future__ import annotations

from rich.console import Console

from detente.cli.pipeline_cmd import events_table


def _event(sentence: str) -> dict:
    actor = {"code": "USAGOV", "text": "Washing-\nton"}
    return {
        "date": "2024-01-02",
        "source": actor,
        "target": [actor],
        "cameo": "040",
        "plover": "CONSULT",
        "modality": "actual",
        "rule": "r1",
        "sentence": sentence,
    }


def _evidence(sentence: str, width: int = 160) -> str:
    table = events_table([_event(sentence)], evidence_chars=width)
    return table.columns[-1]._cells[0]


def test_short_evidence_is_kept_whole_on_one_line() -> None:
    assert _evidence("Russia held talks\nwith China.\n\n") == "Russia held talks with China."


def test_long_evidence_is_cut_at_a_word_with_an_ellipsis() -> None:
    words = "Russia held talks with China on energy, trade and the border question"
    text = (words + " ") * 4
    out = _evidence(text, width=60)
    assert out.endswith("…") and len(out) <= 60
    body = out[:-1]
    assert text.startswith(body)
    assert text[len(body)] in " ,"  # the cut falls between words
    assert not body.endswith((" ", ","))


def test_a_cut_right_before_a_space_keeps_the_whole_word() -> None:
    text = "a" * 9 + " " + "b" * 9 + " tail"  # the 20th character is a space
    assert _evidence(text, width=20) == "a" * 9 + " " + "b" * 9 + "…"


def test_one_huge_word_is_cut_inside() -> None:
    out = _evidence("x" * 500, width=40)
    assert out == "x" * 39 + "…"


def test_actor_text_newlines_are_folded() -> None:
    table = events_table([_event("short")])
    console = Console(width=300, record=True)
    console.print(table)
    assert "USAGOV (Washing- ton)" in console.export_text()
