"""The trained event decision: rules propose, the model disposes.

Per sentence, a linear classifier per PLOVER type says whether the sentence reports
an event of that type; for each type it keeps, two linear scorers choose the source
and target countries among the candidates of the article context (the sentence's
actors, the article's most salient actors, the previous sentence's actors). A keep
scorer judges each rule event (its rule, how its actors were found, its modality,
the sentence): rules propose, the model disposes; where the rules coded nothing, the
model may add events of its own.
Confidence is the joint score passed through an isotonic calibration fitted on
cross-validated predictions, so 0.7 means about 7 in 10 such events are right.

A model file is data, never code: one ``.npz`` (numpy, ``allow_pickle=False``) of
weight arrays plus a JSON header (format, version, types, thresholds, training
card). Loading checks the format name, the version and every array's shape, and
refuses anything else with a ModelError.
"""

from __future__ import annotations

import copy
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from detente.errors import Errors, ModelError
from detente.events.context import FROM_ARTICLE
from detente.learn.features import (
    SentenceView,
    actor_strings,
    needs,
    partner_ranks,
    rule_event_strings,
    salience_ranks,
    sentence_views,
)
from detente.records import ActorRef, Event, Mention, content_id

FORMAT = "detente-event-model"
FORMAT_VERSION = 4  # 3: CRC-32 feature hashing; 4: keep scorer of rule events
HASH_BITS = 18
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "data" / "models" / "events-news.npz"
_ARRAYS = ("type_w", "type_b", "type_wd", "src_w", "tgt_w", "keep_w", "calib_x", "calib_y",
           "rule_calib_x", "rule_calib_y")
_SPARSE = ("type_w", "src_w", "tgt_w", "keep_w")  # weights of hashed features: mostly 0


def hash_rows(rows: Iterable[list[str]]) -> Any:
    """String features hashed into 2**HASH_BITS columns (CRC-32, counts), as a sparse
    matrix: no vocabulary to store, and no scikit-learn import to code with a model."""
    import scipy.sparse as sp

    row_of, cols, counts, n = _hashed(rows)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=n), out=indptr[1:])
    # entries sorted by row, then column, with duplicates summed: what sum_duplicates gives
    X = sp.csr_matrix((counts.astype(np.float64), cols, indptr), shape=(n, 2**HASH_BITS))
    X.has_canonical_format = True
    return X


class _Crcs(dict):  # type: ignore[type-arg]
    """CRC-32 of the feature strings seen lately: most features (an actor's rank, a rule
    id, a common lemma) come back in every article, and a look-up costs less than encoding
    and hashing. Bounded: emptied when full (at most a few MB)."""

    def __missing__(self, f: str) -> int:
        import zlib

        if len(self) >= _CRC_MAX:
            self.clear()
        h = self[f] = zlib.crc32(f.encode("utf-8", "surrogatepass"))
        return h


_CRC = _Crcs()
_CRC_MAX = 2**16


