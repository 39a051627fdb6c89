"""The trained decision's fast paths (detente.learn.features reads each doc's tokens once
into plain lists; detente.learn.model scores hashed features with numpy, not sparse
matrices per call) give exactly what the plain code gives: the feature strings of every
sentence and candidate actor, the contextual vectors, every score to the last bit, and
the events. The reference below is the plain spaCy-Token code the features were defined
with; a change to a feature changes both, in step."""

from __future__ import annotations

import dataclasses
import zlib
from typing import Any

import numpy as np
import pytest

from detente.learn import features as F
from detente.learn import model as M
from detente.pipeline import Coder
from detente.records import Article

# Team-written wire copy: headlines, datelines, quotes, negation, modals, possessives,
# prepositional actors, a list, sentences without actors, non-ASCII text.
ARTICLES = [
    ("2024-03-05", "Moscow expels Estonian envoy\n\n"
     "TALLINN, March 5 (Wire) – Russia expelled Estonia's ambassador on Tuesday and accused "
     "the Baltic state of \"open hostility\", the Russian foreign ministry said.\n\n"
     "Estonia did not retaliate at once. Its prime minister said Tallinn would not be "
     "intimidated and could summon the Russian charge d'affaires.\n\n"
     "The European Union condemned the expulsion. “We stand with Estonia,” a spokesman for "
     "the bloc told reporters in Brussels.\n\n"
     "Farmers near the border said the harvest was late this year."),
    ("2023-11-20", "China, Brazil sign trade pact\n\n"
     "China and Brazil signed an agreement on Monday to expand trade in soybeans and iron ore, "
     "officials in Beijing said. Brazilian President Luiz Inacio Lula da Silva praised the "
     "deal and thanked Chinese leaders for their support.\n\n"
     "Washington urged Brasilia to be cautious, but the United States did not criticise "
     "the accord directly. Beijing may also offer loans to Brazil's state banks, according to "
     "a draft seen by reporters.\n\n"
     "1. Tariffs on beef will be cut.\n2. A joint committee will meet twice a year."),
    ("2022-06-01", "Talks collapse\n\n"
     "Ethiopia rejected Egypt's proposal on the Nile dam on Wednesday. Cairo had demanded "
     "binding rules on the filling of the reservoir, and Egyptian officials warned that "
     "they might take the dispute to the U.N. Security Council.\n\n"
     "Sudan called for calm and offered to mediate between the two countries. "
     "Neither side commented on the Sudanese offer.\n\n"
     "The weather in Khartoum was hot; the café near the ministry stayed open."),
    ("2021-09-14", "India and Pakistan trade fire\n\n"
     "Indian troops fired on Pakistani positions along the Line of Control, the Pakistani "
     "army said, calling the shelling a violation of the ceasefire. India denied the "
     "charge and blamed Pakistan for the clash.\n\n"
     "Pakistan's foreign minister met the Chinese ambassador in Islamabad and briefed him. "
     "Japan voiced concern about the fighting. Chile and Peru share a long border and a "
     "history of quarrels over water."),
]


# -- the reference: spaCy Tokens, scipy sparse matrices ------------------------------------

def _ref_dep_features(tok: Any) -> list[str]:
    out = [f"dep={tok.dep_}", f"hd={tok.head.lemma_.lower()}"]
    if tok.dep_ == "pobj":
        out.append(f"prep={tok.head.lower_}|{tok.head.head.lemma_.lower()}")
        out.append(f"prep={tok.head.lower_}")
    if tok.dep_ in ("poss",):
        out.append(f"poss_of={tok.head.lemma_.lower()}")
    out.append(f"dep_hd={tok.dep_}|{tok.head.lemma_.lower()}")
    return out


def _ref_phrase_features(tok: Any) -> list[str]:
    j = tok
    for _ in range(4):
        if j.head.i == j.i:
            break
        if j.dep_ in ("amod", "compound", "poss", "nmod", "nummod", "det"):
            j = j.head
        elif (j.dep_ == "pobj" and j.head.lower_ == "of" and j.head.head.i != j.head.i
              and j.head.head.pos_ in ("NOUN", "PROPN")):
            j = j.head.head
        else:
            break
    out = [f"np={j.dep_}", f"np_hd={j.dep_}|{j.head.lemma_.lower()}"]
    if j.dep_ == "pobj":
        out.append(f"np_prep={j.head.lower_}")
    if j.dep_ in ("nsubj", "nsubjpass") and j.head.i == j.sent.root.i:
        out.append(f"np_main={j.dep_}")
    return out


