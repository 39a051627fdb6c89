"""What an article has said so far: who was named, and what later words can refer back to.

The resolver reads an article front to back. Every actor it codes (and every person it
could not code) becomes a :class:`Referent`. Later words are resolved against them:

- a surname alone ("Testa") -> the person first named in full ("Planning and Investment
  Minister Tran Van Testa");
- "he"/"she"/"his" -> the subject of the reporting verb ("Putin told the ambassador that he
  hopes") or else the most salient person of the last sentences (subjects first);
- "the ambassador", "the envoy", "the president" -> the last actor whose role family matches.

A person the resolver could not code still blocks: "Lev Ponomarev ... he" does not skip
back to Putin. Such referents resolve to nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.nlp.tokens import table_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from detente.actors.knowledge import Confidences
    from detente.nlp.tokens import TokenTable

# How far back (in sentences) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 3


@dataclass(kw_only=True)
class Referent:
    """An actor (or an uncoded person) the article has mentioned: what later words can
    refer back to. A later mention of it is a copy (``dataclasses.replace``) at its own
    place (``sentence``, ``head``, ``subject``), so the latest place counts."""

    key: str  # person id, "article:<name>", or "group:<n>"
    name: str | None
    country: str | None
    sector: str | None
    code: str | None  # None: a person the resolver could not code (still blocks pronouns)
    coded: bool
    person: bool
    sentence: int
    head: int  # token index of the mention's head
    subject: bool
    gender: str | None = None
    families: set[str] = field(default_factory=set)  # role families ("diplomat", ...)
    actor_id: str | None = None
    qid: str | None = None
    main: bool = False  # subject of a main clause (set by Discourse.add)


@dataclass(kw_only=True)
class Resolution:
    """The antecedent a pronoun or role noun refers to, and how sure that is."""

    referent: Referent
    confidence: float
    how: str  # which rule found it ("reporting-subject", "role", ...), for debugging


# A subject whose verb has such a label, or an ancestor of it, is no main subject (Discourse.add)
_EMBEDDING_DEPS = frozenset({"relcl", "acl", "xcomp", "advcl", "csubj", "pcomp", "pobj", "prep"})


class Discourse:
    """The referents of one article, in order, with lookups for later mentions."""

    def __init__(self, doc: Doc, confidences: Confidences):
        self.doc = doc
        self.conf = confidences  # data/actors/confidences.yaml: pronoun_*, role_noun
        self.referents: list[Referent] = []
        self._surnames: dict[str, str] = {}  # surname or full name -> referent key
        self._latest: dict[str, Referent] = {}
        self._tokens: TokenTable | None = None  # the doc's table, read when first needed
        self._to_heads: set[int] | None = None  # the tokens with an infinitive "to" (_embedded)

    # ---- recording ------------------------------------------------------------------------

    def add(self, ref: Referent, names: list[str] = ()) -> None:  # type: ignore[assignment]
        # ``main`` is read for subjects only; a copy of a subject that is none is reset
        ref.main = False
        if ref.subject:
            ref.main = not self._embedded(self._table().head[ref.head])
        self.referents.append(ref)
        self._latest[ref.key] = ref
        for n in names:
            if n:
                self._surnames[n] = ref.key

    def _embedded(self, verb: int) -> bool:
        """Whether a subject's verb (token ``verb``) is an infinitive (a child "to" as its
        aux) or lies in an embedded clause or phrase (it or an ancestor a relative,
        adverbial, complement or prepositional one). Read in the doc's table: the heads of
        every aux "to" once per document, then the verb's heads, where each subject walked
        its verb's children and ancestors as Token objects."""
        tok = self._table()
        if self._to_heads is None:
            self._to_heads = {h for j, (h, d, w) in enumerate(zip(tok.head, tok.dep, tok.lower, strict=True))
                              if d == "aux" and w == "to" and h != j}
        if verb in self._to_heads:
            return True
        head, dep = tok.head, tok.dep
        k, n = verb, 0
        while True:  # the verb, then its ancestors (Token.ancestors, with its cycle guard)
            if dep[k] in _EMBEDDING_DEPS:
                return True
            if head[k] == k or n >= len(head):
                return False
            k = head[k]
            n += 1

    def latest(self, key: str) -> Referent | None:
        return self._latest.get(key)

    def name_at(self, i: int) -> tuple[int, str] | None:
        """An earlier-named person's surname at token i: (end, key). Asked at nearly every
        token the phrase reader looks at: read in the doc's table, not from a Token."""
        tok = self._table()
        if tok.pos[i] != "PROPN" or not tok.is_title[i]:
            return None
        key = self._surnames.get(tok.text[i])
        return (i + 1, key) if key else None

    def key_for_name(self, text: str) -> str | None:
        return self._surnames.get(text)

    def _table(self) -> TokenTable:
        """The doc's token table, read when first needed."""
        if self._tokens is None:
            self._tokens = table_of(self.doc)
        return self._tokens

    # ---- resolving ------------------------------------------------------------------------

    def pronoun(self, tok: Token, gender: str | None, sentence: int) -> Resolution | None:
        """The antecedent of a third-person pronoun, or None when there is none."""
        persons = [
            r
            for r in self.referents
            if r.person
            and sentence - PRONOUN_WINDOW <= r.sentence <= sentence
            and (r.sentence < sentence or r.head < tok.i)
            and (gender is None or r.gender is None or r.gender == gender)
        ]
        if not persons:
            return None
        here = [r for r in persons if r.sentence == sentence]
        # 0. "the release of X and his family": a possessive on a noun coordinated with a person
        # is that person's
        if tok.dep_ == "poss" and tok.head.dep_ == "conj":
            first = {r.head: r for r in here}.get(tok.head.head.i)
            if first is not None:
                return Resolution(
                    referent=first, confidence=self.conf.pronoun_reporting_subject, how="coordinated",
                )
        # 1. the subject of a verb this pronoun's clause hangs from: "X said that he ..."
        heads = {r.head: r for r in here}
        # the referents that are a subject, in token order: the first one that is a child of
        # an ancestor is that ancestor's first such child (read in the table, where walking
        # each ancestor's children made a Token per child)
        table = self._table()
        subjects = sorted(i for i in heads
                          if i != tok.i and table.dep[i] in ("nsubj", "nsubjpass"))
        anc = table.head[tok.i]
        seen = 0
        while seen < 8:
            for i in subjects:
                if table.head[i] == anc and i != anc:
                    return Resolution(
                        referent=heads[i], confidence=self.conf.pronoun_reporting_subject,
                        how="reporting-subject",
                    )
            if table.head[anc] == anc:
                break
            anc = table.head[anc]
            seen += 1
        # 2. a subject earlier in the same sentence
        subj = [r for r in here if r.subject]
        if subj:
            return Resolution(
                referent=subj[-1], confidence=self.conf.pronoun_sentence_subject,
                how="sentence-subject",
            )
        # 3. "was announced by X after his visit": a possessive whose phrase hangs from the
        # verb a person of this sentence is an argument of is that person's
        if tok.dep_ == "poss":
            verb = _clause_of(tok.head)
            local = [r for r in here if verb is not None and _clause_of(self.doc[r.head]) == verb]
            if local:
                return Resolution(
                    referent=local[-1], confidence=self.conf.pronoun_same_sentence,
                    how="same-clause-possessive",
                )
        # 4. the subject (else the first person) of the previous sentences, most recent first
        for s in range(sentence - 1, sentence - PRONOUN_WINDOW - 1, -1):
            in_s = [r for r in persons if r.sentence == s]
            if not in_s:
                continue
            subj = [r for r in in_s if r.subject]
            main = [r for r in subj if r.main]
            # the latest main-clause subject: '"...," he said. President X visited Kharkiv.' -> X;
            # not the subject of an embedded clause ("urged the governor to step aside")
            pick = main[-1] if main else (subj[0] if subj else in_s[0])
            return Resolution(
                referent=pick, confidence=self.conf.pronoun_previous_sentence,
                how="previous-sentence",
            )
        # 5. any person earlier in this sentence
        if here:
            return Resolution(
                referent=here[-1], confidence=self.conf.pronoun_same_sentence,
                how="same-sentence",
            )
        return None

    def state(self, countries: set[str]) -> Resolution | None:
        """The last coded actor of one of ``countries`` ("the kingdom": the last-named
        kingdom of the article)."""
        for r in reversed(self.referents):
            if r.coded and r.country in countries:
                return Resolution(referent=r, confidence=self.conf.role_noun, how="state")
        return None

    def role(self, families: set[str], group_of: Collection[str] | None = None) -> Resolution | None:
        """The last actor whose role family is one of ``families`` ("the ambassador").
        ``group_of``: only a group (no person) of one of these countries ("the foreign
        ministers": the last organization named by its ministers)."""
        for r in reversed(self.referents):
            if group_of is not None and (r.person or r.country not in group_of):
                continue
            if r.families & families:
                return Resolution(referent=r, confidence=self.conf.role_noun, how="role")
        return None


def _clause_of(noun: Token) -> int | None:
    """The verb a noun is an argument of: its subject or object ("X announced"), or the
    object of a preposition on it ("announced by X", "after his visit"); else None."""
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head.i
    if noun.dep_ == "pobj" and noun.head.dep_ in ("agent", "prep") and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head.i
    return None
