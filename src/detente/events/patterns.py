"""Load and validate the event pattern file (src/detente/data/event_patterns.yaml).

Patterns are knowledge, kept in data so that a political scientist can review
them; this module only checks them (unknown CAMEO codes, duplicate ids, bad
fields are errors that name the pattern) and indexes them for the coder.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from detente import yaml_data
from detente.errors import ConfigError, Errors

# CAMEO roots run 01-20; a code is a root and up to two more digits; a demand is 10x
_ROOT = re.compile(r"0[1-9]|1\d|20")
_CODE = re.compile(r"(0[1-9]|1\d|20)\d{0,2}")
_DEMAND = re.compile(r"10\d?")

# Where a pattern may look for its target (besides "prep:WORD,WORD").
TARGET_SLOTS = ("dobj", "dative", "xcomp", "ccomp_subject", "condition_subject")

# A reference to a named word list in a list entry: "$envoys", "over $quarrel_issues"
_LIST_REF = re.compile(r"\$([a-z][a-z0-9_]*)")


class WordList(BaseModel):
    """A named list of words that several patterns share (section ``word_lists``)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    words: list[str] = Field(min_length=1)
    comment: str


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    lemma: list[str]
    cameo: str
    object: list[str] = Field(default_factory=list)
    particle: list[str] = Field(default_factory=list)
    prep: list[str] = Field(default_factory=list)
    xcomp: list[str] = Field(default_factory=list)
    modifier: list[str] = Field(default_factory=list)
    pos: Literal["VERB", "ADJ", "NOUN"] = "VERB"  # ADJ for "is committed to", "ready to"
    governs: bool = False
    target: list[str] | None = None
    passive_source: bool = False
    reciprocal: bool = False
    plover: str | None = None
    plover_mode: str | None = None
    embed: Literal["demanded"] | None = None
    solo_cameo: str | None = None
    state_cameo: str | None = None  # the code when every source is a state (a diplomatic protest)
    # CAMEO roots of a complement that is the act itself ("agreed to sanction X" is the
    # sanction, announced): the complement is coded instead of this verb
    yields_to: list[str] = Field(default_factory=list)
    # The verb's subject (the passive's agent) is the one threatened, the speaker threatens:
    # "Peru is going to pay dearly", "X is to bear every consequence"
    bearer: bool = False
    # Coded only when the sentence names its target (never taken from the article): "opposes
    # Lima's missiles" criticizes Peru; "opposes sending a peace force" names no one
    named_target: bool = False
    # Coded only when a speech verb reports the verb's clause ("X failed to address the
    # threats, the ministry said"); a narrator's "the guards failed to stop them" blames no one
    reported: bool = False
    # The complement has a doer of its own, named apart from the subject ("wants Lima to
    # withdraw", not "wants to stress"): without one the verb is no match
    other_doer: bool = False
    # The code when the verb's clause judges rather than threatens ("warned that Lima acts
    # recklessly": a reproach word in the complement)
    reproach_cameo: str | None = None
    # An announced act of this pattern is the act itself, not an intention to it ("is to open
    # an embassy there" opens one): intent_map does not apply, the modality stays intent
    announced_is_act: bool = False
    # The verb's subject must be one of these nouns ("the ambassador will not return")
    subject: list[str] = Field(default_factory=list)
    # Matched only when the verb is negated, and then the refusal is the act itself
    # ("the envoy will not return to his post": relations reduced, not a return denied)
    when_negated: bool = False
    # The xcomp must have no direct object of its own: "told its envoy to return" calls him
    # home, "told its envoy to return the documents" does not
    xcomp_bare: bool = False
    # Whether the xcomp must be negated (true) or must not be (false): "told its envoy to
    # return" calls him home, "the envoy was told not to return" keeps him out
    xcomp_negated: bool | None = None
    # With no target named, the act falls on the actor's own country, never on the story's other
    # party: a curfew or martial law declared, a demonstration dispersed, a party banned
    domestic: bool = False
    # The target is whoever did the act of force the object names ("backed Chile's strikes"),
    # else the one the article last reported using force ("supported the strikes"), as for a
    # reproach of force; a compound subject does not act on itself
    force_doer_target: bool = False
    confidence: float | None = None
    comment: str | None = None

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.object, self.particle, self.prep, self.xcomp, self.modifier))


