"""The rule entities, matched run by run (detente.nlp.entities.RunRuler), are spaCy's
EntityRuler's: same spans, labels and ids, including where two patterns match the same
words and where a match runs up to the last token."""

from __future__ import annotations

from spacy.pipeline import EntityRuler

from detente.nlp import load_nlp
from detente.nlp.entities import RULER, RunRuler

TEXTS = [
    "On Monday, March 3, 2024, Foreign Minister Ana Ruiz met Carlos Vega in Lima.",
    "The talks ended at 10 a.m. last week, two years ago, in the 1990s and mid-May.",
    "Nothing here names a date or a person.",
    "Talks with Marta Lopez Garcia",  # a name at the very end
    "",
    "In May, May met June Cole; the end of this year, 1992-93, at noon.",
]


def _entities(doc) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


def _twice(runs: RunRuler, texts: list[str]) -> list[tuple[list, list]]:
    nlp = load_nlp()
    with nlp.select_pipes(disable=[RULER]):
        docs = list(nlp.pipe(texts))
    out = []
    for doc in docs:
        a, b = doc.copy(), doc.copy()
        runs(a)
        runs.ruler(b)
        out.append((_entities(a), _entities(b)))
    return out


def test_runs_find_what_the_ruler_finds() -> None:
    runs = load_nlp().get_pipe(RULER)
    assert isinstance(runs, RunRuler) and runs.supported
    pairs = _twice(runs, TEXTS)
    assert all(a == b for a, b in pairs)
    assert sum(len(a) for a, _ in pairs) > 10


def test_two_patterns_on_the_same_words_leave_the_choice_to_the_ruler() -> None:
    nlp = load_nlp()
    ruler = EntityRuler(nlp, overwrite_ents=True)
    ruler.add_patterns([
        {"label": "DATE", "id": "a", "pattern": [{"LOWER": "noon"}]},
        {"label": "TIME", "id": "b", "pattern": [{"LOWER": "noon"}]},
        {"label": "PERSON", "pattern": [{"IS_TITLE": True, "POS": "PROPN", "OP": "+"}]},
    ])
    runs = RunRuler(ruler)
    runs.prepare()
    assert runs.supported
    doc = nlp.make_doc("They met at noon with Ana Ruiz Vega.")
    assert runs._run_matches(nlp("They met at noon.")) is None  # the ruler decides
    pairs = _twice(runs, [doc.text, "Ana Ruiz Vega spoke."])
    assert all(a == b for a, b in pairs) and pairs[0][0]


def test_a_pattern_the_runs_cannot_read_leaves_the_ruler_alone() -> None:
    nlp = load_nlp()
    ruler = EntityRuler(nlp, overwrite_ents=True)
    ruler.add_patterns([{"label": "X", "pattern": [{"LOWER": "a"}, {"OP": "!", "LOWER": "b"}]}])
    runs = RunRuler(ruler)
    runs.prepare()
    assert not runs.supported
    pairs = _twice(runs, ["a c and a b"])
    assert pairs[0][0] == pairs[0][1]


def test_runs_met_again_get_the_matches_the_matcher_gives_them() -> None:
    """A run's matches are remembered by the masks of its tokens: every run of these
    texts (names and dates met more than once, in other sentences) gets from memory
    what the ruler's Matcher finds in it, and the entities stay the ruler's."""
    runs = load_nlp().get_pipe(RULER)
    texts = TEXTS + [
        "Carlos Vega met Ana Ruiz on Monday, March 3, 2024.",
        "Ana Ruiz flew home on Monday; Vega stayed until March.",
        "At 10 a.m. on March 3, 2024, Marta Lopez Garcia spoke.",
    ]
    nlp = load_nlp()
    with nlp.select_pipes(disable=[RULER]):
        docs = list(nlp.pipe(texts))
    seen = 0
    for doc in docs:
        for a, b, masks in runs._runs(doc):
            if masks in runs._found:
                seen += 1
                assert runs._found[masks] == runs._matches_in(doc, a, b)
        runs._run_matches(doc)  # remembers this document's runs
    assert seen > 10
    pairs = _twice(runs, texts)
    assert all(a == b for a, b in pairs)
    assert sum(len(a) for a, _ in pairs) > 15
