"""The PLOVER event ontology: current types, modes, contexts and the 2016 label map.

Everything comes from ``detente/data/plover.yaml``; this module only loads it,
validates it (pydantic, errors name the YAML key at fault) and answers questions
about it. The CAMEO table (``cameo.py``) is validated against the types defined
here, so a typo in either file fails at load time, not in the middle of a run.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from detente import yaml_data
from detente.errors import ConfigError, Errors, OntologyError
from detente.ontology._data import read_data_text

DEFAULT_PLOVER_FILE = "plover.yaml"


# -- the file's schema ---------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _QuadModel(_Strict):
    name: str
    side: Literal["cooperation", "conflict"]
    kind: Literal["verbal", "material"]


class _TypeModel(_Strict):
    definition: str = Field(min_length=1)
    quad_class: int = Field(ge=1, le=4)
    requires_recipient: bool
    cameo_roots: list[str] = Field(default_factory=list)
    modes: dict[str, str] = Field(default_factory=dict)


class _LegacyModel(_Strict):
    old: str
    new: str
    why: str = ""


class _AuxTrigger(_Strict):
    negated: bool | None = None
    modality: str | None = None


class _AuxModel(_Strict):
    description: str = Field(min_length=1)
    trigger: _AuxTrigger | None = Field(default=None, alias="from")


class _PloverFile(_Strict):
    version: str
    quad_classes: dict[int, _QuadModel]
    types: dict[str, _TypeModel]
    legacy_labels: list[_LegacyModel] = Field(default_factory=list)
    auxiliary_modes: dict[str, _AuxModel] = Field(default_factory=dict)
    contexts: dict[str, str]

    @model_validator(mode="after")
    def _consistent(self) -> _PloverFile:
        if sorted(self.quad_classes) != [1, 2, 3, 4]:
            raise ValueError("quad_classes must define exactly 1, 2, 3 and 4")
        for name, spec in self.types.items():
            if name != name.upper() or not name.isalpha():
                raise ValueError(f"type name {name!r} must be one upper-case word")
            for root in spec.cameo_roots:
                if not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
                    raise ValueError(
                        f"types.{name}.cameo_roots: {root!r} is not a CAMEO root 01-20"
                    )
        for entry in self.legacy_labels:
            if entry.new not in self.types:
                raise ValueError(
                    f"legacy_labels: {entry.old} maps to {entry.new!r}, which is not a defined type"
                )
            if entry.old in self.types:
                raise ValueError(f"legacy_labels: {entry.old} is still a current type")
        return self


# -- what callers get ----------------------------------------------------------------


@dataclass(frozen=True)
class PloverMode:
    name: str
    description: str


@dataclass(frozen=True)
class PloverType:
    """One current PLOVER event type, as defined in plover.yaml."""

    name: str
    definition: str
    quad_class: int
    quad_name: str  # e.g. "material conflict"
    side: str  # cooperation | conflict
    kind: str  # verbal | material
    requires_recipient: bool
    cameo_roots: tuple[str, ...]
    modes: tuple[PloverMode, ...] = field(default_factory=tuple)

    @property
    def mode_names(self) -> list[str]:
        return [m.name for m in self.modes]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.name,
            "definition": self.definition,
            "quad_class": self.quad_class,
            "quad_name": self.quad_name,
            "side": self.side,
            "kind": self.kind,
            "requires_recipient": self.requires_recipient,
            "cameo_roots": list(self.cameo_roots),
            "modes": {m.name: m.description for m in self.modes},
        }


class PloverOntology:
    """The loaded plover.yaml: types in file order, the legacy map, contexts, aux modes."""

    def __init__(self, data: _PloverFile, source: str):
        self.source = source
        self.version = data.version
        self.types: dict[str, PloverType] = {}
        for name, spec in data.types.items():
            quad = data.quad_classes[spec.quad_class]
            self.types[name] = PloverType(
                name=name,
                definition=" ".join(spec.definition.split()),
                quad_class=spec.quad_class,
                quad_name=quad.name,
                side=quad.side,
                kind=quad.kind,
                requires_recipient=spec.requires_recipient,
                cameo_roots=tuple(spec.cameo_roots),
                modes=tuple(PloverMode(k, v) for k, v in spec.modes.items()),
            )
        self.legacy: dict[str, str] = {e.old.upper(): e.new for e in data.legacy_labels}
        self.contexts: dict[str, str] = dict(data.contexts)
        self._aux: dict[str, _AuxModel] = dict(data.auxiliary_modes)

    # Roots whose codes PLOVER covers; codes under any other root have no PLOVER type.
    @property
    def covered_roots(self) -> set[str]:
        return {root for t in self.types.values() for root in t.cameo_roots}

    def map_label(self, label: str) -> str:
        """Current type name for a current or 2016 label, case-insensitive."""
        key = str(label).strip().upper()
        if key in self.types:
            return key
        if key in self.legacy:
            return self.legacy[key]
        known = ", ".join(self.types)
        raise OntologyError(
            Errors.E300_UNKNOWN_PLOVER_TYPE,
            label=label,
            known=known,
            legacy=', '.join(self.legacy),
        )

    def get(self, label: str) -> PloverType:
        return self.types[self.map_label(label)]

    def is_type(self, label: str) -> bool:
        return str(label).strip().upper() in self.types

    def auxiliary_modes(self, *, negated: bool, modality: str) -> list[str]:
        """The auxiliary modes (negation, future, ...) an event with these traits carries."""
        out = []
        for name, aux in self._aux.items():
            trig = aux.trigger
            if trig is None or (trig.negated is None and trig.modality is None):
                continue  # a mode detente does not derive (e.g. historical)
            # Every field the trigger names must match; unnamed fields match anything.
            if trig.negated is not None and trig.negated != negated:
                continue
            if trig.modality is not None and trig.modality != modality:
                continue
            out.append(name)
        return out

    def auxiliary_mode_descriptions(self) -> dict[str, str]:
        return {name: aux.description for name, aux in self._aux.items()}


# -- loading -------------------------------------------------------------------------


def _pydantic_problem(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err["loc"]) or "(top level)"
        parts.append(f"{loc}: {err['msg']}")
    more = len(exc.errors()) - 5
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)


def load_plover(path: str | Path | None = None) -> PloverOntology:
    """Load and validate a PLOVER ontology file (the packaged plover.yaml by default).

    Raises ConfigError naming the file and the YAML line or key that is wrong.
    """
    text, source = read_data_text(path, DEFAULT_PLOVER_FILE)
    try:
        raw = yaml_data.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ConfigError(
            Errors.E200_PLOVER_NOT_YAML,
            where=where,
            problem=getattr(exc, 'problem', exc),
            source=source,
        ) from exc
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E200_PLOVER_NOT_A_MAPPING, source=source)
    try:
        data = _PloverFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(
            Errors.E200_BAD_PLOVER_FILE, problem=_pydantic_problem(exc), source=source
        ) from exc
    return PloverOntology(data, source)


@functools.lru_cache(maxsize=1)
def default_plover() -> PloverOntology:
    """The packaged ontology, loaded once per process."""
    return load_plover()


# -- the module-level questions the rest of detente asks ------------------------------


def plover_types() -> list[str]:
    """The current PLOVER event types, in the manual's order (cooperation first)."""
    return list(default_plover().types)


def map_plover_label(label: str) -> str:
    """Map a 2016 or current PLOVER label to the current type (case-insensitive).

    >>> map_plover_label("fight")
    'ASSAULT'
    """
    return default_plover().map_label(label)


def is_plover_type(label: str) -> bool:
    """True for a current PLOVER type name (any case); 2016 labels need map_plover_label."""
    return default_plover().is_type(label)


def plover_type(label: str) -> PloverType:
    """Everything plover.yaml says about a type; 2016 labels are mapped first."""
    return default_plover().get(label)


def plover_description(label: str) -> str:
    """One-line definition of a PLOVER type; 2016 labels are mapped first."""
    return default_plover().get(label).definition


def plover_contexts() -> list[str]:
    """PLOVER's general context names (military, economic, ...)."""
    return list(default_plover().contexts)


def auxiliary_modes(*, negated: bool, modality: str) -> list[str]:
    """PLOVER auxiliary modes for an event's negation flag and modality.

    ``auxiliary_modes(negated=False, modality="intent")`` -> ``["future"]``; the
    trigger of each mode is data in plover.yaml, not code.
    """
    return default_plover().auxiliary_modes(negated=negated, modality=modality)