def _hashed(rows: Iterable[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The hashed features of ``rows`` as (row, column, count) triples, sorted by row and
    then column, one per distinct (row, column): the entries of ``hash_rows``' matrix."""
    rows = list(rows)
    lengths = list(map(len, rows))
    hashes = np.fromiter(map(_CRC.__getitem__, chain.from_iterable(rows)), dtype=np.int64,
                         count=sum(lengths))
    n = len(lengths)
    mask = 2**HASH_BITS - 1
    keys = np.repeat(np.arange(n, dtype=np.int64), lengths) << HASH_BITS
    keys |= hashes & mask
    keys, counts = np.unique(keys, return_counts=True)
    return keys >> HASH_BITS, keys & mask, counts, n


class HashedWeights:
    """A (types, 2**HASH_BITS) weight matrix of hashed features kept as its nonzero
    columns: a feature never seen in training weighs 0 for every type, and the shipped
    model uses about 25k of its 262k columns, so the dense float32 matrix (16.8 MB)
    would be mostly zeros. ``index`` maps a column to its row of ``rows`` (row 0: all
    zeros, for the unused columns); a doc's columns are gathered as rows of ``types``
    contiguous weights. ``np.asarray`` gives the dense matrix (saving, tests)."""

    __slots__ = ("shape", "index", "rows")

    def __init__(self, index: np.ndarray, rows: np.ndarray) -> None:
        self.index = index  # (2**HASH_BITS,) int32
        self.rows = rows  # (1 + nonzero columns, types) float32, row 0 zeros
        self.shape = (rows.shape[1], index.shape[0])

    @classmethod
    def from_dense(cls, w: np.ndarray) -> HashedWeights:
        w = np.asarray(w, dtype=np.float32)
        used = np.flatnonzero(np.any(w != 0, axis=0))
        index = np.zeros(w.shape[1], dtype=np.int32)
        index[used] = np.arange(1, len(used) + 1, dtype=np.int32)
        rows = np.zeros((len(used) + 1, w.shape[0]), dtype=np.float32)
        rows[1:] = w[:, used].T
        return cls(index, rows)

    @classmethod
    def from_entries(cls, flat: np.ndarray, values: np.ndarray, shape: tuple[int, ...]
                     ) -> HashedWeights:
        """From the (flat index, value) pairs a model file keeps, without the dense matrix."""
        if len(shape) != 2 or (len(flat) and (flat.min() < 0 or flat.max() >= shape[0] * shape[1])):
            raise ValueError(f"weights of shape {shape} with entries outside it")
        kind, col = np.divmod(flat.astype(np.int64), shape[1])
        used = np.unique(col)
        index = np.zeros(shape[1], dtype=np.int32)
        index[used] = np.arange(1, len(used) + 1, dtype=np.int32)
        rows = np.zeros((len(used) + 1, shape[0]), dtype=np.float32)
        rows[index[col], kind] = values
        return cls(index, rows)

    def gather(self, cols: np.ndarray) -> np.ndarray:
        """The weights of columns ``cols``, one row of ``types`` weights per column."""
        return self.rows[self.index[cols]]

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        dense = np.zeros(self.shape, dtype=np.float32)
        used = np.flatnonzero(self.index)
        dense[:, used] = self.rows[self.index[used]].T
        return dense if dtype is None else dense.astype(dtype)

    @property
    def T(self) -> np.ndarray:  # noqa: N802 (numpy's name)
        return np.asarray(self).T

    def astype(self, dtype: Any) -> np.ndarray:
        return np.asarray(self, dtype=dtype)


@dataclass
class EventModel:
    types: list[str]
    type_w: HashedWeights  # (n_types, 2**HASH_BITS) weights of hashed sentence features
    type_wd: np.ndarray  # (n_types, dense) weights of the contextual vectors
    type_b: np.ndarray  # (n_types,)
    src_w: np.ndarray  # (2**HASH_BITS + 1,) source scorer, last entry the bias
    tgt_w: np.ndarray  # (2**HASH_BITS + 1,)
    keep_w: np.ndarray  # (2**HASH_BITS + 1,) keep scorer of rule events: is the rule right?
    calib_x: np.ndarray  # isotonic calibration: raw joint score -> probability right
    calib_y: np.ndarray
    rule_calib_x: np.ndarray  # the same for rule events the model accepted as coded
    rule_calib_y: np.ndarray
    threshold: float  # minimum type probability to propose an event
    rule_threshold: float | None  # minimum keep probability to accept a rule's event as coded
    cameo: dict[str, str]  # PLOVER type -> CAMEO code used when no rule names one
    card: dict[str, Any]  # training data, date, command, scores
    digest: str = ""  # of the file it was loaded from: names the coder in the store
    # PLOVER types too rare in the training gold for the model to judge: their rule events
    # are kept as the rules coded them
    kept_rule_types: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.type_w, HashedWeights):  # a dense matrix (training, tests)
            self.type_w = HashedWeights.from_dense(self.type_w)

    # -- io ----------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = {"format": FORMAT, "version": FORMAT_VERSION, "hash_bits": HASH_BITS,
                  "types": self.types, "threshold": self.threshold, "cameo": self.cameo,
                  "rule_threshold": self.rule_threshold,
                  "kept_rule_types": self.kept_rule_types,
                  "card": self.card}
        arrays = {name: getattr(self, name).astype(np.float32) for name in _ARRAYS}
        # Weights of features never seen in training are exactly 0: store them sparse.
        sparse = {}
        for name in _SPARSE:
            a = arrays.pop(name)
            idx = np.flatnonzero(a)
            sparse[f"{name}__idx"] = idx.astype(np.int64)
            sparse[f"{name}__val"] = a.ravel()[idx].astype(np.float32)
            sparse[f"{name}__shape"] = np.array(a.shape, dtype=np.int64)
        meta = np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8)
        with path.open("wb") as fh:
            np.savez_compressed(fh, meta=meta, **arrays, **sparse)
        return path

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        path = Path(path)
        if not path.is_file():
            raise ModelError(Errors.E210_NO_MODEL_FILE, source=str(path))
        try:
            with np.load(path, allow_pickle=False) as z:
                data = {k: z[k] for k in z.files}
        except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
            raise ModelError(Errors.E210_MODEL_UNREADABLE, exc=exc, source=str(path)) from exc
        try:
            header = json.loads(bytes(data.pop("meta")).decode("utf-8"))
        except (KeyError, ValueError) as exc:
            raise ModelError(Errors.E210_MODEL_WITHOUT_HEADER, source=str(path)) from exc
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ModelError(Errors.E210_NOT_AN_EVENT_MODEL, source=str(path))
        if header.get("version") != FORMAT_VERSION or header.get("hash_bits") != HASH_BITS:
            raise ModelError(
                Errors.E210_MODEL_VERSION,
                version=header.get('version'),
                format_version=FORMAT_VERSION,
                source=str(path),
            )
        try:
            for name in _SPARSE:
                shape = tuple(int(x) for x in data.pop(f"{name}__shape"))
                idx = data.pop(f"{name}__idx")
                val = data.pop(f"{name}__val")
                if name == "type_w":  # kept sparse: see HashedWeights
                    data[name] = HashedWeights.from_entries(idx, val, shape)
                    continue
                full = np.zeros(int(np.prod(shape)), dtype=np.float32)
                full[idx] = val
                data[name] = full.reshape(shape)
            types = [str(t) for t in header["types"]]
            rt = header.get("rule_threshold")
            model = cls(types=types, threshold=float(header["threshold"]),
                        rule_threshold=None if rt is None else float(rt),
                        cameo={str(k): str(v) for k, v in header["cameo"].items()},
                        card=dict(header.get("card") or {}),
                        kept_rule_types=[str(t) for t in header.get("kept_rule_types") or []],
                        **{k: data[k] for k in _ARRAYS})
        except (KeyError, ValueError, IndexError, TypeError) as exc:
            raise ModelError(Errors.E210_MODEL_DAMAGED, exc=exc, source=str(path)) from exc
        width = 2**HASH_BITS
        if (model.type_w.shape != (len(types), width) or model.type_b.shape != (len(types),)
                or model.type_wd.shape[0] != len(types)
                or model.src_w.shape != (width + 1,) or model.tgt_w.shape != (width + 1,)
                or model.keep_w.shape != (width + 1,)
                or model.calib_x.shape != model.calib_y.shape
                or model.rule_calib_x.shape != model.rule_calib_y.shape):
            raise ModelError(Errors.E210_MODEL_SHAPES, source=str(path))
        import hashlib

        model.digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        return model

    # -- scoring -------------------------------------------------------------------------

    def type_probabilities(self, views: list[SentenceView], rows: list[bool] | None = None
                           ) -> np.ndarray:
        """Each view's probability of reporting each type; ``rows``: only those views'
        (the others' rows are the bias alone, to be read by no one)."""
        if not views:
            return np.zeros((0, len(self.types)))
        n = len(views)
        hashed = np.zeros((n, len(self.types)))
        wanted = range(n) if rows is None else [i for i, r in enumerate(rows) if r]
        if wanted:
            row_of, cols, counts, m = _hashed(views[i].strings for i in wanted)
            # The hashed part of X @ type_w.T, each row summed from 0 in column order as
            # scipy's sparse product sums it (np.bincount adds in turn), so every score is
            # the same to the last bit; gathering the few columns a doc uses costs less than
            # building sparse matrices on every call.
            terms = np.ascontiguousarray(self.type_w.gather(cols).T, dtype=np.float64) * counts
            part = hashed if rows is None else np.zeros((m, len(self.types)))
            for k, t in enumerate(terms):
                part[:, k] = np.bincount(row_of, weights=t, minlength=m)
            if rows is not None:
                hashed[wanted] = part
        # All views' vectors (empty ones as zeros), so that the product has the same shape
        # and each wanted row the same sums, whichever rows are wanted.
        dense = np.stack([_fit_width(v.vector, self.type_wd.shape[1]) for v in views])
        z = hashed + dense @ self.type_wd.T + self.type_b
        return 1.0 / (1.0 + np.exp(-np.asarray(z)))

    def actor_probabilities(self, rows: list[list[str]], role: str) -> np.ndarray:
        return self._linear(rows, self.src_w if role == "source" else self.tgt_w)

    def keep_probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """Probability that each rule event (its ``rule_event_strings``) is right."""
        return self._linear(rows, self.keep_w)

    def _linear(self, rows: list[list[str]], w: np.ndarray) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        row_of, cols, counts, n = _hashed(rows)
        # X @ w[:-1] as scipy's csr_matvec sums it: per row, from 0, in column order
        z = np.bincount(row_of, weights=counts * w[cols].astype(np.float64), minlength=n) + w[-1]
        return 1.0 / (1.0 + np.exp(-np.asarray(z).ravel()))

    def calibrate(self, raw: float, rule: bool = False) -> float:
        xs, ys = (self.rule_calib_x, self.rule_calib_y) if rule else (self.calib_x, self.calib_y)
        if not len(xs):
            return raw
        return float(np.interp(raw, xs, ys))


