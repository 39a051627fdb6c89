"""The dictionary as spaCy PhraseMatchers, and the hits it finds in one document.

Every surface form in the knowledge (country names, demonyms, capitals, places, metonyms,
organizations, people's names and surnames, agent nouns) is compiled once into two
PhraseMatchers over the LOWER attribute, so one pass over a document finds every candidate
whatever the dictionary size. Case is then checked per hit: proper names must match as
written (so the pronoun "us" is not the country "US") except in all-capital headlines and
datelines; agent nouns match in any case unless they are written with capitals ("PM", "MP").
Overlapping hits are reduced to one per token: the longest wins, then the kind with the
higher priority (a person's full name over an organization over a metonym over a country ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.matcher import PhraseMatcher

from detente.actors.knowledge import ActorKnowledge

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# Higher wins when two hits cover the same tokens with the same length.
PRIORITY = {
    "person": 9,
    "org": 8,
    "metonym": 7,
    "country": 6,
    "place": 5,
    "capital": 4,
    "agent": 3,
    "demonym": 2,
    "group": 2,
    "surname": 1,
}

NAME_KINDS = {
    "person",
    "org",
    "metonym",
    "country",
    "place",
    "capital",
    "demonym",
    "group",
    "surname",
}


@dataclass
class Sense:
    """One thing a surface form can mean: (kind, entry id, extra)."""

    kind: str
    ref: str  # entry id (country id, place id, person id, agent id, ...)
    exact: bool  # proper names must match case as written
    tokens: tuple[str, ...]


@dataclass
class Hit:
    """A selected dictionary hit over tokens [start, end)."""

    start: int
    end: int
    kind: str
    senses: list[Sense] = field(default_factory=list)

    @property
    def refs(self) -> list[str]:
        return [s.ref for s in self.senses]


class Lexicon:
    """PhraseMatchers compiled from an :class:`ActorKnowledge` for one spaCy vocab."""

    def __init__(self, kb: ActorKnowledge, vocab: Vocab, tokenizer: Any):
        self.kb = kb
        self.vocab = vocab
        self._senses: dict[str, list[Sense]] = {}
        self.names = PhraseMatcher(vocab, attr="LOWER")
        self.agents = PhraseMatcher(vocab, attr="LOWER")
        forms: dict[tuple[str, str], list[Sense]] = {}

        def add(text: str, kind: str, ref: str, exact: bool = True) -> None:
            text = text.strip()
            if not text:
                return
            group = "agent" if kind == "agent" else "name"
            forms.setdefault((group, text), []).append(Sense(kind, ref, exact, ()))

        for c in kb.countries.values():
            for n in (c.name, *c.aliases):
                add(n, "country", c.id)
            for n in c.demonyms:
                add(n, "demonym", c.id)
            for n in c.capitals:
                add(n, "capital", c.id)
        for p in kb.places.values():
            for n in (p.name, *p.aliases):
                add(n, "place", p.id)
            for n in p.demonyms:
                add(n, "demonym", "place:" + p.id)
        for g in kb.groups.values():
            for n in g.names:
                # a group with a home state codes like a demonym ("Hausa" -> NGA); the others
                # are words inside phrases ("Kurd", "Jewish") that the reader looks through
                add(n, "demonym" if g.code else "group", "group:" + g.id)
        for m in kb.metonyms.values():
            for n in m.names:
                add(n, "metonym", m.id)
        for o in kb.organizations.values():
            for n in o.names:
                add(n, "org", o.id, exact=not o.ignore_case)
        for person in kb.people.values():
            for n in (person.name, *person.aliases):
                add(n, "person", person.id, exact=not person.ignore_case)
            for n in person.surnames:
                add(n, "surname", person.id, exact=not person.ignore_case)
        for a in kb.agents.values():
            for n in a.forms():
                # Lower-case words match in any case; words written with capitals
                # ("PM", "MP", "NGO") only as written, so "5 pm" is not a prime minister.
                add(n, "agent", a.id, exact=n != n.lower())

        texts = [t for _, t in forms]
        for (group, text), doc in zip(forms, tokenizer.pipe(texts), strict=True):
            toks = tuple(t.text for t in doc)
            senses = forms[(group, text)]
            for s in senses:
                s.tokens = toks
            key = f"{group}:{text}"
            self._senses[key] = senses
            (self.agents if group == "agent" else self.names).add(key, [doc])

    def hits(self, doc: Doc, ignore: set[int] | None = None) -> dict[int, Hit]:
        """Non-overlapping hits keyed by start token; ``ignore`` lists token indexes to skip."""
        raw: list[Hit] = []
        strings = self.vocab.strings
        for matcher, is_agent in ((self.names, False), (self.agents, True)):
            for match_id, start, end in matcher(doc):
                senses = self._senses[strings[match_id]]
                span_toks = tuple(t.text for t in doc[start:end])
                ok = [s for s in senses if _case_ok(s, span_toks)]
                if not ok:
                    continue
                if is_agent and doc[end - 1].pos_ not in ("NOUN", "PROPN", "X"):
                    continue  # "forces him", "press for": verbs and adjectives are not agents
                by_kind: dict[str, list[Sense]] = {}
                for s in ok:
                    by_kind.setdefault(s.kind, []).append(s)
                kind = max(by_kind, key=lambda k: PRIORITY[k])
                raw.append(Hit(start, end, kind, by_kind[kind]))
        raw.sort(key=lambda h: (-(h.end - h.start), -PRIORITY[h.kind], h.start))
        taken: set[int] = set(ignore or ())
        chosen: dict[int, Hit] = {}
        for h in raw:
            span = set(range(h.start, h.end))
            if span & taken:
                continue
            taken |= span
            chosen[h.start] = h
        return dict(sorted(chosen.items()))


def _case_ok(sense: Sense, span_toks: tuple[str, ...]) -> bool:
    if span_toks == sense.tokens:
        return True
    if not sense.exact:
        return True
    # Headlines and datelines in capitals: "MOSCOW (Sputnik)", "PUTIN SAYS".
    letters = "".join(ch for t in span_toks for ch in t if ch.isalpha())
    return len(letters) > 3 and letters.isupper()
