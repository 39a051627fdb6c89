"""Whether an act happened: negated, intended, demanded, hypothetical, or the story's
background; and the code CAMEO's conventions give an act that did not simply happen
(a refused cooperative act is a rejection, an announced hostile act a threat, a denied
hostile act no event at all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from spacy.tokens import Span, Token

from detente.events.arguments import has_child
from detente.events.found import _Found, _is_state
from detente.events.matching import _infinitival
from detente.events.vocabulary import Vocabulary
from detente.nlp.tokens import table_of
from detente.records import Mention


class Modality(Vocabulary):
    """Whether an act happened, and the code CAMEO's conventions give it if it did not."""

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
        if trigger.pos_ in ("NOUN", "PROPN"):
            # the parse may hang the adjective on the next one ("frequent Peruvian warnings")
            mods = [c for c in trigger.children if c.dep_ == "amod"]
            mods += [g for c in mods for g in c.children if g.dep_ in ("amod", "advmod")]
            if any(c.lower_ in self.mod.habitual_adjectives for c in mods):
                return True  # "repeated warnings to X went unheeded": a habit named, background
        # the parse may hang the phrase off the auxiliary ("had in the past shut ...")
        near = [*trigger.children, *(g for a in aux for g in a.children)]
        if any(c.dep_ in ("prep", "advmod", "npadvmod")
               and " ".join(t.lower_ for t in c.subtree) in self.mod.background_phrases
               for c in near):
            return True  # "in the past it shut that border"
        marks = set(self.mod.historical_marks)
        first = next((t for t in sent if not t.is_punct), None)
        return first is not None and first.lower_ in marks and first.head.i in (trigger.i, sent.root.i)

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
        "in the wake of X's invasion"), or as what someone watches or talks about
        (``backref_verbs``): the news conventions code the act where it is reported, not where
        it is recalled."""
        looked_at = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
        if looked_at is not None and looked_at.lemma_.lower() in self.mod.backref_verbs:
            return True  # "watched X's assault on Y", "would focus on X's offensive"
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is None:
            return False
        if prep.lower_ in self.mod.backref_preps:
            return True
        setting = prep.head  # "in the context of", "in the wake of"
        return (prep.lower_ == "of" and setting.lemma_.lower() in self.mod.backref_nouns
                and setting.dep_ == "pobj")

    def _is_crowd(self, m: Mention) -> bool:
        return m.sector in (None, "CVL") and any(w in self.crowd.words for w in m.text.lower().split())

    def _negated(self, verb: Token) -> bool:
        return has_child(verb, ("neg",)) or _failed(verb) or (
            # "Chile's refusal to accept Peruvian boats": the infinitive of a refusal is refused
            verb.dep_ == "acl" and verb.head.lemma_.lower() in self.mod.refusing_nouns and _infinitival(verb))

    def _modality(self, verb: Token) -> str:
        """The verb's auxiliaries and marks are read in the doc's token table."""
        tokens = table_of(verb.doc)
        dep, lower, children = tokens.dep, tokens.lower, tokens.children[verb.i]
        aux = {lower[c] for c in children if dep[c] in ("aux", "auxpass")}
        aux |= {tokens.lemma[c].lower() for c in children if dep[c] in ("aux",)}
        marks = {lower[c] for c in children if dep[c] == "mark"}
        first = verb
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "whether X will remain ..., seek ... or be annexed": one mark
        if first is not verb:
            marks |= {c.lower_ for c in first.children if c.dep_ == "mark"}
        if marks & set(self.mod.hypothetical_marks):
            return "hypothetical"
        if self._future_time_clause(verb):
            return "hypothetical"  # "Y will respond when X attacks": a condition, not an act
        if self._uncertain_clause(verb):
            return "hypothetical"  # "it is unclear that X would ...": as after "whether"
        if "for" in marks and "to" in aux:
            # "called for Chile to withdraw": asked for; "it is time for Chile to withdraw",
            # "an incentive for Peru to yield": spoken of, not done
            return "demanded" if verb.head.lemma_.lower() in self.mod.demanding_heads else "hypothetical"
        # "said it could not accept ...": a reported "cannot", a refusal told as done
        reported_cannot = "could" in aux and has_child(verb, ("neg",)) and verb.dep_ == "ccomp" \
            and verb.head.lemma_.lower() in self.speech
        if aux & set(self.mod.hypothetical_aux) and not reported_cannot:
            return "hypothetical"
        if aux & set(self.mod.possibility_aux) and not has_child(verb, ("neg",)):
            return "hypothetical"  # "it can suspend the programme" (but "cannot accept" refuses)
        if aux & set(self.mod.intent_aux):
            return "intent"
        if "going" in aux:
            return "intent"
        ordered = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.mod.demanding_heads
        if "to" in aux and _announced_infinitive(verb) and not ordered and not under_mark(verb, self.mod.hypothetical_marks):
            return "intent"  # "Lima to open an embassy in Quito" (a headline), "Lima is to open ..."
        head = verb.head
        if verb.dep_ in ("xcomp", "advcl") and head.lemma_ == "be" and _infinitival(verb) \
                and any(c.dep_ == "acomp" for c in head.children):
            return "hypothetical"  # "it is unlawful for X to detain ...": judged, not reported
        if verb.dep_ == "xcomp" and head.lemma_.lower() in self.mod.intent_heads:
            return "intent"
        if head.lemma_.lower() in self.mod.demanding_heads and (
                verb.dep_ == "xcomp" and any(c.dep_ in ("dobj", "dative") for c in head.children)
                or ordered and _infinitival(verb) and has_child(verb, ("nsubj",))):
            # "told India to withdraw its troops" (the parse may make India the infinitive's
            # subject): asked for, not done
            return "demanded"
        if verb.dep_ == "acl" and head.lemma_.lower() in self.mod.demanding_nouns and _infinitival(verb):
            return "demanded"  # "handed Lima an order to pull out", "a call to release ..."
        if verb.dep_ == "acl" and head.lemma_.lower() in self.mod.striving_nouns and _infinitival(verb):
            return "hypothetical"  # "efforts to restore ties": striven for, not done
        if _avoided(verb, self.mod.avoiding_verbs):
            return "hypothetical"  # "to avoid travelling to X", "refrained from striking": not done
        if not aux and verb.dep_ in ("xcomp", "advcl", "conj") and head.i != verb.i:
            inherited = self._modality(head)
            if inherited in ("intent", "hypothetical"):
                return inherited
        # "Lima might not be able to impose ...": the infinitive of an adjective after "be" is as
        # that "be" is (the auxiliaries hang on it)
        governor = head.head if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i != head.i else head
        if aux == {"to"} and verb.dep_ in ("xcomp", "advcl") and head.i != verb.i and governor.pos_ in ("VERB", "AUX") \
                and self._modality(governor) == "hypothetical":
            return "hypothetical"  # "Lima could decide to expel ...", "might be forced to recall": not done
        if aux & set(self.mod.obligation_aux):
            return "demanded"
        if under_mark(verb, self.mod.hypothetical_marks):
            return "hypothetical"  # a conditional clause further up ("if X attacks, Y will ...")
        return "actual"

    def _uncertain_clause(self, verb: Token) -> bool:
        """``verb`` heads the that-clause of a "be" said to be uncertain ("it is unclear that
        ...", "it is not certain that ..."): ``uncertain_words``, or negated ``certain_words``."""
        if verb.dep_ not in ("ccomp", "csubj") or verb.head.i == verb.i:
            return False
        be = verb.head
        if be.lemma_.lower() not in self.mod.uncertain_copulas:
            return False
        if has_child(be, ("acomp",), self.mod.uncertain_words):
            return True
        return has_child(be, ("acomp",), self.mod.certain_words) and has_child(be, ("neg",))

    def _future_time_clause(self, verb: Token) -> bool:
        """``verb`` sits in a time clause (``conditional_time_marks``) that is not in the past
        and hangs on a verb that has not happened: "will answer when its boats are attacked"."""
        marks = self.mod.conditional_time_marks
        for clause in [verb, *verb.ancestors]:
            if clause.dep_ != "advcl":
                continue
            if not has_child(clause, ("mark", "advmod"), marks):
                continue
            past = clause.tag_ in ("VBD",) or any(
                c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lower_ in ("had", "'d"))
                for c in clause.children)
            return not past and self._modality(clause.head) in ("intent", "hypothetical", "demanded")
        return False

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
        if code[:2] in self.press.roots and f.source and all(m.sector in self.press.sectors for m in f.source):
            code = self.press.cameo  # "the newspaper mounted an attack on X": in print
        if f.negated:
            aux_modes.append("negation")
            mapped = _prefix_lookup(self.book.source.negation_map, code)
            if mapped is None:
                return None  # "did not attack": nothing happened
            code = mapped
        if f.modality == "intent":
            aux_modes.append("future")
            mapped = None if f.pattern.announced_is_act else _prefix_lookup(self.book.source.intent_map, code)
            if mapped is not None and not (mapped[:2] == "13" and self._decided(f.trigger)):
                code = mapped
            elif (conditional := _prefix_lookup(self.book.source.conditional_map, code)) and any(
                    c.dep_ == "advcl" and has_child(c, ("mark",), self.mod.hypothetical_marks) for c in f.trigger.children):
                code = conditional  # "will cut ties with X if ...": a sanction on a condition threatens it
        elif f.modality == "hypothetical":
            aux_modes.append("hypothetical")
        return code, aux_modes


