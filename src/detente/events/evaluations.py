"""Reproaches: "X said the move was a provocation" is X criticizing whoever made the
move, though no verb of the sentence is a pattern. Finds the judge and the one judged,
and keeps a reproach that is only the reason for another act from being coded twice.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from detente.events.arguments import (
    MentionIndex,
    actors_in,
    direct_objects,
    prep_objects,
    verb_subject,
)
from detente.events.found import IMPLICIT, _Found, _implicit
from detente.events.modality import Modality, under_mark
from detente.events.patterns import Pattern
from detente.events.roles import _STATEMENT_NOUNS, Roles
from detente.nlp.tokens import TokenTable
from detente.records import Mention

_EVALUATION = Pattern(id="evaluation", lemma=["_"], cameo="111", confidence=0.5)
_DENIAL_CODE = "120"  # rejecting another's charge (REJECT)
_CONDITION_MARKS = ("if", "unless")  # a reproach in such a clause judges no one yet
# Quotation marks, straight, curly and angled (also read by learn.features)
QUOTE_MARKS = frozenset("\"\u201c\u201d\u00ab\u00bb")
# resolved_by of a judge taken from the sentence that attributes the quotation
QUOTE_ATTRIBUTION = "quote_attribution"

# Reproach words whose grammatical subject is the one who judges ("X regrets ...").
_EXPERIENCERS = {"regret", "disappointed", "concerned", "deplore", "alarm"}


class Evaluations(Modality, Roles):
    """Reproaches: who judges whose act."""

    # the article's last judgement (judge, judged), kept by EventCoder.code while it codes
    _last_judgement: tuple[list[Mention], list[Mention]] | None

    def _evaluator(self, sent: Span, cue: Token, index: MentionIndex) -> list[Mention]:
        """Who judges: the actor subject of the nearest verb above the judging words that
        judges or reports them ("..., a move Chile described as provocative"); else of any
        speech verb of the sentence; else of a verb that governs the judging words from
        above their own clause, or of a verb of judging ("Blinken called the move
        irresponsible"); else the actor who itself regrets or is disappointed ("the US
        regrets ..."; the subject of "was illegal" is what is judged, not the judge); else,
        for "we observe ...", the authors of the declaration it belongs to; else, for "the
        statement said", the actor the article was speaking of (marked like any unnamed
        subject). A speaker's partners in a joint statement judge with it."""
        unnamed: Token | None = None
        for v in cue.ancestors:  # the nearest verb above the words that judges or reports them
            lemma = v.lemma_.lower()
            if v.pos_ != "VERB" or not (lemma in self.judging_verbs or lemma in self.speech):
                continue
            subj, passive = verb_subject(v)
            if subj is not None and not passive and (found := actors_in(subj, index, places=False)):
                return found + (self._joint_speakers(v, index, found) if lemma in self.speech else [])
            break
        for v in sent:
            if v.pos_ == "VERB" and v.lemma_.lower() in self.speech:
                subj, _ = verb_subject(v)
                if subj is None:
                    continue
                found = actors_in(subj, index, places=False)
                if found:
                    return found + self._joint_speakers(v, index, found)
                unnamed = unnamed or subj
        own_clause = True
        for v in cue.ancestors:
            if v.pos_ not in ("VERB", "AUX") or v.dep_ == "amod":
                continue  # "a self-serving, reckless claim": a participle modifies, it does not predicate
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
        if unnamed is not None and unnamed.lower_ == "we":
            authors = self._authors_before(unnamed.idx, index)
            if authors:  # "The governments of A and B declare: ... We observe that ..."
                return authors
        if unnamed is not None and unnamed.pos_ in ("NOUN", "PRON"):
            m = index.latest_before(unnamed.idx)
            if m is not None:
                return [_implicit(m)]
        return []

    @staticmethod
    def _joint_speakers(verb: Token, index: MentionIndex, found: list[Mention]) -> list[Mention]:
        """ "X said ... in a joint declaration with Y and Z": Y and Z say it too."""
        own = {m.country for m in found}
        out: list[Mention] = []
        for stmt in verb.sent:  # the parse may hang it on the verb or on its clause
            if stmt.lemma_.lower() not in _STATEMENT_NOUNS or not any(c.lower_ == "joint" for c in stmt.children):
                continue
            for w in prep_objects(stmt, ("with",)):
                out += [m for m in actors_in(w, index, places=False) if m.country not in own]
        return out

    def _quote_speaker(self, sent: Span, index: MentionIndex) -> list[Mention]:
        """ '"This decision is irresponsible." ... , the minister said': words in quotation
        marks with no speaker of their own are the speaker's whom the next or the previous
        sentence of the paragraph attributes them to (marked: quote_attribution)."""
        doc = sent.doc
        if QUOTE_MARKS.isdisjoint(sent.text):
            return []
        near = []
        if sent.end < len(doc) and "\n" not in doc[sent.end - 1].whitespace_:
            near.append(doc[sent.end].sent)
        if sent.start > 0 and "\n" not in doc[sent.start - 1].whitespace_:
            near.append(doc[sent.start - 1].sent)
        for other in near:
            for v in other:
                if v.pos_ != "VERB" or v.lemma_.lower() not in self.speech:
                    continue
                subj, _ = verb_subject(v)
                if subj is None or subj.lower_ in ("i", "we"):
                    continue  # "we will answer" inside the quotation is not its attribution
                found = actors_in(subj, index, places=False)
                if not found and subj.pos_ == "PRON" and (m := index.latest_before(subj.idx)) is not None:
                    found = [m]
                if found:
                    return [replace(m, resolved_by=QUOTE_ATTRIBUTION) for m in found]
        return []

    def _reproaches(self, tok: Token) -> bool:
        """A word of reproach (reproach_words), in a form that judges (reproach_not_forms; not
        "on the offensive", reproach_not_after_on), or one that reproaches after "no" ("X's raid had no
        justification")."""
        return tok.lemma_.lower() in self.reproach and tok.lower_ not in self.reproach_not_forms and not (
            tok.lower_ in self.reproach_not_after_on and tok.head.lower_ == "on") and not (
            tok.lower_ in self.reproach_as_preposition and tok.dep_ in ("prep", "acl")) and not (
            tok.lemma_.lower() in self.reproach_of_place and tok.pos_ == "VERB"
            and any(c.dep_ == "prep" and c.lower_ in self.place_preps for c in tok.children)) or (
            tok.lemma_.lower() in self.reproach_after_no and tok.i > 0 and tok.nbor(-1).lower_ == "no")

    def _objectless(self, tok: Token) -> bool:
        """ "citing fire-safety concerns": a noun of reproach_needs_object with nothing it is
        about (reproach_object_preps, a that-clause, or the subject it is said of: "X's tests
        are a grave concern") and no one whose it is."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.reproach_needs_object or tok.dep_ == "attr":
            return False
        return not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in self.reproach_object_preps
                       or c.dep_ in ("acl", "ccomp") for c in tok.children)

    def _apology(self, tok: Token) -> bool:
        """ "We are truly sorry for our mistake", "we regret our error": a word of regret
        for one's own act (apology_words, what it is for owned by own_possessives) apologizes;
        it judges no one."""
        if tok.lemma_.lower() not in self.apology_words:
            return False
        regretted = direct_objects(tok) + prep_objects(tok, ("for", "over", "about", "at"))
        return any(c.dep_ == "poss" and c.lower_ in self.own_possessives for o in regretted for c in o.children)

    def _reproach_at(self, tokens: TokenTable, i: int) -> bool:
        """:meth:`_reproaches` of token ``i``, read in the document's table."""
        lemma = tokens.lemma[i].lower()
        return lemma in self.reproach and tokens.lower[i] not in self.reproach_not_forms and not (
            tokens.lower[i] in self.reproach_not_after_on and tokens.lower[tokens.head[i]] == "on") and not (
            tokens.lower[i] in self.reproach_as_preposition and tokens.dep[i] in ("prep", "acl")) and not (
            lemma in self.reproach_of_place and tokens.pos[i] == "VERB" and any(
                tokens.head[j] == i and tokens.dep[j] == "prep" and tokens.lower[j] in self.place_preps
                for j in range(i + 1, min(i + 4, tokens.n)))) or (
            lemma in self.reproach_after_no and i > 0 and tokens.lower[i - 1] == "no")

    def _evaluation(self, sent: Span, index: MentionIndex, found: list[_Found],
                    tokens: TokenTable) -> list[_Found]:
        """ "X said the move was a provocation": a speaker's reproach of another's act. The
        one judged is the actor nearest the judging word in the parse; with no judge named
        (a statement's own words, a quote attributed in another sentence), the judge is the
        other party of the one judged."""
        if any((f.code or f.pattern.cameo)[:2] == "11" for f in found):
            return []
        # (asked of every word of most sentences: the lemma is looked up before the rest is read)
        lemmas, cues = tokens.lemma, self.reproach_lemmas
        words = (sent.doc[i] for i in range(sent.start, sent.end)
                 if lemmas[i].lower() in cues and self._reproach_at(tokens, i))
        cue = next((t for t in words if not self._negated(t)
                    and not self._negated(t.head) and not _any_such(t) and not self._denied_act(t)
                    and not self._apology(t) and not self._objectless(t)
                    and not (t.dep_ in ("amod", "advmod") and t.head.lemma_.lower() in self.reproach_described)), None)
        if cue is None:
            return []
        if sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
            return []  # "is that not a provocation?": a question put, no one judged
        if any(_reason_of(cue, f.trigger, self.reason_preps, self.judging_verbs | self.speech)
               or _in_reason_noun(cue, f.trigger, self.reason_nouns) for f in found):
            return []  # "expelled two diplomats after the brazen killing": the act's reason
        if any((f.code or f.pattern.cameo)[:2] in self.rejecting_roots and _in_object(cue, f.trigger) for f in found):
            return []  # "rejected X's interference": what is rejected, not a criticism of its own
        judged_noun = cue.head if cue.dep_ in ("amod", "compound") else cue
        pred = cue  # "is intolerable and unacceptable": what the first word is said of
        while pred.dep_ == "conj" and pred.head.i != pred.i:
            pred = pred.head
        if pred.dep_ in ("acomp", "attr"):
            judged_noun = next((c for c in pred.head.children if c.dep_ in ("nsubj", "nsubjpass")), cue)
        if self.unowned_terror(judged_noun):
            return []  # "a terrorist attack on diplomats is unacceptable": no state judged
        if under_mark(cue, _CONDITION_MARKS):
            return []  # "if X persists in its violations": a condition, no one judged yet
        speaker = self._evaluator(sent, cue, index)
        aimed = _aimed_at(cue, self.reproach_aimed_preps, self.reproach_resisting)
        own = {m.country for m in speaker}
        spans = {(m.start, m.end) for m in speaker}
        judged = [((_tree_distance(cue, t), t.i), m) for t in sent if (m := index.at(t)) is not None
                  and m.country and m.country not in own and m.kind != "place"
                  and (m.start, m.end) not in spans and not self._wronged(t) and t.i not in aimed]
        # "voiced alarm over the crackdown in X": a place locating what the reproach is about
        # (the object of a preposition on the word or on the verb voicing it) is the state
        # where the judged act was done, and judged if it is nearest
        about = {c.i for w in ([cue, cue.head] if cue.dep_ == "dobj" else [cue])
                 for p in w.children if p.dep_ == "prep" for c in p.children}
        located = [((_tree_distance(cue, t), t.i), m) for t in sent if (m := index.at(t)) is not None
                   and m.country and m.country not in own and m.kind == "place"
                   and t.head.dep_ == "prep" and t.head.lower_ == "in" and t.head.head.pos_ == "NOUN"
                   and t.head.head.i in about]
        nearest = min(judged + located, key=lambda c: c[0], default=None)
        target = [nearest[1]] if nearest else []
        charge = cue.lemma_.lower() in self.charge_words
        if not speaker and nearest and nearest[0][0] <= self.unattributed_reach and not charge:
            speaker = self._other_party_of(target, index)
        if not speaker:
            speaker = [m for m in self._quote_speaker(sent, index) if m.country not in {t.country for t in target}]
        if charge and (not speaker or not target or any(c.lower_ == "no" for c in cue.children)):
            return []  # "sought the UN's involvement", "no suspicion": no one named charges anyone
        if not speaker and not target:
            # "This violation of Peru's airspace is unacceptable": the wronged complains of
            # its other party in the story
            wronged = [m for t in sent if (m := index.at(t)) is not None and m.country
                       and m.kind != "place" and (self._wronged(t) or t.i in aimed)
                       and _tree_distance(cue, t) <= self.unattributed_reach]
            if wronged:
                speaker = [_implicit(wronged[0])]
                target = self._other_party_of(wronged[:1], index)
        if not target and all(m.resolved_by == IMPLICIT for m in speaker):
            doers = self._doer_referred_to(sent, cue, index)
            if doers:
                target = doers
                speaker = [m for m in speaker if m.country != doers[0].country] or self._other_party_of(doers, index)
        if not target and all(m.resolved_by == IMPLICIT for m in speaker):
            speaker, target = self._repeated(sent, cue, index) or (speaker, target)
        if not speaker or not target and all(m.resolved_by == IMPLICIT for m in speaker):
            return []  # neither the judge nor the judged named: too little to code a reproach
        judged_words = {cue.lemma_.lower(), cue.head.lemma_.lower()} | {
            c.lemma_.lower() for t in (cue, cue.head) for c in t.children
            if c.dep_ in ("nsubj", "nsubjpass", "dobj")}
        # "..., a charge that Lima has called baseless": the word sits in a clause about a charge
        judged_words |= {t.head.lemma_.lower() for t in [cue, *list(cue.ancestors)[:3]]
                         if t.dep_ in ("relcl", "acl") and t.head.pos_ == "NOUN"}
        if judged_words & self.denied:
            # "called Prague's claims absurd": rejecting an accusation, not making one
            return [_Found(_EVALUATION, cue, speaker, target, code=_DENIAL_CODE)]
        return [_Found(_EVALUATION, cue, speaker, target)]

    def _denied_act(self, word: Token) -> bool:
        """ "Chile denied violating Peru's airspace": the reproach word is in what is denied."""
        up = word
        for _ in range(4):
            if up.head.i == up.i:
                return False
            if up.dep_ in ("xcomp", "ccomp", "pcomp", "dobj") and up.head.lemma_.lower() in self.denying:
                return True
            if up.dep_ == "relcl":
                return False  # "denied the raid, which Peru called illegal": Peru's word
            up = up.head
        return False

    def _repeated(self, sent: Span, cue: Token, index: MentionIndex) -> tuple[list[Mention], list[Mention]] | None:
        """ "Yet this step, I repeat, is reckless": an act named by a demonstrative
        and judged in a sentence that names no actor at all is the act the article last judged,
        judged again by the same judge (both marked implicit). None when the article has
        judged nothing before."""
        last = self._last_judgement
        if last is None or any(index.at(t) is not None for t in sent):
            return None
        up = [cue]  # the word, and what it is predicated of ("is unwise and irresponsible")
        while up[-1].dep_ in ("conj", "acomp", "attr", "amod", "advmod") and up[-1].head.i != up[-1].i:
            up.append(up[-1].head)
        near = up + [c for t in up for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not any(self.refers_back(t) for t in near):
            return None
        return [_implicit(m) for m in last[0]], [_implicit(m) for m in last[1]]

    def _doer_referred_to(self, sent: Span, cue: Token, index: MentionIndex) -> list[Mention]:
        """ "X moved its rig into Y's waters. This act is dangerous": the act judged is the
        one the previous sentence reported, by that sentence's subject (marked, implicit)."""
        near = [cue, cue.head] + [c for t in (cue, cue.head) for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if sent.start == 0 or not any(self.refers_back(t) for t in near):
            return []
        before = sent.doc[sent.start - 1].sent
        subj, passive = verb_subject(before.root)
        if subj is None or passive:
            return []
        return [_implicit(m) for m in actors_in(subj, index, places=False)][:1]

    def _judges(self, verb: Token) -> bool:
        """The verb's clause holds a word of reproach on an act done ("warned that X acts
        recklessly"; "warned that X's reckless raids will fuel violence": the word before a
        future verb names what was done), not on what may come ("warned that any aggressive act
        would have consequences", "that it would be a dangerous escalation")."""
        future = set(self.mod.intent_aux) | set(self.mod.hypothetical_aux)
        for c in verb.children:
            if c.dep_ not in ("ccomp", "prep"):
                continue
            told_future = any(a.dep_ == "aux" and a.lower_ in future for a in c.children)
            if any(self._reproaches(t) and not (told_future and (_any_such(t) or t.i > c.i))
                   for t in c.subtree):
                return True
        return False


def _aimed_at(cue: Token, preps: frozenset[str], resisting: frozenset[str]) -> set[int]:
    """Tokens of the phrase a reproached act is aimed at: "hostile acts against Peru", "the
    regime's aggression against the Peruvian people" (the word, or the noun it describes,
    with one of ``preps``), or those who guard or fight against it. Those named there
    suffered the act; they did not do it."""
    noun = cue.head if cue.dep_ in ("amod", "compound") else cue
    aimed = {t.i for p in prep_objects(noun, preps) for t in p.subtree}
    if noun.dep_ != "pobj" or noun.head.lower_ not in preps:
        return aimed
    verb = noun.head.head
    if verb.dep_ in ("dobj", "obj") and verb.pos_ in ("NOUN", "PRON"):
        verb = verb.head  # "guarding their towns against ...": the prep hangs on the object
    if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in resisting:
        # "the militia is guarding its towns against a foreign aggression": those who guard,
        # defend or fight against the act suffer it (the verb's subject and object); not
        # "issued a protest against the violation", a complaint of it
        subj, passive = verb_subject(verb)
        sufferers = ([] if subj is None or passive else [subj]) + direct_objects(verb)
        aimed |= {t.i for x in sufferers for t in x.subtree}
    return aimed


def _in_object(cue: Token, verb: Token) -> bool:
    """``cue`` in the direct object of ``verb`` or of its infinitive ("rejected X's
    interference", "refused to lift the unlawful embargo")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    return any(cue.i in {t.i for t in o.subtree} for h in heads for o in direct_objects(h))


def _any_such(cue: Token) -> bool:
    """ "any provocation", "any aggressive act", "any such step is unfriendly" (the word said of
    its subject): what might happen, no act judged."""
    noun = cue.head if cue.dep_ in ("amod", "compound") else cue
    if cue.dep_ in ("acomp", "attr"):
        noun = next((c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")), cue)
    if noun.dep_ == "conj":  # "any provocation or aggressive act": the determiner is shared
        noun = noun.head
    return any(c.dep_ == "det" and c.lower_ == "any" for c in noun.children)


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


def _in_reason_noun(cue: Token, trigger: Token, nouns: frozenset[str]) -> bool:
    """ "shelled the posts ... in reply to the hostile incursion": ``cue`` inside "in" + a reason
    noun hanging on the trigger, or on the verb whose object the trigger (a noun) is."""
    hosts = {trigger.i}
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "obj"):
        hosts.add(trigger.head.i)
    for up in cue.ancestors:
        if (up.dep_ == "pobj" and up.lemma_.lower() in nouns and up.head.lower_ == "in"
                and up.head.head.i in hosts):
            return True
    return False


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse."""
    up_a = [a, *a.ancestors]
    depth_a = {t.i: d for d, t in enumerate(up_a)}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return d + depth_a[t.i]
    return len(up_a) + 99

