"""Load and validate the cleaning rules and metadata cues (the YAML files in detente/data).

The cleaner and the metadata resolver are code; what they look for is data, so
that a reviewer can read every rule with its id and reason. Loading validates
each file once (pydantic), expands ``{macro}`` names and compiles the patterns,
so a typo in a rule fails at start-up with the rule's id, not mid-run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from detente import yaml_data
from detente.clean.prefilter import may_match
from detente.errors import ConfigError, Errors

RuleKind = Literal[
    "rewrite", "split_after", "drop_line", "truncate", "comments_start", "drop_tail"
]
Scope = Literal["anywhere", "header", "body", "lead", "lede"]
FIELDS = ("title", "authors", "published", "publisher", "url", "language")

_MACRO = re.compile(r"\{([a-z_]+)\}")
AUTHOR_MACRO = "author"  # filled per article with the authors found by the cues


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleSpec(_Strict):
    id: str
    kind: RuleKind
    pattern: str
    reason: str
    phase: Literal["early", "late"] = "early"
    replace: str = ""
    scope: Scope = "anywhere"
    ignore_case: bool = False
    adjacent_fragments: bool = False
    header_pattern: str | None = None
    max_header_lines: int = 3
    set: dict[str, str] = Field(default_factory=dict)


class StructureRule(_Strict):
    id: str
    reason: str


class StructureSpec(_Strict):
    sentence_min_words: int = 6
    intro_min_words: int = 10
    header_max_lines: int = 15
    lead_lines: int = 3
    title_min_words: int = 3
    title_max_words: int = 30
    dek_min_words: int = 5
    fragment_max_words: int = 20
    caption_max_words: int = 15
    rules: list[StructureRule]


class CleaningFile(_Strict):
    version: int
    macros: dict[str, str] = Field(default_factory=dict)
    structure: StructureSpec
    rules: list[RuleSpec]


class CueSpec(_Strict):
    id: str
    field: Literal["title", "authors", "published", "publisher", "url"]
    pattern: str
    reason: str
    scope: Scope = "header"
    drop: bool = True
    match_on: Literal["text", "raw"] = "text"
    ignore_case: bool = False
    next_line: str | None = None
    set: dict[str, str] = Field(default_factory=dict)
    # Kept lines only: the matched text ends a line of its own, so a dateline
    # ("CALDER (Wire) —") is not parsed as the subject of the lede's first sentence.
    split_after: bool = False


class DerivedSpec(_Strict):
    id: str
    reason: str


class AuthorSpec(_Strict):
    separators: str
    drop_words: list[str] = Field(default_factory=list)
    strip_patterns: list[str] = Field(default_factory=list)


class LanguageSpec(_Strict):
    min_chars: int = 40
    min_probability: float = 0.6
    max_chars: int = 1000


class CuesFile(_Strict):
    version: int
    macros: dict[str, str] = Field(default_factory=dict)
    authors: AuthorSpec
    cues: list[CueSpec]
    derived: list[DerivedSpec]
    precedence: dict[str, list[str]]
    language: LanguageSpec = LanguageSpec()
    record_columns: dict[str, list[str]]
    html_meta: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fields_known(self) -> CuesFile:
        for key in (*self.precedence, *self.record_columns, *self.html_meta):
            if key not in (*FIELDS, "text"):
                raise ValueError(f"unknown field {key!r} (known: {', '.join(FIELDS)})")
        return self


@dataclass(frozen=True)
class Rule:
    """A compiled cleaning rule. ``pattern`` is None when it needs {author} filled in."""

    spec: RuleSpec
    pattern: re.Pattern[str] | None
    template: str
    header: re.Pattern[str] | None

    @property
    def id(self) -> str:
        return self.spec.id

    @cached_property
    def may_match(self) -> Callable[[str], bool] | None:
        """A whole-text test that is False only when the pattern matches no line of the
        text (clean/prefilter.py); None when there is none."""
        return may_match(self.pattern) if self.pattern is not None else None

    def compiled(self, authors: list[str]) -> re.Pattern[str] | None:
        """The pattern, with {author} replaced by this article's authors (None if it has none)."""
        if self.pattern is not None:
            return self.pattern
        if not authors:
            return None
        alternatives = "|".join(re.escape(a) for a in sorted(authors, key=len, reverse=True))
        text = self.template.replace("{" + AUTHOR_MACRO + "}", f"(?:{alternatives})")
        return re.compile(text, re.IGNORECASE if self.spec.ignore_case else 0)


