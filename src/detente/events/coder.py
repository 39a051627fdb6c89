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

EventCoder walks the sentences and reads verb and noun events; the rules it
inherits live by what they decide: events/matching.py (which pattern a trigger
or a headline matches), events/modality.py (whether the act happened, and the
code the conventions above give it), events/roles.py (targets, speakers,
unnamed actors), events/evaluations.py (reproaches), events/speech_acts.py
(demands, charges and threats made by saying so), all over the word lists of
events/vocabulary.py and the found event of events/found.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from detente.events.arguments import (
    MentionIndex,
    _unique,
    actors_in,
    clause_subject,
    datives,
    direct_objects,
    governing_verb,
    has_child,
    misattached_conj_at,
    opens_sentence,
    passive_agent,
    prep_objects,
    verb_subject,
)
from detente.events.context import infer_targets, other_party
from detente.events.dates import EventDater, newest_year
from detente.events.evaluations import Evaluations
from detente.events.found import IMPLICIT, _each_other, _Found, _implicit
from detente.events.matching import (
    KeyHeads,
    _complement,
    _headline_like,
    _infinitival,
    _is_time,
    _object_tokens,
    lemma_forms,
    noun_keys,
    word_forms,
)
from detente.events.modality import _failed
from detente.events.patterns import Pattern, PatternBook
from detente.events.roles import _PAIR_WORDS
from detente.events.speech_acts import SpeechActs
from detente.events.vocabulary import _FORCE_ROOTS, speech_lemmas
from detente.nlp.model import doc_text
from detente.nlp.tokens import TokenTable, table_of
from detente.ontology import lookup
from detente.records import ActorRef, Event, Mention, content_id

__all__ = ["IMPLICIT", "EventCoder", "lemma_forms", "noun_keys", "speech_lemmas"]


# Requests and demands (CAMEO roots): whom they ask is named in the verb's own slots, and an
# addressee no actor names ("urged other governments to ...") is asked, not what the request
# is about ("... to recognize X's leader").
_ASKING_ROOTS = frozenset({"02", "10"})
# A noun modifying another is no event ("border patrol agents")
_MODIFIER_NOUN_DEPS = ("compound", "amod", "poss", "nmod")
# Word forms remembered as light verbs or not, up to this many (then forgotten)
_LIGHT_MEMO_SIZE = 20_000


