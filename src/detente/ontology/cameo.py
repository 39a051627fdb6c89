"""CAMEO event codes: names, Goldstein scores, quad classes and their PLOVER mapping.

The one place detente answers "what is code 1663?". The knowledge lives in
``detente/data/cameo.tsv``; this module loads it once, checks every row (a bad
row raises ConfigError naming its line) and cross-checks the PLOVER columns
against ``plover.yaml``.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from detente.errors import ConfigError, Errors, OntologyError
from detente.ontology._data import read_data_text
from detente.ontology.plover import PloverOntology, default_plover

DEFAULT_CAMEO_FILE = "cameo.tsv"
COLUMNS = [
    "code",
    "name",
    "goldstein",
    "quad_class",
    "plover",
    "plover_mode",
    "plover_context",
    "comment",
]
# CAMEO's quad classes by root, as the project uses them (see the header of cameo.tsv).
_QUAD_BY_ROOT = {
    f"{n:02d}": 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4 for n in range(1, 21)
}
_CODE_RE = re.compile(r"\d{2,4}")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with everything detente attaches to it."""

    code: str  # "01" .. "2042", leading zero kept
    name: str
    root: str  # the 2-digit cue category, e.g. "16"
    level: int  # 2, 3 or 4 digits
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    plover: str | None  # None for root 01 (statements), which PLOVER dropped
    plover_mode: str | None
    plover_context: str | None  # ';'-separated when several
    comment: str = ""

    @property
    def parent(self) -> str | None:
        """The code one level up ("1663" -> "166", "166" -> "16", "16" -> None)."""
        return None if self.level == 2 else self.code[:-1]

    @property
    def contexts(self) -> list[str]:
        return self.plover_context.split(";") if self.plover_context else []

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class CameoTable:
    """All codes of one loaded table, indexed by code."""

    def __init__(self, codes: list[CameoCode], source: str):
        self.source = source
        self.codes: dict[str, CameoCode] = {c.code: c for c in sorted(codes, key=lambda c: c.code)}

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> CameoCode | None:
        try:
            return self.codes.get(normalize_code(code))
        except OntologyError:
            return None

    def lookup(self, code: str) -> CameoCode:
        key = normalize_code(code)
        found = self.codes.get(key)
        if found is not None:
            return found
        if key[:2] not in self.codes:
            raise OntologyError(Errors.E300_UNKNOWN_CAMEO_CODE_AND_ROOT, key=key)
        for cut in (3, 2):
            near = self.codes.get(key[:cut]) if len(key) > cut else None
            if near is not None:
                raise OntologyError(
                    Errors.E300_UNKNOWN_CAMEO_CODE_NEAR,
                    key=key, near=near.code, near_name=near.name, root=key[:2],
                )
        raise OntologyError(Errors.E300_UNKNOWN_CAMEO_CODE, key=key, root=key[:2])

    def in_root(self, root: str) -> list[CameoCode]:
        key = normalize_code(root)
        if len(key) != 2 or key not in self.codes:
            raise OntologyError(Errors.E300_UNKNOWN_CAMEO_ROOT, root=root)
        return [c for c in self.codes.values() if c.root == key]

    def children(self, code: str) -> list[CameoCode]:
        """The codes directly under a code ("16" -> 160..166; "166" -> 1661..1663)."""
        parent = self.lookup(code)
        return [c for c in self.codes.values() if c.parent == parent.code]

    def for_plover(self, label: str, plover: PloverOntology | None = None) -> list[CameoCode]:
        """Codes (3 and 4 digits, plus roots) whose PLOVER type is ``label`` (2016 labels ok)."""
        name = (plover or default_plover()).map_label(label)
        return [c for c in self.codes.values() if c.plover == name]


def normalize_code(code: str) -> str:
    """Canonical text of a CAMEO code: digits only, leading zero kept.

    A single digit is read as a root ("1" -> "01", as some exports drop the zero).
    Integers are refused: 10 could be root 10 or code 010, so we will not guess.
    """
    if isinstance(code, bool) or not isinstance(code, str):
        raise OntologyError(
            Errors.E300_CAMEO_CODE_NOT_TEXT,
            code_type=type(code).__name__,
            code=code,
        )
    text = code.strip()
    if len(text) == 1 and text.isdigit():
        text = "0" + text
    if not _CODE_RE.fullmatch(text):
        raise OntologyError(Errors.E300_NOT_A_CAMEO_CODE, code=code)
    return text


# -- loading and validation ----------------------------------------------------------