def _ref_sentence_strings(sent: Any, index: int, rule_events: list[Any], mentions: list[Any],
                          speech: set[str], lexicon: dict[str, set[str]]) -> list[str]:
    feats: list[str] = [f"R={sent.root.lemma_.lower()}"]
    prev = None
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        lem = tok.lemma_.lower()
        if not tok.is_stop and tok.is_alpha:
            feats.append(f"L={lem}")
            if prev:
                feats.append(f"B={prev}_{lem}")
            prev = lem
        if tok.pos_ == "VERB":
            feats.append(f"V={lem}")
            if tok.dep_ in F._EMBED:
                feats.append(f"VE={lem}|{tok.dep_}|{tok.head.lemma_.lower()}")
            if any(c.dep_ == "neg" for c in tok.children):
                feats.append(f"VNEG={lem}")
            if any(c.lower_ in F._MODALS for c in tok.children if c.dep_ == "aux"):
                feats.append(f"VMOD={lem}")
            for o in (c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")):
                feats.append(f"VO={lem}_{o.lemma_.lower()}")
            for p in (c for c in tok.children if c.dep_ == "prep"):
                feats.append(f"VP={lem}_{p.lower_}")
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
            feats.append(f"N={lem}|{tok.dep_}")
        if tok.dep_ == "neg":
            feats.append("NEG")
        if tok.lower_ in F._MODALS and tok.dep_ == "aux":
            feats.append(f"MODAL={tok.lower_}")
        if lem in speech:
            feats.append("SAY")
        for label in sorted(lexicon.get(lem, ())):
            feats.append(f"PAT={label}")
            feats.append(f"PAT={label}|{tok.pos_}|{'emb' if tok.dep_ in F._EMBED else 'main'}")
    if any(ch in F.QUOTE_MARKS for ch in sent.text):
        feats.append("QUOTE")
    text = sent.text.strip()
    if text and text[-1] not in ".!?\"”'’":
        feats.append("HEADLINE_LIKE")
    feats.append(f"POS={min(index, 5)}")
    feats.append(f"NC={min(len({m.country for m in mentions if m.country}), 3)}")
    for m in mentions:
        if m.sector:
            feats.append(f"SEC={m.sector}")
        feats.append(f"RES={m.resolved_by}")
        span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        gov = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            feats.append(f"AV={gov.lemma_.lower()}|{head.dep_}")
        elif head.dep_ in ("dobj", "dative"):
            feats.append(f"VA={gov.lemma_.lower()}")
        elif head.dep_ == "pobj":
            feats.append(f"VPA={gov.head.lemma_.lower()}|{gov.lower_}")
        elif head.dep_ == "poss":
            feats.append(f"PA={gov.lemma_.lower()}")
    for e in rule_events:
        feats += [f"RULE={e.plover}", f"RULEC={e.cameo_root}", f"RULEID={e.rule}",
                  f"RULEMOD={e.plover}|{e.modality}"]
        if e.negated:
            feats.append(f"RULENEG={e.plover}")
        if e.target:
            feats.append(f"RULETGT={e.plover}")
    return feats


def _ref_views(doc: Any, mentions: list[Any], rule_events: list[Any], speech: set[str],
               lexicon: dict[str, set[str]], tones: dict[int, float]) -> list[F.SentenceView]:
    by_sent: dict[int, list[Any]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence_index, []).append(m)
    ev_by_sent: dict[int, list[Any]] = {}
    for e in rule_events:
        ev_by_sent.setdefault(e.sentence_index, []).append(e)
    top = list(F.salience_ranks(mentions))[:3]
    doc_types = sorted({e.plover for e in rule_events if e.plover})
    views = []
    for i, sent in enumerate(doc.sents):
        ms = sorted(by_sent.get(i, []), key=lambda m: m.start)
        countries = list(dict.fromkeys(m.country for m in ms if m.country))
        prev = [m.country for m in by_sent.get(i - 1, []) if m.country]
        strings = _ref_sentence_strings(sent, i, ev_by_sent.get(i, []), ms, speech, lexicon)
        strings += F._context_strings(i, ev_by_sent, doc_types, "SAY" in strings,
                                      F._tone_bucket(tones.get(i, 0.0)))
        rows = doc.tensor[sent.start:sent.end]
        vector = np.concatenate([rows.mean(axis=0), doc.tensor[sent.root.i]]).astype(np.float32)
        views.append(F.SentenceView(
            index=i, text=sent.text, start=sent.start_char, end=sent.end_char, strings=strings,
            vector=vector, mentions=ms, rule_events=ev_by_sent.get(i, []), countries=countries,
            candidates=list(dict.fromkeys([*countries, *top, *prev])), previous=set(prev)))
    return views


def _ref_actor_strings(doc: Any, view: F.SentenceView, plover: str, country: str,
                       salience_rank: dict[str, int], previous: set[str],
                       partner_rank: int | None = None) -> list[str]:
    ms = [m for m in view.mentions if m.country == country]
    rank = view.countries.index(country) if country in view.countries else -1
    base = [f"first={min(rank, 3)}" if rank >= 0 else "absent", f"n={min(len(ms), 3)}",
            f"sal={min(salience_rank.get(country, 9), 4)}", f"nc={min(len(view.countries), 3)}"]
    if country in previous:
        base.append("prev")
    if ms and all(m.kind == "place" for m in ms):
        base.append("place_only")
    if partner_rank is not None:
        base.append(f"partner={min(partner_rank, 3)}" if partner_rank >= 0 else "partner=none")
    for m in ms[:3]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        base.extend(_ref_dep_features(head))
        base.extend(_ref_phrase_features(head))
        base.append("before_root" if head.i < head.sent.root.i else "after_root")
        base.append(f"res={m.resolved_by}")
        if m.sector:
            base.append(f"sec={m.sector}")
        if m.kind:
            base.append(f"kind={m.kind}")
    for e in view.rule_events:
        same = e.plover == plover
        if country in {a.country for a in e.source}:
            base.append("rule_src" + ("_same" if same else ""))
        if country in {a.country for a in e.target}:
            base.append("rule_tgt" + ("_same" if same else ""))
    return base + [f"{plover}|{f}" for f in base]


def _ref_hash_rows(rows: list[list[str]]) -> Any:
    import scipy.sparse as sp

    mask = 2**M.HASH_BITS - 1
    indptr = [0]
    indices: list[int] = []
    for row in rows:
        indices.extend(zlib.crc32(f.encode("utf-8", "surrogatepass")) & mask for f in row)
        indptr.append(len(indices))
    X = sp.csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64),
                       np.array(indptr, dtype=np.int64)), shape=(len(indptr) - 1, 2**M.HASH_BITS))
    X.sum_duplicates()
    return X


