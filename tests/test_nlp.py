"""The shared spaCy pipeline: one loader, sentence offsets into the body, line breaks end sentences."""

from __future__ import annotations

from detente.nlp import load_nlp, sentences_of
from detente.nlp.model import LINE_BREAKS


def test_pipeline_is_loaded_once_with_our_component():
    nlp = load_nlp(())
    assert nlp is load_nlp(())
    assert LINE_BREAKS in nlp.pipe_names
    assert nlp.pipe_names.index(LINE_BREAKS) < nlp.pipe_names.index("parser")


def test_a_headline_never_runs_into_the_first_paragraph():
    text = "Envoys Meet Again In Vienna\n\nDiplomats from both countries met on Monday."
    sents = [s.text.strip() for s in load_nlp(())(text).sents]
    assert sents[0] == "Envoys Meet Again In Vienna"
    assert sents[1].startswith("Diplomats")


def test_sentences_have_stable_indexes_and_body_offsets():
    text = "Talks resumed. Both sides agreed to meet again.\n\nA third paragraph follows."
    sents = sentences_of(load_nlp(())(text), "a1")
    assert [s.index for s in sents] == list(range(len(sents)))
    for s in sents:
        assert text[s.start : s.end] == s.text and s.article_id == "a1"


def test_a_place_and_a_colon_opening_the_lede_is_not_its_subject():
    text = "Riots Spread In Peru\n\nLima: Anti-Chile protesters set a dozen shops on fire in Peru on Tuesday."
    sents = [s.text.strip() for s in load_nlp(())(text).sents]
    assert sents[1:] == ["Lima:", "Anti-Chile protesters set a dozen shops on fire in Peru on Tuesday."]
    # twin: a colon after a clause introduces what follows, within the sentence
    text = "Riots Spread In Peru\n\nThe minister of Peru said: Chile must pay."
    sents = [s.text.strip() for s in load_nlp(())(text).sents]
    assert "The minister of Peru said:" not in sents


def test_a_dotted_title_is_one_token_and_ends_no_sentence():
    # coder-204: context.yaml's honorifics with a dot are tokenizer exceptions; split, "Pres"
    # and "." ended the sentence and the title was lost to the name and verb after it
    from detente.pipeline import code_text

    text = "Kenya Pres. Ruto hosted Ugandan President Museveni in Nairobi."
    doc = load_nlp(())(text)
    assert len(list(doc.sents)) == 1 and "Pres." in [t.text for t in doc]
    events = code_text(text, "2024-05-02")
    assert [(e.plover, e.source[0].country, e.target[0].country) for e in events] == [("CONSULT", "KEN", "UGA")]
    # twin: a full stop after an ordinary word still ends the sentence
    sents = [s.text.strip() for s in load_nlp(())("Kenya hosted the talks in Nairobi. Uganda sent a minister.").sents]
    assert sents == ["Kenya hosted the talks in Nairobi.", "Uganda sent a minister."]