def _announced_infinitive(verb: Token) -> bool:
    """An infinitive with a subject of its own ("Lima to open ...", headline style) or after
    a bare "is" ("Lima is to open ..."): news style for what is planned."""
    if any(c.dep_ == "mark" for c in verb.children):
        return False  # "it is unlawful for X to detain ...": judged, not planned
    if any(c.dep_ == "nsubj" for c in verb.children):
        return True
    head = verb.head
    return (verb.dep_ == "xcomp" and head.lemma_ == "be"
            and not any(c.dep_ in ("acomp", "attr", "expl") for c in head.children))


def _prefix_lookup(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def under_mark(tok: Token, marks: Collection[str]) -> bool:
    """Whether ``tok`` sits in an adverbial clause opened by one of ``marks`` ("if", "unless")."""
    return any(a.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in a.children)
               for a in [tok, *tok.ancestors])


def _avoided(verb: Token, avoiding: Collection[str]) -> bool:
    """ "avoid travelling", "refrain from striking": the act a verb of avoiding keeps from, as its
    complement or after its "from"."""
    head = verb.head
    if verb.dep_ == "xcomp":
        return head.lemma_.lower() in avoiding
    return verb.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in avoiding


def _failed(verb: Token) -> bool:
    """ "failed to meet": the infinitive of "fail", negated by it."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail"
