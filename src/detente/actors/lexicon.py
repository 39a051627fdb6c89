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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from detente.actors.knowledge import ActorKnowledge

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detente.nlp.tokens import TokenTable

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


@dataclass(kw_only=True)
class Sense:
    """One thing a surface form can mean: (kind, entry id, extra)."""

    kind: str
    ref: str  # entry id (country id, place id, person id, agent id, ...)
    exact: bool  # proper names must match case as written
    tokens: tuple[str, ...]


@dataclass(kw_only=True)
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
    """PhraseMatchers compiled from an :class:`ActorKnowledge` for one spaCy vocab.

    ``tokens``: the tokens of surface forms already tokenized (detente.actors.cache);
    the other forms are tokenized here with ``tokenizer`` (default: spaCy's English one).
    After building, :attr:`tokens` holds every form's tokens.
    """

    def __init__(self, kb: ActorKnowledge, vocab: Vocab, tokenizer: Any = None,
                 tokens: Mapping[str, tuple[str, ...]] | None = None):
        self.kb = kb
        self.vocab = vocab
        self._senses: dict[str, list[Sense]] = {}
        # (match id, the words as written) -> the senses kept there, or None (_kept_senses)
        self._kept: dict[tuple[int, tuple[str, ...]], tuple[str, list[Sense]] | None] = {}
        # PhraseMatcher.add makes a vocabulary entry (a Lexeme, every attribute computed)
        # for each match key, which it needs only as a string: the keys get their entries in
        # a vocabulary of their own, with no attributes to compute, and the shared one is
        # left as it was (a match id is the key's hash, the same in every StringStore).
        keys_vocab = Vocab(lex_attr_getters=None)
        self.names = PhraseMatcher(keys_vocab, attr="LOWER")
        self.agents = PhraseMatcher(keys_vocab, attr="LOWER")
        forms: dict[tuple[str, str], list[Sense]] = {}

        def add(text: str, kind: str, ref: str, exact: bool = True) -> None:
            text = text.strip()
            if not text:
                return
            group = "agent" if kind == "agent" else "name"
            # news sets the apostrophe as often curly as straight: "People’s Liberation Army"
            for form in dict.fromkeys((text, text.replace("'", "\u2019"))):
                forms.setdefault((group, form), []).append(
                    Sense(kind=kind, ref=ref, exact=exact, tokens=())
                )

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

        self.tokens = _tokenize([t for _, t in forms], vocab, tokenizer, tokens or {})
        # A pattern is the LOWER values of its tokens, what spaCy reads from a Doc of them,
        # without a Doc (and a vocabulary entry per word: most of the build's cost).
        self._keys = keys_vocab.strings  # match id -> key
        hash_of = self._keys.add
        for (group, text), senses in forms.items():
            toks = self.tokens[text]
            for s in senses:
                s.tokens = toks
            key = f"{group}:{text}"
            self._senses[key] = senses
            pattern = [hash_of(t.lower()) for t in toks]
            (self.agents if group == "agent" else self.names).add(key, [pattern])

    def hits(
        self, doc: Doc, ignore: set[int] | None = None, tokens: TokenTable | None = None
    ) -> dict[int, Hit]:
        """Non-overlapping hits keyed by start token; ``ignore`` lists token indexes to skip;
        ``tokens``: the doc's attributes when the caller has read them (the resolver)."""
        raw: list[Hit] = []
        for matcher, is_agent in ((self.names, False), (self.agents, True)):
            for match_id, start, end in matcher(doc):
                if tokens is not None:
                    span_toks = tuple(tokens.text[start:end])
                else:
                    span_toks = tuple(t.text for t in doc[start:end])
                kept = self._kept_senses(match_id, span_toks)
                if kept is None:
                    continue
                if is_agent and (
                    tokens.pos[end - 1] if tokens is not None else doc[end - 1].pos_
                ) not in ("NOUN", "PROPN", "X"):
                    continue  # "forces him", "press for": verbs and adjectives are not agents
                raw.append(Hit(start=start, end=end, kind=kept[0], senses=list(kept[1])))
        raw.sort(key=lambda h: (-(h.end - h.start), -PRIORITY[h.kind], h.start))
        # the tokens taken, one byte each (an index of ``ignore`` past the doc takes none)
        n = len(doc)
        taken = bytearray(n)
        for i in ignore or ():
            if 0 <= i < n:
                taken[i] = 1
        chosen: dict[int, Hit] = {}
        for h in raw:
            if any(taken[h.start : h.end]):
                continue
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
            chosen[h.start] = h
        return dict(sorted(chosen.items()))


    def _kept_senses(self, match_id: int, span_toks: tuple[str, ...]
                     ) -> tuple[str, list[Sense]] | None:
        """The kind and senses a match keeps, written as ``span_toks``: of the senses whose
        case fits (_case_ok), those of the kind that ranks highest (PRIORITY); None if no
        case fits. Kept per match id and words, which recur in an article and across
        articles: sorting the senses out again at each match was most of the hits' Python
        time."""
        key = (match_id, span_toks)
        if key in self._kept:
            return self._kept[key]
        ok = [s for s in self._senses[self._keys[match_id]] if _case_ok(s, span_toks)]
        kept: tuple[str, list[Sense]] | None = None
        if ok:
            by_kind: dict[str, list[Sense]] = {}
            for s in ok:
                by_kind.setdefault(s.kind, []).append(s)
            kind = max(by_kind, key=lambda k: PRIORITY[k])
            kept = (kind, by_kind[kind])
        if len(self._kept) >= _KEPT_MAX:  # memory stays flat
            self._kept.clear()
        self._kept[key] = kept
        return kept


_KEPT_MAX = 100_000


def _case_ok(sense: Sense, span_toks: tuple[str, ...]) -> bool:
    if span_toks == sense.tokens:
        return True
    if not sense.exact:
        return True
    # Headlines and datelines in capitals: "MOSCOW (Sputnik)", "PUTIN SAYS".
    letters = "".join(ch for t in span_toks for ch in t if ch.isalpha())
    return len(letters) > 3 and letters.isupper()


def _tokenize(texts: list[str], vocab: Vocab, tokenizer: Any,
              known: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Every text's tokens: from ``known``, else from the tokenizer (made when needed)."""
    out = {t: known[t] for t in texts if t in known}
    missing = [t for t in texts if t not in out]
    if missing:
        if tokenizer is None:
            import spacy

            from detente.actors.knowledge import dotted_titles

            tokenizer = spacy.blank("en", vocab=vocab).tokenizer
            dotted_titles(tokenizer)  # as the pipeline's tokenizer (detente.nlp.model)
        for text, doc in zip(missing, tokenizer.pipe(missing), strict=True):
            out[text] = tuple(t.text for t in doc)
    return out