def _check_row(
    fields: dict[str, str], plover: PloverOntology, covered: set[str]
) -> tuple[CameoCode | None, list[str]]:
    """Build one CameoCode or say what is wrong with the row."""
    problems: list[str] = []
    code = fields["code"].strip()
    if not _CODE_RE.fullmatch(code):
        return None, [f"code {code!r} is not 2-4 digits"]
    root = code[:2]
    if root not in _QUAD_BY_ROOT:
        return None, [f"code {code}: root {root} is not a CAMEO root (01-20)"]
    name = fields["name"].strip()
    if not name:
        problems.append(f"code {code}: name is empty")
    goldstein = math.nan
    try:
        goldstein = float(fields["goldstein"])
    except ValueError:
        problems.append(f"code {code}: goldstein {fields['goldstein']!r} is not a number")
    else:
        if not -10.0 <= goldstein <= 10.0:
            problems.append(f"code {code}: goldstein {goldstein} is outside [-10, 10]")
    quad = 0
    try:
        quad = int(fields["quad_class"])
    except ValueError:
        problems.append(f"code {code}: quad_class {fields['quad_class']!r} is not 1-4")
    else:
        if quad != _QUAD_BY_ROOT[root]:
            problems.append(
                f"code {code}: quad_class {quad} does not match root {root} "
                f"(expected {_QUAD_BY_ROOT[root]})"
            )
    ptype = fields["plover"].strip() or None
    mode = fields["plover_mode"].strip() or None
    context = fields["plover_context"].strip() or None
    if ptype is None:
        if root in covered:
            problems.append(f"code {code}: plover is empty but root {root} has PLOVER types")
        if mode or context:
            problems.append(f"code {code}: plover_mode/plover_context given without a plover type")
    elif not plover.is_type(ptype) or ptype != ptype.upper():
        problems.append(
            f"code {code}: plover {ptype!r} is not a current PLOVER type "
            f"({', '.join(plover.types)})"
        )
    elif root not in covered:
        problems.append(f"code {code}: root {root} has no PLOVER type, but plover is {ptype}")
    elif mode is not None and mode not in plover.types[ptype].mode_names:
        allowed = ", ".join(plover.types[ptype].mode_names) or "none"
        problems.append(f"code {code}: mode {mode!r} is not a {ptype} mode (allowed: {allowed})")
    if context is not None:
        for part in context.split(";"):
            if part.strip() not in plover.contexts:
                problems.append(f"code {code}: context {part.strip()!r} is not a PLOVER context")
        context = ";".join(p.strip() for p in context.split(";"))
    if problems:
        return None, problems
    return (
        CameoCode(
            code=code,
            name=name,
            root=root,
            level=len(code),
            goldstein=goldstein,
            quad_class=quad,
            plover=ptype,
            plover_mode=mode,
            plover_context=context,
            comment=fields["comment"].strip(),
        ),
        [],
    )


def load_cameo(
    path: str | Path | None = None, *, plover: PloverOntology | None = None
) -> CameoTable:
    """Load and validate a CAMEO table (the packaged cameo.tsv by default).

    Checks every row: code format, unique codes, every code's root and parent
    present, Goldstein in [-10, 10], quad class consistent with the root, PLOVER
    type/mode/context known to ``plover`` (the packaged plover.yaml by default).
    Raises ConfigError whose message names the line(s) at fault.
    """
    plover = plover or default_plover()
    covered = plover.covered_roots
    text, source = read_data_text(path, DEFAULT_CAMEO_FILE)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    problems: list[str] = []
    codes: list[CameoCode] = []
    line_of: dict[str, int] = {}
    header_seen = False
    for row in reader:
        line = reader.line_num
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            if [c.strip() for c in row] != COLUMNS:
                problems.append(f"line {line}: header must be {' | '.join(COLUMNS)}")
                break
            continue
        if len(row) != len(COLUMNS):
            problems.append(
                f"line {line}: {len(row)} tab-separated fields, expected {len(COLUMNS)}"
            )
            continue
        built, errs = _check_row(dict(zip(COLUMNS, row, strict=True)), plover, covered)
        problems.extend(f"line {line}: {e}" for e in errs)
        if built is None:
            continue
        if built.code in line_of:
            problems.append(
                f"line {line}: code {built.code} already defined on line {line_of[built.code]}"
            )
            continue
        line_of[built.code] = line
        codes.append(built)
    if not header_seen:
        problems.append("no header row found")
    known = set(line_of)
    for c in codes:
        if c.parent is not None and c.parent not in known:
            what = "root" if c.level == 3 else "parent code"
            problems.append(f"line {line_of[c.code]}: code {c.code} has no {what} {c.parent}")
    if problems:
        shown = "; ".join(problems[:6])
        if len(problems) > 6:
            shown += f"; and {len(problems) - 6} more"
        raise ConfigError(
            Errors.E200_BAD_CAMEO_TABLE, problems=shown, columns=", ".join(COLUMNS), source=source
        )
    return CameoTable(codes, source)


@functools.lru_cache(maxsize=1)
def default_cameo() -> CameoTable:
    """The packaged table, loaded and validated once per process."""
    return load_cameo()


# -- the module-level questions the rest of detente asks ------------------------------


def lookup(code: str) -> CameoCode:
    """Everything about one CAMEO code: ``lookup("1663").plover == "SANCTION"``.

    Raises OntologyError (with the closest known code as a hint) for unknown codes.
    """
    return default_cameo().lookup(code)


def is_valid(code: str) -> bool:
    """True when ``code`` is a CAMEO code in the table (text, leading zero kept)."""
    return default_cameo().get(code) is not None


def all_codes() -> list[CameoCode]:
    """Every code, roots included, in code order (which is also tree order)."""
    return list(default_cameo().codes.values())


def root_of(code: str) -> str:
    """The 2-digit cue category of a known code ("1663" -> "16")."""
    return default_cameo().lookup(code).root


def codes_in_root(root: str) -> list[CameoCode]:
    """The root itself and every code under it."""
    return default_cameo().in_root(root)


def codes_for_plover(label: str) -> list[CameoCode]:
    """Codes whose PLOVER type is ``label`` (current or 2016 label, any case)."""
    return default_cameo().for_plover(label)