def _ref_type_probabilities(model: M.EventModel, views: list[F.SentenceView]) -> np.ndarray:
    import scipy.sparse as sp

    if not views:
        return np.zeros((0, len(model.types)))
    X = _ref_hash_rows([v.strings for v in views])
    dense = np.stack([M._fit_width(v.vector, model.type_wd.shape[1]) for v in views])
    z = (X @ sp.csr_matrix(model.type_w.T)).toarray() + dense @ model.type_wd.T + model.type_b
    return 1.0 / (1.0 + np.exp(-np.asarray(z)))


def _ref_actor_probabilities(model: M.EventModel, rows: list[list[str]], role: str) -> np.ndarray:
    if not rows:
        return np.zeros(0)
    w = model.src_w if role == "source" else model.tgt_w
    z = _ref_hash_rows(rows) @ w[:-1] + w[-1]
    return 1.0 / (1.0 + np.exp(-np.asarray(z).ravel()))


# -- the comparisons -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def coded() -> tuple[Coder, list[tuple[Any, Article, list[Any], list[Any], dict[int, float]]]]:
    from detente.nlp import sentences_of
    from detente.signals.tone import sentence_tones

    coder = Coder(model="")
    out = []
    for i, (date, text) in enumerate(ARTICLES):
        article = Article(id=f"a{i}", body=text, published=date)
        doc = coder.nlp(text)
        mentions = coder.resolver.resolve(doc, article.id, date)
        rule_events = coder.events.code(doc, article.id, date, mentions)
        out.append((doc, article, mentions, rule_events, sentence_tones(doc, sentences_of(doc, ""))))
    return coder, out


def _both(coder: Coder, doc: Any, mentions: list[Any], rule_events: list[Any],
          tones: dict[int, float]) -> tuple[list[F.SentenceView], list[F.SentenceView]]:
    new = F.sentence_views(doc, mentions, rule_events, coder.speech, coder.lexicon, tones)
    ref = _ref_views(doc, mentions, rule_events, coder.speech, coder.lexicon, tones)
    return new, ref


