"""Date, time and name entities by rule (spaCy's EntityRuler), in place of the statistical NER.

The patterns are data (src/detente/data/entity_patterns.yaml); this module expands
their ``$NAME`` shorthands into spaCy token patterns and adds the ruler to a pipeline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from detente import yaml_data
from detente.errors import ConfigError, Errors

if TYPE_CHECKING:
    from spacy.language import Language

PATTERNS_FILE = Path(__file__).resolve().parents[1] / "data" / "entity_patterns.yaml"
RULER = "detente_entities"
LABELS = ("DATE", "TIME", "PERSON")


def _token(value: Any, tokens: dict[str, Any], where: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if not (isinstance(value, str) and value.startswith("$")):
        raise ConfigError(
            Errors.E200_BAD_TOKEN_PATTERN,
            name=PATTERNS_FILE.name,
            where=where,
            value=value,
        )
    name, optional = value[1:].rstrip("?"), value.endswith("?")
    if name not in tokens:
        raise ConfigError(
            Errors.E200_UNDEFINED_TOKEN_NAME,
            name=PATTERNS_FILE.name,
            where=where,
            name2=name,
        )
    spec = tokens[name]
    token = {"LOWER": {"IN": [str(w) for w in spec]}} if isinstance(spec, list) else dict(spec)
    if optional:
        token["OP"] = "?"
    return token


def expand(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """EntityRuler patterns from the file's ``tokens`` and ``patterns``."""
    tokens = raw.get("tokens") or {}
    out = []
    for n, entry in enumerate(raw.get("patterns") or [], start=1):
        where = f"pattern {n}"
        label = entry.get("label") if isinstance(entry, dict) else None
        if label not in LABELS or not isinstance(entry.get("pattern"), list):
            raise ConfigError(
                Errors.E200_BAD_ENTITY_PATTERN,
                name=PATTERNS_FILE.name,
                where=where,
                labels=', '.join(LABELS),
                entry=entry,
            )
        out.append(
            {
                "label": label,
                "id": f"{label.lower()}-{n}",
                "pattern": [_token(t, tokens, where) for t in entry["pattern"]],
            }
        )
    return out


@lru_cache(maxsize=2)
def load_patterns(path: Path = PATTERNS_FILE) -> tuple[dict[str, Any], ...]:
    try:
        raw = yaml_data.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E200_CANNOT_READ_ENTITY_PATTERNS, path=path, exc=exc) from exc
    return tuple(expand(raw or {}))


def add_entity_ruler(nlp: Language) -> None:
    """Last in the pipeline: the PERSON patterns read part-of-speech tags."""
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER, last=True, config={"overwrite_ents": True, "validate": True}
    )
    ruler.add_patterns(list(load_patterns()))
