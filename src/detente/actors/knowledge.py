"""Actor knowledge: the data files in ``detente/data/actors`` loaded, validated and merged.

Everything the resolver knows about the world lives in reviewable files (countries.tsv,
places.tsv, metonyms.yaml, organizations.yaml, agents.yaml, people_*.yaml, context.yaml,
confidences.yaml).
This module reads them into pydantic models once, checks them (unknown sectors, bad dates,
duplicate ids are errors that name the file and the entry), and merges user files on top:
an entry with the id of a built-in entry replaces it, a new id adds one, and ``disable: [ids]``
removes entries. TABARI/PETRARCH dictionaries are converted by :mod:`detente.actors.tabari`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from detente import yaml_data
from detente.errors import ConfigError, Errors

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"

# PLOVER sector codes, plus DIP (diplomats: a GOV role in CAMEO, kept apart so "the ambassador"
# can be told from "the minister") and the CAMEO codes users bring in from TABARI dictionaries.
SECTORS: dict[str, str] = {
    "GOV": "government: the executive and its departments",
    "DIP": "diplomats, embassies, negotiators (CAMEO: a GOV role; compared as GOV)",
    "MIL": "military: troops and state-military equipment",
    "PRM": "paramilitary organizations not in opposition to government",
    "COP": "police and border guards",
    "SPY": "state intelligence services and operatives",
    "LEG": "legislature",
    "JUD": "judiciary and prosecutors",
    "OPP": "political opposition",
    "PTY": "political parties",
    "REB": "rebels, insurgents, separatists, armed opposition",
    "UAF": "unidentified armed forces",
    "CRM": "criminals",
    "CVL": "civilians, protesters, activists",
    "SOC": "civil-society organizations",
    "BUS": "business",
    "JRN": "journalists and media (CAMEO MED)",
    "MED": "health (CAMEO HLH)",
    "EDU": "education",
    "LAB": "labor",
    "AGR": "agriculture",
    "REF": "refugees and displaced people",
    "REL": "religion",
    "ELI": "elites: former officials without a current post",
    "PRE": "partially recognized entities",
    "UNK": "unidentified actors",
    # CAMEO-only codes that imported TABARI dictionaries use.
    "INS": "insurgents (CAMEO; PLOVER folds into REB)",
    "SEP": "separatists (CAMEO; PLOVER folds into REB)",
    "HLH": "health (CAMEO; PLOVER MED)",
    "HRI": "human rights (CAMEO)",
    "IGO": "intergovernmental organization (as a sector)",
    "NGO": "non-governmental organization (as a sector)",
    "NGM": "non-governmental movement (CAMEO)",
    "MOD": "moderate (CAMEO)",
    "RAD": "radical (CAMEO)",
    "ENV": "environment (CAMEO)",
    "DEV": "development (CAMEO)",
}

# Non-state "countries" (PLOVER's table of international non-state actors, CAMEO's IGO/NGO).
NONSTATE = {"IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "EUR"}

_CODE3 = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _check_code(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if not _CODE3.match(value):
        raise ValueError(f"{what} must be a 3-letter upper-case code, got {value!r}")
    return value


def _check_sector(value: str | None) -> str | None:
    if value is None:
        return None
    if value not in SECTORS:
        raise ValueError(f"unknown sector {value!r} (known: {', '.join(sorted(SECTORS))})")
    return value


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str
    comment: str | None = None

    @field_validator("id")
    @classmethod
    def _id_ok(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"id {v!r} must be lower-case letters, digits, '.', '_' or '-'")
        return v


class Country(_Entry):
    """One country or territory row of countries.tsv."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str  # the entity's own ISO alpha-3 code (upper case here)
    code: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_ok(cls, v: str) -> str:  # country ids are ISO codes, not slugs
        return _check_code(v, "country id") or v

    @field_validator("code")
    @classmethod
    def _code_ok(cls, v: str) -> str:
        return _check_code(v, "country code") or v


class Place(_Entry):
    code: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    kind: Literal["region", "city"] = "region"

    @field_validator("code")
    @classmethod
    def _code_ok(cls, v: str) -> str:
        return _check_code(v, "place code") or v


class Group(_Entry):
    """An ethnic or religious group, or a region's states (groups.tsv): a home state when it
    has one; ``bloc``, the organization its states' leaders act as together ("Arab foreign
    ministers" met as the Arab League)."""

    code: str | None = None
    names: list[str]
    kind: Literal["ethnic", "religious", "region"] = "ethnic"
    bloc: str | None = None

    _c = field_validator("code")(lambda v: _check_code(v, "group code"))


