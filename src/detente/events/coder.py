"""Code events (who did what to whom) from a parsed article and its actor mentions.

The coder reads triggers (verbs, and nouns that report events) against the
pattern book, finds source and target through the dependency parse
(events/arguments.py), and applies CAMEO's conventions for modality and
negation: an announced cooperative act is "express intent" (03), an announced
hostile act a threat (13), a refused cooperative act a rejection (12), a
denied hostile act no event at all. Every Event names the pattern that made it.

Precision guards: an event needs an identifiable source actor (generic "we" or
"the international community" are not actors unless the resolver found an
antecedent), obligations without a speaker ("Russia must...", typical of
op-eds) are not coded, and events are only sought in the article body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from detente.events.arguments import (
    MentionIndex,
    _unique,
    actors_in,
    clause_subject,
    datives,
    direct_objects,
    governing_verb,
    passive_agent,
    prep_objects,
    verb_subject,
)
from detente.events.context import FROM_ARTICLE, INFERRED_FACTOR, infer_targets, other_party
from detente.events.dates import EventDater, earlier_year
from detente.events.patterns import Pattern, PatternBook, default_patterns
from detente.ontology import lookup
from detente.records import ActorRef, Event, Mention, content_id

_COOPERATIVE_ROOTS = {"03", "04", "05", "06", "07", "08"}
_MODIFIER_DEPS = ("compound", "amod", "nmod")


def lemma_forms(tok: Token) -> list[str]:
    """The lemma, then forms of the word with inflections stripped.

    The small English pipeline sometimes mislemmatizes ("staged" -> "stag"); callers
    look the forms up in order and keep the first one the pattern book knows.
    """
    low = tok.lower_
    forms = [tok.lemma_.lower(), low]
    if low.endswith("ied"):
        forms.append(low[:-3] + "y")
    if low.endswith("ed"):
        forms += [low[:-1], low[:-2], low[:-3]]
    if low.endswith("ing"):
        forms += [low[:-3] + "e", low[:-3], low[:-4]]
    if low.endswith("es"):
        forms += [low[:-1], low[:-2]]  # "stages": "stage" before "stag"
    elif low.endswith("s"):
        forms.append(low[:-1])
    return forms


def noun_keys(tok: Token) -> list[str]:
    """Lookup keys for a noun: lemma, "modifier lemma", full compound, "lemma of object".

    Longest first, so "air strike" wins over "strike".
    """
    lemma = tok.lemma_.lower()
    if tok.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]  # "Assistance Funds": a capitalized plural keeps its "s" as its lemma
    keys = {lemma, tok.lower_}
    mods = [c for c in tok.children if c.dep_ in _MODIFIER_DEPS and c.i < tok.i]
    for m in mods:
        keys.add(f"{m.lemma_.lower()} {lemma}")
        keys.add(f"{m.lower_} {lemma}")
        keys.add(f"{m.lemma_.lower()} {tok.lower_}")  # "charge d'affaires": a name, not a plural
    if len(mods) > 1:
        keys.add(" ".join([m.lemma_.lower() for m in mods] + [lemma]))
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.add(f"{lemma} of {p.lemma_.lower()}")
                    keys.add(f"{lemma} of {p.lower_}")
    keys |= {k.replace("\u2019", "'") for k in keys}  # "d’affaires" typeset with a curly apostrophe
    return sorted(keys, key=len, reverse=True)


def _object_tokens(verb: Token, passive: bool) -> list[Token]:
    """The nouns a pattern's `object` constraint is checked against."""
    objs = direct_objects(verb)
    if passive:
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects and verb.dep_ == "conj":
            # "damage arose from it and is to be borne by X": a subject shared with a conjunct
            subj, _ = verb_subject(verb)
            subjects = [subj] if subj is not None else []
        objs += subjects
    objs += [c for c in verb.children if c.dep_ in ("attr", "oprd", "acomp")]
    objs += _role_objects(verb)  # "appointed X as ambassador"
    if not objs:
        # "engaged in ethnic cleansing", "remain on alert", "insisted on its demands"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "on", "to", "into", "for", "under", "from"):
                objs += [p for p in c.children if p.dep_ == "pobj"]
    # "a share of a weapons package": look through "of"; "$40 million in assistance":
    # through "in" after an amount
    more = []
    for o in objs:
        more.extend(o.conjuncts)
        if o.ent_type_ == "PERSON":
            # "called in Ambassador Ana Ruiz": the title before a name is what was acted on
            more += [c for c in o.children if c.dep_ == "compound" and c.i < o.i and not c.ent_type_]
        amount = o.like_num or o.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY")
        for c in o.children:
            if c.dep_ == "prep" and (c.lower_ == "of" or (amount and c.lower_ == "in")):
                more += [p for p in c.children if p.dep_ == "pobj"]
    return objs + more


def _names_a_time(prep: Token) -> bool:
    """A preposition whose object is a date or a time ("on Wednesday", "for two hours")."""
    return any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in prep.children)


def _role_objects(verb: Token) -> list[Token]:
    """The role given to an object: "named X as ambassador to Y"."""
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
            for p in c.children if p.dep_ == "pobj"]


@dataclass
class _Found:
    pattern: Pattern
    trigger: Token
    source: list[Mention]
    target: list[Mention]
    modality: str = "actual"
    negated: bool = False
    speaker: list[Mention] | None = None
    code: str | None = None
    via: str = ""  # how the frame was read when not from the parse: "+headline"


def speech_lemmas() -> set[str]:
    """The reporting verbs of speech_verbs.yaml: one list for events and quotes."""
    from detente.signals.config import load_speech_config

    return {v.lemma for v in load_speech_config().verbs}