class Modality(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent_aux: list[str]
    intent_heads: list[str]
    hypothetical_aux: list[str]
    possibility_aux: list[str] = Field(default_factory=list)  # hypothetical unless negated
    hypothetical_marks: list[str]
    # "will respond when its ships are attacked": a time clause of these marks, not in the past,
    # under a verb that has not happened (intended, hypothetical, demanded) is a condition
    conditional_time_marks: list[str] = Field(default_factory=list)
    # "it is unclear that X would ...", "it is not certain that X will ...": a clause said to be
    # uncertain (these words, or negated certain_words, as the complement of its "be")
    uncertain_words: list[str] = Field(default_factory=list)
    certain_words: list[str] = Field(default_factory=list)
    uncertain_copulas: list[str] = Field(default_factory=list)
    obligation_aux: list[str]
    obligation_heads: list[str]
    # "Y would be forced to apologise", said by X: a passive of these with a modal ahead
    # ("will", "would", "must" ...) obliges Y as "Y must apologise" does (X demands it of Y)
    obligation_passives: list[str] = Field(default_factory=list)
    # "the embassy's staff must leave within 48 hours": diplomats told to leave are expelled
    departure_verbs: list[str] = Field(default_factory=list)
    # "told India to withdraw": what one asks of another has not happened (demanded)
    demanding_heads: list[str] = Field(default_factory=list)
    # "an order to withdraw", "the call to release ...": what these nouns ask for is demanded
    demanding_nouns: list[str] = Field(default_factory=list)
    # "efforts to restore ties": what these nouns strive for has not happened (hypothetical)
    striving_nouns: list[str] = Field(default_factory=list)
    # "urged its citizens to avoid travelling to X", "refrained from striking": what these verbs
    # keep from is not done (hypothetical)
    avoiding_verbs: list[str] = Field(default_factory=list)
    # "X's refusal to accept ...": the infinitive of these nouns is negated (a refusal)
    refusing_nouns: list[str] = Field(default_factory=list)
    # Modalities whose events get no PLOVER type: the content of a demand or a
    # condition did not happen (the demand itself is the REQUEST event).
    not_events: list[Literal["demanded", "hypothetical", "intent", "historical"]] = Field(
        default_factory=list)
    # Background, not news: an act dated this many days or more before the article,
    # told in the past perfect ("had called"), or in a clause opened by these words.
    historical_days: int = 30
    background_dates: list[str] = Field(default_factory=list)
    historical_marks: list[str] = Field(default_factory=list)
    # Event dates: the marks of a time clause whose date is its governing act's, and of a time
    # clause whose act takes the date of the verb it hangs on (events/dates.py)
    date_same_time_marks: list[str] = Field(min_length=1)
    date_clause_marks: list[str] = Field(min_length=1)
    historical_past_perfect: bool = False
    # Adverbs that make an act habitual background ("has repeatedly accused X of ...")
    habitual_adverbs: list[str] = Field(default_factory=list)
    # "frequent warnings from Lima to Quito": an act named as a noun told as a habit, background
    habitual_adjectives: list[str] = Field(default_factory=list)
    background_phrases: list[str] = Field(default_factory=list)
    # A named act recalled as the setting of another ("before X's attack on Y", "in the wake
    # of X's invasion") is recalled, not reported: these prepositions, and these nouns + "of"
    backref_preps: list[str] = Field(default_factory=list)
    backref_nouns: list[str] = Field(default_factory=list)
    # "watched X's assault on Y", "talks will focus on X's offensive": an act named as what
    # these verbs look at, talk about or resent is recalled, not reported
    backref_verbs: list[str] = Field(default_factory=list)
    # "ended its occupation of X", "the easing of the embargo": a hostile act named as what
    # is ended or eased is no event of its own (these verbs, and these nouns + "of")
    ending_verbs: list[str] = Field(default_factory=list)
    ending_nouns: list[str] = Field(default_factory=list)
    # "That marked the first time X had expelled a consul": a clause characterising an act as
    # the first or last of its kind tells of an act reported elsewhere, not news
    characterising_ordinals: list[str] = Field(default_factory=list)
    # PLOVER type of an announced (intent) act, where it differs from the act's own.
    intent_plover: dict[str, str] = Field(default_factory=dict)
    # An announced act that takes effect now is decided, not threatened: "the crossing is to
    # shut with immediate effect" (an adverb, or the object of a preposition, on the act's verb).
    decision_words: list[str] = Field(default_factory=list)


class AnaphoricActs(BaseModel):
    """ "This act", "such a move": an act named by a demonstrative refers back."""

    model_config = ConfigDict(extra="forbid")

    nouns: list[str] = Field(default_factory=list)
    determiners: list[str] = Field(default_factory=list)


class Adjudication(BaseModel):
    """Bodies that judge disputes between states, and the codes recast when one is addressed."""

    model_config = ConfigDict(extra="forbid")

    bodies: list[str] = Field(default_factory=list)
    roots: list[str] = Field(default_factory=list)


class ImplicitActors(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pronouns: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    plural: list[str] = Field(default_factory=list)  # stand for every coordinated actor
    # "the bloc", "these organizations": the organisation(s) the article last named
    organizations: list[str] = Field(default_factory=list)


class ForceHelpers(BaseModel):
    """Help named on an act of force ("with support from X"): see event_patterns.yaml."""

    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(default_factory=list)
    pattern: str | None = None
    together: list[str] = Field(default_factory=list)


class AnsweredForce(BaseModel):
    """Force named as what another act answers ("struck X after Y's rocket attack"): see
    event_patterns.yaml."""

    model_config = ConfigDict(extra="forbid")

    preps: list[str] = Field(default_factory=list)
    verbs: list[str] = Field(default_factory=list)


class BlameCauses(BaseModel):
    """Blame laid on a cause, not on anyone ("blamed the crash on bad weather"): see
    event_patterns.yaml."""

    model_config = ConfigDict(extra="forbid")

    verbs: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)


class Weapons(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(default_factory=list)
    roots: list[str] = Field(default_factory=list)


class Crowd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(default_factory=list)
    roots: list[str] = Field(default_factory=list)
    cameo: str = "145"


class Press(BaseModel):
    """News outlets named as the doer of force: their attacks are in print."""

    model_config = ConfigDict(extra="forbid")

    sectors: list[str] = Field(default_factory=list)
    roots: list[str] = Field(default_factory=list)
    cameo: str = "111"


class Defaults(BaseModel):
    target: list[str]
    confidence: float = 0.8
    place_target_roots: list[str] = Field(default_factory=list)
    from_doer_codes: list[str] = Field(default_factory=list)
    said_roots: list[str] = Field(default_factory=list)
    borne_roots: list[str] = Field(default_factory=list)
    endable_roots: list[str] = Field(default_factory=list)
    rejecting_roots: list[str] = Field(default_factory=list)
    # "refused to impose sanctions on X": X would suffer the refused act, not the refusal
    refused_hostile_roots: list[str] = Field(default_factory=list)
    unnamed_doer_roots: list[str] = Field(default_factory=list)
    dissident_sectors: list[str] = Field(default_factory=list)
    place_nouns: list[str] = Field(default_factory=list)
    named_addressee_roots: list[str] = Field(default_factory=list)
    agentless_passive_roots: list[str] = Field(default_factory=list)
    no_self_target_roots: list[str] = Field(default_factory=list)
    named_partner_codes: list[str] = Field(default_factory=list)
    compound_mutual_roots: list[str] = Field(default_factory=list)
    each_way_roots: list[str] = Field(default_factory=list)
    domestic_addressees: list[str] = Field(default_factory=list)
    any_state_words: list[str] = Field(default_factory=list)
    any_act_words: list[str] = Field(default_factory=list)
    venue_roots: list[str] = Field(default_factory=list)
    host_place_codes: list[str] = Field(default_factory=list)
    demand_codes: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _cameo_codes(self) -> Defaults:
        """A root or code with a typo ("4" for "04") would silently match nothing."""
        for name, value in self:
            if name.endswith("_roots") or name == "demand_codes":
                bad = [r for r in value if not _ROOT.fullmatch(r)]
            elif name.endswith("_codes"):
                bad = [c for c in value if not _CODE.fullmatch(c)]
            else:
                continue
            if name == "demand_codes":
                bad += [c for c in value.values() if not _DEMAND.fullmatch(c)]
            if bad:
                raise ValueError(f"defaults.{name}: {bad} are not CAMEO roots (01-20) or codes of the kind")
        return self


class Questions(BaseModel):
    """A question put to someone is no request ("asked about the protests, the spokesman
    said", "when asked whether X would ...")."""

    model_config = ConfigDict(extra="forbid")

    verbs: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)  # "about", or a clause opened by "whether"
    # a clause opened by a question word ("asked why X had ...") is the question put
    wh_words: list[str] = Field(default_factory=list)
    # declining to answer ("declined to comment") is no rejection: these verbs with these infinitives
    refusals: list[str] = Field(default_factory=list)
    unanswered: list[str] = Field(default_factory=list)


class PatternFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # the lists as the file defines them, their references expanded
    word_lists: list[WordList] = Field(default_factory=list)
    defaults: Defaults
    light_verbs: list[str]
    # negated, or with "no" on the noun, these light verbs tell a state: no event
    stative_light_verbs: list[str] = Field(default_factory=list)
    object_control: list[str]
    speech_verbs: list[str] = Field(default_factory=list)  # added to speech_verbs.yaml
    speech_nouns: list[str]
    report_nouns: list[str] = Field(default_factory=list)
    instrument_nouns: list[str]
    # "X's decision to expel ...": the act is news only when the decision is reported (taken,
    # announced, made known: one of decision_verbs governs it); regretted, reviewed or called
    # a provocation, it is an act already told
    decision_nouns: list[str] = Field(default_factory=list)
    decision_verbs: list[str] = Field(default_factory=list)
    reproach_words: list[str] = Field(default_factory=list)
    charge_words: list[str] = Field(default_factory=list)
    reproach_not_forms: list[str] = Field(default_factory=list)
    reproach_not_after_on: list[str] = Field(default_factory=list)
    reproach_as_preposition: list[str] = Field(default_factory=list)
    reproach_of_place: list[str] = Field(default_factory=list)
    place_preps: list[str] = Field(default_factory=list)
    reproach_after_no: list[str] = Field(default_factory=list)
    apology_words: list[str] = Field(default_factory=list)
    own_possessives: list[str] = Field(default_factory=list)
    reproach_described: list[str] = Field(default_factory=list)
    reproach_needs_object: list[str] = Field(default_factory=list)
    terror_words: list[str] = Field(default_factory=list)
    reproach_object_preps: list[str] = Field(default_factory=list)
    reproach_aimed_preps: list[str] = Field(default_factory=list)
    hypothetical_act_determiners: list[str] = Field(default_factory=list)
    hypothetical_act_victim_preps: list[str] = Field(default_factory=list)
    reproach_resisting_verbs: list[str] = Field(default_factory=list)
    judging_verbs: list[str] = Field(default_factory=list)
    denied_words: list[str] = Field(default_factory=list)
    denying_verbs: list[str] = Field(default_factory=list)
    unattributed_reproach_reach: int = 4
    reason_preps: list[str] = Field(default_factory=list)
    reason_nouns: list[str] = Field(default_factory=list)
    wronged_nouns: list[str] = Field(default_factory=list)
    anaphoric_acts: AnaphoricActs = AnaphoricActs()
    adjudication: Adjudication = Adjudication()
    crowd: Crowd = Crowd()
    press: Press = Press()
    weapons: Weapons = Weapons()
    force_helpers: ForceHelpers = ForceHelpers()
    answered_force: AnsweredForce = AnsweredForce()
    # "clashes erupted near the border": a fight that breaks out with no one named is the story's pair's
    outbreak_verbs: list[str] = Field(default_factory=list)
    blame_causes: BlameCauses = BlameCauses()
    reported_plan_roots: list[str] = Field(default_factory=list)
    implicit_actors: ImplicitActors = ImplicitActors()
    allegation_verbs: list[str]
    # "ended up on the sanctions list": a verb whose particle gives it another sense is matched
    # only by patterns that ask for that particle
    idiom_particles: dict[str, list[str]] = Field(default_factory=dict)
    questions: Questions = Questions()
    modality: Modality
    intent_map: dict[str, str]
    conditional_map: dict[str, str] = Field(default_factory=dict)
    negation_map: dict[str, str]
    verbs: list[Pattern]
    nouns: list[Pattern]


@dataclass
class PatternBook:
    """Patterns indexed by trigger lemma, plus the word lists the coder needs."""

    source: PatternFile
    verbs_by_lemma: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns_by_key: dict[str, list[Pattern]] = field(default_factory=dict)

    @property
    def light_verbs(self) -> set[str]:
        return set(self.source.light_verbs)

    def by_id(self, pattern_id: str) -> Pattern:
        for p in (*self.source.verbs, *self.source.nouns):
            if p.id == pattern_id:
                return p
        raise KeyError(pattern_id)


def _default_path() -> Path:
    return Path(str(resources.files("detente") / "data" / "event_patterns.yaml"))


class ExtraPatterns(BaseModel):
    """A user's pattern file (e.g. from `detente import-verbs`): patterns only."""

    model_config = ConfigDict(extra="forbid")

    word_lists: list[WordList] = Field(default_factory=list)
    verbs: list[Pattern] = Field(default_factory=list)
    nouns: list[Pattern] = Field(default_factory=list)


class _WordListSection(BaseModel):
    model_config = ConfigDict(extra="ignore")

    word_lists: list[WordList] = Field(default_factory=list)


def _expand_entry(entry: str, lists: dict[str, list[str]], where: str, path: Path) -> list[str]:
    """One list entry with its first reference replaced by each word of the list, then the
    rest expanded likewise: "$envoys" is the list's words, "over $issues" one entry a word."""
    ref = _LIST_REF.search(entry) if "$" in entry else None
    if ref is None:
        return [entry]
    name = ref.group(1)
    if name not in lists:
        raise ConfigError(Errors.E200_UNKNOWN_WORD_LIST, where=where, name=name, path=path,
                          known=", ".join(lists) or "none")
    head, tail = entry[:ref.start()], entry[ref.end():]
    return [word for w in lists[name] for word in _expand_entry(head + w + tail, lists, where, path)]


def _expanded(node: Any, lists: dict[str, list[str]], where: str, path: Path) -> Any:
    """The raw YAML with every reference in a list of words replaced by the words it names."""
    if isinstance(node, dict):
        here = f"{where}[{node['id']}]" if isinstance(node.get("id"), str) else where
        return {k: _expanded(v, lists, f"{here}.{k}" if here else str(k), path) for k, v in node.items()}
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            if isinstance(item, str):
                out += _expand_entry(item, lists, where, path)
            else:
                out.append(_expanded(item, lists, where, path))
        return out
    return node


def _with_word_lists(raw: Any, path: Path, known: dict[str, list[str]] | None = None) -> Any:
    """Resolve the file's ``word_lists`` (a list may use the lists defined above it, and
    those of ``known``) and expand their references everywhere else in the file."""
    if not isinstance(raw, dict):
        return raw
    section = _validated(_WordListSection, raw, path)
    lists = dict(known or {})
    resolved = []
    for wl in section.word_lists:
        if wl.id in lists:
            raise ConfigError(Errors.E200_DUPLICATE_WORD_LIST, name=wl.id, path=path)
        words = [w for entry in wl.words for w in _expand_entry(entry, lists, f"word_lists[{wl.id}]", path)]
        lists[wl.id] = words
        resolved.append({"id": wl.id, "words": words, "comment": wl.comment})
    rest = {key: value for key, value in raw.items() if key != "word_lists"}
    return {**_expanded(rest, lists, "", path), "word_lists": resolved}


def _validated(model: type[BaseModel], raw: Any, path: Path) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        where = ".".join(str(x) for x in loc)
        entry = ""
        if len(loc) >= 2 and loc[0] in ("verbs", "nouns") and isinstance(loc[1], int):
            try:
                entry = f" (pattern {raw[loc[0]][loc[1]].get('id')!r})"
            except (KeyError, IndexError, TypeError, AttributeError):
                entry = ""
        raise ConfigError(
            Errors.E200_BAD_EVENT_PATTERN,
            path=path,
            where=where,
            entry=entry,
            msg=first["msg"],
        ) from exc


def _read_yaml(path: Path) -> Any:
    try:
        return yaml_data.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E200_CANNOT_READ_PATTERNS, path=path, exc=exc) from exc


