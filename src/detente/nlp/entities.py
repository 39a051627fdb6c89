"""Date, time and name entities by rule (spaCy's EntityRuler), in place of the statistical NER.

The patterns are data (src/detente/data/entity_patterns.yaml); this module expands
their ``$NAME`` shorthands into spaCy token patterns and adds the ruler to a pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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


# Word tests of the patterns (IN, NOT_IN and REGEX on a token's text or lower case) that
# become lexeme flags: spaCy's Matcher calls a Python predicate per token for each such
# test (about 18 per token, most of the ruler's time), while a flag is one bit read in C.
_WORD_ATTRS = {"TEXT": "TEXT", "ORTH": "TEXT", "LOWER": "LOWER"}
_FIRST_FLAG, _LAST_FLAG = 19, 63  # spaCy's free lexeme flag bits (FLAG19 ... FLAG63)


class WordTest:
    """A lexeme flag getter: whether a word (its text, or its lower case) is in a set of
    words or matches a regular expression, exactly as spaCy's Matcher predicates test it
    (``IN``/``NOT_IN`` compare the whole string, ``REGEX`` is ``re.search``). A class, not
    a lambda, so that a vocabulary holding it can still be pickled."""

    def __init__(self, attr: str, op: str, value: Any):
        self.lower = attr == "LOWER"
        self.words = frozenset(str(v) for v in value) if op != "REGEX" else None
        self.regex = re.compile(value) if op == "REGEX" else None
        self.key = (attr, "REGEX" if op == "REGEX" else "IN",
                    value if op == "REGEX" else tuple(sorted(self.words or ())))

    def __call__(self, string: str) -> bool:
        word = string.lower() if self.lower else string
        if self.words is not None:
            return word in self.words
        return self.regex.search(word) is not None  # type: ignore[union-attr]


def native_patterns(patterns: Sequence[dict[str, Any]], vocab: Any) -> list[dict[str, Any]]:
    """The same patterns with every word test turned into a lexeme flag of ``vocab``
    (``{"LOWER": {"IN": [...]}}`` becomes ``{"FLAG19": True}``, ``NOT_IN`` the flag's
    ``False``). A flag is a function of the word alone, as these tests are, so every
    token matches exactly the same pattern tokens (tests/test_entities.py compares the
    entities of both on the sample corpus). Flags already given to ``vocab`` by an
    earlier pipeline built on it are reused."""
    getters = vocab.lex_attr_getters
    flags: dict[tuple[Any, ...], int] = {
        g.key: bit for bit, g in getters.items() if isinstance(g, WordTest)
    }
    new_flags: dict[int, WordTest] = {}
    out = []
    for entry in patterns:
        tokens = []
        for token in entry["pattern"]:
            new: dict[str, Any] = {}
            for key, value in token.items():
                attr = _WORD_ATTRS.get(key.upper())
                ops = list(value) if isinstance(value, dict) else []
                if attr is None or len(ops) != 1 or ops[0] not in ("IN", "NOT_IN", "REGEX"):
                    new[key] = value
                    continue
                test = WordTest(attr, ops[0], value[ops[0]])
                bit = flags.get(test.key)
                if bit is None:
                    free = [b for b in range(_FIRST_FLAG, _LAST_FLAG + 1)
                            if b not in getters and b not in new_flags]
                    if not free:  # more word tests than spaCy has flags: keep the predicate
                        new[key] = value
                        continue
                    bit = flags[test.key] = free[0]
                    new_flags[bit] = test
                new[f"FLAG{bit}"] = ops[0] != "NOT_IN"
            tokens.append(new)
        out.append({**entry, "pattern": tokens})
    if new_flags:  # Vocab.add_flag for each, in one pass over the words the vocabulary has
        for lex in vocab:
            word = lex.orth_
            for bit, test in new_flags.items():
                lex.set_flag(bit, test(word))
        getters.update(new_flags)
    return out


def add_entity_ruler(nlp: Language) -> None:
    """Last in the pipeline: the PERSON patterns read part-of-speech tags.

    The patterns are validated as written, then handed to spaCy's EntityRuler with their
    word tests as lexeme flags (:func:`native_patterns`): the same entities, found
    without a Python call per token and test."""
    from spacy.matcher import Matcher

    patterns = list(load_patterns())
    # spaCy validates them as written (an error names the pattern, as it did before)
    Matcher(nlp.vocab, validate=True).add(RULER, [p["pattern"] for p in patterns])
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER, last=True, config={"overwrite_ents": True, "validate": False}
    )
    ruler.add_patterns(native_patterns(patterns, nlp.vocab))