class EventCoder:
    """Turns (doc, mentions) into Events. One instance per process; it is stateless per call."""

    def __init__(self, patterns: PatternBook | None = None):
        self.book = patterns or default_patterns()
        src = self.book.source
        self.light = set(src.light_verbs)
        self.object_control = set(src.object_control)
        self.speech = set(src.speech_verbs) | speech_lemmas()
        self.speech_nouns = set(src.speech_nouns)
        self.allegation = set(src.allegation_verbs)
        self.instruments = set(src.instrument_nouns)
        self.reproach = set(src.reproach_words)
        self.unattributed_reach = src.unattributed_reproach_reach
        self.judging_verbs = set(src.judging_verbs)
        self.reason_preps = frozenset(src.reason_preps)
        self.wronged = set(src.wronged_nouns)
        self.denied = set(src.denied_words)
        self.plural_pronouns = set(src.implicit_actors.plural)
        self.place_target_roots = set(src.defaults.place_target_roots)
        self.named_addressee_roots = set(src.defaults.named_addressee_roots)
        self.agentless_roots = set(src.defaults.agentless_passive_roots)
        self.no_self_roots = set(src.defaults.no_self_target_roots)
        self.compound_mutual_roots = set(src.defaults.compound_mutual_roots)
        self.domestic = set(src.defaults.domestic_addressees)
        self.crowd = src.crowd
        self.implicit_pronouns = set(src.implicit_actors.pronouns)
        self.implicit_nouns = set(src.implicit_actors.nouns)
        self.mod = src.modality
        self.force_nouns = {k for p in self.book.source.nouns if p.cameo[:2] in _FORCE_ROOTS
                            for k in p.lemma if " " not in k}
        self.question_verbs = set(src.questions.verbs)
        self.question_words = set(src.questions.words)
        self.refusal_verbs = set(src.questions.refusals)
        self.unanswered = set(src.questions.unanswered)
        self.dater = EventDater()

    # -- public ------------------------------------------------------------------------

    def code(
        self,
        doc: Doc,
        article_id: str,
        article_date: str | None,
        mentions: list[Mention],
    ) -> list[Event]:
        index = MentionIndex.build(doc, mentions)
        events: list[Event] = []
        with_mentions = {m.sentence_index for m in mentions}
        any_actor = bool(index.ordered)
        last_force: list[Mention] = []  # who used force last, for "condemned the attack"
        for s_idx, sent in enumerate(doc.sents):
            if s_idx not in with_mentions and not (any_actor and self._may_refer(sent)):
                continue  # every event needs a source: named here, or referred to ("it")
            found_here = self._code_sentence(sent, index)
            if not found_here:
                continue
            # once per sentence, not per event: long sentences would make it quadratic
            context = (sent.text, [e for e in sent.ents if e.label_ == "DATE"])
            for found in found_here:
                self._refer_to_force(found, last_force)
                event = self._to_event(found, sent, s_idx, article_id, article_date, context)
                if event is not None:
                    events.append(event)
                    if event.cameo_root in _FORCE_ROOTS and found.source:
                        last_force = found.source
        return infer_targets(events, mentions, self.no_self_roots)

    def _refer_to_force(self, f: _Found, last_force: list[Mention]) -> None:
        """ "Japan condemned the attack": a reproach of an act of force named with no actor
        is aimed at whoever the article last reported using force (marked: +target:event)."""
        if f.target or not last_force or (f.code or f.pattern.cameo)[:2] != "11":
            return
        acts = [o for o in direct_objects(f.trigger) + prep_objects(f.trigger, ("for", "over"))
                if o.lemma_.lower() in self.force_nouns
                and not any(c.dep_ in ("poss", "compound", "amod") and c.ent_type_ for c in o.children)]
        own = {m.country for m in f.source}
        target = [_implicit(m) for m in last_force if m.country and m.country not in own]
        if acts and target:
            f.target = target
            f.via += "+target:event"

    def _may_refer(self, sent: Span) -> bool:
        """A sentence with no actor named can still have one referred to ("It expelled ...")."""
        return any(
            t.dep_ in ("nsubj", "nsubjpass") and (
                t.lemma_.lower() in self.implicit_pronouns or t.lemma_.lower() in self.implicit_nouns
                or t.lower_ == "both" or any(c.lower_ in ("both", "two") for c in t.children))
            for t in sent
        )

    # -- per sentence ----------------------------------------------------------------------

    def _code_sentence(self, sent: Span, index: MentionIndex) -> list[_Found]:
        consumed: set[int] = set()
        results: list[_Found] = []
        # "its demand that Israel ease restrictions": the clause is the demand's content.
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.speech_nouns:
                holders = [tok]
                if tok.dep_ in ("dobj", "obj") and self._is_light(tok.head):
                    holders.append(tok.head)
                for h in holders:
                    for c in h.children:
                        if c.dep_ in ("acl", "ccomp") and any(
                            g.dep_ == "mark" or g.lower_ == "that" for g in c.children
                        ):
                            consumed.update(t.i for t in c.subtree)
        # Verbs first, outermost clauses first, so governing verbs claim their complements.
        verbs = sorted(
            (t for t in sent if t.pos_ in ("VERB", "AUX", "ADJ") or t.tag_.startswith("VB")),
            key=lambda t: (len(list(t.ancestors)), t.i),
        )
        for tok in verbs:
            if tok.i in consumed:
                continue
            results.extend(self._obligation(tok, index, consumed))
            if tok.i in consumed:
                continue
            found = self._verb_event(tok, index, consumed)
            if found:
                results.extend(found)
        for tok in sent:
            if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            found_n = self._noun_event(tok, index, consumed)
            if found_n:
                results.append(found_n)
        if not results and _headline_like(sent):
            results.extend(self._headline(sent, index))
        results.extend(self._evaluation(sent, index, results))
        return results

    def _headline(self, sent: Span, index: MentionIndex) -> list[_Found]:
        """ "Chile Summons Peruvian Envoy Over Border Remarks": the small parser often
        reads a headline's verb as a name or a noun, so a headline the parse found no event
        in is read as the frame headlines are written in: actors, a pattern verb, actors.
        The verb follows the acting actors closely (at most HEADLINE_GAP other words)."""
        tokens = list(sent)
        for k, tok in enumerate(tokens):
            if index.at(tok) is not None or not tok.is_alpha:
                continue
            source = self._headline_actors_before(tokens[:k], index)
            if not source:
                continue
            after = tokens[k + 1:]
            pattern = self._headline_pattern(tok, after)
            if pattern is None:
                continue
            own = {m.country for m in source}
            target = [m for m in _unique(index.at(t) for t in after if index.at(t) is not None)
                      if m.country and m.country not in own
                      and (m.kind != "place" or pattern.cameo[:2] in self.place_target_roots)][:1]
            source, target = _each_other(pattern, source, target)
            return [_Found(pattern, tok, source, target, via="+headline")]
        return []

    @staticmethod
    def _headline_actors_before(before: list[Token], index: MentionIndex) -> list[Mention]:
        """The actors a headline verb follows: "Ethiopia and Eritrea [Sign]", "Mali, Burkina
        [back]", with at most HEADLINE_GAP words between the last of them and the verb."""
        found: list[Mention] = []
        gap = 0
        for tok in reversed(before):
            m = index.at(tok)
            if m is not None:
                if m.country and m.kind != "place" and m not in found:
                    found.append(m)
                continue
            if found and tok.lower_ in (",", "and", "&"):
                continue
            if found:
                break
            gap += 1
            if gap > HEADLINE_GAP:
                break
        return list(reversed(found))

    def _headline_pattern(self, tok: Token, after: list[Token]) -> Pattern | None:
        candidates = next((self.book.verbs_by_lemma[f] for f in lemma_forms(tok)
                           if f in self.book.verbs_by_lemma), None)
        if not candidates:
            return None
        words = {t.lower_ for t in after}
        keys = {k for t in after for k in noun_keys(t)} | {t.lower_.rstrip("s") for t in after}
        forms = {f for t in after for f in lemma_forms(t)}
        best: Pattern | None = None
        for p in candidates:
            if p.pos != "VERB" or (p.object and not keys & set(p.object)) \
                    or (p.prep and not words & set(p.prep)) \
                    or (p.particle and not (after and after[0].lower_ in p.particle)) \
                    or (p.xcomp and not forms & set(p.xcomp)):
                continue
            if best is None or p.specificity > best.specificity:
                best = p
        return best

    def _historical(self, trigger: Token, sent: Span, date: str | None, article_date: str | None) -> bool:
        """Background rather than news: dated well before the article, in the past
        perfect, or in a clause opened by a mark such as "since"."""
        if "historical" not in self.mod.not_events:
            return False
        if date and article_date and len(date) >= 10 and len(article_date) >= 10:
            try:
                gap = (dt.date.fromisoformat(article_date[:10]) - dt.date.fromisoformat(date[:10])).days
            except ValueError:
                gap = 0
            if gap >= self.mod.historical_days:
                return True
        aux = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
        if self.mod.historical_past_perfect and trigger.tag_ == "VBN" and any(
                a.lower_ in ("had", "'d") for a in aux):
            return True
        if any(c.dep_ == "advmod" and c.lower_ in self.mod.habitual_adverbs for c in trigger.children):
            return True  # "has repeatedly accused X of ...": the story's background, not its news
        marks = set(self.mod.historical_marks)
        first = next((t for t in sent if not t.is_punct), None)
        return first is not None and first.lower_ in marks and first.head.i in (trigger.i, sent.root.i)

    def _evaluator(self, sent: Span, cue: Token, index: MentionIndex) -> list[Mention]:
        """Who judges: the actor subject of a speech verb; else of a verb that governs the
        judging words from above their own clause, or of a verb of judging ("Blinken called
        the move irresponsible"); else the actor who itself regrets or is disappointed
        ("the US regrets ..."; the subject of "was illegal" is what is judged, not the
        judge); else, for "the statement said", the actor the article was speaking of
        (marked like any unnamed subject)."""
        unnamed: Token | None = None
        for v in sent:
            if v.pos_ == "VERB" and v.lemma_.lower() in self.speech:
                subj, _ = verb_subject(v)
                if subj is None:
                    continue
                found = actors_in(subj, index, places=False)
                if found:
                    return found
                unnamed = unnamed or subj
        own_clause = True
        for v in cue.ancestors:
            if v.pos_ not in ("VERB", "AUX"):
                continue
            judging = v.lemma_.lower() in self.judging_verbs
            if own_clause and not judging:
                own_clause = False  # the predicate of the judging words: its subject is judged
                continue
            subj, passive = verb_subject(v)
            if subj is not None and not passive and (found := actors_in(subj, index, places=False)):
                return found
            own_clause = False
        if cue.lemma_.lower() in _EXPERIENCERS:
            holder = cue.head if cue.pos_ == "ADJ" and cue.dep_ in ("acomp", "attr") else cue
            subj, _ = verb_subject(holder)
            if subj is not None and (found := actors_in(subj, index, places=False)):
                return found
        if unnamed is not None and unnamed.pos_ in ("NOUN", "PRON"):
            m = index.latest_before(unnamed.idx)
            if m is not None:
                return [_implicit(m)]
        return []

    def _evaluation(self, sent: Span, index: MentionIndex, found: list[_Found]) -> list[_Found]:
        """ "X said the move was a provocation": a speaker's reproach of another's act. The
        one judged is the actor nearest the judging word in the parse; with no judge named
        (a statement's own words, a quote attributed in another sentence), the judge is the
        other party of the one judged."""
        if any((f.code or f.pattern.cameo)[:2] == "11" for f in found):
            return []
        cue = next((t for t in sent if t.lemma_.lower() in self.reproach and not self._negated(t)
                    and not self._negated(t.head)), None)
        if cue is None:
            return []
        if any(_reason_of(cue, f.trigger, self.reason_preps, self.judging_verbs | self.speech)
               for f in found):
            return []  # "expelled two diplomats after the brazen killing": the act's reason
        speaker = self._evaluator(sent, cue, index)
        own = {m.country for m in speaker}
        spans = {(m.start, m.end) for m in speaker}
        judged = [((_tree_distance(cue, t), t.i), m) for t in sent if (m := index.at(t)) is not None
                  and m.country and m.country not in own and m.kind != "place"
                  and (m.start, m.end) not in spans and not self._wronged(t)]
        nearest = min(judged, key=lambda c: c[0], default=None)
        target = [nearest[1]] if nearest else []
        if not speaker and nearest and nearest[0][0] <= self.unattributed_reach:
            speaker = self._other_party_of(target, index)
        if not speaker and not target:
            # "This violation of Peru's airspace is unacceptable": the wronged complains of
            # its other party in the story
            wronged = [m for t in sent if (m := index.at(t)) is not None and m.country
                       and m.kind != "place" and self._wronged(t)
                       and _tree_distance(cue, t) <= self.unattributed_reach]
            if wronged:
                speaker = [_implicit(wronged[0])]
                target = self._other_party_of(wronged[:1], index)
        if not speaker or not target and all(m.resolved_by == IMPLICIT for m in speaker):
            return []  # neither the judge nor the judged named: too little to code a reproach
        judged_words = {cue.lemma_.lower(), cue.head.lemma_.lower()} | {
            c.lemma_.lower() for t in (cue, cue.head) for c in t.children
            if c.dep_ in ("nsubj", "nsubjpass", "dobj")}
        if judged_words & self.denied:
            # "called Prague's claims absurd": rejecting an accusation, not making one
            return [_Found(_EVALUATION, cue, speaker, target, code=_DENIAL_CODE)]
        return [_Found(_EVALUATION, cue, speaker, target)]

    def _wronged(self, tok: Token) -> bool:
        """ "a violation of Peru's airspace": Peru owns what was wronged."""
        if tok.dep_ == "case":  # the "'s" of "Peru's"
            tok = tok.head
        return (tok.dep_ in ("poss", "amod", "compound")
                and tok.head.lemma_.lower() in self.wronged and tok.head.i != tok.i)

    # -- verbs -----------------------------------------------------------------------------

    def _match_verb(self, verb: Token, passive: bool) -> Pattern | None:
        """The most specific pattern for this verb; ties go to the longest object key matched
        ("chemical weapon" beats "weapon")."""
        candidates = next(
            (self.book.verbs_by_lemma[f] for f in lemma_forms(verb) if f in self.book.verbs_by_lemma), None
        )
        if not candidates:
            return None
        obj_keys: set[str] | None = None
        best: tuple[int, int] | None = None
        chosen: Pattern | None = None
        for p in candidates:
            if (verb.pos_ == "ADJ") != (p.pos == "ADJ"):
                continue
            if p.particle and not any(
                c.dep_ == "prt" and c.lower_ in p.particle for c in verb.children
            ):
                continue
            if p.prep and not any(
                c.dep_ in ("prep", "prt") and c.lower_ in p.prep and not _names_a_time(c)
                for c in verb.children
            ):
                continue  # "called on Chile", not "called ... on Wednesday"
            if p.modifier and not any(
                c.dep_ in ("advmod", "prt", "npadvmod") and c.lemma_.lower() in p.modifier
                for c in verb.children
            ):
                continue  # "work together", "pay dearly"
            if p.xcomp and not any(
                _complement(c) and (c.lemma_.lower() in p.xcomp
                                    or "*" in p.xcomp and c.dep_ != "ccomp" and _infinitival(c))
                for c in verb.children
            ):
                continue
            key_len = 0
            if p.object:
                if obj_keys is None:
                    obj_keys = {k for o in _object_tokens(verb, passive) for k in noun_keys(o)}
                matched = obj_keys.intersection(p.object)
                if not matched:
                    continue
                key_len = max(len(k) for k in matched)
            score = (p.specificity, key_len)
            if best is None or score > best:
                best, chosen = score, p
        return chosen

    def _verb_event(self, verb: Token, index: MentionIndex, consumed: set[int]) -> list[_Found]:
        participle = verb.tag_ in ("VBN", "VBG")
        if verb.dep_ == "acl" and participle and not self._content_of(verb):
            return []  # "the bill signed by X", "weapons seized last year": background, not news
        if self._question(verb):
            return []
        self._consume_judged(verb, consumed)
        subj, passive = verb_subject(verb)
        pattern = self._match_verb(verb, passive)
        if pattern is not None and pattern.yields_to and self._yields(verb, pattern):
            return []  # "agreed to ban X's airlines": the ban is the act, coded on its own verb
        if pattern is not None and pattern.bearer:
            return self._bearer_event(verb, pattern, subj, passive, index, consumed)
        if pattern is None:
            if self._is_light(verb):
                # "staged rallies ... to demand": the noun is the event and claims the clause
                for noun in direct_objects(verb) + prep_objects(verb, ("in", "for", "into", "on", "under")):
                    if noun.i not in consumed and noun.pos_ in ("NOUN", "PROPN"):
                        found_n = self._noun_event(noun, index, consumed)
                        if found_n:
                            return [found_n]
            return self._allegation(verb, index, consumed)
        # Source
        if passive and not pattern.passive_source:
            agent = passive_agent(verb)
            source = actors_in(agent, index, places=False) if agent is not None else []
            if not source and pattern.cameo[:2] in self.place_target_roots:
                # "rockets were fired from Lebanon towards Israel": force comes from there
                source = [m for t in prep_objects(verb, ("from",)) for m in actors_in(t, index)][:1]
            if not source and agent is None and pattern.cameo[:2] in self.agentless_roots:
                source = self._agent_from_article(verb, pattern, index)
        else:
            source = self._source_from_subject(verb, subj, index)
        if pattern.passive_source and passive and subj is not None:
            source = actors_in(subj, index, places=False)
        # Complements of a governing verb are its content, not new events.
        if pattern.governs or pattern.xcomp:
            for c in verb.children:
                if c.dep_ in ("xcomp", "ccomp"):
                    consumed.update(t.i for t in c.subtree)
                if c.dep_ == "prep":  # "accused X of violating ..."
                    for pc in c.children:
                        if pc.dep_ == "pcomp":
                            consumed.update(t.i for t in pc.subtree)
                if c.dep_ == "advcl" and c.tag_ == "VBG" and pattern.cameo[:2] <= "13":
                    consumed.update(t.i for t in c.subtree)  # "..., ignoring international law"
                if c.dep_ == "prep" and pattern.prep and c.lower_ in pattern.prep:
                    consumed.update(t.i for t in c.subtree)  # a call for a release: asked for, not done
        for o in direct_objects(verb):
            consumed.update(self._object_span(o))
        if pattern.object:
            for o in _object_tokens(verb, passive):
                consumed.update(self._object_span(o))
        self._consume_purpose(verb, pattern.cameo, consumed)
        consumed.add(verb.i)
        found: list[_Found] = []
        if pattern.embed == "demanded":
            found.extend(self._embedded_demand(verb, index, consumed))
        if not source:
            return found
        target = self._targets(verb, pattern, index, source, passive)
        if (not target and pattern.cameo[:2] in self.named_addressee_roots
                and not (pattern.reciprocal and len(source) > 1) and self._unnamed_addressee(verb, pattern)):
            return found  # "urged all parties to ...": asked of no one the article names
        if not target and pattern.named_target:
            return found
        if not target and self.place_target_roots & {pattern.cameo[:2], (pattern.solo_cameo or "")[:2]}:
            target = self._place_target(verb, index, source)  # "held drills near Taiwan": a show of force there
        source = self._unnamed_acts_on_another(source, target, index)
        if subj is None or subj.lower_ != "we":  # "we agree to ...": the authors together, not each other
            mutual = _mutual(verb) or pattern.cameo[:2] in self.compound_mutual_roots
            source, target = _each_other(pattern, source, target, mutual)
        f = _Found(pattern, verb, source, target)
        f.negated = self._negated(verb)
        f.modality = self._modality(verb)
        f.speaker = self._speaker(verb, index)
        if pattern.reproach_cameo and self._judges(verb):
            f.code = pattern.reproach_cameo
        found.append(f)
        return found

    def _judges(self, verb: Token) -> bool:
        """The verb's clause holds a word of reproach and tells no future ("warned that X acts
        recklessly"; not "warned that any aggressive act would have consequences")."""
        future = set(self.mod.intent_aux) | set(self.mod.hypothetical_aux)
        for c in verb.children:
            if c.dep_ not in ("ccomp", "prep"):
                continue
            if any(a.dep_ == "aux" and a.lower_ in future for a in c.children):
                continue
            if any(t.lemma_.lower() in self.reproach for t in c.subtree):
                return True
        return False

    def _bearer_event(self, verb: Token, pattern: Pattern, subj: Token | None, passive: bool,
                      index: MentionIndex, consumed: set[int]) -> list[_Found]:
        """ "Peru is going to pay dearly", "every consequence is for X to bear": the one who is to
        bear it is threatened, by whoever says so (else by the story's other party)."""
        bearer = passive_agent(verb) if passive else subj
        target = actors_in(bearer, index, places=False) if bearer is not None else []
        if not target or self._negated(verb):
            return []
        hit = {t.country for t in target}
        source = [m for m in self._speaker(verb, index) or [] if m.country not in hit]
        source = source or [m for m in self._other_party_of(target, index) if m.country not in hit]
        if not source:
            return []
        consumed.update(t.i for t in verb.subtree)
        f = _Found(pattern, verb, source, target)
        f.speaker = self._speaker(verb, index)
        return [f]

    def _decided(self, trigger: Token) -> bool:
        """ "shuts with immediate effect": a hostile act decided, in force now (no threat)."""
        words = set(self.mod.decision_words)
        for c in trigger.children:
            if c.dep_ == "advmod" and c.lemma_.lower() in words:
                return True
            if c.dep_ == "prep" and any(p.lemma_.lower() in words for p in c.children if p.dep_ == "pobj"):
                return True
        return False

    def _back_reference(self, noun: Token) -> bool:
        """A named act recalled as the time or setting of another ("before X's attack on Y",
        "in the wake of X's invasion"): the news conventions code the act where it is
        reported, not where it is recalled."""
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is None:
            return False
        if prep.lower_ in self.mod.backref_preps:
            return True
        setting = prep.head  # "in the context of", "in the wake of"
        return (prep.lower_ == "of" and setting.lemma_.lower() in self.mod.backref_nouns
                and setting.dep_ == "pobj")

    def _content_of(self, clause: Token) -> bool:
        """A participle clause that is what a decision or a statement does, done by whoever
        issued it: "legislation tightening sanctions", "a statement condemning the attack"
        (not "a statement released on Saturday")."""
        head = clause.head.lemma_.lower()
        return head in self.instruments or head in self.speech_nouns and clause.tag_ == "VBG"

    def _object_span(self, obj: Token) -> set[int]:
        """An object's words, less the content of a statement (X: the protest is still to be coded, by whoever issued it)."""
        words = {t.i for t in obj.subtree}
        if obj.lemma_.lower() in self.speech_nouns:
            for c in obj.children:
                if c.dep_ == "acl" and c.tag_ == "VBG":
                    words -= {t.i for t in c.subtree}
        return words

    def _consume_judged(self, verb: Token, consumed: set[int]) -> None:
        """What a speaker names ("termed X's plan to shut a consulate an escalation",
        "described the move as ...") is judged, not reported: no event of its own."""
        if verb.lemma_.lower() not in self.judging_verbs:
            return
        objs = direct_objects(verb)
        named = any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) or any(
            c.dep_ == "appos" for o in objs for c in o.children)
        if named:
            for o in objs:
                consumed.update(t.i for t in o.subtree)

    def _question(self, verb: Token) -> bool:
        """A question put ("asked about the protests", "asked whether X would ..."), not a
        request; nor is declining to answer one ("declined to comment") a rejection."""
        if verb.lemma_.lower() in self.refusal_verbs and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in self.unanswered for c in verb.children):
            return True
        if verb.lemma_.lower() not in self.question_verbs:
            return False
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in self.question_words:
                return True
            if c.dep_ in ("ccomp", "advcl") and any(
                m.dep_ == "mark" and m.lower_ in self.question_words for m in c.children
            ):
                return True
        return False

    def _unnamed_addressee(self, verb: Token, pattern: Pattern) -> bool:
        """The verb names whom it asks with a noun that is no actor ("urged all parties to
        ...", "called on every nation"); a pronoun or a word for a state
        ("the neighbouring country") may still refer to one. The object of "demand" or
        "seek" is what is asked for, not whom: only an object with an infinitive after it
        counts."""
        asked = [c for c in verb.children if c.dep_ == "dative"]
        asked += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                  for p in c.children if p.dep_ == "pobj"]
        if any(_complement(c) for c in verb.children):
            asked += [c for c in verb.children if c.dep_ == "dobj"]
        # the pattern's own addressee slots: "spoke to reporters", "talked with students"
        slots = [p for slot in pattern.target or [] if slot.startswith("prep:") for p in slot[5:].split(",")]
        asked += prep_objects(verb, slots)
        return any(a.pos_ in ("NOUN", "PROPN") and a.ent_type_ not in ("DATE", "TIME")  # not "on Thursday"
                   and (a.lemma_.lower() not in self.implicit_nouns or a.lemma_.lower() in self.domestic)
                   for a in asked)

    def _yields(self, verb: Token, pattern: Pattern) -> bool:
        """Whether the verb's infinitival complement is an act of a root the pattern yields to."""
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                inner = self._match_verb(c, verb_subject(c)[1])
                if inner is not None and inner.cameo[:2] in pattern.yields_to:
                    return True
        return False

    def _source_from_subject(self, verb: Token, subj: Token | None, index: MentionIndex) -> list[Mention]:
        if subj is not None:
            if verb.dep_ in ("xcomp",) and verb.head.lemma_.lower() in self.object_control:
                objs = direct_objects(verb.head)
                if objs:
                    subj = objs[0]
            found = actors_in(subj, index, places=False)
            if found:
                return found
            # "Switzerland said it had expelled ...", "Bosnian Serbs said their forces ...":
            # an unresolved pronoun in a reported clause is the speaker.
            pronoun = subj.pos_ == "PRON" or any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children
            )
            if pronoun:
                found = self._speaker(verb, index) or []
                if found:
                    return found
            return self._implicit_actor(subj, index)
        if verb.dep_ == "acl" and verb.tag_ == "VB":
            # "appreciated the opportunity to meet X": the one who has the opportunity acts
            gov, _ = governing_verb(verb.head)
            if gov is not None:
                s, _ = verb_subject(gov)
                if s is not None:
                    return actors_in(s, index, places=False)
        if verb.dep_ == "acl" and self._content_of(verb):
            # "legislation tightening sanctions": whoever adopted the instrument acts
            gov, _ = governing_verb(verb.head)
            if gov is not None:
                s, _ = verb_subject(gov)
                if s is not None:
                    return actors_in(s, index, places=False)
        return []

    def _is_crowd(self, m: Mention) -> bool:
        return m.sector in (None, "CVL") and any(w in self.crowd.words for w in m.text.lower().split())

    def _place_target(self, verb: Token, index: MentionIndex, source: list[Mention]) -> list[Mention]:
        """ "struck targets in Syria": force used in another country is used against it."""
        own = {m.country for m in source}
        for t in verb.subtree:
            m = index.at(t)
            if m is not None and m.kind == "place" and m.country and m.country not in own:
                # "the quake in Turkey and Syria": every place of the list
                more = [c for x in t.conjuncts if (c := index.at(x)) is not None
                        and c.kind == "place" and c.country and c.country not in own]
                return _unique([m, *more])
        return []

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

    @staticmethod
    def _other_party_of(acted_on: list[Mention], index: MentionIndex) -> list[Mention]:
        """The story's other party of the countries acted on, as the article first names it,
        marked as taken from the article (none when the article names no other party)."""
        other = other_party({m.country for m in acted_on if m.country}, index.ordered)
        first = next((m for m in index.ordered if m.country == other), None)
        return [] if first is None else [_implicit(first)]

    def _agent_from_article(self, verb: Token, pattern: Pattern, index: MentionIndex) -> list[Mention]:
        """ "The German ambassador was summoned": the one acted on is named, the one who
        acted is the other party of the story (marked, with lower confidence)."""
        acted_on = [m for m in self._targets(verb, pattern, index, [], True) if m.country]
        if acted_on:
            return self._other_party_of(acted_on, index)
        # "New Delhi said the crossing will be closed": no one named is acted on; the state
        # that reports the act does it (not for force: "said civilians had been killed")
        if pattern.cameo[:2] in _FORCE_ROOTS:
            return []
        return [_implicit(m) for m in (self._speaker(verb, index) or []) if _is_state(m)][:1]

    def _implicit_actor(self, subj: Token, index: MentionIndex) -> list[Mention]:
        """ "It recalled its ambassador", "The ministry summoned ...": an unnamed state
        subject is the actor the article last named (marked, with lower confidence)."""
        head = subj.lemma_.lower()
        if not (head in self.implicit_pronouns or (subj.pos_ in ("NOUN", "PROPN") and head in self.implicit_nouns)):
            return []
        if subj.lower_ == "we":
            authors = self._authors_before(subj.idx, subj.doc, index)
            if authors:
                return authors
        if subj.lower_ == "they":
            party = self._participants(subj, index)
            if party:
                return party
        m = index.latest_before(subj.idx)
        if m is None:
            return []
        if subj.lower_ in self.plural_pronouns:
            return [_implicit(x) for x in self._coordinated_with(m, subj.doc, index)]
        return [_implicit(m)]

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

    def _authors_before(self, char: int, doc: Doc, index: MentionIndex) -> list[Mention]:
        """ "The governments of A, B and C express the following: ... 3. We agree ...": a
        "we" with no speaker is the last group of states named as a joint statement's
        authors, marked as taken from the article."""
        seen: set[tuple[int, int]] = set()
        for m in reversed([m for m in index.ordered if m.end <= char]):
            if (m.start, m.end) in seen or not m.country or m.kind == "place":
                continue
            group = self._coordinated_with(m, doc, index)
            seen.update((g.start, g.end) for g in group)
            if len({g.country for g in group}) < 2:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _authors_group(span.root):
                return [_implicit(g) for g in sorted(group, key=lambda g: g.start)]
        return []

    def _coordinated_with(self, m: Mention, doc: Doc, index: MentionIndex) -> list[Mention]:
        """ "The governments of A, B and C ... We reiterate ...": a plural "we" or "they"
        stands for every actor coordinated with the one it refers back to."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
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
        depth: int = 0,
    ) -> list[Mention]:
        slots = pattern.target if pattern.target is not None else self.book.source.defaults.target
        src_spans = {(m.start, m.end) for m in source}
        src_actors = {(m.code, m.name) for m in source}
        for slot in slots:
            cands: list[Token] = []
            if slot == "dobj":
                cands = direct_objects(tok)
                if passive and not pattern.passive_source:
                    cands += [c for c in tok.children if c.dep_ == "nsubjpass"]
            elif slot == "dative":
                cands = datives(tok)
            elif slot.startswith("prep:"):
                cands = prep_objects(tok, slot[5:].split(","), through_objects=True)
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
                for c in clauses:
                    if any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                        cands += clause_subject(c.head, ("advcl",))
            elif slot == "xcomp" and depth == 0:
                for c in tok.children:
                    if c.dep_ == "xcomp" or c.dep_ == "advcl" and _infinitival(c):  # or purpose
                        inner = self._targets(c, _DEFAULT_TARGETS, index, source, False, depth + 1)
                        if inner:
                            return inner
                continue
            found: list[Mention] = []
            for c in cands:
                found.extend(
                    m for m in actors_in(c, index)
                    if (m.start, m.end) not in src_spans and (m.code, m.name) not in src_actors
                )
            if found:
                return found
        return []

    @staticmethod
    def _consume_purpose(tok: Token, cameo: str, consumed: set[int]) -> None:
        """Purpose clauses ("opened fire to disperse", "visit ... to mediate") belong to the event;
        a protest's stated demands ("staged rallies ... demanding that ...") are its content."""
        for c in tok.children:
            if c.dep_ not in ("advcl", "xcomp", "acl"):
                continue
            # "would use force if Armenia did not withdraw": the condition is not an event
            condition = any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
            if _infinitival(c) or condition or cameo.startswith("14"):
                consumed.update(t.i for t in c.subtree)

    def _is_light(self, verb: Token) -> bool:
        return any(f in self.light for f in lemma_forms(verb)[:4])

    def _negated(self, verb: Token) -> bool:
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        # "would not meet", negation on the governing auxiliary
        return verb.dep_ in ("xcomp",) and verb.head.lemma_.lower() in ("fail",)

    def _modality(self, verb: Token) -> str:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        aux |= {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux",)}
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        first = verb
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "whether X will remain ..., seek ... or be annexed": one mark
        if first is not verb:
            marks |= {c.lower_ for c in first.children if c.dep_ == "mark"}
        if marks & set(self.mod.hypothetical_marks):
            return "hypothetical"
        if aux & set(self.mod.hypothetical_aux):
            return "hypothetical"
        if aux & set(self.mod.intent_aux):
            return "intent"
        if "going" in aux:
            return "intent"
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_.lower() in self.mod.intent_heads:
            return "intent"
        if (verb.dep_ == "xcomp" and head.lemma_.lower() in self.mod.demanding_heads
                and any(c.dep_ in ("dobj", "dative") for c in head.children)):
            return "demanded"  # "told India to withdraw its troops": asked for, not done
        if verb.dep_ == "acl" and head.lemma_.lower() in self.mod.demanding_nouns and _infinitival(verb):
            return "demanded"  # "handed Lima an order to pull out", "a call to release ..."
        if not aux and verb.dep_ in ("xcomp", "advcl", "conj") and head.i != verb.i:
            inherited = self._modality(head)
            if inherited in ("intent", "hypothetical"):
                return inherited
        if aux & set(self.mod.obligation_aux):
            return "demanded"
        # a conditional clause further up ("if X attacks, Y will ...")
        for anc in verb.ancestors:
            if anc.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in self.mod.hypothetical_marks for c in anc.children
            ):
                return "hypothetical"
        return "actual"

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
        """ "X said that Y must ..." / "a reminder to Y that it must ...": X demands of Y."""
        is_speech_verb = tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.speech
        carries_message = any(o.lemma_.lower() in self.speech_nouns for o in direct_objects(tok))
        if not (is_speech_verb or carries_message):
            return []
        clauses = [c for c in tok.children if c.dep_ == "ccomp"]
        # nouns of communication in the object: "issued a stern reminder ... that it must"
        for o in direct_objects(tok):
            if o.lemma_.lower() in self.speech_nouns:
                clauses += [c for c in o.children if c.dep_ in ("acl", "ccomp", "relcl")]
        for clause in clauses:
            aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
            obliged = bool(aux & set(self.mod.obligation_aux)) or (
                clause.lemma_.lower() in self.mod.obligation_heads
                and any(c.dep_ == "xcomp" for c in clause.children)
            )
            if not obliged or self._bears(clause):
                continue
            # What someone says another must do has not happened: never code it as an act.
            consumed.update(t.i for t in clause.subtree)
            subj, _ = verb_subject(tok)
            source = actors_in(subj, index, places=False) if subj is not None else []
            csubj, _ = verb_subject(clause)
            target = actors_in(csubj, index) if csubj is not None else []
            if not target and csubj is not None and csubj.pos_ == "PRON":
                # "a stern reminder to Iraq that it must ...": the pronoun is the addressee
                addressees = datives(tok) + prep_objects(tok, ("to",), through_objects=True)
                target = [m for a in addressees for m in actors_in(a, index)]
            if not source and subj is not None and target:
                # "..., the statement said": the unnamed author is the article's actor, and
                # never the country it makes demands of
                source = self._unnamed_acts_on_another(self._implicit_actor(subj, index), target, index)
            target = [m for m in target if (m.start, m.end) not in {(s.start, s.end) for s in source}]
            if not source or not target:
                continue
            for o in direct_objects(tok):
                consumed.update(t.i for t in o.subtree)
            consumed.add(tok.i)
            demand = self.book.by_id("demand")
            code = self._demand_code(clause)
            if self._departure(clause) and any(m.sector == "DIP" for m in target):
                code = _EXPULSION_CODE  # "the embassy's staff must leave within 48 hours"
            return [_Found(demand, tok, source, target, code=code)]
        return []

    def _bears(self, clause: Token) -> bool:
        """ "X has to pay dearly": no demand of X but a threat (a `bearer` pattern)."""
        inner = clause
        if clause.lemma_.lower() in self.mod.obligation_heads:
            inner = next((c for c in clause.children if c.dep_ == "xcomp"), clause)
        p = self._match_verb(inner, verb_subject(inner)[1])
        return p is not None and p.bearer

    def _departure(self, clause: Token) -> bool:
        inner = clause
        if clause.lemma_.lower() in self.mod.obligation_heads:
            inner = next((c for c in clause.children if c.dep_ == "xcomp"), clause)
        return inner.lemma_.lower() in self.mod.departure_verbs

    def _demand_code(self, clause: Token) -> str:
        """Refine "must <act>" by the demanded act's own root (CAMEO 101-108)."""
        _, passive = verb_subject(clause)
        inner = clause
        if clause.lemma_.lower() in self.mod.obligation_heads:
            inner = next((c for c in clause.children if c.dep_ == "xcomp"), clause)
        p = self._match_verb(inner, passive)
        if p is None:
            return "100"
        root = p.cameo[:2]
        return {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105", "03": "102"}.get(root, "100")

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

    # -- nouns -------------------------------------------------------------------------------

    def _noun_event(self, noun: Token, index: MentionIndex, consumed: set[int]) -> _Found | None:
        if noun.dep_ in ("compound", "amod", "poss", "nmod"):
            return None  # "border patrol agents": a modifier, not an event
        pattern = None
        for key in noun_keys(noun):
            plist = self.book.nouns_by_key.get(key)
            if not plist:
                continue
            for p in plist:
                if p.modifier and key == noun.lemma_.lower() and not any(
                    c.lemma_.lower() in p.modifier for c in noun.children
                ):
                    continue
                pattern = p
                break
            if pattern:
                break
        if pattern is None:
            return None
        # Source: inside the noun phrase ("Israel's invasion", "U.S. sanctions"), else
        # the subject of a light verb ("held talks", "staged a rally").
        source: list[Mention] = []
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i:
                source = actors_in(c, index, deep=False, places=False)
                if source:
                    break
        if not source:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            source = actors_in(p, index, places=False)
        from_phrase = bool(source)
        if from_phrase and self._back_reference(noun):
            return None  # "since Chile's invasion of Peru": an act already told, not news
        gov, how = governing_verb(noun)
        light_gov = gov is not None and self._is_light(gov) and (
            how in ("dobj", "attr")
            or (how == "pobj" and noun.head.head.i == gov.i and noun.head.lower_ in ("in", "for", "into", "on", "under"))
        )
        if not source and light_gov:
            subj, passive = verb_subject(gov)
            if not passive:  # no subject: "a note renewing its protest" is the issuer's
                source = self._source_from_subject(gov, subj, index)
        if not light_gov:
            gov = None
        between = prep_objects(noun, ("between", "among"))
        between_actors = [m for b in between for m in actors_in(b, index)]
        target: list[Mention] = []
        if not source and len(between_actors) >= 2 and pattern.reciprocal:
            source, target = _each_other(pattern, between_actors, [])
        elif between_actors:
            target = between_actors
        if not source:
            return None
        src_spans = {(m.start, m.end) for m in source}
        if not target:
            cands = prep_objects(noun, ("against", "on", "with", "of", "to", "into", "toward", "towards", "in", "for", "from"))
            cands += clause_subject(noun, ("acl", "ccomp"))
            if light_gov:
                cands += clause_subject(gov, ("ccomp",))
                cands += datives(gov) + prep_objects(gov, ("with", "to", "against", "on", "in"))
            for c in cands:
                target.extend(m for m in actors_in(c, index) if (m.start, m.end) not in src_spans)
                if target:
                    break
        if from_phrase and not target:
            return None  # "the G8 summit", "Palestinian unrest": named in passing, not reported as an act
        consumed.update(t.i for t in noun.subtree)
        if light_gov:
            self._consume_purpose(gov, pattern.cameo, consumed)
        f = _Found(pattern, noun, source, target)
        if light_gov:
            f.negated = self._negated(gov)
            f.modality = self._modality(gov)
            f.speaker = self._speaker(gov, index)
        return f

    # -- assembling the record ----------------------------------------------------------------

    def _final_code(self, f: _Found) -> tuple[str, list[str]] | None:
        """Apply solo/negation/intent conventions; None means "no event"."""
        code = f.code or f.pattern.cameo
        aux_modes: list[str] = []
        if f.pattern.solo_cameo and len(f.source) < 2 and all(m.kind == "place" for m in f.target):
            code = f.pattern.solo_cameo
        if f.pattern.state_cameo and f.source and all(_is_state(m) for m in f.source):
            code = f.pattern.state_cameo
        if code[:2] in self.crowd.roots and f.source and all(self._is_crowd(m) for m in f.source):
            code = self.crowd.cameo  # protesters storming an embassy riot; they do not wage war
        if f.negated:
            aux_modes.append("negation")
            mapped = _prefix_lookup(self.book.source.negation_map, code)
            if mapped is None:
                return None  # "did not attack": nothing happened
            code = mapped
        if f.modality == "intent":
            aux_modes.append("future")
            mapped = _prefix_lookup(self.book.source.intent_map, code)
            if mapped is not None and not (mapped[:2] == "13" and self._decided(f.trigger)):
                code = mapped
        elif f.modality == "hypothetical":
            aux_modes.append("hypothetical")
        return code, aux_modes

    def _to_event(
        self, f: _Found, sent: Span, s_idx: int, article_id: str, article_date: str | None,
        context: tuple[str, list[Span]],
    ) -> Event | None:
        final = self._final_code(f)
        if final is None:
            return None
        code, aux_modes = final
        info = lookup(code)
        plover, mode = info.plover, info.plover_mode
        if f.code is None and code == f.pattern.cameo and f.pattern.plover:
            plover, mode = f.pattern.plover, f.pattern.plover_mode or mode
        if f.modality in self.mod.not_events:
            plover, mode = None, None
        elif f.modality == "intent" and plover in self.mod.intent_plover:
            plover, mode = self.mod.intent_plover[plover], None
        sources = [ActorRef.from_mention(m) for m in f.source]
        targets = [ActorRef.from_mention(m) for m in f.target]
        conf = f.pattern.confidence or self.book.source.defaults.confidence
        actor_conf = min([m.confidence for m in f.source + f.target] or [1.0])
        conf = round(conf * (0.5 + 0.5 * actor_conf) * (0.7 if f.modality == "hypothetical" else 1.0), 3)
        sent_text, date_ents = context
        date = self.dater.date_for(
            sent, f.trigger, article_date, future=f.modality == "intent", ents=date_ents
        )
        if f.modality == "actual" and (
            self._historical(f.trigger, sent, date, article_date)
            or ("historical" in self.mod.not_events
                and earlier_year(sent, f.trigger, article_date, date_ents))
        ):
            f.modality = "historical"
            plover, mode = None, None
            aux_modes = [*aux_modes, "historical"]
        trig = f.trigger
        eid = content_id(
            article_id, str(s_idx), str(trig.idx), code,
            ",".join(a.code for a in sources), ",".join(a.code for a in targets),
        )
        return Event(
            id=eid,
            article_id=article_id,
            sentence_index=s_idx,
            start=sent.start_char,
            end=sent.end_char,
            sentence=sent_text,
            date=date,
            source=sources,
            target=targets,
            cameo=code,
            cameo_root=info.root,
            plover=plover,
            plover_mode=mode,
            plover_context=info.plover_context,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            negated=f.negated,
            modality=f.modality,
            rule=f.pattern.id + f.via
            + ("+source:article" if any(m.resolved_by == IMPLICIT for m in f.source) else ""),
            confidence=conf,
            speaker=ActorRef.from_mention(f.speaker[0]) if f.speaker else None,
            aux_modes=aux_modes,
            trigger=trig.text,
        )


_EVALUATION = Pattern(id="evaluation", lemma=["_"], cameo="111", confidence=0.5)
_DENIAL_CODE = "120"  # rejecting another's charge (REJECT)
_EXPULSION_CODE = "166"  # diplomats told they must leave are expelled (SANCTION)
_DEFAULT_TARGETS = Pattern(id="_xcomp_targets", lemma=["_"], cameo="010", target=None)


_STATE_SECTORS = {"GOV", "DIP", "MIL", "LEG"}

# Reproach words whose grammatical subject is the one who judges ("X regrets ...").
_EXPERIENCERS = {"regret", "disappointed", "concerned", "deplore", "alarm"}

# resolved_by of a source taken from the article for an unnamed subject ("it", "the ministry")
IMPLICIT = FROM_ARTICLE


HEADLINE_GAP = 2
HEADLINE_MAX_WORDS = 16


def _headline_like(sent: Span) -> bool:
    """A headline: a few words with no closing stop, and not the text's cut-off end."""
    text = sent.text.strip()
    cut_off = sent.end == len(sent.doc) and sent.start > 0  # a text's last words, cut short
    return 3 <= len(text.split()) <= HEADLINE_MAX_WORDS and text[-1:] not in ".!?\"”’':;," \
        and not cut_off


def _reason_of(cue: Token, trigger: Token, preps: frozenset[str], judging: set[str]) -> bool:
    """Whether ``cue`` sits in a reason or occasion phrase hanging on ``trigger``, unless
    someone in that phrase is said to judge ("after what Lima called a reckless ...")."""
    tok = cue
    while tok.i != trigger.i and tok.head.i != tok.i:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in judging:
            return False
        if tok.dep_ == "prep" and tok.lower_ in preps and tok.head.i == trigger.i:
            return True
        tok = tok.head
    return False


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


_FORCE_ROOTS = frozenset({"18", "19", "20"})
_STATEMENT_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "joint statement"})


