"""Who acts and on whom where the parse alone (events/arguments.py) does not settle
it: the pattern's target slots, the speaker a reported clause belongs to, and actors
the sentence does not name ("it", "the ministry", "we", "they", the agent of a
passive), taken from the article and marked as such so a reader can tell them from
named ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import chain

from spacy.tokens import Token

from detente.actors.knowledge import NONSTATE, group_quantifiers
from detente.actors.phrases import unnamed_group
from detente.events.arguments import (
    MentionIndex,
    _unique,
    actors_in,
    clause_subject,
    datives,
    direct_objects,
    governing_verb,
    has_child,
    prep_objects,
    relative_antecedent,
    verb_subject,
)
from detente.events.context import _other_party, partners, salience
from detente.events.found import IMPLICIT, _Found, _implicit, _is_state
from detente.events.matching import _for_clause, _infinitival, _role_objects
from detente.events.patterns import Pattern, PatternBook
from detente.events.vocabulary import _FORCE_ROOTS, Vocabulary
from detente.records import Mention

# resolved_by of an unnamed crowd coded as the civilians of the place where it gathers
CROWD_PLACE = "place_of_crowd"
# resolved_by of the state that holds its own dissident ("the dissident journalist was arrested")
OWN_STATE = "own_state_of_held"

_DEFAULT_TARGETS = Pattern(id="_xcomp_targets", lemma=["_"], cameo="010", target=None)

# how the resolver reads a mention back to an earlier one (a guess, as an unnamed source is)
_READ_BACK = frozenset({"pronoun", "earlier_mention", "author"})

# Words for a town a crowd gathers in ("in the Peruvian city of Lima", "in the capital").
_TOWN_WORDS = frozenset({"city", "capital", "town"})

_STATEMENT_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "joint statement"})

# "both sides", "the two countries": the pair the story is about
_PAIR_WORDS = ("both", "two")


class Roles(Vocabulary):
    """Targets by the pattern's slots, the speaker of a reported clause, unnamed actors."""

    def __init__(self, patterns: PatternBook | None = None):
        super().__init__(patterns)
        # the article's country pairs and ranking (context.partners, salience), read once
        # per document's index, held with it: the rules ask for the other party many times
        self._story: tuple[MentionIndex, dict[str, Counter[str]], list[str]] | None = None

    def _unnamed_acts_on_another(self, source: list[Mention], target: list[Mention],
                                 index: MentionIndex) -> list[Mention]:
        """ "The ministry summoned the Iranian envoy": an unnamed subject taken from the
        article is not the country it acts on; it is that country's other party."""
        if not source or not target or any(m.resolved_by != IMPLICIT for m in source):
            return source
        named = {m.country for m in target if m.country}
        if not named & {m.country for m in source}:
            return source
        return self._other_party_of(target, index) or source

    def _other_party_of(self, acted_on: list[Mention], index: MentionIndex) -> list[Mention]:
        """The story's other party of the countries acted on, as the article first names it,
        marked as taken from the article (none when the article names no other party)."""
        other = self._story_party({m.country for m in acted_on if m.country}, index)
        first = next((m for m in index.ordered if m.country == other), None)
        return [] if first is None else [_implicit(first)]

    def _story_party(self, countries: set[str], index: MentionIndex) -> str | None:
        """context.other_party over the document's pairs and ranking, read once per index."""
        story = self._story
        if story is None or story[0] is not index:
            story = self._story = (index, partners(index.ordered), salience(index.ordered))
        return _other_party(countries, story[1], story[2])

    def _agent_from_article(self, verb: Token, pattern: Pattern, index: MentionIndex) -> list[Mention]:
        """ "The German ambassador was summoned": the one acted on is named, the one who
        acted is the other party of the story (marked, with lower confidence)."""
        acted_on = [m for m in self._targets(verb, pattern, index, [], True) if m.country]
        if acted_on and pattern.cameo[:2] == "17" and all(m.sector in self.dissident_sectors for m in acted_on):
            # "the dissident journalist was arrested": by his own state, not the story's other party
            own = next((x for x in index.ordered if x.country == acted_on[0].country and _is_state(x)), None)
            return [] if own is None else [replace(_implicit(own), resolved_by=OWN_STATE)]
        if acted_on:
            return self._other_party_of(acted_on, index)
        # "New Delhi said the crossing will be closed": no one named is acted on; the state
        # that reports the act does it (not for force: "said civilians had been killed")
        if pattern.cameo[:2] in _FORCE_ROOTS:
            return []
        return [_implicit(m) for m in (self._speaker(verb, index) or []) if _is_state(m)][:1]

    def _weapons_user(self, verb: Token, subj: Token, pattern: Pattern, index: MentionIndex) -> list[Mention]:
        """ "One of the jets fired missiles at a Peruvian radar": weapons or craft with no state
        named (weapons.words), used by force or seizure (weapons.roots) on a state named, are
        the story's other party's, as in an agentless passive."""
        if pattern.cameo[:2] not in self.weapon_roots or not any(
                h.lemma_.lower() in self.weapon_words for h in (subj, *prep_objects(subj, ("of",)))):
            return []
        hit = [m for m in self._targets(verb, pattern, index, [], False) if m.country]
        return self._other_party_of(hit, index) if hit else []

    def _wronged(self, tok: Token) -> bool:
        """ "a violation of Peru's airspace": Peru owns what was wronged."""
        if tok.dep_ == "case":  # the "'s" of "Peru's"
            tok = tok.head
        return (tok.dep_ in ("poss", "amod", "compound")
                and tok.head.lemma_.lower() in self.wronged and tok.head.i != tok.i)

    def _implicit_actor(self, subj: Token, index: MentionIndex) -> list[Mention]:
        """ "It recalled its ambassador", "The ministry summoned ...": an unnamed state
        subject is the actor the article last named (marked, with lower confidence)."""
        crowd = self._crowd_of_place(subj, index)
        if crowd:
            return crowd
        head = subj.lemma_.lower()
        if self._names_organization(subj):  # "the bloc agreed ...": the organisation last named
            return self._organization_before(subj, index)
        if not (head in self.implicit_pronouns or (subj.pos_ in ("NOUN", "PROPN") and head in self.implicit_nouns)):
            return []
        if self._unnamed_group(subj):
            return []  # "four nations recalled their envoys": states the article does not name
        if subj.lower_ == "we":
            authors = self._authors_before(subj.idx, index)
            if authors:
                return authors
        if subj.lower_ == "they":
            party = self._participants(subj, index)
            if party:
                return party
        m = index.latest_before(self._chain_start(subj, index))
        if m is None:
            return []
        if subj.lower_ in self.plural_pronouns:
            return [_implicit(x) for x in self._coordinated_with(m, index)]
        return [_implicit(m)]

    def _unnamed_group(self, subj: Token) -> bool:
        """ "four nations", "several countries": states the sentence leaves unnamed, not the
        actor last named (the actors' one test and list: detente.actors.phrases.unnamed_group)."""
        return unnamed_group(subj, group_quantifiers())

    @staticmethod
    def _chain_start(subj: Token, index: MentionIndex) -> int:
        """Where an unnamed subject's antecedent is sought: before its sentence's subject, and
        before every sentence just above whose main subject is the same unnamed word ("EU
        leaders denounced X. They agreed to ban Y's airlines. They agreed ...": the second
        "they" is the first one's, not Y's)."""
        char = subj.idx
        if subj.pos_ != "PRON":
            return char
        doc, sent = subj.doc, subj.sent
        while sent.start > 0:
            prev = doc[sent.start - 1].sent
            opener = [c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not opener or opener[0].lower_ != subj.lower_ or index.at(opener[0]) is not None:
                break
            char, sent = opener[0].idx, prev
        return char

    def _crowd_of_place(self, subj: Token, index: MentionIndex) -> list[Mention]:
        """ "Thousands of protesters rallied in Hanoi": an unnamed crowd is the civilians
        of the country where it gathers (the place named in its clause), as CAMEO codes
        protesters; marked as resolved from that place."""
        heads = [subj, *(p for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj")]
        if not any(h.lower_ in self.crowd.words for h in heads):
            return []
        return self._gathered(subj, subj.head, index)

    def _gathered(self, crowd: Token, clause: Token, index: MentionIndex) -> list[Mention]:
        """The civilians of where ``crowd`` (a crowd's words, or a demonstration named as a noun)
        gathers in ``clause``: a place named there; else one named in its sentence; else the host
        of a state's mission there; else the place the article last named."""
        in_clause = (m for t in chain(crowd.subtree, clause.subtree)
                     if (m := index.at(t)) is not None and m.kind == "place")
        earlier = (m for m in reversed(index.mentions) if m.kind == "place" and m.end <= crowd.idx)
        first = next(earlier, None)
        here = [first] if first is not None and first.start >= crowd.sent.start_char else []
        # "In the Peruvian city of Lima, protesters ...": a capital read as its state, after "in"
        here += [m for t in crowd.sent if t.dep_ == "pobj" and t.head.lower_ == "in"
                 and (t.pos_ == "PROPN" or t.lemma_.lower() in _TOWN_WORDS)
                 and not any(t.i == x.i for x in clause.subtree) for m in actors_in(t, index)]
        # "swarmed the Peruvian embassy": the crowd is of the country that hosts the mission,
        # the story's other party of the mission's state
        missions = [m for t in clause.subtree if (m := index.at(t)) is not None and m.sector == "DIP"]
        hosts = self._other_party_of(missions[:1], index) if missions else []
        place = next((m for m in chain(in_clause, here, hosts, [first] if first else [])
                      if m.country and len(m.country) == 3), None)
        if place is None:
            return []
        span = crowd.doc[crowd.left_edge.i: crowd.right_edge.i + 1]
        return [replace(_implicit(place), start=span.start_char, end=span.end_char, text=span.text,
                        name=None, sector="CVL", code=f"{place.country}CVL", kind="actor",
                        resolved_by=CROWD_PLACE)]

    def _participants(self, subj: Token, index: MentionIndex) -> list[Mention]:
        """ "X held a call with Y and Z, where they discussed ...": "they" are the parties of
        the meeting the clause hangs on (the subject and those it was held with)."""
        for anc in subj.head.ancestors:
            if anc.pos_ not in ("VERB", "AUX"):
                continue
            withs = [m for t in prep_objects(anc, ("with",), through_objects=True)
                     for m in actors_in(t, index, places=False)]
            if not withs:
                continue
            s, _ = verb_subject(anc)
            hosts = actors_in(s, index, places=False) if s is not None else []
            party = _unique([*hosts, *withs])
            return [_implicit(m) for m in party] if len({m.country for m in party}) > 1 else []
        return []

    def _authors_before(self, char: int, index: MentionIndex) -> list[Mention]:
        """ "The governments of A, B and C express the following: ... 3. We agree ...": a
        "we" with no speaker is the last group of states named as a joint statement's
        authors, marked as taken from the article."""
        seen: set[tuple[int, int]] = set()
        for m in reversed([m for m in index.ordered if m.end <= char]):
            if (m.start, m.end) in seen or not m.country or m.kind == "place":
                continue
            group = self._coordinated_with(m, index)
            seen.update((g.start, g.end) for g in group)
            if len({g.country for g in group}) < 2:
                continue
            span = index.span(m)
            if span is not None and _authors_group(span.root):
                return [_implicit(g) for g in sorted(group, key=lambda g: g.start)]
        return []

    def _coordinated_with(self, m: Mention, index: MentionIndex) -> list[Mention]:
        """ "The governments of A, B and C ... We reiterate ...": a plural "we" or "they"
        stands for every actor coordinated with the one it refers back to."""
        span = index.span(m)
        if span is None:
            return [m]
        out: dict[tuple[int, int], Mention] = {(m.start, m.end): m}
        for tok in (c for t in span for c in t.conjuncts):
            c = index.at(tok)
            if c is not None and c.country and c.kind != "place":
                out.setdefault((c.start, c.end), c)
        return list(out.values())

    def _targets(
        self, tok: Token, pattern: Pattern, index: MentionIndex, source: list[Mention], passive: bool,
        depth: int = 0, victims: dict[int, list[Mention]] | None = None,
    ) -> list[Mention]:
        """Who ``pattern``'s act on ``tok`` is done to, from its slots in order. ``victims``, if
        given, keeps what _hypothetical_victims found for each clause subject looked at."""
        slots = self._slots(pattern)
        src_spans = {(m.start, m.end) for m in source}
        # a source taken from the article for "we" or "it" may be the wrong one: the state the
        # sentence names is still its target ("we are breaking off relations with X", "we"
        # read as X); _unnamed_acts_on_another then gives the act to X's other party
        # (named there, not itself a pronoun or role noun read back)
        src_actors = {(m.code, m.name) for m in source if m.resolved_by != IMPLICIT}
        guessed = {(m.code, m.name) for m in source}
        # a crowd coded from where it gathers is not acting on that place; nor is a state on
        # a place of its own where its act cannot be domestic ("arrived in Lima", of Peru's)
        src_places = {m.country for m in source if m.resolved_by == CROWD_PLACE}
        if pattern.cameo[:2] in self.no_self_roots:
            src_places |= {m.country for m in source if m.country}
        # "A and B reach a US-brokered deal": two parties of a reciprocal act named by its object
        # act on each other; a state the object names (its broker) is not their partner
        pair = pattern.reciprocal and bool(pattern.object) and len({m.country for m in source if m.country}) > 1
        for slot in slots:
            cands: list[Token] = []
            if slot == "dobj" and pair:
                continue
            if slot == "dobj":
                cands = direct_objects(tok)
                if passive and not pattern.passive_source:
                    cands += [relative_antecedent(c) for c in tok.children if c.dep_ == "nsubjpass"]
            elif slot == "dative":
                cands = datives(tok)
            elif slot.startswith("prep:"):
                cands = prep_objects(tok, slot[5:].split(","), through_objects=True)
                if "for" in slot[5:].split(","):  # "called for Chile to withdraw": Chile
                    cands += [s for c in tok.children if _for_clause(c)
                              for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
                cands += [p for r in _role_objects(tok) for p in prep_objects(r, slot[5:].split(","))]
            elif slot == "ccomp_subject":
                cands = clause_subject(tok, ("ccomp",))
                # "insisted on its demands that X ...": the clause hangs off the noun
                nouns = direct_objects(tok) + prep_objects(tok, ("on", "for"))
                cands += [s for n in nouns for s in clause_subject(n, ("acl", "ccomp"))]
            elif slot == "condition_subject":
                # "threatened to strike unless Israel rescinded ...": the condition's subject
                clauses = [c for c in tok.children if c.dep_ == "advcl"]
                clauses += [g for c in tok.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "advcl"]
                # "is forced to retaliate if X ...", "will have to answer": the condition
                # hangs on the verb the answer is the complement of
                up = tok
                while up.dep_ in ("xcomp", "acomp") and up.head is not up:
                    up = up.head
                    clauses += [c for c in up.children if c.dep_ == "advcl"]
                for c in clauses:
                    if any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                        cands += clause_subject(c.head, ("advcl",))
            elif slot == "xcomp" and depth == 0:
                for c in tok.children:
                    if c.dep_ == "xcomp" or c.dep_ == "advcl" and _infinitival(c):  # or purpose
                        inner = self._targets(c, _DEFAULT_TARGETS, index, source, False, depth + 1, victims)
                        if inner:
                            return inner
                continue
            found: list[Mention] = []
            for c in cands:
                named = actors_in(c, index) or self._pair_acted_on(c, index, source)
                if slot == "ccomp_subject":
                    named = self._not_victims(c, named, index, victims)
                if not named and slot == "ccomp_subject" and c.lower_ == "it" and (
                        (m := index.latest_before(c.idx)) is not None and m.start >= c.sent.start_char and _is_state(m)):
                    named = [_implicit(m)]  # "regrets Chile's move and trusts it will ..."
                # the word itself, or what an "of" names ("the stubbornness of these bodies"),
                # not a possessor ("banned from the bloc's airspace")
                org = None if any(m.kind != "place" for m in named) else next(
                    (t for t in [c, *prep_objects(c, ("of",))] if self._names_organization(t)), None)
                if org is not None:  # "the stubbornness of these bodies": them
                    found.extend(m for m in self._organization_before(org, index)
                                 if (m.code, m.name) not in src_actors)
                    continue
                found.extend(
                    m for m in named
                    if (m.start, m.end) not in src_spans and (m.code, m.name) not in src_actors
                    and not (m.resolved_by in _READ_BACK and (m.code, m.name) in guessed)
                    and not (m.kind == "place" and m.country in src_places)
                )
            if found:
                return found
        return []

    def _pair_acted_on(self, noun: Token, index: MentionIndex, source: list[Mention]) -> list[Mention]:
        """ "held talks with both sides", "will visit the two countries": an unnamed pair
        acted on by a third party (``source``) is two states: the two the sentence names together
        before it ("a buffer between A and B"), else the story's pair (the state the article last
        named, not the one acting, and its other party); marked as taken from the article."""
        if noun.lemma_.lower() not in self.implicit_nouns or not any(c.lower_ in _PAIR_WORDS for c in noun.children):
            return []
        own = {m.country for m in source if m.country}
        before = [m for m in index.ordered if m.end <= noun.idx and m.country and m.country not in own]
        for m in reversed([m for m in before if m.start >= noun.sent.start_char]):
            group = {g.country: g for g in self._coordinated_with(m, index) if g.country}
            if len(group) == 2 and not own & group.keys():
                return [_implicit(g) for g in group.values()]
        last = next((m for m in reversed(before) if _is_state(m)), None)
        other = self._story_party({last.country} | own, index) if last is not None else None
        first = next((m for m in index.ordered if m.country == other), None)
        return [] if last is None or first is None else [_implicit(last), _implicit(first)]

    def _slots(self, pattern: Pattern) -> list[str]:
        """Where ``pattern`` looks for its target: its own slots, else the file's defaults."""
        return pattern.target if pattern.target is not None else self.book.source.defaults.target

    def _not_victims(self, subj: Token, named: list[Mention], index: MentionIndex,
                     memo: dict[int, list[Mention]] | None = None) -> list[Mention]:
        """ "warned that any intervention against Niger would ...": Niger would suffer the
        act warned about, and is no addressee of the warning (its doer, if named, is)."""
        victims = {(m.start, m.end) for m in self._hypothetical_victims(subj, index, memo)}
        return [m for m in named if (m.start, m.end) not in victims]

    def _hypothetical_victims(self, subj: Token, index: MentionIndex,
                              memo: dict[int, list[Mention]] | None = None) -> list[Mention]:
        """The states a hypothetical act ("any intervention against Niger") would be done to;
        kept in ``memo`` (by token index) for a caller that asks of the same clause again."""
        if memo is not None and subj.i in memo:
            return memo[subj.i]
        found: list[Mention] = []
        if has_child(subj, ("det",), self.hypothetical_act_dets):
            found = [m for p in subj.children if p.dep_ == "prep" and p.lower_ in self.hypothetical_act_victim_preps
                     for o in p.children if o.dep_ == "pobj" for m in actors_in(o, index)]
        if memo is not None:
            memo[subj.i] = found
        return found

    def _names_organization(self, tok: Token) -> bool:
        """ "the bloc", "these regional organizations": an organisation referred back to."""
        return tok.lemma_.lower() in self.org_nouns and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in tok.children)

    def _organization_before(self, tok: Token, index: MentionIndex) -> list[Mention]:
        """The organisation the article last named before ``tok`` (with a plural word, every
        organisation named together with it), marked as taken from the article."""
        orgs = [m for m in index.ordered if m.end <= tok.idx and m.country in NONSTATE and m.kind != "place"]
        if not orgs:
            return []
        last = orgs[-1]
        group = self._coordinated_with(last, index) if tok.tag_ in ("NNS", "NNPS") else [last]
        return [_implicit(m) for m in group if m.country in NONSTATE]

    def _speaker(self, verb: Token, index: MentionIndex) -> list[Mention] | None:
        tok = verb
        while tok.dep_ in ("ccomp", "conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
            if tok.lemma_.lower() in self.speech:
                subj, _ = verb_subject(tok)
                if subj is not None:
                    found = actors_in(subj, index, places=False)
                    return found or None
                return None
        return None

    def _answering_verb(self, noun: Token) -> Token | None:
        """The verb whose act answers ``noun`` ("struck X after Y's attack", "was responding to
        attacks by Y"), if any (`answered_force`)."""
        if noun.dep_ != "pobj":
            return None
        prep = noun.head
        up = prep.head
        if prep.lower_ in self.answer_preps and up.pos_ in ("VERB", "AUX"):
            return up
        if prep.lower_ == "to" and up.lemma_.lower() in self.answer_verbs:
            return up
        return None

    def _answerers(self, verb: Token, source: list[Mention], index: MentionIndex) -> list[Mention]:
        """Those who answer an act of force, the subject of ``verb`` (its answering verb, see
        `_answering_verb`): its target. With no one named there, none (the story's other
        party is taken, as for any act)."""
        who, passive = verb_subject(verb)
        own = {m.country for m in source}
        named = actors_in(who, index, places=False) if who is not None and not passive else []
        return [m for m in named if m.country and m.country not in own]

    def _force_helpers(self, results: list[_Found], index: MentionIndex, consumed: set[int]) -> list[_Found]:
        """ "Peruvian forces, with support from A and B, conducted strikes on X": those who
        help an act of force take part in it (the `force_helpers` pattern), with its doer as
        their target. The help hangs off the act, the verb that reports it, or its doer.
        "Peruvian forces, together with C, struck ...": C is a doer of the act too."""
        if not self.helper_pattern or not self.helper_words:
            return []
        out: list[_Found] = []
        for f in results:
            if (f.code or f.pattern.cameo)[:2] not in _FORCE_ROOTS or not f.source or f.negated:
                continue
            holders = [f.trigger]
            gov = governing_verb(f.trigger)[0] if f.trigger.pos_ in ("NOUN", "PROPN") else None
            verb = gov if gov is not None else f.trigger
            holders.append(verb)
            subj, passive = verb_subject(verb)
            if subj is not None and not passive:
                holders.append(subj)
            withs: list[tuple[Token, bool]] = []  # "with" and whether "together" goes with it
            for h in dict.fromkeys(holders):
                for c in h.children:
                    if c.dep_ == "prep" and c.lower_ == "with":
                        along = any(a.dep_ == "advmod" and a.lower_ in self.together_words for a in c.children)
                        withs += [(p, along) for p in (c, *c.conjuncts)]
                    elif c.dep_ == "advmod" and c.lower_ in self.together_words:  # "forces - together with ..."
                        withs += [(p, True) for w in c.children if w.dep_ == "prep" and w.lower_ == "with"
                                  for p in (w, *w.conjuncts)]
            for prep, along in withs:
                for w in (o for o in prep.children if o.dep_ == "pobj"):
                    if w.i in consumed:
                        continue
                    own = {m.country for m in f.source}
                    if w.lemma_.lower() not in self.helper_words:
                        if along:
                            f.source = f.source + [m for m in _states_named(w, index) if m.country not in own]
                        continue
                    helpers = [m for o in prep_objects(w, ("from", "of")) for m in _states_named(o, index)
                               if m.country not in own]
                    if helpers:
                        consumed.update(t.i for t in w.subtree)
                        out.append(_Found(self.book.by_id(self.helper_pattern), w, helpers, list(f.source),
                                          modality=f.modality, speaker=f.speaker))
        return out


def _authors_group(tok: Token) -> bool:
    """Whether a coordinated group of states is a statement's authors: the heading of a
    declaration ("The governments of A and B express the following:", "The Transitional
    Governments of A and B:"), or the subject of issuing one ("A and B released a joint
    communique")."""
    sent = tok.sent
    if sent.text.rstrip().endswith(":") or any(t.lower_ == "following" for t in sent):
        return True
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "dobj" and c.lemma_.lower() in _STATEMENT_NOUNS for c in tok.children)
    return False


def _states_named(tok: Token, index: MentionIndex) -> list[Mention]:
    """The actors of a country a phrase names, a country read as a place ("support from Peru")
    taken as the state acting; other places name no one."""
    return [replace(m, kind="actor", code=m.country, sector=None) if m.kind == "place" else m
            for m in actors_in(tok, index)
            if m.country and (m.kind != "place" or (m.actor_id == m.country and m.name))]
