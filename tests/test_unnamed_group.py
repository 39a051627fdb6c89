"""A counted or quantified group of states is read by one test over one list (context.yaml
group_quantifiers), by the actor coder and by the event coder's unnamed subjects (sentences
written for this test)."""

from __future__ import annotations

from detente.actors.knowledge import group_quantifiers, load_defaults
from detente.actors.phrases import unnamed_group
from detente.events import EventCoder
from detente.nlp import load_nlp


def _head(text: str, word: str):  # type: ignore[no-untyped-def]
    doc = load_nlp()(text)
    return next(t for t in doc if t.text == word)


def test_one_list_for_actors_and_events() -> None:
    words = group_quantifiers()
    assert words == {w.lower() for w in load_defaults().context.group_quantifiers}
    assert {"several", "other", "dozen"} <= words


def test_counted_or_quantified_states_are_unnamed_and_the_definite_ones_are_not() -> None:
    words = group_quantifiers()
    assert unnamed_group(_head("Several governments condemned the blockade.", "governments"), words)
    assert unnamed_group(_head("Four nations withdrew their envoys on Friday.", "nations"), words)
    # twins: with "the" or "both" the group is one the article named
    assert not unnamed_group(_head("The four nations withdrew their envoys.", "nations"), words)
    assert not unnamed_group(_head("Both governments condemned the blockade.", "governments"), words)
    assert not unnamed_group(_head("Those governments condemned the blockade.", "governments"), words)


def test_the_event_coder_asks_the_same_test() -> None:
    coder = EventCoder()
    words = group_quantifiers()
    for text, word in [("Several governments condemned the blockade.", "governments"),
                       ("The four nations withdrew their envoys.", "nations")]:
        head = _head(text, word)
        assert coder._unnamed_group(head) == unnamed_group(head, words)
    assert coder._unnamed_group(_head("Several governments condemned the blockade.", "governments"))
