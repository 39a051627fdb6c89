"""First-person voice: "I", "me", "my" in an article written by a known actor are that actor.

Op-eds and official blog posts are written in the first person by ambassadors and
ministers ("In my meetings with Foreign Minister Lavrov ..."). When the article's
byline names one person the dictionary knows, first-person singular pronouns
resolve to that person at the article's date. "We" stays unresolved: it can be a
government, a people, or the author and the reader.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from detente.records import Mention

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


def first_person_mentions(
    doc: Doc, article_id: str, author: Mention, taken: list[Mention], factor: float
) -> list[Mention]:
    """A mention of ``author`` for every first-person pronoun not already inside a mention,
    with ``factor`` times the author's confidence (``first_person_factor`` in
    data/actors/confidences.yaml)."""
    occupied = [(m.start, m.end) for m in taken]
    out = []
    for s_index, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.lower_ not in FIRST_PERSON:
                continue
            if any(start <= tok.idx < end for start, end in occupied):
                continue
            # the author's mention (name, codes, ids) at this pronoun
            out.append(
                replace(
                    author, article_id=article_id, sentence_index=s_index, start=tok.idx,
                    end=tok.idx + len(tok.text), text=tok.text, resolved_by="author",
                    confidence=round(factor * author.confidence, 2), kind="person",
                )
            )
    return out
