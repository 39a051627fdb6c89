"""Date, time and name entities by rule (spaCy's EntityRuler), in place of the statistical NER.

The patterns are data (src/detente/data/entity_patterns.yaml); this module expands
their ``$NAME`` shorthands into spaCy token patterns and adds the ruler to a pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy
import yaml

from detente import yaml_data
from detente.errors import ConfigError, Errors
from detente.nlp.shapes import memo_lookup, shape_keys

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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
    without a Python call per token and test. The ruler runs inside :class:`RunRuler`."""
    from spacy.language import Language
    from spacy.matcher import Matcher

    patterns = list(load_patterns())
    # spaCy validates them as written (an error names the pattern, as it did before)
    Matcher(nlp.vocab, validate=True).add(RULER, [p["pattern"] for p in patterns])
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER, last=True, config={"overwrite_ents": True, "validate": False}
    )
    ruler.add_patterns(native_patterns(patterns, nlp.vocab))
    if RUNS_FACTORY not in Language.factories:
        Language.factory(RUNS_FACTORY, func=_make_runs)
    runs = nlp.replace_pipe(RULER, RUNS_FACTORY)
    runs.ruler = ruler
    runs.prepare()


RUNS_FACTORY = "detente_entity_runs"

# What a pattern token may test for RunRuler to know, from a token's shape, whether it can
# match: the word's own attributes (one value per ORTH) and these of the token, read with
# Doc.to_array. Anything else (entity or sentence attributes, extensions), or the "!"
# operator (a token that matches nothing in particular), and the wrapped ruler runs alone.
_WORD_ATTRS_ALL = frozenset({
    "ORTH", "TEXT", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "IS_ALPHA", "IS_ASCII",
    "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP",
    "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_NUM",
    "LIKE_URL", "LIKE_EMAIL",
})
_TOKEN_ATTRS = ("POS", "TAG", "DEP", "LEMMA", "MORPH", "NORM")
# Token shapes remembered before the memo starts again (bounded memory).
MEMO_LIMIT = 200_000


