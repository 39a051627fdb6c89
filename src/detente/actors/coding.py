"""Turning actor phrases into coded mentions, one article at a time.

The rules here are the CAMEO conventions for putting an actor code together:

- a country word gives the country ("Russian", "Moscow", "the Kremlin", "Iraq's");
- the head noun gives the sector ("officials" GOV, "police" COP); a generic head
  ("spokesman", "leader", "officials") takes the sector of a modifier when there is one
  ("army spokesman" MIL, "opposition leader" OPP);
- a named person from the dictionary is coded by the office named in the sentence when it
  is one they held ("President Obama"), else by the role they held on the article's date,
  else by their default sector; "former" makes a person without a current office ELI;
- a person the dictionary lacks is coded from the article: title words around the name,
  an appositive, "of <country>";
- several countries on one head ("Hungarian and Romanian officials") give one mention each.

A code is country + organization (for IGO/NGO/IMG actors) + sector: RUSGOV, USADIP,
IGOUNO, IGOUNOMIL, AFGREB.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from detente.actors.discourse import Discourse, Referent
from detente.actors.knowledge import NONSTATE, ActorKnowledge, Person
from detente.actors.lexicon import Hit
from detente.actors.phrases import COUNTRYLIKE, PERSONLIKE, Item, Phrase, unnamed_group
from detente.actors.roles import RoleBook
from detente.nlp.tokens import table_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# A regnal number ("Mohammed VI"): no name of its own
_ROMAN = re.compile(r"[IVXL]+")

# Sectors of a state's own offices (an ethnic word on these names states, not residents)
STATE_SECTORS = frozenset({"GOV", "DIP", "MIL", "JUD", "LEG"})


def _climbed_subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the clause it hangs on (infinitive, conjunct, adverbial
    clause), as far up as one is found."""
    for _ in range(8):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _office(agent_id: str) -> str:
    """The family a group referent gets for the office word that named it ('office:ministry')."""
    return f"office:{agent_id}"


def compose(country: str | None, org: str | None, sector: str | None) -> str:
    """CAMEO-style code: country + org (non-state actors only) + sector."""
    parts = [country or "---"]
    if org and country in NONSTATE:
        parts.append(org)
    if sector:
        parts.append(sector)
    return "".join(parts)


@dataclass(kw_only=True)
class Coded:
    """A coded actor over a token span: what :class:`ArticleCoder` finds in a phrase.

    The resolver turns it into a :class:`detente.records.Mention` once the article is read
    (char offsets, span trimmed of punctuation, overlaps dropped), so this stage never
    needs the article id or the body's offsets.
    """

    start: int  # token span
    end: int
    name: str | None
    country: str | None
    sector: str | None
    code: str
    resolved_by: str
    confidence: float
    actor_id: str | None = None
    qid: str | None = None
    kind: str = "actor"

    @classmethod
    def of_referent(
        cls, ref: Referent, *, start: int, end: int, resolved_by: str, confidence: float,
        kind: str,
    ) -> Coded:
        """A later mention of an actor the article named before (pronoun, surname, role)."""
        assert ref.code is not None  # callers check ref.coded first
        return cls(
            start=start, end=end, name=ref.name, country=ref.country, sector=ref.sector,
            code=ref.code, resolved_by=resolved_by, confidence=confidence,
            actor_id=ref.actor_id, qid=ref.qid, kind=kind,
        )


@dataclass(kw_only=True)
class _Source:
    """Where a phrase's country comes from: one country-like item read against the
    knowledge (a country, capital, metonym, organization ...), with the sector and ids
    the entry gives."""

    country: str
    org: str | None = None  # organization code of a non-state actor (IGO "UNO")
    sector: str | None = None  # sector the source itself implies (metonym, org, capital)
    name: str | None = None
    actor_id: str | None = None
    qid: str | None = None
    item: Item