def load_patterns(path: str | Path | None = None, extra: Sequence[str | Path] = ()) -> PatternBook:
    """Read, validate and index a pattern file (the packaged one by default), plus the
    verbs and nouns of ``extra`` files (a user's or imported patterns; they win ties)."""
    path = Path(path) if path else _default_path()
    parsed = _validated(PatternFile, _with_word_lists(_read_yaml(path), path), path)
    shared = {wl.id: wl.words for wl in parsed.word_lists}
    for e in extra:
        more = _validated(ExtraPatterns, _with_word_lists(_read_yaml(Path(e)) or {}, Path(e), shared), Path(e))
        parsed.verbs = [*more.verbs, *parsed.verbs]
        parsed.nouns = [*more.nouns, *parsed.nouns]
    _check(parsed, path)
    book = PatternBook(parsed)
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    for p in parsed.verbs:
        for lemma in p.lemma:
            verbs[lemma.lower()].append(p)
    for p in parsed.nouns:
        for lemma in p.lemma:
            nouns[lemma.lower()].append(p)
    for table in (verbs, nouns):
        for plist in table.values():
            plist.sort(key=lambda p: -p.specificity)
    book.verbs_by_lemma = dict(verbs)
    book.nouns_by_key = dict(nouns)
    return book


def _check(parsed: PatternFile, path: Path) -> None:
    from detente.ontology import is_plover_type, is_valid

    seen: set[str] = set()
    for p in (*parsed.verbs, *parsed.nouns):
        if p.id in seen:
            raise ConfigError(Errors.E200_DUPLICATE_PATTERN_ID, id=p.id, path=path)
        seen.add(p.id)
        if not is_valid(p.cameo):
            raise ConfigError(Errors.E200_PATTERN_UNKNOWN_CAMEO, id=p.id, path=path, cameo=p.cameo)
        for name in ("solo_cameo", "state_cameo"):
            value = getattr(p, name)
            if value and not is_valid(value):
                raise ConfigError(
                    Errors.E200_PATTERN_UNKNOWN_VALUE,
                    id=p.id,
                    path=path,
                    name=name,
                    value=value,
                )
        for slot in p.target or []:
            if slot not in TARGET_SLOTS and not (slot.startswith("prep:") and len(slot) > 5):
                raise ConfigError(
                    Errors.E200_PATTERN_UNKNOWN_SLOT,
                    id=p.id,
                    path=path,
                    slot=slot,
                    target_slots=", ".join(TARGET_SLOTS),
                )
        if p.plover and not is_plover_type(p.plover):
            raise ConfigError(Errors.E200_PATTERN_UNKNOWN_PLOVER, id=p.id, plover=p.plover)
    if not is_valid(parsed.crowd.cameo):
        raise ConfigError(Errors.E200_CROWD_UNKNOWN_CAMEO, cameo=parsed.crowd.cameo, path=path)
    if not is_valid(parsed.press.cameo):
        raise ConfigError(Errors.E200_PRESS_UNKNOWN_CAMEO, cameo=parsed.press.cameo, path=path)
    helper = parsed.force_helpers.pattern
    if helper and helper not in seen:
        raise ConfigError(Errors.E200_PATTERN_REF_UNKNOWN, section="force_helpers", id=helper, path=path)
    for table_name, table in (("intent_map", parsed.intent_map), ("negation_map", parsed.negation_map),
                              ("conditional_map", parsed.conditional_map)):
        for key, code in table.items():
            if not is_valid(code):
                raise ConfigError(
                    Errors.E200_TABLE_UNKNOWN_CAMEO,
                    table_name=table_name,
                    key=key,
                    code=code,
                    path=path,
                )


@lru_cache(maxsize=1)
def default_patterns() -> PatternBook:
    return load_patterns()