def test_sentence_features_and_scores_match_the_reference(coded: Any) -> None:
    coder, docs = coded
    model = coder.model
    for doc, _article, mentions, rule_events, tones in docs:
        new, ref = _both(coder, doc, mentions, rule_events, tones)
        assert len(new) == len(ref) > 3
        for n, r in zip(new, ref, strict=True):
            assert sorted(n.strings) == sorted(r.strings), (n.index, n.text)
            assert n.vector.dtype == r.vector.dtype and n.vector.tobytes() == r.vector.tobytes()
            for name in ("index", "text", "start", "end", "mentions", "rule_events", "countries",
                         "candidates", "previous"):
                assert getattr(n, name) == getattr(r, name), name
        # the same to the last bit, not merely close
        assert model.type_probabilities(new).tobytes() == _ref_type_probabilities(model, ref).tobytes()
        # without tones given, the views compute the same ones
        again = F.sentence_views(doc, mentions, rule_events, coder.speech, coder.lexicon)
        assert [n.strings for n in again] == [n.strings for n in new]


def test_actor_features_and_scores_match_the_reference(coded: Any) -> None:
    coder, docs = coded
    model = coder.model
    checked = 0
    for doc, _article, mentions, rule_events, tones in docs:
        new, ref = _both(coder, doc, mentions, rule_events, tones)
        sal = F.salience_ranks(mentions)
        for n, r in zip(new, ref, strict=True):
            bare = dataclasses.replace(n, tokens=None)  # a view made without sentence_views
            for plover in model.types:
                for partner in (None, -1, 0, 5):
                    rows = [F.actor_strings(doc, n, plover, c, sal, n.previous, partner)
                            for c in n.candidates]
                    want = [_ref_actor_strings(doc, r, plover, c, sal, r.previous, partner)
                            for c in r.candidates]
                    assert rows == want
                    assert [F.actor_strings(doc, bare, plover, c, sal, n.previous, partner)
                            for c in n.candidates] == want
                    for role in ("source", "target"):
                        got = model.actor_probabilities(rows, role)
                        assert got.tobytes() == _ref_actor_probabilities(model, want, role).tobytes()
                    checked += len(rows)
    assert checked > 1000


def test_hashing_matches_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["L=talk", "B=peace_talk", "L=talk", "PAT=CONSULT|VERB|main", "ünïcode", "\ud800x"],
            [], ["L=talk"], ["SAY"] * 3 + ["QUOTE"]]
    monkeypatch.setattr(M, "_CRC_MAX", 3)  # emptied while hashing: same columns
    for chunk in (rows, rows[:1], rows[1:2], []):
        got, want = M.hash_rows(iter(chunk)), _ref_hash_rows(chunk)
        assert got.shape == want.shape and got.dtype == want.dtype
        for name in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(got, name), getattr(want, name)), name


def _events(coder: Coder, docs: Any, threshold: float | None) -> list[list[Any]]:
    """The model's events for each article, at the model's threshold or at ``threshold``."""
    out = []
    for doc, article, mentions, rule_events, tones in docs:
        choices = M.decide(coder.model, doc, mentions, rule_events, coder.speech, coder.lexicon,
                           threshold, tones)
        out.append(M.to_events(coder.model, choices, article.id, article.published, mentions,
                               coder.events.dater, doc))
    return out