@dataclass(frozen=True)
class Cue:
    spec: CueSpec
    pattern: re.Pattern[str]
    next_line: re.Pattern[str] | None

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class RuleSet:
    """Everything the cleaner and the metadata resolver read from data."""

    rules: tuple[Rule, ...]
    structure: StructureSpec
    cues: tuple[Cue, ...]
    cues_file: CuesFile
    name_pattern: re.Pattern[str]
    date_pattern: re.Pattern[str]
    author_strip: tuple[re.Pattern[str], ...] = ()
    _by_kind: dict[tuple[str, str | None], tuple[Rule, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def of_kind(self, kind: str, phase: str | None = None) -> tuple[Rule, ...]:
        """The rules of one kind (and phase), in file order; picked out once per ruleset,
        as the cleaner asks for them on every line of every text."""
        key = (kind, phase)
        found = self._by_kind.get(key)
        if found is None:
            found = self._by_kind[key] = tuple(
                r
                for r in self.rules
                if r.spec.kind == kind and (phase is None or r.spec.phase == phase)
            )
        return found

    def reason(self, rule_id: str) -> str:
        for r in self.rules:
            if r.id == rule_id:
                return r.spec.reason
        for s in self.structure.rules:
            if s.id == rule_id:
                return s.reason
        for c in self.cues:
            if c.id == rule_id:
                return c.spec.reason
        for d in self.cues_file.derived:
            if d.id == rule_id:
                return d.reason
        raise KeyError(rule_id)

    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules] + [s.id for s in self.structure.rules]


def _expand(text: str, macros: dict[str, str], where: str) -> str:
    """Replace {name} by its macro, repeatedly (macros may use macros); keep {author}."""
    for _ in range(10):

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name == AUTHOR_MACRO:
                return m.group(0)
            if name not in macros:
                raise ConfigError(Errors.E200_UNKNOWN_MACRO, where=where, name=name)
            return macros[name]

        new = _MACRO.sub(sub, text)
        if new == text:
            return new
        text = new
    raise ConfigError(Errors.E200_MACROS_NEST_TOO_DEEPLY, where=where)


def _compile(text: str, ignore_case: bool, where: str) -> re.Pattern[str]:
    try:
        return re.compile(text, re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise ConfigError(Errors.E200_BAD_REGEX, where=where, exc=exc) from exc


def _read_yaml(path: Path | None, default_name: str) -> tuple[dict[str, Any], str]:
    if path is None:
        resource = resources.files("detente").joinpath("data", default_name)
        text, where = resource.read_text(encoding="utf-8"), default_name
    else:
        try:
            text, where = Path(path).read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise ConfigError(Errors.E200_CANNOT_READ_FILE, path=path, exc=exc) from exc
    try:
        data = yaml_data.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(Errors.E200_RULES_NOT_YAML, where=where, exc=exc) from exc
    if not isinstance(data, dict):
        raise ConfigError(Errors.E200_RULES_NOT_A_MAPPING, where=where)
    return data, where


def _validate(model: type[BaseModel], data: dict[str, Any], where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        entry: Any = data
        for part in first["loc"][:2]:
            entry = entry[part] if isinstance(entry, (dict, list)) else None
        if isinstance(entry, dict) and "id" in entry:
            loc = f"{loc} (id {entry['id']})"
        raise ConfigError(Errors.E200_BAD_RULE_ENTRY, where=where, loc=loc, msg=first['msg']) from exc


def load_ruleset(cleaning_path: Path | None = None, cues_path: Path | None = None) -> RuleSet:
    """Read, validate and compile the two files (defaults: the packaged ones)."""
    cdata, cwhere = _read_yaml(cleaning_path, "cleaning_rules.yaml")
    mdata, mwhere = _read_yaml(cues_path, "metadata_cues.yaml")
    cfile: CleaningFile = _validate(CleaningFile, cdata, cwhere)
    mfile: CuesFile = _validate(CuesFile, mdata, mwhere)
    macros = {**mfile.macros, **cfile.macros}

    seen: set[str] = set()
    rules = []
    for spec in cfile.rules:
        where = f"{cwhere}: rule {spec.id}"
        if spec.id in seen:
            raise ConfigError(Errors.E200_DUPLICATE_RULE_ID, where=where)
        seen.add(spec.id)
        template = _expand(spec.pattern, macros, where)
        pattern = None
        if "{" + AUTHOR_MACRO + "}" not in template:
            pattern = _compile(template, spec.ignore_case, where)
        else:
            _compile(template.replace("{" + AUTHOR_MACRO + "}", "X"), spec.ignore_case, where)
        header = None
        if spec.header_pattern is not None:
            header = _compile(_expand(spec.header_pattern, macros, where), False, where)
        rules.append(Rule(spec, pattern, template, header))
    for s in cfile.structure.rules:
        if s.id in seen:
            raise ConfigError(Errors.E200_DUPLICATE_CUE_RULE_ID, cwhere=cwhere, id=s.id)
        seen.add(s.id)

    cues = []
    for spec in mfile.cues:
        where = f"{mwhere}: cue {spec.id}"
        if spec.id in seen:
            raise ConfigError(Errors.E200_DUPLICATE_CUE_ID, where=where)
        seen.add(spec.id)
        pattern = _compile(_expand(spec.pattern, macros, where), spec.ignore_case, where)
        nxt = None
        if spec.next_line:
            nxt = _compile(_expand(spec.next_line, macros, where), spec.ignore_case, where)
        cues.append(Cue(spec, pattern, nxt))
    seen.update(d.id for d in mfile.derived)
    for field_name, ids in mfile.precedence.items():
        for cue_id in ids:
            if cue_id not in seen:
                raise ConfigError(
                    Errors.E200_PRECEDENCE_UNKNOWN_CUE,
                    mwhere=mwhere,
                    field_name=field_name,
                    cue_id=cue_id,
                )
    name = _compile("^" + _expand("{name}", macros, mwhere) + "$", False, f"{mwhere}: name")
    date = _compile(_expand("{date}", macros, mwhere), False, f"{mwhere}: date")
    strip = tuple(
        _compile(p, False, f"{mwhere}: authors.strip_patterns")
        for p in mfile.authors.strip_patterns
    )
    return RuleSet(tuple(rules), cfile.structure, tuple(cues), mfile, name, date, strip)


@lru_cache(maxsize=1)
def default_ruleset() -> RuleSet:
    """The packaged rules, loaded once per process."""
    return load_ruleset()
