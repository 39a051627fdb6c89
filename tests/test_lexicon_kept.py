"""The actor lexicon's hits, with the senses each match keeps remembered per match and
words, are those worked out afresh at each match (sentences written for this test: names
in their case, in capitals, in the wrong case, agents as nouns and as verbs)."""

from __future__ import annotations

from detente.actors.lexicon import PRIORITY, Hit, Lexicon, _case_ok
from detente.coding import default_coder

TEXTS = [
    "Peru and Chile signed a pact; the Peruvian envoy met Chilean officials in Lima.",
    "PERU SAYS CHILE MUST LEAVE, the headline read, as the special envoy arrived.",
    "peru and chile were written in lower case here, and the forces him to press for talks.",
    "The United Nations and the European Union urged Peru to talk to Chile again.",
    "The Peruvian envoy and the Chilean envoy met the special envoy in Santiago.",
]


def _hits_afresh(lex: Lexicon, doc, ignore: set[int] | None = None) -> dict[int, Hit]:  # type: ignore[no-untyped-def]
    """Lexicon.hits as it was: the senses sorted out at each match."""
    raw: list[Hit] = []
    for matcher, is_agent in ((lex.names, False), (lex.agents, True)):
        for match_id, start, end in matcher(doc):
            span_toks = tuple(t.text for t in doc[start:end])
            ok = [s for s in lex._senses[lex._keys[match_id]] if _case_ok(s, span_toks)]
            if not ok or is_agent and doc[end - 1].pos_ not in ("NOUN", "PROPN", "X"):
                continue
            by_kind: dict[str, list] = {}
            for s in ok:
                by_kind.setdefault(s.kind, []).append(s)
            kind = max(by_kind, key=lambda k: PRIORITY[k])
            raw.append(Hit(start=start, end=end, kind=kind, senses=by_kind[kind]))
    raw.sort(key=lambda h: (-(h.end - h.start), -PRIORITY[h.kind], h.start))
    taken: set[int] = set(ignore or ())
    chosen: dict[int, Hit] = {}
    for h in raw:
        span = set(range(h.start, h.end))
        if not span & taken:
            taken |= span
            chosen[h.start] = h
    return dict(sorted(chosen.items()))


def test_hits_are_those_worked_out_afresh() -> None:
    coder = default_coder()
    lex = coder.resolver.lexicon(coder.nlp.vocab)
    docs = [coder.nlp(t) for t in TEXTS]
    for doc in docs + docs:  # the second time round, every match's senses are remembered
        got = lex.hits(doc)
        assert got == _hits_afresh(lex, doc)
    first = lex.hits(docs[0])
    assert {h.kind for h in first.values()} >= {"country", "demonym"}
    assert lex._kept  # remembered
    # a hit's senses are its own list: changing it leaves the remembered ones as they were
    next(iter(first.values())).senses.clear()
    assert lex.hits(docs[0]) == _hits_afresh(lex, docs[0])


def test_ignored_tokens_take_no_hit() -> None:
    """``ignore`` (the headline reader's names) as a set did: an index past the doc, or
    below it, takes nothing; an ignored token's hit gives way."""
    coder = default_coder()
    lex = coder.resolver.lexicon(coder.nlp.vocab)
    doc = coder.nlp(TEXTS[0])
    ignore = {0, -1, len(doc) + 5}
    got = lex.hits(doc, ignore)
    assert got == _hits_afresh(lex, doc, ignore)
    assert 0 in lex.hits(doc) and 0 not in got  # "Peru" ignored; twin without: found
    assert got.keys() == lex.hits(doc).keys() - {0}