class Metonym(_Entry):
    names: list[str]
    country: str
    sector: str | None = None

    _c = field_validator("country")(lambda v: _check_code(v, "country"))
    _s = field_validator("sector")(lambda v: _check_sector(v))


class Organization(_Entry):
    names: list[str]
    country: str
    org: str | None = None
    sector: str | None = None
    qid: str | None = None
    ignore_case: bool = False  # imported TABARI names are upper-case; match them in any case

    _c = field_validator("country")(lambda v: _check_code(v, "country"))
    _s = field_validator("sector")(lambda v: _check_sector(v))

    @field_validator("org")
    @classmethod
    def _org_ok(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^[A-Z0-9]{2,4}$", v):
            raise ValueError(f"org code must be 2-4 upper-case letters or digits, got {v!r}")
        return v


class Agent(_Entry):
    words: list[str]
    plurals: list[str] | None = None
    sector: str
    generic: bool = False
    title: bool = False
    role: str | None = None
    definite: bool = False
    refers_to: list[str] | None = None
    elite: bool = False
    # "the kingdom", "the emirate": a definite mention refers back to the last-named state
    # of these (ISO alpha-3 codes)
    states: list[str] | None = None

    _s = field_validator("sector")(lambda v: _check_sector(v))

    def forms(self) -> list[str]:
        """Every surface form: the words plus their plurals (given, or regular ones)."""
        plurals = (
            self.plurals if self.plurals is not None else [regular_plural(w) for w in self.words]
        )
        seen: dict[str, None] = {}
        for w in [*self.words, *plurals]:
            seen.setdefault(w, None)
        return list(seen)

    def families(self) -> list[str]:
        return self.refers_to or ([self.role] if self.role else [])


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)
    sector: str
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    to: str | None = None
    org: str | None = None

    _s = field_validator("sector")(lambda v: _check_sector(v))

    def active(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Person(_Entry):
    qid: str | None = None
    name: str
    aliases: list[str] = Field(default_factory=list)
    surnames: list[str] = Field(default_factory=list)
    country: str
    gender: Literal["m", "f"] | None = None
    roles: list[Role] = Field(default_factory=list)
    default_sector: str | None = None
    ignore_case: bool = False  # imported TABARI names are upper-case; match them in any case

    _c = field_validator("country")(lambda v: _check_code(v, "country"))
    _s = field_validator("default_sector")(lambda v: _check_sector(v))

    def role_at(self, day: dt.date | None) -> Role | None:
        """The role held on ``day`` (the latest-starting one when roles overlap).

        With no date, the most recent role: an undated article is read as current news.
        """
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: r.start or dt.date.min)
        active = [r for r in self.roles if r.active(day)]
        if not active:
            return None
        return max(active, key=lambda r: r.start or dt.date.min)


class Context(BaseModel):
    """context.yaml: the small word lists the resolver reads context with."""

    model_config = ConfigDict(extra="forbid")
    pronouns: dict[str, Literal["m", "f"]]
    locative_prepositions: list[str]
    elite_modifiers: list[str]
    honorifics: dict[str, Literal["m", "f"] | None]
    place_nouns: list[str]
    country_joiners: list[str]
    definite_determiners: list[str]
    attitude_prefixes: list[str]
    sponsor_suffixes: list[str]
    leader_suffixes: list[str]
    location_prepositions: list[str]
    ethnic_markers: list[str]
    ethnic_heads: list[str]
    nonnational_modifiers: list[str]
    motion_verbs: list[str]
    state_media_modifiers: list[str]
    dateline_marks: list[str] = []
    dateline_months: list[str] = []
    departure_verbs: list[str] = []
    host_verbs: list[str] = []
    abroad_sectors: list[str] = []
    water_names: list[str] = []
    first_name_called: list[str] = []
    no_short_name: list[str] = []
    patronymic_markers: list[str] = []
    organization_name_ends: list[str] = []
    group_quantifiers: list[str] = []

    @field_validator("abroad_sectors")
    @classmethod
    def _sectors(cls, v: list[str]) -> list[str]:
        for sector in v:
            _check_sector(sector)
        return v