def test_events_match_the_reference(coded: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    coder, docs = coded
    # the shipped threshold, and a low one so that the model proposes events of its own
    # (not only rule events it accepts) and scores actors for many types, whatever the model
    fast = {t: _events(coder, docs, t) for t in (None, 0.01)}
    assert sum(len(events) for events in fast[None]) > 10
    assert sum(not e.rule.startswith(("model:accept<", "model:kept<"))
               for events in fast[0.01] for e in events) > 0

    def ref_views(doc: Any, mentions: Any, rule_events: Any, speech: Any, lexicon: Any,
                  tones: Any = None, vectors: bool = True, beside_rules: bool = False
                  ) -> list[F.SentenceView]:
        # every feature of every sentence, whatever ``beside_rules`` lets the fast path skip
        views = _ref_views(doc, mentions, rule_events, speech, lexicon, tones)
        return views if vectors else [dataclasses.replace(v, vector=np.zeros(0, dtype=np.float32))
                                      for v in views]

    def ref_type_probabilities(model: M.EventModel, views: list[F.SentenceView],
                               rows: Any = None) -> np.ndarray:
        return _ref_type_probabilities(model, views)  # every row

    monkeypatch.setattr(M, "sentence_views", ref_views)
    monkeypatch.setattr(M, "actor_strings", _ref_actor_strings)
    monkeypatch.setattr(M.EventModel, "type_probabilities", ref_type_probabilities)
    monkeypatch.setattr(M.EventModel, "actor_probabilities", _ref_actor_probabilities)
    for threshold, events in fast.items():
        assert _events(coder, docs, threshold) == events, threshold
    # the coder's own path gives the shipped-threshold events
    assert [coder.decide(doc, article, mentions, rule_events, tones)
            for doc, article, mentions, rule_events, tones in docs] == fast[None]


@pytest.mark.parametrize("rule_threshold", [0.0, 0.2, None])
def test_nothing_of_its_own_skips_the_type_scores(coded: Any, monkeypatch: pytest.MonkeyPatch,
                                                  rule_threshold: float | None) -> None:
    """Above any probability (the fallback that keeps the rules' events), decide computes
    neither the type probabilities nor the contextual vectors, and its events are those of
    the full computation."""
    coder, docs = coded
    model = dataclasses.replace(coder.model, threshold=1.01, rule_threshold=rule_threshold)
    full = []
    for doc, article, mentions, rule_events, tones in docs:
        views = F.sentence_views(doc, mentions, rule_events, coder.speech, coder.lexicon, tones)
        scored = M.score_views(model, views, mentions, judge_rules=rule_threshold is not None)
        assert scored.probs.size and any(v.vector.size for v in views)
        choices = M.choose(model, doc, views, mentions, 1.01, rule_threshold, scored)
        full.append(M.to_events(model, choices, article.id, article.published, mentions,
                                coder.events.dater, doc))
    # rule_threshold None: only the rule events of types left to the rules (few here)
    assert sum(len(events) for events in full) > (10 if rule_threshold is not None else -1)

    def refused(*args: Any) -> Any:
        raise AssertionError("computed though nothing depends on it")

    monkeypatch.setattr(M.EventModel, "type_probabilities", refused)
    monkeypatch.setattr(F, "_vector", refused)
    fast = []
    for doc, article, mentions, rule_events, tones in docs:
        choices = M.decide(model, doc, mentions, rule_events, coder.speech, coder.lexicon,
                           tones=tones)
        fast.append(M.to_events(model, choices, article.id, article.published, mentions,
                                coder.events.dater, doc))
    assert fast == full


def test_views_beside_the_rules_leave_out_only_what_choose_cannot_read(coded: Any) -> None:
    """Beside the rules, a sentence keeps the strings its keep or type scores read and the
    vector of its type scores, equal to the full views', and those scores are the same
    to the last bit; a sentence with no rule event and no country named keeps nothing."""
    coder, docs = coded
    model = coder.model
    skipped = typed = judged = 0
    for doc, _article, mentions, rule_events, tones in docs:
        full = F.sentence_views(doc, mentions, rule_events, coder.speech, coder.lexicon, tones)
        lean = F.sentence_views(doc, mentions, rule_events, coder.speech, coder.lexicon, tones,
                                beside_rules=True)
        rows = []
        for f, n in zip(full, lean, strict=True):
            wants_strings, wants_vector = F.needs(f.rule_events, f.countries)
            assert n.strings == (f.strings if wants_strings else [])
            assert n.vector.tobytes() == (f.vector.tobytes() if wants_vector else b"")
            assert (n.text, n.mentions, n.candidates) == (f.text, f.mentions, f.candidates)
            skipped += not wants_strings
            typed += wants_vector
            judged += bool(f.rule_events)
            rows.append(wants_vector)
        got = model.type_probabilities(lean, rows)[rows]
        assert got.tobytes() == model.type_probabilities(full)[rows].tobytes()
        lean_keep = M.score_views(model, lean, mentions, types=False).keep
        full_keep = M.score_views(model, full, mentions, types=False).keep
        assert [k.tobytes() for k in lean_keep] == [k.tobytes() for k in full_keep]
    assert skipped and typed and judged


def test_hashed_weights_hold_the_dense_matrix() -> None:
    """The type weights kept as their nonzero columns give back every weight of the dense
    matrix, built from it or from a model file's (index, value) pairs, zeros included."""
    rng = np.random.default_rng(7)
    dense = np.zeros((3, 2**M.HASH_BITS), dtype=np.float32)
    used = rng.choice(dense.shape[1], size=500, replace=False)
    dense[rng.integers(0, 3, size=500), used] = rng.normal(size=500).astype(np.float32)
    flat = np.flatnonzero(dense)
    for w in (M.HashedWeights.from_dense(dense),
              M.HashedWeights.from_entries(flat, dense.ravel()[flat], dense.shape)):
        assert w.shape == dense.shape and np.array_equal(np.asarray(w), dense)
        cols = np.concatenate([used[:50], [0, 1, 2**M.HASH_BITS - 1]])
        assert w.gather(cols).tobytes() == np.ascontiguousarray(dense[:, cols].T).tobytes()
        assert np.count_nonzero(w.gather(used)) == np.count_nonzero(dense)  # none lost
    with pytest.raises(ValueError):
        M.HashedWeights.from_entries(np.array([dense.size]), np.ones(1, np.float32), dense.shape)