def _fit_width(v: np.ndarray, width: int) -> np.ndarray:
    if v.shape[0] == width:
        return v
    out = np.zeros(width, dtype=np.float32)
    out[: min(width, v.shape[0])] = v[:width]
    return out


@dataclass
class Choice:
    """The model's event for one sentence and type, before it becomes an Event."""

    view: SentenceView
    plover: str
    p_type: float
    sources: list[tuple[str, float]]
    targets: list[tuple[str, float]]
    rule: Event | None = None  # the rule event the model accepted, when it kept the rule's actors

    @classmethod
    def of_rule(cls, view: SentenceView, e: Event, p_type: float) -> Choice | None:
        """A rule's event kept as the rule coded it (None without a source country)."""
        src = [(a.country, 1.0) for a in e.source if a.country]
        if not e.plover or not src:
            return None
        return cls(view, e.plover, p_type, src, [(a.country, 1.0) for a in e.target if a.country],
                   rule=e)

    @property
    def raw(self) -> float:
        ps = self.sources[0][1] if self.sources else 0.0
        pt = self.targets[0][1] if self.targets else 1.0
        return self.p_type * ps * pt


def decide(model: EventModel, doc: Any, mentions: list[Mention], rule_events: list[Event],
           speech: set[str], lexicon: dict[str, set[str]], threshold: float | None = None,
           tones: dict[int, float] | None = None) -> list[Choice]:
    """The model's choices for one parsed article."""
    threshold = model.threshold if threshold is None else threshold
    # above 1 no type probability decides anything (see choose): no contextual vectors;
    # beside the rules, only the features ``choose`` reads there (features.needs)
    views = sentence_views(doc, mentions, rule_events, speech, lexicon, tones,
                           vectors=threshold <= 1.0,
                           beside_rules=model.rule_threshold is not None)
    return choose(model, doc, views, mentions, threshold, model.rule_threshold)