class Confidences(BaseModel):
    """confidences.yaml: the confidence of each way the resolver finds an actor, by id.

    The file is a list of ``{id, confidence, comment}`` entries; every field here must
    be given once and no other (:func:`load_confidences`). The code reads them by name
    (``kb.confidences.person_full_name``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    # named people
    person_full_name: float = Field(ge=0, le=1)
    person_surname: float = Field(ge=0, le=1)
    person_surname_named: float = Field(ge=0, le=1)
    person_repeated: float = Field(ge=0, le=1)
    # people the dictionary lacks
    titled_stranger: float = Field(ge=0, le=1)
    context_country: float = Field(ge=0, le=1)
    # groups and offices with a country word
    group_one_country: float = Field(ge=0, le=1)
    group_joined_countries: float = Field(ge=0, le=1)
    group_located: float = Field(ge=0, le=1)
    ethnic_group_located: float = Field(ge=0, le=1)
    ethnic_group: float = Field(ge=0, le=1)
    # names on their own
    country_name: float = Field(ge=0, le=1)
    organization_name: float = Field(ge=0, le=1)
    demonym: float = Field(ge=0, le=1)
    capital_actor: float = Field(ge=0, le=1)
    metonym_actor: float = Field(ge=0, le=1)
    capital_or_metonym_place: float = Field(ge=0, le=1)
    place_name: float = Field(ge=0, le=1)
    modifier: float = Field(ge=0, le=1)
    # words that refer back
    pronoun_reporting_subject: float = Field(ge=0, le=1)
    pronoun_sentence_subject: float = Field(ge=0, le=1)
    pronoun_previous_sentence: float = Field(ge=0, le=1)
    pronoun_same_sentence: float = Field(ge=0, le=1)
    role_noun: float = Field(ge=0, le=1)
    first_person_factor: float = Field(ge=0, le=1)


class _ConfidenceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    confidence: float = Field(ge=0, le=1)
    comment: str = Field(min_length=1)


def load_confidences(raw: Any, where: str = "confidences.yaml") -> Confidences:
    """The table of confidences from the entries of confidences.yaml (a ConfigError names
    the entry at fault: a value outside 0-1, no comment, an unknown, missing or repeated id)."""
    entries = _list_of(_ConfidenceEntry, raw, where)
    values: dict[str, float] = {}
    for e in entries:
        if e.id in values:
            raise ConfigError(Errors.E200_CONFIDENCE_ID_TWICE, where=where, id=e.id)
        if e.id not in Confidences.model_fields:
            raise ConfigError(
                Errors.E200_UNKNOWN_CONFIDENCE_ID,
                where=where,
                id=e.id,
                ids=", ".join(Confidences.model_fields),
            )
        values[e.id] = e.confidence
    missing = [k for k in Confidences.model_fields if k not in values]
    if missing:
        raise ConfigError(Errors.E200_NO_CONFIDENCE_ENTRY, where=where, missing=', '.join(missing))
    return Confidences(**values)


class ActorKnowledge(BaseModel):
    """Everything the resolver knows, after defaults and user files are merged."""

    countries: dict[str, Country]
    places: dict[str, Place]
    groups: dict[str, Group] = Field(default_factory=dict)
    metonyms: dict[str, Metonym]
    organizations: dict[str, Organization]
    agents: dict[str, Agent]
    people: dict[str, Person]
    context: Context
    confidences: Confidences
    sources: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # entries skipped on import, with why

    def org_by_name(self, name: str) -> Organization | None:
        """An organization by id, org code or surface name ("NATO", "UNO", "african-union")."""
        for o in self.organizations.values():
            if name == o.id or name == o.org or name in o.names:
                return o
        return None


# ---------------------------------------------------------------------------------------------
# reading files


def regular_plural(word: str) -> str:
    """Regular English plural of the last word: +s, y->ies, ss/sh/ch/x/z->es.

    A word already ending in a single "s" is left as it is ("forces", "watchers").
    """
    head, _, last = word.rpartition(" ")
    low = last.lower()
    if low.endswith("s") and not low.endswith("ss"):
        return word
    if re.search(r"[^aeiou]y$", low):
        plural = last[:-1] + "ies"
    elif re.search(r"(ss|sh|ch|x|z)$", low):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def dotted_titles(tokenizer: Any, data_dir: Path = DATA_DIR) -> None:
    """Make the honorifics of context.yaml written with a dot ("Pres.", "Lt.", "Amb.") one
    token each, as spaCy's own exceptions make "Gen." and "Sen.". Split, the dot ends the
    sentence ("US Pres." | "Trump met ...") and the title never matches the list. Both the
    pipeline's tokenizer and the one the lexicon splits actor names with get them."""
    from spacy.attrs import ORTH

    titles = (_read_yaml(data_dir / "context.yaml") or {}).get("honorifics") or {}
    for title in titles:
        if title.endswith(".") and title not in tokenizer.rules:
            tokenizer.add_special_case(title, [{ORTH: title}])


