"""Import TABARI / PETRARCH ``.actors`` and ``.agents`` dictionaries.

Many event-data researchers maintain their actors in these files, so detente reads them as
they are and turns them into its own entries (merged after the built-in data, so they win).

Actors file (TABARI manual ch. 5; PETRARCH docs "Actor Dictionary")::

    VLADIMIR_PUTIN_ [RUSGOV 000507-080507] [RUSELI 080508-120507]   # codes on the line
    +PUTIN_                                                         # synonym
    JAMES_BYRNES_  ; a comment
        [USAELI 18970101-450703]                                    # restrictions below
        [USAGOV 450703-470121]
    AFGHANISTAN_ [AFG]

A record is a primary phrase, ``+`` synonyms and ``[CODE restriction]`` blocks, where the
restriction is empty (the default code), ``<date``, ``>date`` or ``date-date``; dates are
YYMMDD (00-30 read as 20YY, as TABARI does) or YYYYMMDD. Records with dates become people
with time-bounded roles; undated records become named actors (organizations).

Agents file::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON       # substitution set
    PRESIDENT_ [~GOV]                               # regular plural generated
    POLICE {} [~COP]                                # {} : no plural
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]     # irregular plural
    !MINIST!_OF_DEFENSE [~GOV]                      # expands the substitution set
    HUMAN_RIGHTS_BODY [NGO~]                        # code placed before the actor's

Comments start with ``#`` (or ``;`` in TABARI files). Words joined by ``_`` or a blank are
both read as consecutive words (PETRARCH's "words may intervene" blank is not supported).
TABARI matches stems when a phrase lacks the final ``_``; detente matches whole words.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

from detente.actors.knowledge import (
    NONSTATE,
    SECTORS,
    ActorKnowledge,
    Agent,
    Organization,
    Person,
    Role,
    merge_sections,
)
from detente.errors import ConfigError, Errors

_BLOCK = re.compile(r"\[([^\]]*)\]")
_SUBST_DEF = re.compile(r"^\s*(![A-Za-z]+!)\s*=\s*(.+)$")
# PETRARCH's built-in sets, used when a file uses a marker without defining it.
_DEFAULT_SUBST = {
    "!MINIST!": ["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"],
    "!MINST!": ["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"],
    "!PERSON!": ["MAN", "MEN", "WOMAN", "WOMEN", "PERSON"],
}


def tabari_kind(path: Path) -> str | None:
    """'actors', 'agents', or None for a YAML file: by name first, then by content."""
    name = path.name.lower()
    if name.endswith((".yaml", ".yml")):
        return None
    if "agent" in name:
        return "agents"
    if "actor" in name:
        return "actors"
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError as exc:
        raise ConfigError(Errors.E200_CANNOT_READ_FILE, path=path, exc=exc) from exc
    if "[~" in head or "~]" in head:
        return "agents"
    if re.search(r"^\S+_?\s*\[[A-Z]{3}", head, re.M):
        return "actors"
    return None


def merge_tabari(kb: ActorKnowledge, path: Path, kind: str) -> ActorKnowledge:
    """``kb`` with the entries of a TABARI/PETRARCH dictionary file added."""
    text = _read(path)
    if kind == "agents":
        agents, warnings = parse_agents(text, path.name)
        return merge_sections(kb, {"agents": agents}, str(path), warnings=warnings)
    people, orgs, warnings = parse_actors(text, path.name)
    return merge_sections(
        kb, {"people": people, "organizations": orgs}, str(path), warnings=warnings
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(Errors.E200_CANNOT_READ_FILE, path=path, exc=exc) from exc


def _strip_comment(line: str) -> str:
    for mark in ("#", ";"):
        pos = line.find(mark)
        if pos >= 0:
            line = line[:pos]
    return line.rstrip()


def _phrase(raw: str) -> str:
    """'VLADIMIR_PUTIN_' -> 'VLADIMIR PUTIN'."""
    return re.sub(r"[_\s]+", " ", raw).strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "entry"


def parse_date(value: str, where: str) -> dt.date:
    """TABARI dates: YYMMDD (00-30 -> 20YY, else 19YY) or YYYYMMDD."""
    v = value.strip()
    try:
        if len(v) <= 7:
            yy = int(v[:2])
            year = 2000 + yy if yy <= 30 else 1900 + yy
            return dt.date(year, int(v[2:4]), int(v[4:6]))
        return dt.date(int(v[:4]), int(v[4:6]), int(v[6:8]))
    except (ValueError, IndexError):
        raise ConfigError(Errors.E200_NOT_TABARI_DATE, where=where, value=value) from None


def split_code(code: str) -> tuple[str, str | None, str | None]:
    """'RUSGOV' -> (RUS, None, GOV); 'IGOUNO' -> (IGO, UNO, None); 'IGOUNOGOV' -> (IGO, UNO, GOV)."""
    country, rest = code[:3], code[3:]
    org = None
    if country in NONSTATE and rest[:3] and rest[:3] not in SECTORS:
        org, rest = rest[:3], rest[3:]
    sector = rest[:3] if rest[:3] in SECTORS else None
    return country, org, sector


def parse_actors(text: str, where: str) -> tuple[list[Person], list[Organization], list[str]]:
    """People (dated records) and named actors (undated records) from an .actors file."""
    records: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("<"):
            continue  # PETRARCH XML-ish header lines
        line = _strip_comment(raw)
        if not line.strip():
            continue
        blocks = _BLOCK.findall(line)
        body = _BLOCK.sub(" ", line).strip()
        if line.strip().startswith("+"):
            if current is None:
                raise ConfigError(Errors.E200_SYNONYM_BEFORE_ANY_ACTOR, where=where, n=n)
            current["names"].append(_phrase(body.lstrip("+")))
        elif body and not raw[:1].isspace():
            current = {"names": [_phrase(body)], "blocks": [], "line": n}
            records.append(current)
        elif current is None:
            raise ConfigError(Errors.E200_CODE_BEFORE_ANY_ACTOR, where=where, n=n)
        current["blocks"].extend((b.strip(), n) for b in blocks)
    people: list[Person] = []
    orgs: list[Organization] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for rec in records:
        names = [n for n in rec["names"] if n]
        if not names or not rec["blocks"]:
            warnings.append(f"{where}:{rec['line']}: {names[:1]} has no code; skipped")
            continue
        ident = "tabari-" + _slug(names[0])
        while ident in seen:
            ident += "-x"
        seen.add(ident)
        roles: list[Role] = []
        default: tuple[str, str | None, str | None] | None = None
        for block, n in rec["blocks"]:
            parts = block.split()
            code = parts[0].upper()
            if not re.match(r"^[A-Z]{3}", code):
                warnings.append(f"{where}:{n}: code {code!r} is not CAMEO-style; skipped")
                continue
            country, org, sector = split_code(code)
            if len(parts) == 1:
                default = (country, org, sector)
                continue
            restriction = "".join(parts[1:])
            start = end = None
            if restriction.startswith("<"):
                end = parse_date(restriction[1:], f"{where}:{n}")
            elif restriction.startswith(">"):
                start = parse_date(restriction[1:], f"{where}:{n}")
            elif "-" in restriction:
                a, b = restriction.split("-", 1)
                start, end = parse_date(a, f"{where}:{n}"), parse_date(b, f"{where}:{n}")
            else:
                warnings.append(f"{where}:{n}: restriction {restriction!r} not understood; skipped")
                continue
            if sector is None:
                warnings.append(f"{where}:{n}: {code} has no sector we know; kept as country only")
            roles.append(Role(sector=sector or "UNK", start=start, end=end, org=org))
        first_country = (
            default[0] if default else split_code(rec["blocks"][0][0].split()[0].upper())[0]
        )
        display = names[0].title()
        if roles:
            people.append(
                Person(
                    id=ident,
                    name=display,
                    aliases=names,
                    country=first_country,
                    roles=roles,
                    default_sector=default[2] if default else None,
                    ignore_case=True,
                    comment=f"imported from {where}",
                )
            )
        elif default:
            country, org, sector = default
            orgs.append(
                Organization(
                    id=ident,
                    names=names,
                    country=country,
                    org=org,
                    sector=sector,
                    ignore_case=True,
                    comment=f"imported from {where}",
                )
            )
    return people, orgs, warnings


def parse_agents(text: str, where: str) -> tuple[list[Agent], list[str]]:
    """Agents (sector words) from an .agents file, with plurals and substitution sets."""
    subst = dict(_DEFAULT_SUBST)
    agents: list[Agent] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("<"):
            continue
        m = _SUBST_DEF.match(raw.split("#", 1)[0])
        if m:
            subst[m.group(1).upper()] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        blocks = _BLOCK.findall(line)
        if not blocks:
            warnings.append(f"{where}:{n}: no [code]; skipped")
            continue
        code = blocks[0].strip()
        sector = code.replace("~", "")[:3].upper()
        if sector not in SECTORS:
            warnings.append(f"{where}:{n}: sector {sector!r} unknown; skipped")
            continue
        body = _BLOCK.sub(" ", line)
        plural_m = re.search(r"\{([^}]*)\}", body)
        plurals: list[str] | None = None
        if plural_m:
            plurals = [_phrase(p).lower() for p in plural_m.group(1).split()]
            body = body[: plural_m.start()] + body[plural_m.end() :]
        phrase = _phrase(body).upper()
        if not phrase:
            warnings.append(f"{where}:{n}: empty phrase; skipped")
            continue
        markers = re.findall(r"![A-Z]+!", phrase)
        if markers:
            unknown = [mk for mk in markers if mk not in subst]
            if unknown:
                warnings.append(f"{where}:{n}: substitution {unknown[0]} not defined; skipped")
                continue
            words = []
            for combo in itertools.product(*(subst[mk] for mk in markers)):
                w = phrase
                for mk, rep in zip(markers, combo, strict=True):
                    w = w.replace(mk, rep, 1)
                words.append(_phrase(w).lower())
            plurals = []  # every listed form is used as is, no extra plural
        else:
            words = [phrase.lower()]
        ident = "tabari-" + _slug(phrase)
        while ident in seen:
            ident += "-x"
        seen.add(ident)
        agents.append(
            Agent(
                id=ident,
                words=words,
                plurals=plurals,
                sector=sector,
                comment=f"imported from {where}: [{code}]",
            )
        )
    return agents, warnings