@dataclass
class Scored:
    """What ``choose`` computes of an article whatever the thresholds: each sentence's type
    probabilities, the keep probability of each of its rule events, and the article's
    salience and partner ranks (training scores every setting from one)."""

    probs: np.ndarray
    keep: list[np.ndarray]  # per sentence, one per rule event
    salience: dict[str, int]
    partners: dict[str, dict[str, int]]


def score_views(model: EventModel, views: list[SentenceView], mentions: list[Mention],
                judge_rules: bool = True, types: bool = True, rows: list[bool] | None = None
                ) -> Scored:
    """``judge_rules`` False: no keep probabilities (the rule events are only features).
    ``types`` False: no type probabilities (zeros in their place), for a threshold no
    probability reaches, where they decide nothing; ``rows``: only those sentences' type
    probabilities (the others decide nothing either)."""
    salience = salience_ranks(mentions)
    partners = partner_ranks(mentions)
    # every rule event of the article scored at once: each row's sum is its own
    per_view = [len(v.rule_events) if judge_rules else 0 for v in views]
    judged = model.keep_probabilities([rule_event_strings(v, e, salience, partners)
                                       for v, k in zip(views, per_view, strict=True) if k
                                       for e in v.rule_events])
    ends = np.cumsum(per_view).tolist()
    keep = [judged[end - k:end] if k else np.zeros(0)
            for k, end in zip(per_view, ends, strict=True)]
    probs = (model.type_probabilities(views, rows) if types
             else np.zeros((len(views), len(model.types))))
    return Scored(probs, keep, salience, partners)


