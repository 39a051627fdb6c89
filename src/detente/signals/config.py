"""Load and validate the signal knowledge files (speech verbs, issues, tone, assessments).

The knowledge lives in YAML under ``detente/data`` so it can be reviewed
without reading Python; this module checks each file once with pydantic and
raises ConfigError naming the file and the entry at fault. Each loader takes an
optional path so users (and tests) can substitute their own file.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from detente import yaml_data
from detente.errors import ConfigError, Errors

Level = Literal["very_bad", "bad", "neutral", "good", "very_good"]
Trend = Literal["deteriorating", "stable", "improving"]
LEVELS: tuple[str, ...] = ("very_bad", "bad", "neutral", "good", "very_good")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- speech verbs ---------------------------------------------------------------


class SpeechVerb(_Strict):
    id: str
    lemma: str
    particle: str | None = None
    comment: str = ""


class SourcePhrase(_Strict):
    id: str
    words: list[str] = Field(min_length=2)
    comment: str = ""


class QuoteMarks(_Strict):
    open: list[str]
    close: list[str]
    either: list[str]


class SpeechConfig(_Strict):
    verbs: list[SpeechVerb]
    source_phrases: list[SourcePhrase]
    quote_marks: QuoteMarks
    min_unattributed_words: int = 8
    min_indirect_words_outside_direct: int = 3
    fallback_pronouns: list[str] = Field(default_factory=list)
    non_factual_auxiliaries: list[str] = Field(default_factory=list)
    author_pronouns: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> SpeechConfig:
        _check_unique([v.id for v in self.verbs] + [s.id for s in self.source_phrases])
        return self

    @cached_property
    def _by_lemma(self) -> dict[str, list[SpeechVerb]]:
        out: dict[str, list[SpeechVerb]] = {}
        for v in self.verbs:
            out.setdefault(v.lemma, []).append(v)
        return out

    def verb_for(self, lemma: str) -> list[SpeechVerb]:
        return self._by_lemma.get(lemma, [])


# -- issues -------------------------------------------------------------------------


class Issue(_Strict):
    id: str
    label: str
    comment: str = ""
    phrases: list[str] = Field(default_factory=list)
    lemmas: list[str] = Field(default_factory=list)
    exact: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_evidence(self) -> Issue:
        if not (self.phrases or self.lemmas or self.exact):
            raise ValueError(f"issue {self.id!r} has no phrases, lemmas or exact words")
        return self


class IssueTaxonomy(_Strict):
    issues: list[Issue]

    @model_validator(mode="after")
    def _unique_ids(self) -> IssueTaxonomy:
        _check_unique([i.id for i in self.issues])
        return self

    def label(self, issue_id: str) -> str:
        for i in self.issues:
            if i.id == issue_id:
                return i.label
        return issue_id


# -- tone -----------------------------------------------------------------------------


class NeutralPhrase(_Strict):
    id: str
    phrase: str
    reason: str


class NeutralWord(_Strict):
    word: str
    reason: str


class DampenedWord(_Strict):
    word: str
    factor: float = Field(ge=0.0, le=1.0)
    reason: str


class AddedWord(_Strict):
    word: str
    valence: float = Field(ge=-4.0, le=4.0)
    reason: str


class ToneConfig(_Strict):
    neutral_phrases: list[NeutralPhrase] = Field(default_factory=list)
    neutral_words: list[NeutralWord] = Field(default_factory=list)
    dampened_words: list[DampenedWord] = Field(default_factory=list)
    added_words: list[AddedWord] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_word_twice(self) -> ToneConfig:
        _check_unique(
            [w.word for w in self.neutral_words]
            + [w.word for w in self.dampened_words]
            + [w.word for w in self.added_words]
        )
        _check_unique([p.id for p in self.neutral_phrases])
        return self


# -- assessments ------------------------------------------------------------------------


class RelationshipTerm(_Strict):
    id: str
    words: str
    comment: str = ""


class Override(_Strict):
    level: Level | None = None
    trend: Trend | None = None
    polarity: float = Field(ge=-1.0, le=1.0)


class Judgement(_Strict):
    id: str
    words: str | None = None
    match: Literal["lower", "lemma"] = "lower"
    tokens: list[dict[str, Any]] | None = None
    level: Level | None = None
    trend: Trend | None = None
    polarity: float = Field(ge=-1.0, le=1.0)
    negation: Literal["flip", "soften"] = "flip"
    negated: Override | None = None
    comment: str = ""

    @model_validator(mode="after")
    def _words_or_tokens(self) -> Judgement:
        if (self.words is None) == (self.tokens is None):
            raise ValueError(f"judgement {self.id!r} needs exactly one of 'words' or 'tokens'")
        if self.level is None and self.trend is None:
            raise ValueError(f"judgement {self.id!r} sets neither level nor trend")
        return self


class NegationMode(_Strict):
    level: dict[str, Level]
    trend: dict[str, Trend]
    polarity_factor: float

    @field_validator("level")
    @classmethod
    def _all_levels(cls, v: dict[str, str]) -> dict[str, str]:
        missing = set(LEVELS) - set(v)
        if missing:
            raise ValueError(f"negation level map misses {sorted(missing)}")
        return v


class Intensify(_Strict):
    level: dict[str, Level]
    polarity_factor: float = Field(ge=1.0)


class AssessmentConfig(_Strict):
    relationship_terms: list[RelationshipTerm]
    non_dyadic_modifiers: list[str]
    judgements: list[Judgement]
    negation_words: list[str]
    negation_modes: dict[Literal["flip", "soften"], NegationMode]
    intensifiers: list[str]
    intensify: Intensify
    modals: list[str]
    intent_heads: list[str]
    factual_infinitive_heads: list[str]
    aspiration_verbs: list[str]
    non_state_codes: list[str]

    @model_validator(mode="after")
    def _unique_ids(self) -> AssessmentConfig:
        _check_unique([j.id for j in self.judgements] + [t.id for t in self.relationship_terms])
        if set(self.negation_modes) != {"flip", "soften"}:
            raise ValueError("negation_modes must define 'flip' and 'soften'")
        return self

    def judgement(self, jid: str) -> Judgement:
        for j in self.judgements:
            if j.id == jid:
                return j
        raise KeyError(jid)


# -- loading ----------------------------------------------------------------------------


def _check_unique(ids: list[str]) -> None:
    dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
    if dupes:
        raise ValueError(f"duplicate ids/words: {', '.join(dupes)}")


def _read(name: str, path: str | Path | None) -> tuple[str, Any]:
    if path is None:
        ref = resources.files("detente.data").joinpath(name)
        label = f"detente/data/{name}"
        try:
            text = ref.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise ConfigError(Errors.E200_NO_PACKAGED_FILE, label=label) from exc
    else:
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(Errors.E200_CANNOT_READ_SIGNALS, label=label, exc=exc) from exc
    try:
        return label, yaml_data.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(Errors.E200_SIGNALS_NOT_YAML, label=label, exc=exc) from exc


def _validate(model: type[BaseModel], name: str, path: str | Path | None) -> Any:
    label, data = _read(name, path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            Errors.E200_BAD_SIGNALS_ENTRY,
            label=label,
            where=where,
            msg=first['msg'],
            error_count=exc.error_count(),
        ) from exc


@lru_cache(maxsize=8)
def load_speech_config(path: str | None = None) -> SpeechConfig:
    """The speech verbs, source phrases and quote marks (speech_verbs.yaml)."""
    return _validate(SpeechConfig, "speech_verbs.yaml", path)


@lru_cache(maxsize=8)
def load_issue_taxonomy(path: str | None = None) -> IssueTaxonomy:
    """The issue taxonomy (issues.yaml)."""
    return _validate(IssueTaxonomy, "issues.yaml", path)


@lru_cache(maxsize=8)
def load_tone_config(path: str | None = None) -> ToneConfig:
    """The VADER lexicon adjustments (tone.yaml)."""
    return _validate(ToneConfig, "tone.yaml", path)


@lru_cache(maxsize=8)
def load_assessment_config(path: str | None = None) -> AssessmentConfig:
    """Relationship terms and judgement patterns (assessments.yaml)."""
    return _validate(AssessmentConfig, "assessments.yaml", path)