def _infinitival(tok: Token) -> bool:
    return any(g.dep_ == "aux" and g.tag_ == "TO" for g in tok.children)


def _complement(tok: Token) -> bool:
    """A clause completing its verb: an xcomp or ccomp, or an infinitive the parser hung as
    an adverbial clause ("gave the envoy 48 hours to leave")."""
    return tok.dep_ in ("xcomp", "ccomp") or tok.dep_ == "advcl" and _infinitival(tok)


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse."""
    up_a = [a, *a.ancestors]
    depth_a = {t.i: d for d, t in enumerate(up_a)}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return d + depth_a[t.i]
    return len(up_a) + 99


def _implicit(m: Mention) -> Mention:
    """The article's actor standing in for an unnamed subject: marked, less sure."""
    return replace(m, resolved_by=IMPLICIT, confidence=round(m.confidence * INFERRED_FACTOR, 3))


def _is_state(m: Mention) -> bool:
    """A government, its diplomats, forces or legislature, or the country named as such."""
    if m.sector in _STATE_SECTORS:
        return True
    return m.sector is None and m.kind == "actor" and bool(m.country) and m.code == m.country


def _each_other(pattern: Pattern, source: list[Mention], target: list[Mention],
                mutual: bool = False) -> tuple[list[Mention], list[Mention]]:
    """ "A and B agreed / met / clashed": a reciprocal act of a compound subject with no
    other target has the first party as source and the others as its targets; so has any
    act done "to each other" ("named envoys to each other's capital cities")."""
    if not (pattern.reciprocal or mutual) or target:
        return source, target
    countries = list(dict.fromkeys(m.country for m in source if m.country))
    if len(countries) < 2:
        return source, target
    first = [m for m in source if m.country == countries[0]]
    return first, [m for m in source if m.country != countries[0]]


def _mutual(verb: Token) -> bool:
    """The act is done "to each other" / "one another"."""
    pairs = {("each", "other"), ("one", "another")}
    return any((t.nbor(-1).lower_, t.lower_) in pairs for t in verb.subtree if t.i > verb.i)


def _prefix_lookup(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None