@lru_cache(maxsize=4)
def group_quantifiers(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """context.yaml's group_quantifiers, lower-case: the one list of the words that make a
    counted office or state word states left unnamed (detente.actors.phrases.unnamed_group),
    read here for the event coder, which has no actor knowledge of its own."""
    return frozenset(w.lower() for w in read_context(data_dir).group_quantifiers)


def read_context(data_dir: Path = DATA_DIR) -> Context:
    """context.yaml, validated (E200_BAD_CONTEXT_YAML names what is wrong)."""
    try:
        return Context.model_validate(_read_yaml(data_dir / "context.yaml"))
    except ValidationError as exc:
        raise ConfigError(Errors.E200_BAD_CONTEXT_YAML, msg=exc.errors()[0]['msg']) from exc


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml_data.safe_load(fh)
    except yaml.YAMLError as exc:
        raise ConfigError(Errors.E200_ACTOR_FILE_NOT_YAML, path=path, exc=exc) from exc
    except OSError as exc:
        raise ConfigError(Errors.E200_CANNOT_READ_FILE, path=path, exc=exc) from exc


def _build(model: type[BaseModel], raw: Any, where: str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        ident = raw.get("id") if isinstance(raw, dict) else None
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            Errors.E200_BAD_ACTOR_ENTRY,
            where=where,
            ident=ident,
            loc=loc,
            msg=first['msg'],
        ) from exc


def _index(items: Iterable[Any], where: str, into: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {} if into is None else into
    local: set[str] = set()
    for item in items:
        if item.id in local:
            raise ConfigError(Errors.E200_DUPLICATE_ACTOR_ID, where=where, id=item.id)
        local.add(item.id)
        out[item.id] = item
    return out


def _countries_from_rows(rows: list[dict[str, str]], where: str) -> list[Country]:
    out = []
    for row in rows:
        raw = {
            "id": (row.get("id") or "").strip(),
            "code": (row.get("code") or "").strip(),
            "name": (row.get("name") or "").strip(),
            "aliases": _split(row.get("aliases")),
            "demonyms": _split(row.get("demonyms")),
            "capitals": _split(row.get("capitals")),
            "comment": (row.get("comment") or "").strip() or None,
        }
        out.append(_build(Country, raw, where))
    return out


def _places_from_rows(rows: list[dict[str, str]], where: str) -> list[Place]:
    out = []
    for row in rows:
        raw = {
            "id": (row.get("id") or "").strip(),
            "code": (row.get("code") or "").strip(),
            "name": (row.get("name") or "").strip(),
            "aliases": _split(row.get("aliases")),
            "demonyms": _split(row.get("demonyms")),
            "kind": (row.get("kind") or "region").strip(),
            "comment": (row.get("comment") or "").strip() or None,
        }
        out.append(_build(Place, raw, where))
    return out


def _groups_from_rows(rows: list[dict[str, str]], where: str) -> list[Group]:
    out = []
    for row in rows:
        raw = {
            "id": (row.get("id") or "").strip(),
            "code": (row.get("code") or "").strip() or None,
            "names": _split(row.get("names")),
            "kind": (row.get("kind") or "ethnic").strip(),
            "bloc": (row.get("bloc") or "").strip() or None,
            "comment": (row.get("comment") or "").strip() or None,
        }
        out.append(_build(Group, raw, where))
    return out


def _list_of(model: type[BaseModel], raw: Any, where: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ConfigError(Errors.E200_NOT_A_LIST_OF_ENTRIES, where=where)
    return [_build(model, item, where) for item in raw]


def load_defaults(data_dir: Path = DATA_DIR) -> ActorKnowledge:
    """The built-in knowledge: every file in ``data_dir`` (all ``people_*.yaml`` files)."""
    people: dict[str, Person] = {}
    person_source: dict[str, str] = {}
    for path in sorted(data_dir.glob("people_*.yaml")):
        for p in _list_of(Person, _read_yaml(path), path.name):
            if p.id in people:
                raise ConfigError(
                    Errors.E200_PERSON_IN_TWO_FILES,
                    name=path.name,
                    id=p.id,
                    person_source=person_source[p.id],
                )
            people[p.id] = p
            person_source[p.id] = path.name
    context = read_context(data_dir)
    kb = ActorKnowledge(
        countries=_index(
            _countries_from_rows(_read_tsv(data_dir / "countries.tsv"), "countries.tsv"),
            "countries.tsv",
        ),
        places=_index(
            _places_from_rows(_read_tsv(data_dir / "places.tsv"), "places.tsv"), "places.tsv"
        ),
        groups=_index(
            _groups_from_rows(_read_tsv(data_dir / "groups.tsv"), "groups.tsv"), "groups.tsv"
        ),
        metonyms=_index(
            _list_of(Metonym, _read_yaml(data_dir / "metonyms.yaml"), "metonyms.yaml"),
            "metonyms.yaml",
        ),
        organizations=_index(
            _list_of(
                Organization, _read_yaml(data_dir / "organizations.yaml"), "organizations.yaml"
            ),
            "organizations.yaml",
        ),
        agents=_index(
            _list_of(Agent, _read_yaml(data_dir / "agents.yaml"), "agents.yaml"), "agents.yaml"
        ),
        people=people,
        context=context,
        confidences=load_confidences(_read_yaml(data_dir / "confidences.yaml")),
        sources=[str(data_dir)],
    )
    check_references(kb)
    return kb


_SECTIONS: dict[str, type[BaseModel]] = {
    "countries": Country,
    "places": Place,
    "groups": Group,
    "metonyms": Metonym,
    "organizations": Organization,
    "agents": Agent,
    "people": Person,
}


def merge_user_yaml(kb: ActorKnowledge, path: Path) -> ActorKnowledge:
    """Apply a user YAML file: sections replace or add entries by id; ``disable`` removes.

    The file is a mapping with any of the keys ``countries``, ``places``, ``groups``, ``metonyms``,
    ``organizations``, ``agents``, ``people`` (lists in the built-in formats; country rows
    use the TSV column names with lists for aliases/demonyms/capitals) and ``disable``
    (a list of ids to drop from any section).
    """
    raw = _read_yaml(path)
    if raw is None:
        return kb
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E200_ACTOR_FILE_NOT_A_MAPPING, path=path)
    unknown = set(raw) - set(_SECTIONS) - {"disable"}
    if unknown:
        raise ConfigError(
            Errors.E200_UNKNOWN_ACTOR_SECTION,
            path=path,
            unknown=', '.join(sorted(unknown)),
            sections=', '.join(sorted(_SECTIONS)),
        )
    sections = {
        section: _list_of(model, raw.get(section), f"{path.name}:{section}")
        for section, model in _SECTIONS.items()
    }
    return merge_sections(kb, sections, str(path), disable=raw.get("disable") or [])


def merge_sections(
    kb: ActorKnowledge,
    sections: dict[str, list[Any]],
    source: str,
    disable: Iterable[str] = (),
    warnings: Iterable[str] = (),
) -> ActorKnowledge:
    """A copy of ``kb`` with validated entries added or replaced by id, and ``disable`` removed."""
    path = Path(source)
    data = kb.model_copy(deep=True)
    for section, entries in sections.items():
        _index(entries, f"{path.name}:{section}", into=getattr(data, section))
    for ident in disable:
        found = False
        for section in _SECTIONS:
            found = getattr(data, section).pop(str(ident), None) is not None or found
        if not found:
            raise ConfigError(Errors.E200_DISABLE_UNKNOWN_ID, path=path, ident=ident)
    data.sources.append(source)
    data.warnings.extend(warnings)
    check_references(data)
    return data


def check_references(kb: ActorKnowledge) -> None:
    """Cross-file checks: codes point at known countries, role dates are ordered."""
    known = {c.code for c in kb.countries.values()} | {c.id for c in kb.countries.values()}
    known |= NONSTATE
    for where, items in (
        ("places", kb.places.values()),
        ("groups", [g for g in kb.groups.values() if g.code]),
        ("metonyms", kb.metonyms.values()),
        ("organizations", kb.organizations.values()),
        ("people", kb.people.values()),
    ):
        for item in items:
            code = getattr(item, "code", None) or getattr(item, "country", None)
            if code not in known:
                raise ConfigError(
                    Errors.E200_UNKNOWN_COUNTRY_CODE,
                    where=where,
                    id=item.id,
                    code=code,
                )
    for g in kb.groups.values():
        if g.bloc is not None and g.bloc not in kb.organizations:
            raise ConfigError(Errors.E200_UNKNOWN_BLOC, id=g.id, bloc=g.bloc)
    for p in kb.people.values():
        for r in p.roles:
            if r.start and r.end and r.end < r.start:
                raise ConfigError(
                    Errors.E200_ROLE_ENDS_BEFORE_START,
                    id=p.id,
                    title=r.title,
                    end=r.end,
                    start=r.start,
                )