class RunRuler:
    """Pipeline component standing in for the rule EntityRuler (same name in the pipeline):
    the same entities, with the ruler's Matcher run only over the runs of tokens that some
    pattern token can match, not over every token.

    A token no pattern token matches can be in no match, whatever the operators ("?",
    "*", "+"), so every match lies inside one such run and the Matcher finds it there
    (offsets shifted back); and a run where some required token of each pattern matches
    nowhere holds no match at all ("the" alone, "in" before no "May"). Which pattern
    tokens a token matches depends on its shape alone (its word and its tags): asked
    once per shape; and the matches within a run depend on which pattern tokens each of
    its tokens matches alone: asked of the Matcher once per such sequence (most runs are
    one or two words, the same few shapes again and again). The matches are then ordered and applied as
    EntityRuler.match and set_annotations do; where two patterns match the very same
    tokens, the order among them is the ruler's own to choose, so that document goes to
    the ruler. tests/test_entities.py compares the entities with spaCy's on the sample
    corpus. ``exact = True`` runs the wrapped ruler instead."""

    def __init__(self, ruler: Any):
        self.ruler = ruler
        self.exact = False
        self.supported = False
        self._memo: dict[bytes, int] = {}  # token shape (shapes.shape_keys) -> its mask
        # the masks of a run's tokens -> the ruler's matches in it (offsets from its start)
        self._found: dict[tuple[int, ...], tuple[tuple[int, int, int], ...]] = {}

    @property
    def patterns(self) -> list[dict[str, Any]]:
        return self.ruler.patterns  # type: ignore[no-any-return]

    def prepare(self) -> None:
        """Read the wrapped ruler's patterns: call again after they change."""
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self._memo.clear()
        self._found.clear()
        ruler = self.ruler
        vocab = ruler.nlp.vocab
        # Every pattern token (its operator left out) is a one-token pattern of its own:
        # bit n of a shape's mask says it matches the n-th.
        self._tokens = Matcher(vocab, validate=False)
        specs: dict[str, int] = {}
        self._needs: set[int] = set()  # per pattern, the bits of its required tokens
        attrs: set[str] = set()
        supported = len(ruler.phrase_matcher) == 0
        for entry in ruler.patterns:
            needs = 0
            for token in entry["pattern"] if isinstance(entry["pattern"], list) else []:
                op = token.get("OP", "")
                if op not in ("", "?", "*", "+", "1"):
                    supported = False
                spec = {k: v for k, v in token.items() if k.upper() != "OP"}
                attrs.update(k.upper() for k in spec)
                key = repr(sorted(spec.items()))
                if key not in specs:
                    specs[key] = len(specs)
                    self._tokens.add(str(specs[key]), [[spec]])
                if op in ("", "+", "1"):
                    needs |= 1 << specs[key]
            self._needs.add(needs)
        self._bit = {vocab.strings.add(str(n)): 1 << n for n in specs.values()}
        self._viable: dict[int, bool] = {}
        token_attrs = [a for a in _TOKEN_ATTRS if a in attrs]
        words = {a for a in attrs if a in _WORD_ATTRS_ALL or re.fullmatch(r"FLAG\d+", a)}
        self.supported = supported and attrs <= words | set(token_attrs)
        self._keys = [IDS["ORTH"]] + [IDS[a] for a in token_attrs]

    def __call__(self, doc: Doc) -> Doc:
        if self.exact or not self.supported:
            return self.ruler(doc)  # type: ignore[no-any-return]
        found = self._run_matches(doc)
        if found is None:
            return self.ruler(doc)  # type: ignore[no-any-return]
        self.ruler.set_annotations(doc, sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True))
        return doc

    def _run_matches(self, doc: Doc) -> set[tuple[int, int, int]] | None:
        """The ruler's matches (match id, start, end) found run by run; None when two
        patterns match the same tokens."""
        found: set[tuple[int, int, int]] = set()
        known = self._found
        if len(known) > MEMO_LIMIT:
            known.clear()
        for a, b, masks in self._runs(doc):
            in_run = known.get(masks)
            if in_run is None:
                in_run = known[masks] = self._matches_in(doc, a, b)
            for m_id, start, end in in_run:
                found.add((m_id, a + start, a + end))
        labels: dict[tuple[int, int], int] = {}
        for m_id, start, end in found:
            if labels.setdefault((start, end), m_id) != m_id:
                return None
        return found

    def _matches_in(self, doc: Doc, a: int, b: int) -> tuple[tuple[int, int, int], ...]:
        """The ruler's non-empty matches (match id, start, end) in ``doc[a:b]``, offsets
        from ``a``."""
        return tuple(
            (m_id, start, end)
            for m_id, start, end in self.ruler.matcher(doc[a:b], as_spans=False)
            if start != end
        )

    def _runs(self, doc: Doc) -> list[tuple[int, int, tuple[int, ...]]]:
        """(start, end, the tokens' masks) of each run of tokens some pattern token can
        match, where every required token of some pattern matches."""
        memo = self._memo
        if len(memo) > MEMO_LIMIT or len(self._viable) > MEMO_LIMIT:
            memo.clear()
            self._viable.clear()
        if not len(doc):
            return []
        keys = shape_keys(doc.to_array(self._keys))
        masks = memo_lookup(memo, keys, lambda i: self._mask(doc, i))
        # the runs of tokens with a mask: where "has a mask" turns on, and off again
        edges = numpy.flatnonzero(numpy.diff(numpy.array([0, *map(bool, masks), 0], dtype=numpy.int8)))
        runs: list[tuple[int, int, tuple[int, ...]]] = []
        for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
            run = tuple(masks[start:end])
            if self._may_match(reduce(or_, run)):
                runs.append((start, end, run))
        return runs

    def _mask(self, doc: Doc, i: int) -> int:
        """The bits of the pattern tokens token ``i`` matches (0: none)."""
        mask = 0
        for m_id, _, _ in self._tokens(doc[i : i + 1], as_spans=False):
            mask |= self._bit[m_id]
        return mask

    def _may_match(self, got: int) -> bool:
        """Whether the tokens of a run, matching the pattern tokens ``got``, hold every
        required token of some pattern (remembered: runs match few combinations)."""
        may = self._viable.get(got)
        if may is None:
            may = self._viable[got] = any(needs & got == needs for needs in self._needs)
        return may

    # The pipeline is never trained or serialized with this component in it; these keep
    # spaCy's generic calls (nlp.to_disk, nlp.pipe_labels) working all the same.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.ruler.to_bytes(**kwargs)  # type: ignore[no-any-return]

    def from_bytes(self, data: bytes, **kwargs: Any) -> RunRuler:
        self.ruler.from_bytes(data, **kwargs)
        self.prepare()
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.ruler.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> RunRuler:
        self.ruler.from_disk(path, **kwargs)
        self.prepare()
        return self


def _make_runs(nlp: Any, name: str) -> RunRuler:
    """An empty RunRuler; add_entity_ruler hands it the EntityRuler right after."""
    return RunRuler(None)
