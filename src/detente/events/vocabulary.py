"""What the coder's rules consult: the pattern book and the word lists and defaults
that come with it (light verbs, speech verbs, reproach words, modality cues).

Read once per coder into one base class, so every rule module reads the same lists
under the same names and no rule loads data itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.arguments import has_child
from detente.events.patterns import PatternBook, default_patterns

_FORCE_ROOTS = frozenset({"18", "19", "20"})


def speech_lemmas() -> set[str]:
    """The reporting verbs of speech_verbs.yaml: one list for events and quotes."""
    from detente.signals.config import load_speech_config

    return {v.lemma for v in load_speech_config().verbs}


class Vocabulary:
    """The pattern book and the word lists and defaults the rules read from it, once per coder."""

    def __init__(self, patterns: PatternBook | None = None):
        self.book = patterns or default_patterns()
        src = self.book.source
        self.light = set(src.light_verbs)
        self.stative_light = set(src.stative_light_verbs)
        self.object_control = set(src.object_control)
        self.speech = set(src.speech_verbs) | speech_lemmas()
        self.speech_nouns = set(src.speech_nouns)
        self.report_nouns = set(src.report_nouns)
        self.content_nouns = self.speech_nouns - self.report_nouns  # their that-clause is asked for
        self.allegation = set(src.allegation_verbs)
        self.instruments = set(src.instrument_nouns)
        self.decision_nouns = frozenset(src.decision_nouns)
        self.decision_verbs = frozenset(src.decision_verbs)
        self.charge_words = frozenset(src.charge_words)
        self.reproach = set(src.reproach_words) | self.charge_words
        self.reproach_not_forms = set(src.reproach_not_forms)
        self.reproach_not_after_on = frozenset(src.reproach_not_after_on)
        self.reproach_as_preposition = frozenset(src.reproach_as_preposition)
        self.reproach_of_place = frozenset(src.reproach_of_place)
        self.place_preps = frozenset(src.place_preps)
        self.reproach_after_no = set(src.reproach_after_no)
        self.reproach_lemmas = frozenset(self.reproach | self.reproach_after_no)  # any reproach's
        self.apology_words = frozenset(src.apology_words)
        self.own_possessives = frozenset(src.own_possessives)
        self.reproach_described = frozenset(src.reproach_described)
        self.reproach_needs_object = frozenset(src.reproach_needs_object)
        self.terror_words = frozenset(src.terror_words)
        self.reproach_object_preps = frozenset(src.reproach_object_preps)
        self.reproach_aimed_preps = frozenset(src.reproach_aimed_preps)
        self.hypothetical_act_dets = frozenset(src.hypothetical_act_determiners)
        self.hypothetical_act_victim_preps = frozenset(src.hypothetical_act_victim_preps)
        self.reproach_resisting = frozenset(src.reproach_resisting_verbs)
        self.unattributed_reach = src.unattributed_reproach_reach
        self.judging_verbs = set(src.judging_verbs)
        self.reason_preps = frozenset(src.reason_preps)
        self.reason_nouns = frozenset(src.reason_nouns)
        self.wronged = set(src.wronged_nouns)
        self.anaphoric_acts = frozenset(src.anaphoric_acts.nouns)
        self.anaphoric_dets = frozenset(src.anaphoric_acts.determiners)
        self.adjudicators = frozenset(src.adjudication.bodies)
        self.adjudicated_roots = frozenset(src.adjudication.roots)
        self.denied = set(src.denied_words)
        self.denying = set(src.denying_verbs)
        self.plural_pronouns = set(src.implicit_actors.plural)
        self.place_target_roots = set(src.defaults.place_target_roots)
        self.from_doer_codes = set(src.defaults.from_doer_codes)
        self.said_roots = set(src.defaults.said_roots)
        self.borne_roots = frozenset(src.defaults.borne_roots)
        self.endable_roots = frozenset(src.defaults.endable_roots)
        self.rejecting_roots = frozenset(src.defaults.rejecting_roots)
        self.unnamed_doer_roots = set(src.defaults.unnamed_doer_roots)
        self.dissident_sectors = set(src.defaults.dissident_sectors)
        self.place_nouns = set(src.defaults.place_nouns)
        self.named_addressee_roots = set(src.defaults.named_addressee_roots)
        self.refused_hostile_roots = frozenset(src.defaults.refused_hostile_roots)
        self.agentless_roots = set(src.defaults.agentless_passive_roots)
        self.no_self_roots = set(src.defaults.no_self_target_roots)
        self.named_partner_codes = set(src.defaults.named_partner_codes)
        self.compound_mutual_roots = set(src.defaults.compound_mutual_roots)
        self.each_way_roots = frozenset(src.defaults.each_way_roots)
        self.domestic = set(src.defaults.domestic_addressees)
        self.any_state = frozenset(src.defaults.any_state_words)
        self.any_act = frozenset(src.defaults.any_act_words)
        self.venue_roots = frozenset(src.defaults.venue_roots)
        self.host_place_codes = frozenset(src.defaults.host_place_codes)
        self.demand_codes = dict(src.defaults.demand_codes)
        self.crowd = src.crowd
        self.press = src.press
        self.weapon_words = frozenset(src.weapons.words)
        self.helper_words = frozenset(src.force_helpers.words)
        self.helper_pattern = src.force_helpers.pattern
        self.together_words = frozenset(src.force_helpers.together)
        self.answer_preps = frozenset(src.answered_force.preps)
        self.answer_verbs = frozenset(src.answered_force.verbs)
        self.outbreak_verbs = frozenset(src.outbreak_verbs)
        self.weapon_roots = frozenset(src.weapons.roots)
        self.implicit_pronouns = set(src.implicit_actors.pronouns)
        self.implicit_nouns = set(src.implicit_actors.nouns)
        self.org_nouns = set(src.implicit_actors.organizations)
        self.mod = src.modality
        self.force_nouns = {k for p in self.book.source.nouns if p.cameo[:2] in _FORCE_ROOTS
                            for k in p.lemma if " " not in k}
        # one-word lemmas of reciprocal force nouns ("clash", "fighting"): a fight with no one named
        self.fight_nouns = frozenset(k for p in self.book.source.nouns if p.cameo[:2] in _FORCE_ROOTS
                                     and p.reciprocal for k in p.lemma if " " not in k)
        self.question_verbs = set(src.questions.verbs)
        self.blame_verbs = frozenset(src.blame_causes.verbs)
        self.blame_causes = frozenset(src.blame_causes.nouns)
        self.reported_plan_roots = frozenset(src.reported_plan_roots)
        self.question_words = set(src.questions.words)
        self.question_wh = set(src.questions.wh_words)
        self.refusal_verbs = set(src.questions.refusals)
        self.unanswered = set(src.questions.unanswered)

    def unowned_terror(self, noun: Token) -> bool:
        """ "the terrorist bombing of its consulate": an act named as terrorism (terror_words as
        its modifier) with no doer named in it (a possessor, "by ...")."""
        if noun.lemma_.lower() not in self.force_nouns and noun.lemma_.lower() not in self.anaphoric_acts:
            return False  # "brands them a terrorist group": a group is no act
        if not has_child(noun, ("amod", "compound"), self.terror_words):
            return False
        return not (has_child(noun, ("poss",)) or has_child(noun, ("prep", "agent"), ("by",)))

    def refers_back(self, noun: Token) -> bool:
        """ "this act", "such a move": an act named by a demonstrative (anaphoric_acts)."""
        return noun.lemma_.lower() in self.anaphoric_acts and any(
            c.dep_ == "det" and c.lower_ in self.anaphoric_dets for c in noun.children)
