"""en_core_web_sm's attribute_ruler, memoized: the same POS, TAG, MORPH, LEMMA and DEP for less.

The shipped AttributeRuler runs a Matcher of 179 patterns over every token of every
document (about an eighth of a run's time). Almost all of its patterns look at one
token and only at that token's LOWER, TAG, DEP and IS_SPACE, so which of them match
is a function of those four values: we match a token shape once with the ruler's own
patterns (spaCy's Matcher, so REGEX, IN and NOT_IN keep their exact meaning) and
remember the answer. The few patterns that span two tokens ("gon na", "there is")
still run as a Matcher, but only from the tokens where their first token matches (a
part of the same memo): without operators, a match that starts there ends within the
longest pattern's length.

The result is applied as spaCy applies it: every matching pattern, in pattern order,
the later one winning for an attribute both set; the merged values of each set of
patterns are a row of a table, written to the document in one array operation. tests/test_speed_attributes.py checks
that a document gets the same attributes, tensor and coded output as with the ruler.
If a model's patterns use anything else (operators, other token attributes), the
component falls back to the ruler itself.

The rule lemmatizer that follows gets the same treatment (LemmaLookup): its answer
depends on a token's text, POS and morphology only, so it is asked once per triple.
Figures: docs/SPEED_HISTORY.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import IDS
from spacy.matcher import Matcher

from detente.nlp.shapes import memo_lookup, shape_keys

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

FACTORY = "detente_attribute_lookup"

# Token attributes a memoized single-token pattern may test: all are read with
# Doc.to_array, and none depends on a neighbour.
_KEY_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT",
              "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER", "IS_LOWER", "LIKE_NUM", "SHAPE")
# Attributes the lookup may write (Doc.from_array sets them as set_token_attrs does).
_SET_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
# Distinct token shapes remembered before the memo starts again (bounded memory).
MEMO_LIMIT = 200_000


def _alternatives(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The pattern with each ``{"TAG": {"IN": [...]}}`` (or DEP) written out as one pattern
    per value: a token has one tag, so exactly one of them matches where the set did."""
    out: list[list[dict[str, Any]]] = [[]]
    for token in pattern:
        options: list[dict[str, Any]] = [{}]
        for key, value in token.items():
            values = (
                value["IN"]
                if key.upper() in ("TAG", "DEP") and isinstance(value, dict) and list(value) == ["IN"]
                else [value]
            )
            options = [{**o, key: v} for o in options for v in values]
        out = [p + [o] for p in out for o in options]
    return out


def _native(patterns: list[list[dict[str, Any]]], vocab: Any) -> list[list[dict[str, Any]]]:
    """The multi-token patterns without Python predicates, so that the Matcher calls none
    per token: word tests become lexeme flags (detente.nlp.entities.native_patterns) and
    tag or dependency sets become alternatives. The same (pattern, start, end) matches,
    which __call__ reads as a set."""
    from detente.nlp.entities import native_patterns

    out = []
    for entry in native_patterns([{"pattern": p} for p in patterns], vocab):
        out.extend(_alternatives(entry["pattern"]))
    return out


def _tags_admitted(token: dict[str, Any]) -> frozenset[str] | None:
    """The tags a pattern token can match, when it names them (``"TAG": "NN"`` or
    ``"TAG": {"IN": [...]}``); None when it may match a token of any tag."""
    for key, value in token.items():
        if key.upper() != "TAG":
            continue
        if isinstance(value, str):
            return frozenset([value])
        if isinstance(value, dict) and list(value) == ["IN"]:
            return frozenset(value["IN"])
    return None


