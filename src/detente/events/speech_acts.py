"""Acts done by saying what another must do, did, or is to bear: demands ("Y must ...",
"urged Y to ..."), charges ("X said Russia interfered"), threats ("X will pay dearly").
What is demanded has not happened, so these rules also keep its words from being
coded as an act of their own.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.arguments import (
    MentionIndex,
    actors_in,
    datives,
    direct_objects,
    has_child,
    opens_sentence,
    passive_agent,
    prep_objects,
    verb_subject,
)
from detente.events.found import _Found, _is_state
from detente.events.matching import PatternMatching
from detente.events.modality import Modality
from detente.events.patterns import Pattern
from detente.events.roles import Roles
from detente.nlp.tokens import table_of

_EXPULSION_CODE = "166"  # diplomats told they must leave are expelled (SANCTION)


class SpeechActs(PatternMatching, Modality, Roles):
    """Demands, charges and threats made by saying so."""

    def _bearer_event(self, verb: Token, pattern: Pattern, subj: Token | None, passive: bool,
                      index: MentionIndex, consumed: set[int]) -> list[_Found]:
        """ "Peru is going to pay dearly", "every consequence is for X to bear": the one who is to
        bear it is threatened, by whoever says so (else by the story's other party)."""
        bearer = passive_agent(verb) if passive else subj
        found = actors_in(bearer, index, places=False) if bearer is not None else []
        # "this violation of Peru's airspace can have serious consequences": Peru was wronged;
        # the one threatened is its other party, and Peru (unless someone else says so) warns
        # (a sanction or a coercion borne, "its nationals have two days to leave", falls on
        # the one named whatever is said of him: no one there was wronged by another's act)
        wronged = [m for m in found if any(self._wronged(t) for t in index.span(m) or ())
                   ] if pattern.cameo[:2] not in self.borne_roots else []
        target = [m for m in found if m not in wronged] or (self._other_party_of(wronged, index) if wronged else [])
        if not target or self._negated(verb) and not pattern.when_negated:
            return []  # "X is not doing enough" blames only negated (when_negated)
        if pattern.reported and not self._reported_by_speech(verb):
            return []  # "the guards failed to stop them": the narrator's, no one blames
        hit = {t.country for t in target}
        speaker = self._speaker(verb, index) or wronged
        source = [m for m in speaker or [] if m.country not in hit]
        source = source or [m for m in self._other_party_of(target, index) if m.country not in hit]
        if not source:
            return []
        # "said Peru failed to guard the consulate, and it will now recall its consul": a
        # clause joined with its own subject is an act of its own, not part of the blame
        joined = {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                  and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for t in c.subtree}
        consumed.update(t.i for t in verb.subtree if t.i not in joined)
        f = _Found(pattern, verb, source, target)
        f.speaker = speaker
        return [f]

    def _reported_by_speech(self, verb: Token) -> bool:
        """A speech verb reports ``verb``'s clause, whoever its subject ("X failed to ..., the
        statement said", "the ministry said X failed to ...")."""
        tok = verb
        while tok.dep_ in ("ccomp", "conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
            if tok.lemma_.lower() in self.speech and tok.pos_ in ("VERB", "AUX"):
                return True
        return False

    def _embedded_demand(self, verb: Token, index: MentionIndex, consumed: set[int]) -> list[_Found]:
        """ "urged Iraq to withdraw": code Iraq's withdrawal as a demanded event."""
        out: list[_Found] = []
        objs = direct_objects(verb) + prep_objects(verb, ("on", "upon"))
        if not objs:
            return out
        actors = actors_in(objs[0], index, places=False)
        if not actors:
            return out
        for c in verb.children:
            if c.dep_ != "xcomp" and not (c.dep_ == "prep" and c.lower_ in ("on", "upon")):
                continue
            comps = [c] if c.dep_ == "xcomp" else [
                x for p in c.children for x in p.children if x.dep_ in ("acl", "relcl", "xcomp")
            ]
            for comp in comps:
                _, passive = verb_subject(comp)
                p = self._match_verb(comp, passive)
                if p is None or p.governs:
                    continue
                target = self._targets(comp, p, index, actors, passive)
                f = _Found(p, comp, actors, target, modality="demanded")
                f.negated = self._negated(comp)
                out.append(f)
        return out

    def _obligation(self, tok: Token, index: MentionIndex, consumed: set[int]) -> list[_Found]:
        """ "X said that Y must ..." / "a reminder to Y that it must ...": X demands of Y.
        Whether the word speaks or its object is a message is read in the doc's table:
        asked of every verb, it is seldom so."""
        tokens = table_of(tok.doc)
        i, lemma, dep = tok.i, tokens.lemma, tokens.dep
        is_speech_verb = tokens.pos[i] in ("VERB", "AUX") and lemma[i].lower() in self.speech
        carries_message = any(dep[c] in ("dobj", "obj") and lemma[c].lower() in self.speech_nouns
                              for c in tokens.children[i])
        if not (is_speech_verb or carries_message):
            return []
        doc, lower, kids = tok.doc, tokens.lower, tokens.children
        clauses = [doc[c] for c in kids[i] if dep[c] == "ccomp"]
        # nouns of communication in the object: "issued a stern reminder ... that it must"
        for o in direct_objects(tok):
            if o.lemma_.lower() in self.speech_nouns:
                clauses += [c for c in o.children if c.dep_ in ("acl", "ccomp", "relcl")]
        if is_speech_verb:
            # "told reporters during a call that X must ...": the parse hangs the said clause
            # off the noun before it, as if relative, though "that" opens it and it has a subject
            clauses += [doc[c] for pr in kids[i] if dep[pr] == "prep" for p in kids[pr] if dep[p] == "pobj"
                        for c in kids[p]
                        if dep[c] in ("acl", "relcl")
                        and any(dep[g] == "mark" and lemma[g].lower() == "that" for g in kids[c])
                        and any(dep[g] in ("nsubj", "nsubjpass") for g in kids[c])]
        # "Pull back your troops, Peru tells Chile": an order put first, said to the addressee
        orders = [c for c in tok.children if c.i < tok.i and _imperative(c)] if direct_objects(tok) else []
        for clause in clauses + orders:
            aux = {lower[c] for c in kids[clause.i] if dep[c] in ("aux", "auxpass")}
            forced = self._obliged_passive(clause)
            obliged = clause in orders or bool(aux & set(self.mod.obligation_aux)) or (
                clause.lemma_.lower() in self.mod.obligation_heads
                and any(c.dep_ == "xcomp" for c in clause.children)
            ) or forced
            if not obliged or self._bears(clause):
                continue
            # What someone says another must do has not happened: never code it as an act.
            # ("Lima would be compelled to retaliate if ...", of the speaker's own state, is its
            # own act announced: a passive obligation is consumed only as a demand of another)
            if not forced:
                consumed.update(t.i for t in clause.subtree)
            subj, _ = verb_subject(tok)
            source = actors_in(subj, index, places=False) if subj is not None else []
            csubj, _ = verb_subject(clause) if clause not in orders else (None, False)
            target = actors_in(csubj, index) if csubj is not None else []
            if clause in orders or not target and csubj is not None and csubj.pos_ == "NOUN":
                # "told his Chilean counterpart that the incursions must stop": what must be
                # done is asked of the one told
                target = [m for o in direct_objects(tok) + datives(tok) for m in actors_in(o, index, places=False)]
            if not target and csubj is not None and csubj.pos_ == "PRON":
                # "a stern reminder to Iraq that it must ...": the pronoun is the addressee
                addressees = datives(tok) + prep_objects(tok, ("to",), through_objects=True)
                target = [m for a in addressees for m in actors_in(a, index)]
            if not source and subj is not None and target:
                # "..., the statement said": the unnamed author is the article's actor, and
                # never the country it makes demands of
                source = self._unnamed_acts_on_another(self._implicit_actor(subj, index), target, index)
            # "He said Peru had to react": what a state's speaker says his own state must do
            # asks no one (rebels making demands of their government do ask)
            own = {s.country for s in source if s.country and _is_state(s)}
            target = [m for m in target if (m.start, m.end) not in {(s.start, s.end) for s in source}
                      and not (m.country in own and _is_state(m))]
            if not source or not target:
                continue
            consumed.update(t.i for t in clause.subtree)
            for o in direct_objects(tok):
                consumed.update(t.i for t in o.subtree)
            consumed.add(tok.i)
            demand = self.book.by_id("demand")
            code = self._demand_code(clause)
            if self._departure(clause) and any(m.sector == "DIP" for m in target):
                code = _EXPULSION_CODE  # "the embassy's staff must leave within 48 hours"
            return [_Found(demand, tok, source, target, code=code)]
        return []

    def _obliged_passive(self, clause: Token) -> bool:
        """ "Y would be forced to apologise", "will be obliged to leave": a passive of
        obligation_passives with a modal and an infinitive (not "was forced to", an act told)."""
        modal = set(self.mod.intent_aux) | set(self.mod.hypothetical_aux) | set(self.mod.obligation_aux)
        return (clause.lemma_.lower() in self.mod.obligation_passives
                and has_child(clause, ("auxpass",)) and has_child(clause, ("aux",), modal)
                and any(c.dep_ == "xcomp" for c in clause.children))

    def _obliged_act(self, clause: Token) -> Token:
        """The act a "must" clause asks for: the clause's verb, or the infinitive after "have
        to" / "need to" ("X has to leave": leave) or "will be forced to"."""
        if clause.lemma_.lower() in self.mod.obligation_heads or self._obliged_passive(clause):
            return next((c for c in clause.children if c.dep_ == "xcomp"), clause)
        return clause

    def _bears(self, clause: Token) -> bool:
        """ "X has to pay dearly": no demand of X but a threat (a `bearer` pattern)."""
        inner = self._obliged_act(clause)
        p = self._match_verb(inner, verb_subject(inner)[1])
        return p is not None and p.bearer

    def _departure(self, clause: Token) -> bool:
        return self._obliged_act(clause).lemma_.lower() in self.mod.departure_verbs

    def _demand_code(self, clause: Token) -> str:
        """Refine "must <act>" by the demanded act's own root (CAMEO 101-108)."""
        _, passive = verb_subject(clause)
        p = self._match_verb(self._obliged_act(clause), passive)
        if p is None:
            return "100"
        return self.demand_codes.get(p.cameo[:2], "100")

    def _allegation(self, verb: Token, index: MentionIndex, consumed: set[int]) -> list[_Found]:
        """ "X said Russia interfered in the election": X accuses Russia (no CAMEO act of its own)."""
        if verb.lemma_.lower() not in self.allegation or verb.dep_ not in ("ccomp", "acl"):
            return []
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
            return []  # "to determine whether X colluded": a question, not a charge
        # Climb from the clause to the verb that reports it ("told the panel it was
        # beyond doubt that X interfered"), through at most a few clause and noun links.
        speaker_verb = verb.head
        hops = 0
        while (
            speaker_verb.lemma_.lower() not in self.speech
            and speaker_verb.dep_ in ("ccomp", "acl", "appos", "attr", "conj")
            and hops < 5
        ):
            speaker_verb = speaker_verb.head
            hops += 1
        if speaker_verb.lemma_.lower() not in self.speech and speaker_verb.lemma_.lower() not in (
            "find", "conclude", "believe", "assess", "determine",
        ):
            return []
        ssubj, _ = verb_subject(speaker_verb)
        vsubj, _ = verb_subject(verb)
        if ssubj is None or vsubj is None:
            return []
        source = actors_in(ssubj, index, places=False)
        target = actors_in(vsubj, index, places=False)
        target = [m for m in target if (m.start, m.end) not in {(s.start, s.end) for s in source}]
        if not source or not target or self._negated(verb):
            return []
        consumed.add(verb.i)
        return [_Found(self.book.by_id("accuse"), verb, source, target, code="112")]


def _imperative(clause: Token) -> bool:
    """A clause that opens its sentence with a bare verb and names no subject ("Stop the
    drills, ..."): an order."""
    if clause.dep_ not in ("ccomp", "advcl", "parataxis") or clause.tag_ != "VB":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl") for c in clause.children):
        return False
    return clause.left_edge.i == clause.i and opens_sentence(clause)