def choose(model: EventModel, doc: Any, views: list[SentenceView], mentions: list[Mention],
           threshold: float, rule_threshold: float | None = None,
           scored: Scored | None = None) -> list[Choice]:
    """Per sentence, the rule events the keep scorer gives ``rule_threshold`` or more, kept
    as the rules coded them; in a sentence where the rules coded nothing, the types above
    ``threshold``, each with its best source and target when both are named in the
    sentence (in CV, the model's events with an actor taken from elsewhere in the article
    were mostly wrong). With ``rule_threshold`` None the
    rule events are only features: the model codes every sentence itself, keeping only
    the rule events of types it was given too few examples of to judge. ``scored``: what
    ``score_views`` gives for the views (computed here when not given)."""
    if scored is None:
        # A type probability is at most 1: above that threshold the model proposes nothing
        # of its own (the shipped fallback, which keeps the rules' events), and its type
        # scores, a quarter of its cost, are not computed.
        # Beside the rules, only sentences without rule events and with a country named
        # decide by their type scores (see below): the others' are not computed.
        beside = rule_threshold is not None
        scored = score_views(model, views, mentions, judge_rules=beside, types=threshold <= 1.0,
                             rows=[needs(v.rule_events, v.countries)[1] for v in views]
                             if beside else None)
    salience, partners = scored.salience, scored.partners
    choices: list[Choice] = []
    for v, row, keep in zip(views, scored.probs, scored.keep, strict=True):
        if rule_threshold is not None and v.rule_events:
            # The model adds nothing where the rules coded: in CV its events there were
            # wrong; it judges the rules' own events instead.
            for e, pk in zip(v.rule_events, keep, strict=True):
                if pk >= rule_threshold and (ch := Choice.of_rule(v, e, float(pk))) is not None:
                    choices.append(ch)
            continue
        if rule_threshold is not None and not v.countries:
            continue  # its own event needs its source named in the sentence (below)
        p_of = {t: float(p) for t, p in zip(model.types, row, strict=True)}
        ruled: set[str] = set()
        for e in v.rule_events:
            if e.plover in model.kept_rule_types and (ch := Choice.of_rule(v, e, 1.0)) is not None:
                ruled.add(e.plover)
                choices.append(ch)
        wanted = [(t, p) for t, p in p_of.items()
                  if p >= threshold and t not in ruled and t not in model.kept_rule_types]
        if not wanted or not v.candidates:
            continue
        previous = v.previous
        for plover, p in wanted:
            feats = [actor_strings(doc, v, plover, c, salience, previous) for c in v.candidates]
            src = _pick(v.candidates, model.actor_probabilities(feats, "source"), exclude=set())
            if not src:
                continue
            ranks = partners.get(src[0][0], {})
            feats = [actor_strings(doc, v, plover, c, salience, previous, ranks.get(c, -1))
                     for c in v.candidates]
            tgt = _pick(v.candidates, model.actor_probabilities(feats, "target"),
                        exclude={c for c, _ in src})
            if rule_threshold is not None and not {c for c, _ in src[:1] + tgt[:1]} <= set(v.countries):
                continue  # beside the rules, only acts between actors named in the sentence
            choices.append(Choice(v, plover, p, src, tgt))
    return choices