class EventCoder(Evaluations, SpeechActs):
    """Turns (doc, mentions) into Events. One instance per process; nothing carries over from
    one call to the next (the article's last judgement is kept only while it is coded)."""

    def __init__(self, patterns: PatternBook | None = None):
        super().__init__(patterns)
        self.dater = EventDater(self.mod)
        # the words a noun must be for the pattern book to know it (most nouns are not)
        self.noun_heads = KeyHeads.of(self.book.nouns_by_key)
        # the judge and the judged of the article's last judgement, reset by each call of
        # code(): "this decision is irresponsible" with no one named repeats it (_repeated)
        self._last_judgement: tuple[list[Mention], list[Mention]] | None = None
        self._light_memo: dict[tuple[str, str], bool] = {}  # (word, lemma) -> _is_light
        # the verbs _verb_event reads with no pattern: questions, refusals to answer, judging
        # verbs (what they name is consumed) and allegations (_inert_verb)
        self._verb_readings = frozenset(
            self.question_verbs | self.refusal_verbs | self.judging_verbs | self.allegation)

    # -- public ------------------------------------------------------------------------

    def code(
        self,
        doc: Doc,
        article_id: str,
        article_date: str | None,
        mentions: list[Mention],
    ) -> list[Event]:
        index = MentionIndex.build(doc, mentions)
        tokens = table_of(doc)  # the resolver's, read once
        text = doc_text(doc)
        dates = [e for e in doc.ents if e.label_ == "DATE"]
        events: list[Event] = []
        with_mentions = {m.sentence_index for m in mentions}
        any_actor = bool(index.ordered)
        last_force: list[Mention] = []  # who used force last, for "condemned the attack"
        self._last_judgement = None
        # an undated article is at least as recent as the newest year it names
        newest = None if article_date else newest_year(doc)
        for s_idx, sent in enumerate(doc.sents):
            if s_idx not in with_mentions and not (any_actor and self._may_refer(sent, tokens)):
                continue  # every event needs a source: named here, or referred to ("it")
            sent_text = text[sent.start_char : sent.end_char]  # sent.text, without Token objects
            found_here = self._code_sentence(sent, index, tokens, sent_text)
            if not found_here:
                continue
            # once per sentence, not per event: long sentences would make it quadratic
            # (the dates are sent.ents' DATE entities: those wholly inside the sentence)
            context = (sent_text, [e for e in dates if e.start >= sent.start and e.end <= sent.end],
                       newest)
            for found in found_here:
                self._refer_to_force(found, last_force)
                event = self._to_event(found, sent, s_idx, article_id, article_date, context)
                if event is not None:
                    events.append(event)
                    if event.cameo_root in _FORCE_ROOTS and found.source:
                        last_force = found.source
                    elif event.cameo_root == "11" and found.target and "+target:event" not in found.via \
                            and self._judged_force(found, unnamed=False):
                        last_force = found.target  # "condemns Chile's strikes": Chile used force
                    if event.cameo_root == "11" and event.plover and found.source and found.target:
                        self._last_judgement = (found.source, found.target)
        return infer_targets(events, mentions, self.no_self_roots, self.named_partner_codes)

    def _refer_to_force(self, f: _Found, last_force: list[Mention]) -> None:
        """ "Japan condemned the attack": a reproach of an act of force named with no actor
        is aimed at whoever the article last reported using force (marked: +target:event).
        So is one that names only the act's victim ("condemned the attacks on Peru")."""
        if not last_force or (f.code or f.pattern.cameo)[:2] != "11" and not f.pattern.force_doer_target:
            return
        acts = self._judged_force(f)
        victims = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge))
                   for a in acts for t in prep_objects(a, ("on", "against", "in", "into"))]
        if f.target and not (victims and all(any(a <= m.start and m.end <= b for a, b in victims) for m in f.target)):
            return
        own = {m.country for m in f.source} | {m.country for m in f.target}
        target = [_implicit(m) for m in last_force if m.country and m.country not in own]
        if acts and target:
            f.target = target
            f.via += "+target:event"

    def _judged_force(self, f: _Found, *, unnamed: bool = True) -> list[Token]:
        """The acts of force a reproach is about: its object ("condemned the strikes"), or
        what a judging verb names ("described the attacks as a violation"); ``unnamed``:
        only acts whose author is not named in them ("the Chilean strikes" names it)."""
        holders = [f.trigger]
        for up in (f.trigger.head, f.trigger.head.head):
            if up.lemma_.lower() in self.judging_verbs:
                holders.append(up)
                break
        return [o for h in holders for o in direct_objects(h) + prep_objects(h, ("for", "over"))
                if o.lemma_.lower() in self.force_nouns
                and not (unnamed and any(c.dep_ in ("poss", "compound", "amod") and c.ent_type_ for c in o.children))]

    def _may_refer(self, sent: Span, tokens: TokenTable) -> bool:
        """A sentence with no actor named can still have one referred to ("It expelled ...",
        "This act is a provocation": the previous sentence's act; "talks between both
        sides")."""
        dep, lemma, lower = tokens.dep, tokens.lemma, tokens.lower
        opening = next((i for i in range(sent.start, sent.end)
                        if tokens.pos[i] not in ("PUNCT", "SPACE", "X") and tokens.tag[i] != "LS"), None)
        if opening is not None and dep[opening] == "ROOT" and tokens.tag[opening] in ("VB", "VBP"):
            return True  # "2. Denounce ...": an item of a statement's list, spoken by its authors
        for i in range(sent.start, sent.end):
            if (dep[i] == "pobj" and i > sent.start and lemma[i].lower() in self.implicit_nouns
                    and lower[i - 1] in _PAIR_WORDS):
                return True  # "a clash between both sides"
            if dep[i] not in ("nsubj", "nsubjpass"):
                continue
            lem = lemma[i].lower()
            if (lem in self.implicit_pronouns or lem in self.implicit_nouns or lem in self.org_nouns or lower[i] == "both"
                    or any(c.lower_ in _PAIR_WORDS for c in sent.doc[i].children)
                    or lem in self.anaphoric_acts and self.refers_back(sent.doc[i])
                    or lem in self.fight_nouns and self._breaks_out(sent.doc[tokens.head[i]])):
                return True  # ... and "clashes erupted near the border": the story's pair (_fighting_pair)
        return False

    # -- per sentence ----------------------------------------------------------------------

    def _code_sentence(self, sent: Span, index: MentionIndex, tokens: TokenTable,
                       text: str) -> list[_Found]:
        """The events of one sentence (``text``: its text). Its words are scanned in the
        table; Token objects are made only for the words that may be triggers."""
        doc = sent.doc
        pos, tag = tokens.pos, tokens.tag
        words = range(sent.start, sent.end)
        consumed: set[int] = set()
        results: list[_Found] = []
        # "its demand that Israel ease restrictions": the clause is the demand's content ("wrote
        # in a communique that X recalled ..." reports the recall: report_nouns).
        for i in words:
            if pos[i] == "NOUN" and tokens.lemma[i].lower() in self.content_nouns:
                tok = doc[i]
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
            (i for i in words if (pos[i] in ("VERB", "AUX", "ADJ") or tag[i].startswith("VB"))
             and not self._inert_verb(tokens, i)),  # nothing to read: not even placed in order
            key=lambda i: (_depth(tokens.head, i), i),
        )
        for i in verbs:
            if i in consumed:
                continue
            tok = doc[i]
            results.extend(self._obligation(tok, index, consumed))
            if tok.i in consumed:
                continue
            found = self._verb_event(tok, index, consumed)
            if found:
                results.extend(found)
        for i in words:
            if i in consumed or pos[i] not in ("NOUN", "PROPN") or not self._may_be_noun_event(tokens, i):
                continue  # told before a Token is made
            found_n = self._noun_event(doc[i], index, consumed)
            if found_n:
                results.append(found_n)
        if not results and _headline_like(sent, text):
            results.extend(self._headline(sent, index))
        results.extend(self._force_helpers(results, index, consumed))
        results.extend(self._evaluation(sent, index, results, tokens))
        for f in results:
            self._brought_to_court(f, index)
            self._plan_charged(f, index)
        return results

    def _inert_verb(self, tokens: TokenTable, i: int) -> bool:
        """Whether no rule can read anything in verb ``i``, told in the doc's table before a
        Token is made (about half the verbs of news text): no verb pattern can match it
        (:meth:`_matchable_at`), it is no light verb with a dependent (its noun hangs on it:
        an auxiliary "had" reads none), no verb of asking, refusing, judging or alleging (the
        readings of :meth:`_verb_event` that consume words or code without a pattern), and
        it neither speaks nor carries a message (:meth:`_obligation`). For such a verb both
        return nothing and consume nothing."""
        lemma = tokens.lemma[i].lower()
        if lemma in self._verb_readings or self._matchable_at(tokens, i) is not None \
                or tokens.children[i] and self._is_light_at(tokens, i):
            return False
        if tokens.pos[i] in ("VERB", "AUX") and lemma in self.speech:
            return False
        dep, lemmas = tokens.dep, tokens.lemma
        return not any(dep[c] in ("dobj", "obj") and lemmas[c].lower() in self.speech_nouns
                       for c in tokens.children[i])

    @staticmethod
    def _hub(index: MentionIndex) -> Callable[[list[str]], str | None]:
        """The party of a many-sided act that the story is about: of those countries, the one
        the article names most often, if no other is named as often."""
        def most_named(countries: list[str]) -> str | None:
            counts = Counter(m.country for m in index.ordered if m.country in countries)
            ranked = counts.most_common(2)
            return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        return most_named

    def _brought_to_court(self, f: _Found, index: MentionIndex) -> None:
        """ "appealed to the WTO against Peru's tariffs": an appeal or complaint addressed to
        a body that judges disputes (adjudication) is a legal complaint (115) against the
        state named after "against" or "over", else against the story's other party."""
        if (f.code or f.pattern.cameo)[:2] not in self.adjudicated_roots or not any(
                m.actor_id in self.adjudicators for m in f.target):
            return
        own = {m.country for m in f.source}
        holders = [f.trigger, *direct_objects(f.trigger)]
        if f.trigger.dep_ == "dobj":
            holders.append(f.trigger.head)  # "filed a complaint ... over X's tariffs"
        against = [m for t in holders for o in prep_objects(t, ("against", "over"))
                   for m in actors_in(o, index, places=False)
                   if m.country not in own and m.actor_id not in self.adjudicators]
        if not against:  # the story's other party, the body itself left out
            parties = [m for m in index.ordered if m.actor_id not in self.adjudicators]
            other = other_party(own - {None}, parties)
            against = [_implicit(m) for m in parties if m.country == other and m.kind != "place"]
        f.code = "115"
        f.target = against[:1]

    # -- verbs -----------------------------------------------------------------------------

    def _verb_event(self, verb: Token, index: MentionIndex, consumed: set[int]) -> list[_Found]:
        participle = verb.tag_ in ("VBN", "VBG")
        if verb.dep_ == "acl" and participle and not self._content_of(verb):
            return []  # "the bill signed by X", "weapons seized last year": background, not news
        if self._question(verb):
            # "asked why Chile sent troops": the act is what the question is about, not news
            consumed.update(t.i for c in self._asked_clauses(verb) for t in c.subtree)
            return []
        if verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() == "time" and has_child(
                verb.head, ("amod",), self.mod.characterising_ordinals):
            return []  # "That marked the first time X had expelled ...": told of, not reported here
        if self._decision_told(verb):
            return []
        self._consume_judged(verb, consumed)
        if self._verb_candidates(verb) is None:  # no verb pattern knows the word
            subj, passive, pattern = None, False, None
        else:
            subj, passive = verb_subject(verb)
            pattern = self._match_verb(verb, passive)
        if pattern is not None and pattern.yields_to and self._yields(verb, pattern):
            return []  # "agreed to ban X's airlines": the ban is the act, coded on its own verb
        if pattern is not None and pattern.bearer:
            return self._bearer_event(verb, pattern, subj, passive, index, consumed)
        if pattern is not None and self._blames_a_cause(verb):
            return []  # "blamed the crash on bad weather": no one is blamed
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
        # "the Peruvian ambassador was recalled": for these patterns the one the passive
        # names is the actor; naming no one ("the country's ambassador was recalled"), the
        # act has no agent, as any passive
        own = actors_in(subj, index, places=False) if pattern.passive_source and passive and subj is not None else []
        if own:
            source = own
        elif passive:
            agent = passive_agent(verb)
            withs = prep_objects(verb, ("with",))
            if pattern.reciprocal and agent is None and withs and not any(
                    actors_in(w, index, places=False) for w in withs):
                return []  # "the move was met with criticism": a reception, no meeting
            source = actors_in(agent, index, places=False) if agent is not None else []
            if not source and (pattern.cameo[:2] in self.place_target_roots or pattern.cameo in self.from_doer_codes):
                # "rockets were fired from Lebanon towards Israel": force comes from there;
                # "diplomats were expelled from Peru": Peru expelled them
                source = [m for t in prep_objects(verb, ("from",)) for m in actors_in(t, index)][:1]
            if not source and agent is None and pattern.cameo[:2] in self.agentless_roots:
                source = self._agent_from_article(verb, pattern, index)
            if not source and agent is None and pattern.cameo[:2] == "13" and verb.dep_ == "ccomp" \
                    and verb.head.lemma_.lower() in self.speech:
                # "'countermeasures will be taken,' the spokesman said": the speaker's side
                # announces them
                said_by, _ = verb_subject(verb.head)
                source = self._source_from_subject(verb.head, said_by, index) if said_by is not None else []
        else:
            source = self._source_from_subject(verb, subj, index)
            if not source and subj is not None:
                source = self._weapons_user(verb, subj, pattern, index)
            if not source and pattern.passive_source and (
                    subj is None or subj.pos_ == "NOUN" and not self._unnamed_group(subj)):
                # "the order was given to recall the Peruvian envoys": with no one named
                # to do it, an envoy is recalled by his own state, as in the passive
                source = [m for o in direct_objects(verb) for m in actors_in(o, index, places=False)]
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
        if pattern.cameo[:2] in _ASKING_ROOTS:
            asked = self._addressees(verb, pattern, on_objects=bool({"on", "upon"} & set(pattern.prep)))
            if self._unnamed(asked) and not any(actors_in(a, index) for a in asked):
                # "urged other governments to recognize X's leader": asked of no one the
                # article names; the state the request is about is not the one asked
                return found
        if pattern.cameo[:2] == "11" and self._aimed_at_any(verb, pattern):
            return found  # "opposes every sort of raid": no one's act judged
        if pattern.cameo[:2] == "03" and self._ready_for_anything(verb):
            return found  # "ready for every contingency": a vague statement, no act announced
        if pattern.cameo[:2] == "11" and any(self.unowned_terror(o) for o in direct_objects(verb)):
            return found  # "condemned the terrorist attack on its embassy": no state judged
        victims: dict[int, list[Mention]] = {}  # asked again below, for the same clauses
        target = self._targets(verb, pattern, index, source, passive, victims=victims)
        if target and pattern.cameo[:2] in self.rejecting_roots:
            kept = self._not_spared(verb, target)
            if not kept and (spared := [m for m in target if m.country]):
                # the one who wants the act done to the spared state: its other party
                own = {m.country for m in source}
                others = [m for m in index.ordered if m.country not in own]
                wanting = other_party({m.country for m in spared}, others)
                kept = [_implicit(m) for m in others if m.country == wanting and m.kind != "place"][:1]
            target = kept
        if not target and pattern.domestic:  # "declared martial law": on its own country
            target = [_implicit(m) for m in source if m.country][:1]
        if (not target and pattern.cameo[:2] in self.named_addressee_roots
                and not (pattern.reciprocal and len(source) > 1) and self._unnamed_addressee(verb, pattern)):
            return found  # "urged all parties to ...": asked of no one the article names
        if not target and "ccomp_subject" in (pattern.target or ()) and any(
                self._hypothetical_victims(c, index, victims) for c in clause_subject(verb, ("ccomp",))):
            return found  # "warned that any intervention against X would ...": the one warned is unnamed
        if not target and pattern.named_target and not (
                pattern.reciprocal and len({m.country for m in source if m.country}) > 1):
            return found  # (a reciprocal act of a compound subject names its other party there)
        if not target and self.place_target_roots & {pattern.cameo[:2], (pattern.solo_cameo or "")[:2]}:
            target = self._place_target(verb, index, source)  # "held drills near Taiwan": a show of force there
        source = self._unnamed_acts_on_another(source, target, index)
        each_way = False
        if subj is None or subj.lower_ != "we":  # "we agree to ...": the authors together, not each other
            mutual = (pattern.cameo[:2] in self.compound_mutual_roots and not pattern.force_doer_target) or _mutual(verb)
            if mutual and not target and subj is not None:
                source = self._pair_of(subj, source, index)
            each_way = (mutual and not target and pattern.cameo[:2] in self.each_way_roots
                        and len({m.country for m in source if m.country}) == 2)
            if not mutual and not target and subj is not None and len(source) == 1:
                # "both sides deployed troops", "the two countries blamed the other": each of an
                # unnamed pair does it to the other, one event each way
                pair = self._pair_of(subj, source, index)
                if len(pair) == 2 and len({m.country for m in pair if m.country}) == 2:
                    source, target, each_way = pair[:1], pair[1:], True
            source, target = _each_other(pattern, source, target, mutual, hub=self._hub(index))
        if pattern.reciprocal and _failed(verb) and not has_child(verb, ("neg",)):
            return found  # "the two failed to strike a deal": no one refused anything
        for doers, done_to in ((source, target), (target, source)) if each_way else ((source, target),):
            f = _Found(pattern, verb, doers, done_to)
            f.negated = self._negated(verb) and not pattern.when_negated
            f.modality = self._modality(verb)
            f.speaker = self._speaker(verb, index)
            if pattern.reproach_cameo and self._judges(verb):
                f.code = pattern.reproach_cameo
            found.append(f)
        # "sanctioned X by barring its ministers from entering": how the act was done is the
        # act itself, not a second one
        consumed.update(t.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                        for pc in c.children if pc.dep_ == "pcomp" for t in pc.subtree)
        return found

    def _breaks_out(self, verb: Token) -> bool:
        """ "erupted", "flared": a verb of `outbreak_verbs`, read through its word forms (the
        parse's lemma may be off, as "rag" for "raged")."""
        return any(f in self.outbreak_verbs for f in lemma_forms(verb)[:4])

    def _fighting_pair(self, noun: Token, index: MentionIndex) -> list[Mention]:
        """The story's pair for a fight no one is named in (`outbreak_verbs`): the actor the
        article last named and its other party, both marked as taken from the article."""
        last = index.latest_before(noun.idx)
        if last is None or not last.country:
            return []
        other = self._other_party_of([last], index)
        return [_implicit(last), *other] if other else []

    def _pair_of(self, subj: Token, source: list[Mention], index: MentionIndex) -> list[Mention]:
        """ "Both countries recalled their envoys", "the two sides expelled diplomats", "the
        leaders of both nations met", "the two countries' ministers held talks": an unnamed pair
        (or its people) as the subject is the story's pair, the actor the article last named
        (the source taken for the subject) and its other party: of a mutual act, together; of
        any other, each on the other (the caller makes the two events)."""
        if len(source) != 1 or source[0].resolved_by != IMPLICIT or not self._names_pair(subj):
            return source
        return source + self._other_party_of(source, index)

    def _names_pair(self, subj: Token) -> bool:
        """Whether ``subj`` is an unnamed pair ("both sides", "the two countries"), or people of
        one ("the leaders of both nations", "officials from the two sides", "the two countries'
        ministers")."""
        holders = [subj, *(c for c in subj.children if c.dep_ == "poss"), *prep_objects(subj, ("of", "from"))]
        return subj.lemma_.lower() in self.implicit_nouns and any(
            h.lemma_.lower() in self.implicit_nouns and any(c.lower_ in _PAIR_WORDS for c in h.children)
            for h in holders)

    def _takes_part(self, noun: Token, gov: Token, how: str) -> bool:
        """A meeting the verb's subject speaks at or in, with a partner named: "in a call with
        X", "at a joint briefing with X", "told talks with X"."""
        if how == "pobj":
            at = noun.head.lower_ in ("in", "during", "at") and noun.head.head.i == gov.i
        else:
            at = how == "dobj" and gov.lemma_.lower() in self.speech
        return at and (bool(prep_objects(noun, ("with",))) or any(c.lower_ == "joint" for c in noun.children))

    def _content_of(self, clause: Token) -> bool:
        """A participle clause that is what a decision or a statement does, done by whoever
        issued it: "legislation tightening sanctions", "a statement condemning the attack"
        (not "a statement released on Saturday")."""
        head = clause.head.lemma_.lower()
        return head in self.instruments or head in self.speech_nouns and clause.tag_ == "VBG"

    def _object_span(self, obj: Token) -> set[int]:
        """An object's words, less the content of a statement (X: the protest is still to be coded,
        by whoever issued it) and the reason given on it ("summoned Lima's envoy over Lima's
        criticism of X": the criticism is an act of its own)."""
        words = {t.i for t in obj.subtree}
        if obj.lemma_.lower() in self.speech_nouns:
            for c in obj.children:
                if c.dep_ == "acl" and c.tag_ == "VBG":
                    words -= {t.i for t in c.subtree}
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ in self.reason_preps:
                words -= {t.i for t in c.subtree}
        tokens = table_of(obj.doc)
        for t in obj.subtree:
            if misattached_conj_at(tokens, t.i):  # "defended its decision to close X and accused Y"
                words -= {u.i for u in t.subtree}  # not the object's
        return words

    def _plan_charged(self, f: _Found, index: MentionIndex) -> None:
        """ "Peru said Chile was planning to attack its border posts": force another state is
        said to plan (reported_plan_roots, intent) is the speaker's charge against it (CAMEO 112),
        not a threat; a threat is made by the one who would act ("Chile said it would ...")."""
        if (f.modality != "intent" or f.negated or f.code is not None or f.pattern.announced_is_act
                or f.pattern.cameo[:2] not in self.reported_plan_roots or not f.source):
            return
        speaker = f.speaker or self._reporter(f.trigger, index)
        doers = {m.country for m in f.source}
        if not speaker or None in doers or doers & {m.country for m in speaker}:
            return
        f.code, f.target, f.source, f.modality = "112", f.source, speaker, "actual"

    def _reporter(self, verb: Token, index: MentionIndex) -> list[Mention]:
        """The actors who report ``verb``'s clause through a few clause and noun links ("said
        there were reports that X was planning to ..."), if a speech verb does."""
        tok = verb
        for _ in range(6):
            if tok.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "acl", "attr", "appos") or tok.head.i == tok.i:
                return []
            tok = tok.head
            if tok.lemma_.lower() in self.speech and tok.pos_ in ("VERB", "AUX"):
                subj, _ = verb_subject(tok)
                return actors_in(subj, index, places=False) if subj is not None else []
        return []

    def _blames_a_cause(self, verb: Token) -> bool:
        """ "blamed the crash on bad weather", "blamed the winds for the delay": the one blamed
        (after "on", else the object) is a cause of blame_causes.nouns, not an actor."""
        if verb.lemma_.lower() not in self.blame_verbs:
            return False
        # "blamed the attack by the gunman on personal motives": the parse may hang the "on"
        # on a noun of the verb's phrase (not in a clause of its own)
        blamed = [p for t in verb.subtree if t.dep_ == "prep" and t.lower_ in ("on", "to")
                  and (t.head.i == verb.i or t.head.pos_ in ("NOUN", "PROPN"))
                  for p in t.children if p.dep_ == "pobj"] or direct_objects(verb)
        return any(f in self.blame_causes for b in blamed for f in lemma_forms(b)[:4])  # "motives" -> "motif"

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
        if any(c.dep_ == "prep" and c.lower_ in self.question_words for c in verb.children):
            return True
        if self._asked_clauses(verb):
            return True
        # "'What has Lima to do with it?' he asked": a quoted question, and nothing asked for
        # (the parser may end the sentence at the question: "?" and its closing quote before it)
        return any(verb.doc[i].lower_ == "?" for i in range(max(verb.sent.start - 2, 0), verb.i)) and not any(
            c.dep_ in ("dobj", "dative", "xcomp") or (c.dep_ == "ccomp" and c.i > verb.i)
            or (c.dep_ == "prep" and c.lower_ == "for")
            for c in verb.children)

    def _asked_clauses(self, verb: Token) -> list[Token]:
        """The clauses a verb of asking puts as its question ("asked whether X would ...",
        "asked why Lima had closed the border")."""
        if verb.lemma_.lower() not in self.question_verbs:
            return []
        return [c for c in verb.children if (
            c.dep_ in ("ccomp", "advcl") and any(m.dep_ == "mark" and m.lower_ in self.question_words for m in c.children)
            or c.dep_ == "ccomp" and any(m.i < c.i and m.lower_ in self.question_wh and m.dep_ != "mark" for m in c.children))]

    def _not_spared(self, verb: Token, target: list[Mention]) -> list[Mention]:
        """The targets of a refusal but those named inside a refused hostile act ("refused to
        impose sanctions on X": X is spared, not rebuffed; ``refused_hostile_roots``); the
        caller turns to the spared state's other party, who wanted the act done."""
        spans: list[tuple[int, int]] = []
        for c in verb.children:
            if c.dep_ != "xcomp":
                continue
            refused = self._match_verb(c, False)
            roots = {refused.cameo[:2]} if refused is not None else set()
            # "refused to apply the sanctions against X": the act is named by the object
            roots |= {p.cameo[:2] for o in direct_objects(c) for key in noun_keys(o)
                      for p in self.book.nouns_by_key.get(key, ())}
            if roots & self.refused_hostile_roots:
                sub = list(c.subtree)
                spans.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
        return [m for m in target if not any(a <= m.start and m.end <= b for a, b in spans)]

    def _unnamed_addressee(self, verb: Token, pattern: Pattern) -> bool:
        """The verb names whom it asks with a noun that is no actor ("urged all parties to
        ...", "called on every nation"); a pronoun or a word for a state
        ("the neighbouring country") may still refer to one. The object of "demand" or
        "seek" is what is asked for, not whom: only an object with an infinitive after it
        counts."""
        return self._unnamed(self._addressees(verb, pattern))

    def _unnamed(self, asked: list[Token]) -> bool:
        """One of ``asked`` is a noun that is no actor (see :meth:`_unnamed_addressee`)."""
        return any(a.pos_ in ("NOUN", "PROPN") and not any(_is_time(t) for t in a.subtree)  # not "on March 9"
                   and (a.lemma_.lower() not in self.implicit_nouns or a.lemma_.lower() in self.domestic
                        or self._any_state(a) or self._unnamed_group(a))  # "urged several countries"
                   for a in asked)

    def _addressees(self, verb: Token, pattern: Pattern, *, on_objects: bool = True) -> list[Token]:
        """The words naming whom the verb asks (see :meth:`_unnamed_addressee`); "on" and
        "upon" objects ("called on X") only if ``on_objects`` ("insisted on its demands" names
        what is asked)."""
        asked = [c for c in verb.children if c.dep_ == "dative"]
        if on_objects:
            asked += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                      for p in c.children if p.dep_ == "pobj"]
        if any(_complement(c) for c in verb.children):
            asked += [c for c in verb.children if c.dep_ == "dobj"]
        # the pattern's own addressee slots: "spoke to reporters", "talked with students"
        slots = [p for slot in pattern.target or [] if slot.startswith("prep:") for p in slot[5:].split(",")]
        asked += prep_objects(verb, slots)
        # "demanded that every nation honour ...": asked of every state (a thing asked
        # for, "that the platform be moved", still has an addressee in the story)
        asked += [c for c in clause_subject(verb, ("ccomp",)) if self._any_state(c)]
        return asked

    def _ready_for_anything(self, verb: Token) -> bool:
        """A pledge or readiness with no act named, only "for" things of any kind ("stands ready
        for every contingency", "prepared for any eventuality"; any_act_words): vague, as the news
        conventions call "all necessary measures"."""
        if any(_complement(c) for c in verb.children):
            return False  # "ready for anything, and ready to talk": an act named
        objs = prep_objects(verb, ("for",))
        if verb.dep_ == "acomp":  # the parse may hang "for" on the "be"
            objs += prep_objects(verb.head, ("for",))
        return bool(objs) and all(has_child(o, ("det", "predet"), self.any_act) for o in objs)

    def _aimed_at_any(self, verb: Token, pattern: Pattern) -> bool:
        """Every word the pattern could take its target from is an act of any kind ("opposes
        every sort of raid", "against any slights": any_act_words), none named."""
        objs: list[Token] = []
        for slot in self._slots(pattern):
            if slot == "dobj":
                objs += direct_objects(verb)
            elif slot.startswith("prep:"):
                objs += prep_objects(verb, slot[5:].split(","))
        return bool(objs) and all(has_child(o, ("det", "predet"), self.any_act) for o in objs)

    def _any_state(self, noun: Token) -> bool:
        """ "all countries", "every nation", "other governments": no one state in particular."""
        return any(c.dep_ in ("det", "amod", "predet") and c.lower_ in self.any_state for c in noun.children)

    def _yields(self, verb: Token, pattern: Pattern) -> bool:
        """Whether the verb's infinitival complement is an act of a root the pattern yields to."""
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                inner = self._match_verb(c, verb_subject(c)[1])
                if inner is not None and inner.cameo[:2] in pattern.yields_to:
                    return True
        return False

    def _source_from_subject(self, verb: Token, subj: Token | None, index: MentionIndex) -> list[Mention]:
        handed = self._handed_message(verb)
        if handed is not None:
            # "the Peruvian envoy was handed a note denouncing the raid": the note speaks, and
            # it is not his; it is the agent's, else the story's other party's
            agent = passive_agent(handed)
            if agent is not None:
                return actors_in(agent, index, places=False)
            given, _ = verb_subject(handed)
            receivers = [m for m in actors_in(given, index) if m.country] if given is not None else []
            return self._other_party_of(receivers, index) if receivers else []
        if subj is not None:
            if verb.dep_ in ("xcomp",) and verb.head.lemma_.lower() in self.object_control:
                objs = direct_objects(verb.head)
                if objs:
                    subj = objs[0]
            found = actors_in(subj, index, places=False)
            if found:
                # "Peru, Chile leaders meet": a headline's first party, parsed as a modifier
                # of the verb, is listed with the subject
                listed = [m for c in verb.children if c.dep_ == "npadvmod" and c.i < subj.i
                          and verb.doc[c.i + 1].lower_ == "," for m in actors_in(c, index, places=False)]
                return listed + found if listed else found
            fired_from = _states_in([o for a in subj.children if a.dep_ == "acl" and a.tag_ == "VBN"
                                     for o in prep_objects(a, ("from",))], index)
            if fired_from:  # "a rocket fired from Chile hit a Peruvian town": force from there
                return fired_from[:1]
            if verb.dep_ == "relcl" and (subj.i == verb.head.i or subj.lower_ in ("which", "that")):
                # "pressure from Chile, which froze talks": a country read as a place
                # (after "from") acts in its relative clause
                found = [_as_state(m) for m in actors_in(verb.head, index, deep=False)
                         if m.kind == "place" and m.name and m.text.lower().endswith(m.name.lower())]
                if found:
                    return found
            # "Switzerland said it had expelled ...", "Bosnian Serbs said their forces ...":
            # an unresolved pronoun in a reported clause is the speaker.
            pronoun = subj.pos_ == "PRON" or any(  # "their forces", "one of its helicopters"
                c.dep_ == "poss" and c.pos_ == "PRON" and (c.head.i == subj.i or c.head.head.head.i == subj.i)
                for c in subj.subtree
            )
            if pronoun:
                found = self._speaker(verb, index) or []
                if found:
                    return found
            return self._implicit_actor(subj, index)
        if verb.dep_ == "ROOT" and verb.tag_ in ("VB", "VBP") and opens_sentence(verb):
            # "The Governments of A and B: 1. Denounce ...; 2. Warn that ...": an item of a joint
            # statement's list speaks for the authors its heading names
            authors = self._authors_before(verb.idx, index)
            if authors:
                return authors
        if verb.dep_ == "acl" and verb.tag_ == "VB":
            # "followed Petro's refusal to accept ...", "X's decision to expel ...": the
            # noun's possessor acts in its infinitive, when the noun is a verb's subject or
            # object; elsewhere ("recalled its envoy over X's refusal to ...") the act is
            # another's reason, not news of its own, and no one else did it
            owner = [m for c in verb.head.children if c.dep_ == "poss" for m in actors_in(c, index, places=False)]
            if owner:
                return owner if verb.head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") else []
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

    def _handed_message(self, verb: Token) -> Token | None:
        """The passive verb that handed over the message ``verb`` tells of: a participle right
        after a message noun (speech_nouns) that such a verb took ("was handed a note
        denouncing ...", "was given a letter protesting ..."), which the parse may hang on the
        noun or on the verb. None when ``verb`` is no such participle."""
        if verb.tag_ != "VBG" or verb.dep_ not in ("acl", "advcl"):
            return None
        if verb.dep_ == "acl":
            note = verb.head
        else:
            objs = [o for o in direct_objects(verb.head) if o.i < verb.i]
            note = objs[-1] if objs else None
            if note is None or any(not t.is_punct for t in verb.doc[note.i + 1:verb.i]):
                return None
        if note.lemma_.lower() not in self.speech_nouns or note.dep_ not in ("dobj", "obj"):
            return None
        gov = note.head
        _, passive = verb_subject(gov)
        return gov if passive else None

    def _place_target(self, verb: Token, index: MentionIndex, source: list[Mention]) -> list[Mention]:
        """ "struck targets in Syria": force used in another country is used against it."""
        own = {m.country for m in source}
        for t in verb.subtree:
            m = index.at(t)
            if t.dep_ == "pobj" and t.head.lower_ == "from":
                continue  # "fired from Lebanon": where the force came from
            if m is not None and m.kind == "place" and m.country and m.country not in own:
                # "the quake in Turkey and Syria": every place of the list
                more = [c for x in t.conjuncts if (c := index.at(x)) is not None
                        and c.kind == "place" and c.country and c.country not in own]
                return _unique([m, *more])
        for t in verb.subtree:  # "drills all around the island": the place last named
            if t.lemma_.lower() in self.place_nouns and any(c.lower_ == "the" for c in t.children):
                last = [m for m in index.mentions if m.kind == "place" and m.end <= t.idx
                        and m.country and m.country not in own]
                return [_implicit(last[-1])] if last else []
        return []

    def _consume_purpose(self, tok: Token, cameo: str, consumed: set[int]) -> None:
        """Purpose clauses ("opened fire to disperse", "visit ... to mediate", "appointed
        envoys, aiming to restore ties") belong to the event; a protest's stated demands
        ("staged rallies ... demanding that ...") are its content."""
        for c in tok.children:
            if c.dep_ not in ("advcl", "xcomp", "acl"):
                continue
            # "would use force if Armenia did not withdraw": the condition is not an event
            condition = any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
            aiming = c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in self.mod.intent_heads
            if _infinitival(c) or condition or aiming or cameo.startswith("14"):
                consumed.update(t.i for t in c.subtree)

    def _is_light(self, verb: Token) -> bool:
        """A light verb ("staged rallies", "held talks"), by the first of its word forms
        (lemma_forms). Remembered by word and lemma, as the verb patterns are: every verb
        without a pattern is asked."""
        return self._is_light_at(table_of(verb.doc), verb.i)

    def _is_light_at(self, tokens: TokenTable, i: int) -> bool:
        """:meth:`_is_light` of token ``i``, read in its doc's table."""
        key = (tokens.lower[i], tokens.lemma[i])
        light = self._light_memo.get(key)
        if light is None:
            light = any(f in self.light for f in word_forms(key[0], key[1].lower())[:4])
            if len(self._light_memo) >= _LIGHT_MEMO_SIZE:
                self._light_memo.clear()  # memory stays flat on any corpus
            self._light_memo[key] = light
        return light

    # -- nouns -------------------------------------------------------------------------------

    def _ended(self, noun: Token) -> bool:
        """A noun a verb of ending takes as its object ("ended its occupation"), or that an
        "of" hangs on a noun of ending ("the easing of the embargo")."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in self.mod.ending_verbs:
            return True
        return (noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.mod.ending_nouns
                and head.head.i != head.i)

    def _may_be_noun_event(self, tokens: TokenTable, i: int) -> bool:
        """Whether noun ``i`` can be an event, told in the doc's table: not a modifier of
        another noun ("border patrol agents"), and a word some noun pattern's key can be
        headed by (most nouns are not, told before any key is made)."""
        return tokens.dep[i] not in _MODIFIER_NOUN_DEPS and self.noun_heads.may_match(tokens, i)

    def _noun_event(self, noun: Token, index: MentionIndex, consumed: set[int]) -> _Found | None:
        if not self._may_be_noun_event(table_of(noun.doc), noun.i):
            return None
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
        if pattern.cameo[:2] in self.endable_roots and self._ended(noun):
            return None  # "ended its occupation of the town": ended, not done
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
        said_from = False
        if not source and pattern.cameo[:2] in self.said_roots:
            # "drew condemnation from Chile", "a warning from Lima": who said it
            froms = prep_objects(noun, ("from",)) + (prep_objects(noun.head, ("from",)) if noun.dep_ == "dobj" else [])
            # "a warning of reprisals from Lima": the parse may hang "from" on the "of" object
            froms += [f for o in prep_objects(noun, ("of",)) for f in prep_objects(o, ("from",))]
            source = _states_in(froms, index, seats=True)
            said_from = bool(source)
        # "paused its operations at the request of Chile", "at Chile's request": the one who
        # asked is named in the phrase; the one acting on it was asked
        acting = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "at" else None
        behest = acting is not None and acting.pos_ in ("VERB", "AUX") and pattern.cameo[:2] == "10"
        if behest and not source:
            source = [m for o in prep_objects(noun, ("of",)) for m in actors_in(o, index, places=False)]
        from_phrase = bool(source)
        if from_phrase and self._back_reference(noun):
            return None  # "since Chile's invasion of Peru": an act already told, not news
        gov, how = governing_verb(noun)
        if how == "conj" and gov is not None:
            # "expressed its stern positions and explicit demands": a noun coordinated with
            # a light verb's object is that verb's object too
            first = noun
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            if first.head.i == gov.i:
                how = first.dep_
        # "Peru is in talks with Chile": being in an event takes part in it, as a light verb does
        in_it = gov is not None and gov.lemma_ == "be" and how == "pobj" and noun.head.lower_ == "in" \
            and noun.head.head.i == gov.i
        light_gov = gov is not None and (self._is_light(gov) or in_it) and (
            how in ("dobj", "attr")
            or (how == "pobj" and noun.head.head.i == gov.i and noun.head.lower_ in ("in", "for", "into", "on", "under", "with"))
        )
        subj, passive = verb_subject(gov) if light_gov else (None, False)
        # "Chile's consul was handed a protest note (by X)": the one handed it is its target; the
        # note is X's, or with no one named the story's other party's
        handed = [m for m in actors_in(subj, index) if m.country] if passive and subj is not None and how == "dobj" else []
        if not source and light_gov:
            if not passive:  # no subject: "a note renewing its protest" is the issuer's
                source = self._source_from_subject(gov, subj, index)
                if pattern.reciprocal and subj is not None:  # "the two sides held talks"
                    source = self._pair_of(subj, source, index)
            elif handed:
                agent = passive_agent(gov)
                source = actors_in(agent, index, places=False) if agent is not None else []
                if not source and pattern.cameo[:2] in self.agentless_roots:
                    source = self._other_party_of(handed, index)
        elif not source and gov is not None and pattern.reciprocal and self._takes_part(noun, gov, how):
            # "during a phone call with X, Y noted ...", "Y told a joint press conference with X":
            # whoever speaks there takes part in the meeting
            subj, passive = verb_subject(gov)
            if not passive:
                source = self._source_from_subject(gov, subj, index)
        drawn_by = _drawers(gov) if said_from and gov is not None and how == "dobj" else []
        if not light_gov:
            gov = None
        between = prep_objects(noun, ("between", "among"))
        if not between and noun.dep_ == "nsubj":  # "a battle erupted ... between X and Y"
            between = prep_objects(noun.head, ("between", "among"))
        between_actors = [m for b in between for m in actors_in(b, index)]
        if not between_actors and not source and pattern.reciprocal:
            # "a clash between both sides": the pair the article has been speaking of
            pair = [b for b in between if b.lemma_.lower() in self.implicit_nouns
                    and any(c.lower_ in _PAIR_WORDS for c in b.children)]
            source = self._implicit_actor(pair[0], index) if pair else []
        if (not between_actors and not source and pattern.reciprocal and noun.dep_ == "nsubj"
                and self._breaks_out(noun.head) and self._modality(noun.head) == "actual"):
            source = self._fighting_pair(noun, index)  # "clashes erupted near the border"
        target: list[Mention] = list(handed)
        if not source and not from_phrase and not light_gov and pattern.cameo[:2] in self.unnamed_doer_roots:
            # "25% tariffs on Peruvian goods take effect": a measure on a state, its doer unnamed
            hit = [m for o in prep_objects(noun, ("on", "against")) for m in actors_in(o, index) if m.country]
            source = self._other_party_of(hit, index) if hit else []
        if not source and not from_phrase and pattern.id == "n-protest" and noun.dep_ != "pobj" and any(
                (m := index.at(t)) is not None and m.sector == "DIP" for t in noun.subtree):
            source = self._gathered(noun, noun, index)  # "a demonstration outside the Peruvian embassy"
        if not source and len(between_actors) >= 2 and pattern.reciprocal:
            source, target = _each_other(pattern, between_actors, [], hub=self._hub(index))
            if not target:  # "between the army and the rebels" of one country: its two sides
                source, target = between_actors[:1], between_actors[1:]
        elif between_actors:
            target = between_actors
        if not source:
            return None
        if not target and pattern.reciprocal and len({m.country for m in source if m.country}) > 1:
            # "A and B held talks on C's move": a compound party meets itself; what the talks
            # are about is the topic (a partner "with" them is still the target)
            partners = prep_objects(noun, ("with",)) + (prep_objects(gov, ("with",)) if light_gov else [])
            if not any(actors_in(t, index) for t in partners):
                source, target = _each_other(pattern, source, [], hub=self._hub(index))
        src_spans = {(m.start, m.end) for m in source}
        if not target:
            preps = ("against", "on", "with", "of", "to", "into", "toward", "towards", "in", "for", "from")
            cands = prep_objects(noun, preps)
            # "$85 million in assistance announced for X", "sanctions imposed on X"
            cands += [p for a in noun.children if a.dep_ == "acl" and a.tag_ == "VBN" for p in prep_objects(a, preps)]
            cands += clause_subject(noun, ("acl", "ccomp"))
            if light_gov:
                cands += clause_subject(gov, ("ccomp",))
                cands += datives(gov) + prep_objects(gov, ("with", "to", "against", "on", "in"))
            # "held a summit in Abuja on the situation in Niger": where a meeting is held, or a
            # place its topic names, is not whom it meets (a visit's place is its host)
            venue = pattern.cameo[:2] in self.venue_roots and pattern.cameo not in self.host_place_codes
            for c in cands:
                target.extend(m for m in actors_in(c, index) or self._pair_acted_on(c, index, source)
                              if (m.start, m.end) not in src_spans
                              and not (venue and m.kind == "place"))
                if target:
                    break
        if said_from and not target and drawn_by:
            # "X's test drew condemnation from Chile": what drew it is the one judged
            for d in drawn_by:
                target = [m for m in actors_in(d, index) if (m.start, m.end) not in src_spans]
                if target:
                    break
        if behest and not target:
            asked, passive_act = verb_subject(acting)
            if asked is not None and not passive_act:
                target = [m for m in actors_in(asked, index) if (m.start, m.end) not in src_spans]
        # "struck Peru after Chile's rocket attack": force another act answers
        answering = (self._answering_verb(noun) if from_phrase and not target and not light_gov
                     and pattern.cameo[:2] in _FORCE_ROOTS else None)
        answered = answering is not None
        if answering is not None:
            target = self._answerers(answering, source, index)
        if from_phrase and not target and not light_gov and not behest and not answered:
            return None  # "the G8 summit", "Palestinian unrest": named in passing, not reported as an act
        if not target and pattern.named_target:
            return None  # "launched an appeal for calm": addressed to no one named
        consumed.update(t.i for t in noun.subtree)
        if light_gov:
            self._consume_purpose(gov, pattern.cameo, consumed)
        # "we are issuing a warning to X", with "we" read back to X: X's other party warns
        source = self._unnamed_acts_on_another(source, target, index)
        f = _Found(pattern, noun, source, target)
        if light_gov:
            f.negated = self._negated(gov)
            if gov.lemma_.lower() in self.stative_light and (f.negated or has_child(noun, ("det",), ("no",))):
                return None  # "has no contacts with X", "does not have any": a state, not a refusal
            f.modality = self._modality(gov)
            f.speaker = self._speaker(gov, index)
        return f

    # -- assembling the record ----------------------------------------------------------------

    def _to_event(
        self, f: _Found, sent: Span, s_idx: int, article_id: str, article_date: str | None,
        context: tuple[str, list[Span], int | None],
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
        sent_text, date_ents, newest = context
        date = self.dater.date_for(
            sent, f.trigger, article_date, future=f.modality == "intent", ents=date_ents
        )
        if f.modality == "actual" and (
            self._historical(f.trigger, sent, date, article_date)
            or ("historical" in self.mod.not_events
                and self.dater.earlier_year(sent, f.trigger, article_date, date_ents, newest))
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


def _as_state(m: Mention) -> Mention:
    """A country the resolver read as a place ("from Peru"), taken as the state acting."""
    return replace(m, kind="actor", code=m.country, sector=None) if m.kind == "place" else m


def _states_in(phrases: list[Token], index: MentionIndex, seats: bool = False) -> list[Mention]:
    """The actors these phrases name, a country or its capital read as a place taken as its
    state ("a rocket fired from Chile", "a warning from Lima"); other places name no one.

    With ``seats``, for words said: a seat of government the resolver read as a place after
    "from" (a metonym: a place mention with no sector, unlike a town's CVL) speaks for its
    government ("a warning from the Kremlin")."""
    return [_as_state(m) for t in phrases for m in actors_in(t, index)
            if m.kind != "place" or (m.actor_id == m.country and m.name)
            or (seats and m.sector is None and m.code == m.country)]


def _depth(head: list[int], i: int) -> int:
    """How many ancestors token ``i`` has: ``len(list(doc[i].ancestors))``, read in the
    table's heads (a root is its own head), with spaCy's guard against a cycle."""
    n = 0
    while head[i] != i and n < len(head):
        i = head[i]
        n += 1
    return n


_MUTUAL_PAIRS = frozenset({("each", "other"), ("one", "another")})


def _mutual(verb: Token) -> bool:
    """The act is done "to each other" / "one another": such a pair ends after the verb in
    its subtree. Read in the Doc's token table: the subtree lies within the verb's right
    edge, and a word is in it when the verb is one of its heads, where every Token of the
    subtree was made."""
    tokens = table_of(verb.doc)
    lower, head = tokens.lower, tokens.head
    v = verb.i
    for j in range(v + 1, verb.right_edge.i + 1):
        if lower[j] in ("other", "another") and (lower[j - 1], lower[j]) in _MUTUAL_PAIRS \
                and _governs(head, v, j):
            return True
    return False


def _governs(head: list[int], v: int, j: int) -> bool:
    """Whether token ``v`` is an ancestor of token ``j`` (Token.is_ancestor), walking the
    table's heads with spaCy's guard against a cycle."""
    n = 0
    while head[j] != j and n < len(head):
        j = head[j]
        if j == v:
            return True
        n += 1
    return False


def _drawers(verb: Token) -> list[Token]:
    """What drew a reaction ("X's test drew condemnation from Chile"), nearest first.

    A relative clause on a noun that sums up an act ("X joined the alliance, a move that
    drew a warning from Y", "X joined in a shift that drew ..."): when the noun names no
    actor, the one who did the act it sums up is the one reacted to.
    """
    subj = verb_subject(verb)[0]
    if subj is None:
        return []
    out = [subj]
    if verb.dep_ == "relcl" and (subj.i == verb.head.i or subj.tag_ in ("WDT", "WP")):
        noun = verb.head
        out.append(noun)
        act = None
        if noun.dep_ == "appos":
            act = noun.head
            while act.pos_ not in ("VERB", "AUX") and act.head.i != act.i:
                act = act.head
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            act = noun.head.head
        if act is not None and act.pos_ in ("VERB", "AUX"):
            actor = verb_subject(act)[0]
            if actor is not None:
                out.append(actor)
    return out