class ArticleCoder:
    """Codes the phrases of one article in order, keeping its :class:`Discourse`."""

    def __init__(
        self,
        kb: ActorKnowledge,
        doc: Doc,
        day: dt.date | None,
        roles: RoleBook,
        hits: dict[int, Hit] | None = None,
    ):
        self.kb = kb
        self.doc = doc
        self.hits = hits or {}
        self.day = day
        self.conf = kb.confidences  # data/actors/confidences.yaml, by id
        # the tokens' attributes, read once for the grammar tests (the resolver's table)
        self.tok = table_of(doc)
        self.discourse = Discourse(doc, self.conf)
        self.roles = roles
        self._groups = 0
        ctx = kb.context
        self.locative = {w.lower() for w in ctx.locative_prepositions}
        self.definite = {w.lower() for w in ctx.definite_determiners}
        self.motion = {w.lower() for w in ctx.motion_verbs}
        self.dateline_marks = set(ctx.dateline_marks)
        self.filed_in: str | None = None  # the country of the article's first dateline
        self.departure = {w.lower() for w in ctx.departure_verbs}
        self.host_verbs = {w.lower() for w in ctx.host_verbs}
        self.abroad = set(ctx.abroad_sectors)
        self.months = set(ctx.dateline_months)
        self.water = set(ctx.water_names)
        self.first_name_called = set(ctx.first_name_called)
        self.org_ends = set(ctx.organization_name_ends)
        self.group_quantifiers = {w.lower() for w in ctx.group_quantifiers}
        self.no_short_name = set(ctx.no_short_name)
        self.patronymic = {w.lower() for w in ctx.patronymic_markers}

    # ---- entry points ---------------------------------------------------------------------

    def code(self, phrase: Phrase, sentence: int) -> list[Coded]:
        head = phrase.head
        if phrase.modifier:
            return self._modifiers(phrase, sentence)
        if head.kind in PERSONLIKE:
            return self._person_phrase(phrase, sentence)
        if head.kind == "agent":
            return self._agent_phrase(phrase, sentence)
        return self._name_phrase(phrase, sentence)

    def pronoun(self, i: int, gender: str, sentence: int) -> Coded | None:
        tok = self.doc[i]
        res = self.discourse.pronoun(tok, gender, sentence)
        if res is None:
            return None
        ref = res.referent
        self.discourse.add(
            replace(
                ref,
                person=True,
                sentence=sentence,
                head=i,
                subject=tok.dep_ in ("nsubj", "nsubjpass"),
                gender=ref.gender or gender,
                families=set(ref.families),
            )
        )
        if not ref.coded or ref.code is None:
            return None
        return Coded.of_referent(
            ref, start=i, end=i + 1, resolved_by="pronoun",
            confidence=round(res.confidence, 2), kind="person",
        )

    # ---- sources of country and sector ------------------------------------------------------

    def _source(self, item: Item) -> _Source | None:
        kb = self.kb
        ref = item.refs[0] if item.refs else None
        if ref is None:
            return None
        if item.kind == "country":
            c = kb.countries[ref]
            return _Source(country=c.code, name=c.name, actor_id=c.id, item=item)
        if item.kind == "demonym":
            if ref.startswith("group:"):
                g = kb.groups[ref[6:]]
                code = g.code or "---"
                name = kb.countries[code].name if code in kb.countries else g.names[0]
                return _Source(country=code, name=name, item=item)
            if ref.startswith("place:"):
                p = kb.places[ref[6:]]
                name = kb.countries[p.code].name if p.code in kb.countries else p.name
                return _Source(country=p.code, name=name, actor_id=p.id, item=item)
            c = kb.countries[ref]
            return _Source(country=c.code, name=c.name, actor_id=c.id, item=item)
        if item.kind == "capital":
            c = kb.countries[ref]
            return _Source(country=c.code, sector="GOV", name=c.name, actor_id=c.id, item=item)
        if item.kind == "place":
            p = kb.places[ref]
            name = kb.countries[p.code].name if p.code in kb.countries else p.name
            return _Source(country=p.code, name=name, actor_id=p.id, item=item)
        if item.kind == "metonym":
            m = kb.metonyms[ref]
            return _Source(
                country=m.country, sector=m.sector, name=m.names[0], actor_id=m.id, item=item
            )
        if item.kind == "org":
            o = kb.organizations[ref]
            return _Source(
                country=o.country, org=o.org, sector=o.sector, name=o.names[0], actor_id=o.id,
                qid=o.qid, item=item,
            )
        if item.kind in ("person", "surname") and item.poss:
            p = self._pick_person(item.refs)
            return _Source(country=p.country, item=item)
        if item.kind == "asurname" and item.poss:
            r = self.discourse.latest(ref)
            if r is not None and r.coded and r.country:
                return _Source(country=r.country, item=item)
        return None

    def _sources(self, items: list[Item]) -> list[_Source]:
        return [s for it in items if (s := self._source(it)) is not None]

    def _agent_sector(self, items: list[Item], sources: list[_Source], elite: bool) -> str | None:
        """Sector from the agent words: the head's, unless it is generic and a modifier says."""
        if elite:
            return "ELI"
        agents = [self.kb.agents[r] for it in items if it.kind == "agent" for r in it.refs[:1]]
        if not agents:
            return None
        head = agents[-1]
        if not head.generic:
            return head.sector
        for a in reversed(agents[:-1]):
            if not a.generic:
                return a.sector
        if len(agents) > 1:
            return agents[-2].sector  # "party leader": the nearer generic word is more specific
        for s in reversed(sources):
            if s.sector and not (s.country == "NGO" and s.sector is None):
                return s.sector
        if any(s.country in ("NGO", "ISM", "MNC", "IMG") for s in sources):
            return None  # "Red Cross officials" are the organization itself
        return head.sector

    def _families(self, items: list[Item]) -> set[str]:
        out: set[str] = set()
        for it in items:
            if it.kind == "agent":
                for r in it.refs[:1]:
                    out |= self.roles.agent_families.get(r, set())
        return out

    # ---- people ---------------------------------------------------------------------------

    def _pick_person(self, refs: list[str]) -> Person:
        """Among people sharing a name: one already in the article, else in office, else first."""
        people = [self.kb.people[r] for r in refs if r in self.kb.people]
        for p in people:
            if self.discourse.latest(p.id) is not None:
                return p
        if self.day is not None:
            for p in people:
                if p.role_at(self.day) is not None:
                    return p
        return people[0]

    def _person_phrase(self, phrase: Phrase, sentence: int) -> list[Coded]:
        head = phrase.head
        others = phrase.items[:-1]
        desc_items = phrase.appos.items if phrase.appos else []
        titles = self._families(others) | self._families(desc_items)
        elite = phrase.elite or (phrase.appos.elite if phrase.appos else False)
        subject = self._is_subject(head)
        text = self.doc[head.start : head.end].text
        surname = self.tok.text[head.end - 1]
        if head.kind == "ner" and surname in self.water:
            return []  # "the South China Sea", "the Persian Gulf": a sea's name, no one titled
        if head.kind in ("person", "surname"):
            p = self._pick_person(head.refs)
            sector, role, known = self.roles.person_role(p, self.day, titles, elite)
            if not known:
                sector = self._agent_sector(others + desc_items, [], elite) or p.default_sector
            country = self.roles.country_of(p, role)
            org = self.roles.org_of(role)
            fam = self.roles.family(role) if role else set()
            code = compose(country, org, sector)
            earlier = self.discourse.latest(p.id) if not (titles or elite) else None
            if earlier is not None and earlier.coded and earlier.code:
                # "the secretary general of NATO, X ... X said": named again without a
                # title, a person holds the office the article named him in
                country, sector, code, fam = earlier.country, earlier.sector, earlier.code, set(earlier.families)
            conf = self.conf.person_full_name if head.kind == "person" else self.conf.person_surname
            if head.kind == "surname" and self.discourse.latest(p.id) is not None:
                conf = self.conf.person_surname_named
            self.discourse.add(
                Referent(
                    key=p.id,
                    name=p.name,
                    country=country,
                    sector=sector,
                    code=code,
                    coded=True,
                    person=True,
                    sentence=sentence,
                    head=head.end - 1,
                    subject=subject,
                    gender=p.gender or phrase.gender,
                    families=fam | titles,
                    actor_id=p.id,
                    qid=p.qid,
                ),
                [p.name, *p.surnames, *self._short_name(p)],
            )
            return [
                Coded(
                    start=phrase.start,
                    end=phrase.end,
                    name=p.name,
                    country=country,
                    sector=sector,
                    code=code,
                    resolved_by="dictionary",
                    confidence=conf,
                    actor_id=p.id,
                    qid=p.qid,
                    kind="person",
                )
            ]
        key = head.refs[0] if head.kind == "asurname" else self.discourse.key_for_name(text)
        if key is not None and not others and phrase.appos is None:
            ref = self.discourse.latest(key)
            if ref is not None:
                self.discourse.add(
                    replace(
                        ref,
                        person=True,
                        sentence=sentence,
                        head=head.end - 1,
                        subject=subject,
                        families=set(ref.families),
                    ),
                )
                if not ref.coded or ref.code is None:
                    return []
                return [
                    Coded.of_referent(
                        ref, start=phrase.start, end=phrase.end, resolved_by="earlier_mention",
                        confidence=self.conf.person_repeated, kind="person",
                    )
                ]
        # a person the dictionary lacks: code from the article
        sources = self._sources(others)
        how = "title"
        sector = self._agent_sector(others, sources, elite)
        if phrase.appos is not None:
            d_sources = self._sources(phrase.appos.items)
            if phrase.appos.of_item is not None:
                d_sources += self._sources([phrase.appos.of_item])
            if not sources and d_sources:
                sources = d_sources
            d_sector = self._agent_sector(phrase.appos.items, d_sources, phrase.appos.elite)
            if sector is None and d_sector is not None:
                sector = d_sector
            how = "appositive" if not any(it.kind == "agent" for it in others) else "title"
        if phrase.of_item is not None:
            sources += self._sources([phrase.of_item])
        name = text
        conf = self.conf.titled_stranger
        country = sources[0].country if sources else None
        org = sources[0].org if sources else None
        if country is None and sector is not None:
            owner = self._office_referred(phrase, others) or self._title_named_before(phrase, others)
            if owner is None and head.kind == "ner":  # "President Castro", a surname left unlisted
                owner = self.roles.titled_namesake(surname, titles, self.day)
            # an envoy serves abroad: where the story was filed says nothing of his state
            ctx = owner or self._context_country(phrase, sentence, envoy="diplomat" in titles)
            if ctx is not None:
                country, conf = ctx, self.conf.context_country
        coded = country is not None
        code = compose(country, org, sector) if coded else None
        key = f"article:{name}"
        # "the conglomerate Hanbit Group": a name the tagger took for a person's that ends in
        # an organization's word (context.yaml organization_name_ends) is a body, no "he"
        person = surname not in self.org_ends
        self.discourse.add(
            Referent(
                key=key,
                name=name,
                country=country,
                sector=sector,
                code=code,
                coded=coded,
                person=person,
                sentence=sentence,
                head=head.end - 1,
                subject=subject,
                gender=phrase.gender if person else None,
                families=titles,
            ),
            [name, surname] if person else [name],
        )
        if not coded or code is None:
            return []
        return [
            Coded(
                start=phrase.start,
                end=phrase.end,
                name=name,
                country=country,
                sector=sector,
                code=code,
                resolved_by=how,
                confidence=conf,
                kind="person" if person else "actor",
            )
        ]

    def _short_name(self, p: Person) -> list[str]:
        """The word an article calls a dictionary person by once it has named them in full,
        for a person listed with no bare surname ("Geng Shuang ... Geng said"): the last
        word, or the first for the states that put it first (context.yaml first_name_called);
        none where no word stands alone (no_short_name) or the last is a father's name."""
        if p.surnames or p.country in self.no_short_name:
            return []
        words = p.name.split()
        if len(words) < 2:
            return []
        if p.country in self.first_name_called:
            word = words[0]
        elif words[-2].lower() in self.patronymic:
            return []
        else:
            word = words[-1]
        word = word.strip(",.")
        return [word] if len(word) > 2 and word[0].isupper() and not _ROMAN.fullmatch(word) else []

    def _office_referred(self, phrase: Phrase, others: list[Item]) -> str | None:
        """'The ministry's spokesperson X': an office named with "the" and no state, owning
        the title, is the one the article last named with that word, and has its state."""
        if phrase.det not in self.definite:
            return None
        owners = {_office(it.refs[0]) for it in others if it.kind == "agent" and it.poss and it.refs}
        if not owners:
            return None
        for r in reversed(self.discourse.referents):
            if r.coded and not r.person and r.families & owners and r.country not in NONSTATE:
                return r.country
        return None

    def _title_named_before(self, phrase: Phrase, others: list[Item]) -> str | None:
        """'Information Minister X', in an article that named "Lebanon's information minister"
        before: a titled stranger holds the office the article named earlier with a state's
        name, when the title has two words or more and every such mention names one state."""
        agents = [it for it in others if it.kind == "agent"]
        if not agents:
            return None
        words = [t.lower_ for t in self.doc[phrase.start: agents[-1].end]
                 if not t.is_punct and t.lower_ not in self.definite]
        n = len(words)
        if n < 2:
            return None
        found: set[str] = set()
        for r in self.discourse.referents:
            if r.coded and r.country and r.country not in NONSTATE and r.head >= n - 1 \
                    and [t.lower_ for t in self.doc[r.head - n + 1: r.head + 1]] == words:
                found.add(r.country)
        return found.pop() if len(found) == 1 else None

    def _context_country(self, phrase: Phrase, sentence: int, envoy: bool = False) -> str | None:
        """The state a titled stranger most likely serves ("President X", "governor Y").

        Votes: each state actor coded so far in the article (not its diplomats or spies,
        context.yaml abroad_sectors: they serve in the other state's story, unless the
        stranger is an envoy), and each state named elsewhere in this sentence; the most
        named state wins (ties: the first one in the sentence).
        In a story filed from a capital (a dateline), that state wins if it acts in the
        article, except for an ``envoy`` (who serves abroad). A guess, reported with the
        confidence ``context_country``.
        """
        votes: dict[str, float] = {}
        for r in self.discourse.referents:
            if r.coded and r.country and r.country not in NONSTATE and (envoy or r.sector not in self.abroad):
                votes[r.country] = votes.get(r.country, 0.0) + 1.0
        sent = self.doc[phrase.start].sent
        order: list[str] = []
        for i in range(sent.start, sent.end):
            h = self.hits.get(i)
            if h is None or phrase.start <= i < phrase.end or h.kind not in COUNTRYLIKE:
                continue
            src = self._source(Item.of_hit(h))
            if src is not None and src.country not in NONSTATE and src.country != "---":
                votes[src.country] = votes.get(src.country, 0.0) + 1.0
                order.append(src.country)
        if envoy:
            hosts = self._hosts(phrase)
            votes = {c: v for c, v in votes.items() if c not in hosts} or votes
        if self.filed_in is not None and self.filed_in in votes and not envoy:
            # "ISLAMABAD (AFP) - Foreign Office spokesperson X": an official named without a
            # state, in a story filed from a capital whose state acts in it, is that state's
            return self.filed_in
        if not votes:
            return None
        best = max(votes.values())
        tied = [c for c in votes if votes[c] == best]
        for c in order:
            if c in tied:
                return c
        return tied[0]

    def _hosts(self, phrase: Phrase) -> set[str]:
        """The states an envoy is posted in, by the sentence: the place he is to leave
        ("Ambassador X was asked to leave Peru") and whoever acts on him with a host's verb
        ("Chile summoned Ambassador X"); context.yaml departure_verbs, host_verbs."""
        tok = self.doc[phrase.head.end - 1]
        while tok.dep_ in ("appos", "compound") and tok.head.i != tok.i:
            tok = tok.head
        out: set[str] = set()
        verb = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass"):
            # "failed to turn up and was told to go home to X": conjoined verbs sharing his subject
            verbs = [verb, *[v for v in verb.conjuncts
                             if not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)]]
            verbs += [c for w in verbs for c in w.children if c.dep_ == "xcomp"]
            # "refused to come when called in and was then ordered to quit X": a departure verb
            # of the sentence whose subject, up the clauses it hangs on, is his
            verbs += [v for v in tok.sent if v.lemma_.lower() in self.departure
                      and getattr(_climbed_subject(v), "i", None) == tok.i]
            for v in verbs:
                if v.lemma_.lower() in self.departure:
                    out |= self._countries_at([c for c in v.children if c.dep_ == "dobj"])
        if tok.dep_ in ("dobj", "dative", "nsubjpass") and verb.lemma_.lower() in self.host_verbs:
            acting = [c for c in verb.children if c.dep_ == "nsubj"]
            acting += [p for c in verb.children if c.dep_ == "agent" for p in c.children]
            found = self._countries_at(acting)
            if not found and any(a.pos_ == "PRON" for a in acting):
                # "The ministry said it summoned Ambassador X": "it" is the one who says so
                found = self._countries_at([c for a in verb.ancestors if a.pos_ == "VERB"
                                            for c in a.children if c.dep_ == "nsubj"][:1])
            out |= found
        return out

    def _countries_at(self, toks: list) -> set[str]:
        """Countries of the dictionary hits and referents in the phrases of ``toks``."""
        out: set[str] = set()
        for t in toks:
            for i in (x.i for x in t.subtree):
                h = self.hits.get(i)
                if h is not None and h.kind in COUNTRYLIKE:
                    src = self._source(Item.of_hit(h))
                    if src is not None:
                        out.add(src.country)
                for r in self.discourse.referents:
                    if r.head == i and r.coded and r.country:
                        out.add(r.country)
        return out

    # ---- groups, offices, names --------------------------------------------------------------

    def _agent_phrase(self, phrase: Phrase, sentence: int) -> list[Coded]:
        items = phrase.items
        sources = self._sources(items)
        if phrase.of_item is not None:
            sources += self._sources([phrase.of_item])
        located = False
        if phrase.ethnic or not sources:
            located_sources = self._located(phrase, sources, scan=not self._state_office(phrase))
            located = located_sources is not sources
            sources = located_sources
        sector = self._agent_sector(items, sources, phrase.elite)
        if phrase.state and sector == "JRN":
            sector = "GOV"
        # the office words too, so "the ministry's spokesperson" can find the ministry
        fam = self._families(items) | {_office(it.refs[0]) for it in items if it.kind == "agent" and it.refs}
        head_tok = self.doc[phrase.head.end - 1]
        if not sources and any(it.kind == "ner" and it.poss for it in items) and not self._unnamed_group(head_tok):
            # "President Suharto's government": the titled leader's state, from context
            ctx = self._context_country(phrase, sentence)
            if ctx is not None:
                name = self.kb.countries[ctx].name if ctx in self.kb.countries else None
                src = _Source(country=ctx, name=name, actor_id=ctx, item=items[0])
                coded = self._per_country(phrase, [src], sector, fam, sentence, "actor")
                guess = self.conf.context_country
                return [replace(c, confidence=guess, resolved_by="title") for c in coded]
        if not sources:
            agent = self.kb.agents[phrase.head.refs[0]]
            plural = head_tok.tag_ in ("NNS", "NNPS") or any(
                t.like_num for t in self.doc[phrase.start : phrase.head.start]
            )
            bloc = self._bloc(phrase) if plural and agent.title and agent.sector == "GOV" else None
            if bloc is not None:
                # "West African leaders imposed sanctions": the region's leaders together
                return self._per_country(phrase, [bloc], sector, fam, sentence, "actor")
            res = None
            if phrase.det in self.definite and not self._of_named(head_tok):
                if plural and agent.definite and agent.families():
                    # "Arab foreign ministers met ... The foreign ministers then decided": the
                    # organization whose ministers the article last named together
                    res = self.discourse.role(set(agent.families()), group_of=NONSTATE)
                elif not plural and agent.states:
                    res = self.discourse.state(set(agent.states))
                elif not plural and agent.definite and agent.families():
                    res = self.discourse.role(set(agent.families()))
            if res is None or not res.referent.coded or res.referent.code is None:
                return []
            r = res.referent
            self.discourse.add(
                replace(
                    r,
                    sentence=sentence,
                    head=head_tok.i,
                    subject=self._is_subject(phrase.head),
                    families=set(r.families),
                )
            )
            return [
                Coded.of_referent(
                    r, start=phrase.start, end=phrase.end, resolved_by="earlier_mention",
                    confidence=res.confidence, kind="person" if r.person else "actor",
                )
            ]
        coded = self._per_country(phrase, sources, sector, fam, sentence, "actor")
        if located:
            return [replace(c, confidence=self.conf.group_located) for c in coded]
        return coded

    def _unnamed_group(self, head: Token) -> bool:
        """ "other Western Hemisphere governments", "three Asian governments": a plural office
        word that :func:`~detente.actors.phrases.unnamed_group` finds counted or quantified
        names states left unnamed."""
        return head.tag_ in ("NNS", "NNPS") and unnamed_group(head, self.group_quantifiers)

    def _bloc(self, phrase: Phrase) -> _Source | None:
        """The organization a region's or people's word before a state office names
        ("Arab foreign ministers": the Arab League; groups.tsv bloc), if there is one."""
        for i in range(phrase.start, phrase.head.start):
            h = self.hits.get(i)
            if h is None or h.kind != "group" or not h.refs:
                continue
            g = self.kb.groups.get(h.refs[0][6:])
            o = self.kb.organizations.get(g.bloc) if g is not None and g.bloc else None
            if o is not None:
                return _Source(country=o.country, org=o.org, sector=o.sector, name=o.names[0],
                               actor_id=o.id, qid=o.qid, item=Item.of_hit(h))
        return None

    def _of_named(self, head: Token) -> bool:
        """'the president of the National Assembly': a role noun whose "of" names a body or
        place says whose office it is, so it does not refer back to the last holder of a role."""
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(t.pos_ == "PROPN" for t in c.subtree)
                   for c in head.children)

    def _state_office(self, phrase: Phrase) -> bool:
        """Whether the phrase's head names a state's office ("leaders", "foreign ministers",
        "governments"): the agent's sector is a state's own."""
        head = phrase.head
        if head.kind != "agent" or not head.refs:
            return False
        return self.kb.agents[head.refs[0]].sector in STATE_SECTORS

    def _located(self, phrase: Phrase, sources: list[_Source], scan: bool = True) -> list[_Source]:
        """Where an actor is, for groups with no nationality ("students throughout Indonesia")
        and ethnic groups (coded by the state they live in: "ethnic Albanians in Serbia").

        ``scan``: an ethnic group with no place of its own may take another state named in the
        sentence. Not for a state's offices: "Arab leaders condemned Israel" are not Israel's
        (the state named is more often the one they act on)."""
        if phrase.loc_item is not None:
            loc = self._sources([phrase.loc_item])
            if loc:
                return loc
        if phrase.ethnic and scan:
            own = {s.country for s in sources}
            sent = self.doc[phrase.start].sent
            for i in range(sent.start, sent.end):
                if phrase.start <= i < phrase.end:
                    continue
                h = self.hits.get(i)
                if h is not None and h.kind in ("country", "capital", "place"):
                    other = self._source(Item.of_hit(h))
                    if other is not None and other.country not in own:
                        anchor = sources[0].item if sources else phrase.head
                        return [
                            _Source(
                                country=other.country, name=other.name,
                                actor_id=other.actor_id, item=anchor,
                            )
                        ]
        return sources

    def _add_group(
        self,
        s: _Source,
        sector: str | None,
        code: str | None,
        sentence: int,
        head: Item,
        head_i: int,
        families: set[str],
        qid: str | None,
    ) -> None:
        """A coded group or state the discourse can refer back to ("the ministry", "they")."""
        self._groups += 1
        self.discourse.add(
            Referent(
                key=f"group:{self._groups}",
                name=s.name,
                country=s.country,
                sector=sector,
                code=code,
                coded=True,
                person=False,
                sentence=sentence,
                head=head_i,
                subject=self._is_subject(head),
                gender=None,
                families=families,
                actor_id=s.actor_id,
                qid=qid,
            )
        )

    def _per_country(
        self,
        phrase: Phrase,
        sources: list[_Source],
        sector: str | None,
        fam: set[str],
        sentence: int,
        kind: str,
    ) -> list[Coded]:
        """One mention per distinct country; joined countries split the span between them."""
        groups: list[_Source] = []
        for s in sources:
            if s.item.joined and groups and groups[-1].country != s.country or not groups:
                groups.append(s)
            elif s.org and not groups[-1].org and s.item is not phrase.of_item:
                groups[-1] = s  # "Iraq's al-Qaeda frontman": the organization is more specific
        head_tok = self.doc[phrase.head.end - 1]
        out: list[Coded] = []
        for n, s in enumerate(groups):
            start = phrase.start if n == 0 else s.item.start
            end = phrase.end if n == len(groups) - 1 else s.item.end
            sec = sector if sector is not None else (s.sector if kind == "actor" else None)
            if s.country in NONSTATE and sec is None:
                sec = s.sector
            code = compose(s.country, s.org, sec)
            self._add_group(s, sec, code, sentence, phrase.head, head_tok.i, set(fam), s.qid)
            out.append(
                Coded(
                    start=start,
                    end=end,
                    name=s.name,
                    country=s.country,
                    sector=sec,
                    code=code,
                    resolved_by="dictionary",
                    confidence=(
                        self.conf.group_one_country
                        if len(groups) == 1
                        else self.conf.group_joined_countries
                    ),
                    actor_id=s.actor_id,
                    qid=s.qid,
                    kind="org" if s.item.kind == "org" and sector is None else kind,
                )
            )
        return out

    def _name_phrase(self, phrase: Phrase, sentence: int) -> list[Coded]:
        """Country names, demonyms, capitals, places, metonyms and organizations on their own."""
        sources = self._sources([it for it in phrase.items if it.kind in COUNTRYLIKE])
        if not sources:
            return []
        if phrase.ethnic and phrase.head.kind == "demonym":
            return self._agent_like_group(phrase, sources, sentence)
        head = phrase.head
        head_tok = self.doc[head.end - 1]
        place = self._is_place(head) and not head.poss
        out: list[Coded] = []
        if len({s.country for s in sources}) > 1 and all(s.item.joined for s in sources[1:]):
            groups = sources
        elif head.kind in ("org", "metonym") and sources[-1].item is head:
            groups = [sources[-1]]  # "Peru's National Intelligence Directorate": the institution
        else:
            # "Bosnian Serbs": the first country word is the state, the next an ethnicity
            groups = [sources[0]]
        for n, s in enumerate(groups):
            start = phrase.start if n == 0 else s.item.start
            end = phrase.end if n == len(groups) - 1 else s.item.end
            kind = s.item.kind
            if len(groups) == 1 and s.item is not head:
                kind = head.kind if head.kind in COUNTRYLIKE else kind
            sector: str | None = None
            conf = self.conf.country_name
            out_kind = "actor"
            if kind == "org":
                sector, out_kind, conf = s.sector, "org", self.conf.organization_name
            elif kind == "demonym":
                tok = head_tok
                sector = (
                    "CVL" if tok.pos_ in ("NOUN", "PROPN") or tok.tag_ in ("NNS", "NNPS") else None
                )
                conf = self.conf.demonym
            elif kind in ("capital", "metonym"):
                dateline = self._is_dateline(s.item)
                if dateline and self.filed_in is None:
                    self.filed_in = s.country
                if place or dateline:
                    out_kind, conf = "place", self.conf.capital_or_metonym_place
                    sector = "CVL" if kind == "capital" else None
                else:
                    sector = s.sector
                    conf = (
                        self.conf.capital_actor if kind == "capital" else self.conf.metonym_actor
                    )
            elif kind == "place":
                out_kind = (
                    "place" if place or not self._is_subject(head) and not head.poss else "actor"
                )
                conf = self.conf.place_name
                sector = "CVL" if out_kind == "place" else None
            elif place:
                out_kind, sector = "place", "CVL"
            code = compose(s.country, s.org, sector)
            if out_kind != "place":
                # a media organization is an outlet "the newspaper" can refer back to
                fam = {"news_outlet"} if kind == "org" and sector == "JRN" else set()
                self._add_group(s, sector, code, sentence, head, head_tok.i, fam, s.qid)
            out.append(
                Coded(
                    start=start,
                    end=end,
                    name=s.name,
                    country=s.country,
                    sector=sector,
                    code=code,
                    resolved_by="dictionary",
                    confidence=conf,
                    actor_id=s.actor_id,
                    qid=s.qid,
                    kind=out_kind,
                )
            )
        return out

    def _agent_like_group(
        self, phrase: Phrase, sources: list[_Source], sentence: int
    ) -> list[Coded]:
        """'ethnic Albanians (in south Serbia)': civilians of the state they live in."""
        located = self._located(phrase, sources)
        s = located[0]
        conf = (
            self.conf.ethnic_group_located if located is not sources else self.conf.ethnic_group
        )
        code = compose(s.country, None, "CVL")
        self._add_group(s, "CVL", code, sentence, phrase.head, phrase.head.end - 1, set(), None)
        return [
            Coded(
                start=phrase.start,
                end=phrase.end,
                name=s.name,
                country=s.country,
                sector="CVL",
                code=code,
                resolved_by="dictionary",
                confidence=conf,
                actor_id=s.actor_id,
                kind="actor",
            )
        ]

    def _modifiers(self, phrase: Phrase, sentence: int) -> list[Coded]:
        """Country words modifying a non-actor noun ('Russian gas'): kind=modifier (or place).

        Agent words in the modifier keep their sector: "Israeli police custody" is custody
        by ISR COP, "Kampuchean guerrilla camps" the camps of KHM REB.
        """
        out = []
        sources = self._sources([it for it in phrase.items if it.kind in COUNTRYLIKE])
        agents = [it for it in phrase.items if it.kind == "agent"]
        for n, s in enumerate(sources):
            kind = "modifier"
            sector = s.sector if s.item.kind in ("metonym", "org") else None
            end = s.item.end + (1 if s.item.poss else 0)
            if n == len(sources) - 1 and agents and agents[-1].start >= s.item.end:
                sector = self._agent_sector(phrase.items, sources, phrase.elite) or sector
                end, kind = agents[-1].end, "modifier"
            out.append(
                Coded(
                    start=s.item.start,
                    end=end,
                    name=s.name,
                    country=s.country,
                    sector=sector,
                    code=compose(s.country, s.org, sector),
                    resolved_by="dictionary",
                    confidence=self.conf.modifier,
                    actor_id=s.actor_id,
                    qid=s.qid,
                    kind=kind,
                )
            )
        return out

    # ---- grammar helpers ------------------------------------------------------------------

    # The grammar tests read the doc's token table (heads, labels, words), where each made
    # a spaCy Token per word it looked at.

    def _is_subject(self, item: Item) -> bool:
        tok, k = self.tok, item.end - 1
        while tok.dep[k] == "conj" and tok.head[k] != k:
            k = tok.head[k]
        return tok.dep[k] in ("nsubj", "nsubjpass")

    def _is_place(self, item: Item) -> bool:
        """'in Moscow', 'at the White House', 'flew to Washington': a location, not an actor."""
        tok, k = self.tok, item.end - 1
        while tok.dep[k] in ("conj", "compound", "appos") and tok.head[k] != k:
            k = tok.head[k]
        prep = tok.head[k] if tok.dep[k] == "pobj" else None
        if prep is None:
            prev = item.start - 1 if item.start > 0 else None
            if prev is not None and tok.lower[prev] == "the" and item.start > 1:
                prev = item.start - 2
            if prev is not None and tok.pos[prev] == "ADP":
                prep = prev
        if prep is None or tok.lower[prep] not in self.locative:
            return False
        if tok.lower[prep] != "to":
            return True
        # "to" locates after motion ("flew to Moscow", "a trip to Moscow") and otherwise
        # names an addressee ("responded to Washington")
        gov = tok.head[prep]
        return tok.pos[gov] in ("NOUN", "PROPN") or tok.lemma[gov].lower() in self.motion

    def _is_dateline(self, item: Item) -> bool:
        """'MOSCOW (Sputnik) -': a capital in capitals opening a sentence is a dateline."""
        words = self.tok.text[item.start : item.end]
        letters = "".join(ch for w in words for ch in w if ch.isalpha())
        return letters.isupper() and len(letters) > 3 or self._opens_dateline(item)

    def _sentence_of(self, i: int) -> tuple[int, int]:
        """Token i's sentence [start, end), bounded as Token.sent bounds it: by the tokens
        the parse starts a sentence with (no Span made)."""
        starts, n = self.tok.is_sent_start, self.tok.n
        start = i
        while start > 0 and starts[start] is not True:
            start -= 1
        end = i + 1
        while end < n and starts[end] is not True:
            end += 1
        return start, end

    def _opens_dateline(self, item: Item) -> bool:
        """'Lima, Jan 4 : Peru recalled ...', 'Lima/Santiago (AFP) - ...': place names that
        open a sentence and are closed by a dateline mark (context.yaml) say where the story
        was filed, in whatever case they are written."""
        text, space = self.tok.text, self.tok.is_space
        start, end = self._sentence_of(item.start)
        i = start
        while i < item.start:  # only places, joined by '/', before the item
            h = self.hits.get(i)
            if h is not None and h.kind in ("capital", "place", "country"):
                i = h.end
            elif text[i] == "/" or space[i]:
                i += 1
            else:
                return False
        i = item.end
        while i < end:  # and after it: 'Lima/Santiago', 'Lima, Peru,'
            h = self.hits.get(i + 1) if text[i] in ("/", ",") else None
            if h is not None and h.kind in ("capital", "place", "country"):
                i = h.end
            elif space[i]:
                i += 1
            else:
                break
        if i >= end - 1:
            return False
        if text[i] in self.dateline_marks:
            return True
        return text[i] == "," and (text[i + 1] in self.months or self.doc[i + 1].like_num)