def _pick(cands: list[str], probs: np.ndarray, exclude: set[str], fan_out: float = 0.5
          ) -> list[tuple[str, float]]:
    """The best candidate, and every other one the scorer is as sure of as ``fan_out``
    (a coordinated list: "X, Y and Z recalled their envoys from W")."""
    order = [i for i in np.argsort(-probs) if cands[i] not in exclude]
    if not order:
        return []
    best = order[0]
    out = [(cands[best], float(probs[best]))]
    out += [(cands[i], float(probs[i])) for i in order[1:] if probs[i] >= fan_out]
    return out


def _actor_ref(country: str, view: SentenceView, mentions: list[Mention]) -> tuple[ActorRef, str]:
    """The mention that names ``country`` in the sentence, else its most frequent mention
    in the article (the other party of the story): how the actor was found goes in the rule."""
    here = [m for m in view.mentions if m.country == country]
    if here:
        return ActorRef.from_mention(here[0]), "sentence"
    elsewhere = [m for m in mentions if m.country == country]
    if elsewhere:  # not in this sentence: no span here
        return replace(ActorRef.from_mention(elsewhere[0]), start=None, end=None,
                       resolved_by=FROM_ARTICLE), "article"
    return ActorRef(text=country, name=None, country=country, sector=None, code=country,
                    resolved_by=FROM_ARTICLE), "article"


def _renamed(e: Event, rule: str, confidence: float | None = None) -> Event:
    """``dataclasses.replace(e, rule=..., confidence=...)`` (Event has no __post_init__):
    a shallow copy, without the keyword call through every field replace makes."""
    out = copy.copy(e)
    out.rule = rule
    if confidence is not None:
        out.confidence = confidence
    return out


def to_events(model: EventModel, choices: list[Choice], article_id: str, article_date: str | None,
              mentions: list[Mention], dater: Any, doc: Any) -> list[Event]:
    from detente.ontology import lookup

    events = []
    for ch in choices:
        if ch.rule is not None and model.rule_threshold is None:
            events.append(_renamed(ch.rule, f"model:kept<{ch.rule.rule}"))  # the rules' confidence
            continue
        if ch.rule is not None:
            events.append(_renamed(ch.rule, f"model:accept<{ch.rule.rule}",
                                   round(model.calibrate(ch.raw, rule=True), 3)))
            continue
        rule_same = [e for e in ch.view.rule_events if e.plover == ch.plover]
        base = rule_same[0] if rule_same else None
        code = base.cameo if base else model.cameo.get(ch.plover, "")
        try:
            info = lookup(code)
        except Exception:
            continue
        sources, how_s = zip(*(_actor_ref(c, ch.view, mentions) for c, _ in ch.sources), strict=True)
        targets_how = [_actor_ref(c, ch.view, mentions) for c, _ in ch.targets]
        targets = [r for r, _ in targets_how]
        found = f"source:{how_s[0]}" + (f",target:{targets_how[0][1]}" if targets_how else "")
        rule = f"model:{ch.plover.lower()}[{found}]" + (f"<{base.rule}" if base else "")
        sent = doc.char_span(ch.view.start, ch.view.end, alignment_mode="expand")
        date = base.date if base else dater.date_for(sent, sent.root, article_date)
        eid = content_id(article_id, str(ch.view.index), "model", ch.plover,
                         ",".join(r.code for r in sources), ",".join(r.code for r in targets))
        events.append(Event(
            id=eid, article_id=article_id, sentence_index=ch.view.index,
            start=ch.view.start, end=ch.view.end, sentence=ch.view.text, date=date,
            source=list(sources), target=targets, cameo=code, cameo_root=info.root,
            plover=ch.plover, plover_mode=base.plover_mode if base else info.plover_mode,
            plover_context=info.plover_context, quad_class=info.quad_class,
            goldstein=info.goldstein, negated=base.negated if base else False,
            modality=base.modality if base else "actual", rule=rule,
            confidence=round(model.calibrate(ch.raw), 3),
            speaker=base.speaker if base else None, aux_modes=list(base.aux_modes) if base else [],
            trigger=base.trigger if base else sent.root.text,
        ))
    return events


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> EventModel:
    """The model at ``path`` (default: the one shipped in the package), once per process."""
    return EventModel.load(path or DEFAULT_MODEL)