class AttributeLookup:
    """Pipeline component standing in for ``attribute_ruler`` (same name in the pipeline).

    ``exact = True`` runs the wrapped AttributeRuler instead (the reference for tests
    and benchmarks).
    """

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.exact = False
        # token shape (shapes.shape_keys) -> the row of the patterns it matches alone, times
        # two, plus one if a multi-token pattern may start at it
        self._memo: dict[bytes, int] = {}
        self._merged: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self._prepare()

    def _prepare(self) -> None:
        ruler = self.ruler
        vocab = ruler.vocab
        # match id -> each of its one-token patterns with the tags it admits (None: any)
        self._singles: dict[str, list[tuple[list[dict[str, Any]], frozenset[str] | None]]] = {}
        self._by_tag: dict[str, Matcher] = {}
        self._multi = Matcher(vocab, validate=False)  # flags: see _native
        self._starts = Matcher(vocab)  # the first tokens of the multi-token patterns
        checked = Matcher(vocab)  # the patterns as written, validated as before
        keys: set[str] = set()
        supported = True
        self._span = 0  # tokens of the longest multi-token pattern
        for i, entry in enumerate(ruler.patterns):
            patterns = entry["patterns"]
            if any(not p or any("OP" in t for t in p) for p in patterns):
                supported = False
            if all(len(p) == 1 for p in patterns):
                checked.add(str(i), patterns)
                self._singles[str(i)] = [(p, _tags_admitted(p[0])) for p in patterns]
                keys.update(k.upper() for p in patterns for t in p for k in t)
            else:
                checked.add(str(i), patterns)
                self._multi.add(str(i), _native(patterns, vocab))
                self._starts.add("start", [p[:1] for p in patterns])
                keys.update(k.upper() for p in patterns for k in p[0])
                self._span = max(self._span, *map(len, patterns))
        set_attrs = {k for attrs in ruler.attrs for k in attrs}
        self._cols = [IDS[a] for a in _SET_ATTRS]
        if not keys <= set(_KEY_ATTRS) or not set_attrs <= set(self._cols):
            supported = False
        self.supported = supported
        self._keys = [IDS[k] for k in sorted(keys)] or [IDS["ORTH"]]
        # what __call__ reads in one array: the shape's attributes, then the ones it may set
        self._read = self._keys + self._cols
        self._col_of = {attr: n for n, attr in enumerate(self._cols)}
        # Row r: the values the patterns of self._rows' r-th key set, and which columns
        # they set (row 0: no pattern). Built as shapes are met, as the memo is.
        self._rows: dict[tuple[int, ...], int] = {(): 0}
        self._row_ids: list[tuple[int, ...]] = [()]
        self._values = numpy.zeros((1, len(self._cols)), dtype=numpy.uint64)
        self._sets = numpy.zeros((1, len(self._cols)), dtype=bool)

    def __call__(self, doc: Doc) -> Doc:
        if self.exact or not self.supported or len(doc) == 0:
            return self.ruler(doc)
        read = doc.to_array(self._read)
        rows, starts = self._single_matches(doc, read[:, : len(self._keys)])
        if starts:
            index = self.ruler.indices
            strings = doc.vocab.strings
            for start, m_id, end in self._multi_matches(doc, starts):
                attr_id = int(strings[m_id])
                i = index[attr_id]
                token = (start + i) if i >= 0 else (end + i)
                if not start <= token < end:
                    return self.ruler(doc)  # the ruler raises its own error (E1001)
                ids = (*self._row_ids[rows[token]], attr_id)
                rows[token] = self._row(tuple(sorted(ids)))
        if not rows.any():
            return doc
        sets = self._sets[rows]
        values = read[:, len(self._keys) :]  # the multi-token matching changed nothing
        values[sets] = self._values[rows][sets]
        doc.from_array(self._cols, values)
        return doc

    def _multi_matches(self, doc: Doc, starts: list[int]) -> Iterator[tuple[int, int, int]]:
        """(start, match id, end) of the multi-token patterns, matched only where their
        first token matches: a pattern without operators that starts at ``i`` lies in
        ``doc[i : i + self._span]``, whatever the rest of the document holds."""
        for i in starts:
            for m_id, start, end in self._multi(doc[i : i + self._span], allow_missing=True,
                                                 as_spans=False):
                if start == 0:
                    yield i, m_id, i + end

    def _single_matches(self, doc: Doc, shapes: numpy.ndarray | None = None
                        ) -> tuple[numpy.ndarray, list[int]]:
        """The row (of the patterns matching it alone) of each token, memoized by shape
        (``shapes``: the document's array of ``self._keys`` when the caller has read it),
        and the tokens where a multi-token pattern may start."""
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        keys = shape_keys(doc.to_array(self._keys) if shapes is None else shapes)
        # a shape's code: its row times two, plus one where a multi-token pattern may start
        codes = numpy.array(memo_lookup(memo, keys, lambda i: self._code(doc, i)), dtype=numpy.intp)
        return codes >> 1, numpy.flatnonzero(codes & 1).tolist()

    def _code(self, doc: Doc, i: int) -> int:
        row, starts = self._shape(doc, i)
        return 2 * row + starts

    def _shape(self, doc: Doc, i: int) -> tuple[int, bool]:
        """What token ``i``'s shape gets: the row of the single-token patterns it matches,
        and whether it may start a multi-token pattern."""
        token = doc[i : i + 1]
        strings = doc.vocab.strings
        found = self._matcher_for(doc[i].tag_)(token, allow_missing=True, as_spans=False)
        ids = tuple(sorted(int(strings[m]) for m, _, _ in found))
        return self._row(ids), bool(len(self._starts) and self._starts(token, allow_missing=True))

    def _matcher_for(self, tag: str) -> Matcher:
        """The one-token patterns a token tagged ``tag`` may match, as a Matcher: the ruler
        tests most of its patterns on one tag each, and matching a new shape against those
        of its own tag only (about a tenth of them) gives the same matches for less."""
        matcher = self._by_tag.get(tag)
        if matcher is None:
            matcher = self._by_tag[tag] = Matcher(self.ruler.vocab, validate=False)  # _prepare did
            for key, patterns in self._singles.items():
                admitted = [p for p, tags in patterns if tags is None or tag in tags]
                if admitted:
                    matcher.add(key, admitted)
        return matcher

    def _row(self, ids: tuple[int, ...]) -> int:
        """The row of the values the patterns ``ids`` set, applied in order, the last winning."""
        row = self._rows.get(ids)
        if row is None:
            values = numpy.zeros((1, len(self._cols)), dtype=numpy.uint64)
            sets = numpy.zeros((1, len(self._cols)), dtype=bool)
            for col, value in self._merge(ids):
                values[0, col] = value
                sets[0, col] = True
            row = self._rows[ids] = len(self._row_ids)
            self._row_ids.append(ids)
            self._values = numpy.vstack([self._values, values])
            self._sets = numpy.vstack([self._sets, sets])
        return row

    def _merge(self, ids: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(column, value) pairs of the patterns ``ids`` applied in order, the last winning."""
        got = self._merged.get(ids)
        if got is None:
            values: dict[int, int] = {}
            for attr_id in ids:
                for attr, value in self.ruler.attrs[attr_id].items():
                    values[self._col_of[attr]] = value
            got = self._merged[ids] = tuple(values.items())
        return got

    # The pipeline is never trained or serialized with this component in it; these keep
    # spaCy's generic calls (nlp.to_disk, nlp.pipe_labels) working all the same.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.ruler.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> AttributeLookup:
        self.ruler.from_bytes(data, **kwargs)
        self._memo.clear()
        self._merged.clear()
        self._prepare()
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.ruler.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> AttributeLookup:
        self.ruler.from_disk(path, **kwargs)
        self._memo.clear()
        self._merged.clear()
        self._prepare()
        return self


class _Index(list):  # type: ignore[type-arg]
    """A part of speech's words in spaCy's ``lemma_index`` table, answering ``in`` from a
    set. The table holds them as a list (up to 57,528 words for nouns), and the rule
    lemmatizer asks ``form in index`` for each suffix rule that applies: a scan of the
    list each time, about 0.3 ms per new word. The items, their order, equality and
    serialization are the list's; the tables are read, never changed, while coding."""

    __slots__ = ("_members",)

    def __init__(self, items: list[str]):
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def index_as_sets(lemmatizer: Any) -> None:
    """Give the lemmatizer's ``lemma_index`` lists set lookups (:class:`_Index`); lists of
    anything but strings stay as they are."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if type(words) is list and all(isinstance(w, str) for w in words):
            table[key] = _Index(words)


class LemmaLookup:
    """Pipeline component standing in for en_core_web_sm's rule ``lemmatizer`` (same name).

    In "rule" mode a token's lemma is a function of its text, POS and morphology (spaCy's
    own cache is keyed by the same three), so the lemmatizer is asked once per distinct
    triple and the answers are written to the document in one array. Tokens that already
    have a lemma (from the attribute rules) are left alone, as the lemmatizer leaves them.
    ``exact = True`` runs the wrapped lemmatizer instead.
    """

    _COLS = (IDS["ORTH"], IDS["POS"], IDS["MORPH"], IDS["LEMMA"])

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.exact = False
        self._memo: dict[bytes, int] = {}  # (orth, pos, morph) as shapes.shape_keys -> lemma

    @property
    def supported(self) -> bool:
        return getattr(self.lemmatizer, "mode", None) == "rule" and not self.lemmatizer.overwrite

    def __call__(self, doc: Doc) -> Doc:
        if self.exact or not self.supported or len(doc) == 0:
            return self.lemmatizer(doc)
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        values = doc.to_array(list(self._COLS))
        todo = numpy.flatnonzero(values[:, 3] == 0)  # no lemma from the attribute rules
        if not len(todo):
            return doc
        keys = shape_keys(values[todo, :3])
        lemmatize = self.lemmatizer.lemmatize
        add = doc.vocab.strings.add
        lemmas = memo_lookup(memo, keys, lambda k: add(lemmatize(doc[int(todo[k])])[0]))
        values[todo, 3] = numpy.array(lemmas, dtype=numpy.uint64)
        doc.from_array([IDS["LEMMA"]], values[:, 3:4])
        return doc

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.lemmatizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> LemmaLookup:
        self.lemmatizer.from_bytes(data, **kwargs)
        self._memo.clear()
        index_as_sets(self.lemmatizer)
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.lemmatizer.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> LemmaLookup:
        self.lemmatizer.from_disk(path, **kwargs)
        self._memo.clear()
        index_as_sets(self.lemmatizer)
        return self


LEMMA_FACTORY = "detente_lemma_lookup"


def replace_lemmatizer(nlp: Any) -> None:
    """Put a LemmaLookup in place of the pipeline's ``lemmatizer`` (same name)."""
    from spacy.language import Language

    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if isinstance(lemmatizer, LemmaLookup):
        return
    if LEMMA_FACTORY not in Language.factories:
        Language.factory(LEMMA_FACTORY, func=_make_lemma)
    lookup = nlp.replace_pipe("lemmatizer", LEMMA_FACTORY)
    lookup.lemmatizer = lemmatizer
    index_as_sets(lemmatizer)


def _make_lemma(nlp: Any, name: str) -> LemmaLookup:
    """An empty lookup; replace_lemmatizer hands it the model's lemmatizer right after."""
    return LemmaLookup(None)


def replace_attribute_ruler(nlp: Any) -> None:
    """Put an AttributeLookup in place of the pipeline's ``attribute_ruler`` (same name)."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return
    if FACTORY not in Language.factories:
        Language.factory(FACTORY, func=_make)
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, AttributeLookup):
        return
    lookup = nlp.replace_pipe("attribute_ruler", FACTORY)
    lookup.ruler = ruler
    lookup._prepare()


def _make(nlp: Any, name: str) -> AttributeLookup:
    """An empty lookup; replace_attribute_ruler hands it the model's ruler right after."""
    from spacy.pipeline import AttributeRuler

    return AttributeLookup(AttributeRuler(nlp.vocab, name))
