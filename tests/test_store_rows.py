"""The coded writes' columns hold what a row per record, written out field by field, holds.

``_coded_rows`` builds each table as columns (the records transposed at once, each distinct
actor's JSON encoded once per batch); a slip there (a field read into the wrong column, a
repeated id kept, an actor's JSON cached under the wrong key) would silently change the
database. The reference below builds the same tables the plain way, one dict per record,
with ``dataclasses.asdict`` and ``json.dumps``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from detente.records import (
    ActorRef,
    Article,
    Assessment,
    CodedArticle,
    Event,
    IssueTag,
    Mention,
    Quote,
    Sentence,
)
from detente.store.db import _coded_rows


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _first(actors: list[ActorRef]) -> ActorRef | None:
    return actors[0] if actors else None


def reference_rows(batch: list[CodedArticle]) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, one dict per record; a repeated id within an article kept once."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in (
        "sentences", "mentions", "events", "event_actors", "quotes", "issue_tags", "assessments")}
    for ca in batch:
        rows["sentences"] += [
            {"article_id": s.article_id, "idx": s.index, "start_char": s.start,
             "end_char": s.end, "text": s.text, "tone": s.tone} for s in ca.sentences]
        rows["mentions"] += [
            {"article_id": m.article_id, "sentence_index": m.sentence_index, "start_char": m.start,
             "end_char": m.end, "text": m.text, "name": m.name, "country": m.country,
             "sector": m.sector, "code": m.code, "resolved_by": m.resolved_by,
             "confidence": m.confidence, "actor_id": m.actor_id, "qid": m.qid, "kind": m.kind}
            for m in ca.mentions]
        seen: set[str] = set()
        for e in ca.events:
            if e.id in seen:
                continue
            seen.add(e.id)
            s0, t0 = _first(e.source), _first(e.target)
            rows["events"].append({
                "id": e.id, "article_id": e.article_id, "sentence_index": e.sentence_index,
                "start_char": e.start, "end_char": e.end, "sentence": e.sentence, "date": e.date,
                "source": _dumps([asdict(a) for a in e.source]),
                "target": _dumps([asdict(a) for a in e.target]),
                "source_code": s0 and s0.code, "source_country": s0 and s0.country,
                "source_sector": s0 and s0.sector, "target_code": t0 and t0.code,
                "target_country": t0 and t0.country, "target_sector": t0 and t0.sector,
                "cameo": e.cameo, "cameo_root": e.cameo_root, "plover": e.plover,
                "plover_mode": e.plover_mode, "plover_context": e.plover_context,
                "quad_class": e.quad_class, "goldstein": e.goldstein, "negated": e.negated,
                "modality": e.modality, "aux_modes": e.aux_modes,
                "speaker": _dumps(asdict(e.speaker)) if e.speaker else None,
                "issues": e.issues, "rule": e.rule, "confidence": e.confidence,
                "trigger": e.trigger})
            for role, actors in (("source", e.source), ("target", e.target)):
                rows["event_actors"] += [
                    {"event_id": e.id, "role": role, "pos": i, "text": a.text, "name": a.name,
                     "country": a.country, "sector": a.sector, "code": a.code,
                     "resolved_by": a.resolved_by} for i, a in enumerate(actors)]
        seen = set()
        for q in ca.quotes:
            if q.id in seen:
                continue
            seen.add(q.id)
            sp = q.speaker
            rows["quotes"].append({
                "id": q.id, "article_id": q.article_id, "sentence_index": q.sentence_index,
                "start_char": q.start, "end_char": q.end, "text": q.text, "kind": q.kind,
                "speaker": _dumps(asdict(sp)) if sp else None,
                "speaker_name": sp and sp.name, "speaker_country": sp and sp.country,
                "speaker_sector": sp and sp.sector, "sentence": q.sentence})
        rows["issue_tags"] += [
            {"article_id": t.article_id, "sentence_index": t.sentence_index, "issue": t.issue,
             "phrase": t.phrase, "start_char": t.start, "end_char": t.end} for t in ca.issues]
        seen = set()
        for a in ca.assessments:
            if a.id in seen:
                continue
            seen.add(a.id)
            rows["assessments"].append({
                "id": a.id, "article_id": a.article_id, "sentence_index": a.sentence_index,
                "start_char": a.start, "end_char": a.end, "dyad_a": a.dyad[0],
                "dyad_b": a.dyad[1], "level": a.level, "trend": a.trend, "polarity": a.polarity,
                "speaker": _dumps(asdict(a.speaker)) if a.speaker else None,
                "sentence": a.sentence, "rule": a.rule})
    return rows


def as_rows(columns: dict[str, Any]) -> list[dict[str, Any]]:
    """A table of columns as one dict per row."""
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _actor(text: str, code: str, start: int, **kw: Any) -> ActorRef:
    return ActorRef(text=text, name=kw.pop("name", text), country=code[:3],
                    sector=code[3:] or None, code=code, start=start, end=start + len(text), **kw)


def _event(article_id: str, eid: str, source: list[ActorRef], target: list[ActorRef],
           **kw: Any) -> Event:
    return Event(
        id=eid, article_id=article_id, sentence_index=kw.pop("sentence_index", 0), start=0,
        end=30, sentence="Arland's envoy met Borovia's minister.", date=kw.pop("date", None),
        source=source, target=target, cameo="040", cameo_root="04", plover="CONSULT",
        plover_mode=None, plover_context=None, quad_class=1, goldstein=1.0,
        negated=kw.pop("negated", False), modality="actual", rule="test.rows", confidence=0.8,
        **kw)


def team_batch() -> list[CodedArticle]:
    """Two invented articles: repeated ids, a compound source, actors with and without a
    speaker, non-ASCII names, and an article with nothing coded."""
    envoy = _actor("the Arland envoy", "ARLDIP", 0, resolved_by="title")
    envoy_later = _actor("the Arland envoy", "ARLDIP", 40, resolved_by="earlier_mention")
    zoe = _actor("Zoë Ångström", "BORGOV", 19, name="Zoë Ångström", qid="Q1")
    crowd = ActorRef(text="protesters", name=None, country=None, sector="CVL", code="CVL")
    a1, a2, a3 = "a" * 16, "b" * 16, "c" * 16
    first = CodedArticle(
        article=Article(id=a1, body="x"),
        sentences=[Sentence(a1, 0, 0, 38, "Arland's envoy met Borovia's minister.", 0.25),
                   Sentence(a1, 1, 39, 60, "Protesters gathered.")],
        mentions=[Mention(article_id=a1, sentence_index=0, start=0, end=16,
                          text="the Arland envoy", name="Arland", country="ARL", sector="DIP",
                          code="ARLDIP", resolved_by="title", confidence=0.9, actor_id="arl.dip"),
                  Mention(article_id=a1, sentence_index=1, start=39, end=49, text="Protesters",
                          name=None, country=None, sector="CVL", code="CVL",
                          resolved_by="dictionary", confidence=0.5, kind="person")],
        events=[
            _event(a1, "e1", [envoy, zoe], [crowd], speaker=zoe, issues=["trade"],
                   aux_modes=["future"], date="2025-03-01", trigger="met"),
            _event(a1, "e1", [envoy], [crowd]),  # the same event read twice: stored once
            _event(a1, "e2", [envoy_later], [], sentence_index=1, negated=True),
            _event(a1, "e3", [], [zoe]),
        ],
        quotes=[
            Quote("q1", a1, 0, 5, 20, "we will talk", "direct", zoe, "She said: we will talk."),
            Quote("q1", a1, 0, 5, 20, "we will talk", "direct", None, "again"),
            Quote("q2", a1, 1, 0, 9, "ties are fine", "indirect", None, "Ties are fine."),
        ],
        issues=[IssueTag(a1, 0, "trade", "tariffs", 3, 10), IssueTag(a1, 1, "energy", "gas", 1, 4)],
        assessments=[
            Assessment("s1", a1, 0, 0, 30, ("ARL", "BOR"), "good", "improving", 0.5, envoy,
                       "Ties are improving.", "test.assess"),
            Assessment("s1", a1, 0, 0, 30, ("ARL", "BOR"), "bad", None, -0.5, None, "x", "y"),
            Assessment("s2", a1, 1, 0, 10, ("BOR", "ARL"), None, "stable", 0.0, None,
                       "Ties hold.", "test.assess"),
        ],
        tone=0.1,
    )
    second = CodedArticle(article=Article(id=a2, body="y"),
                          sentences=[Sentence(a2, 0, 0, 5, "Calm.")])
    third = CodedArticle(
        article=Article(id=a3, body="z"),
        events=[_event(a3, "e1", [envoy], [zoe, crowd], speaker=envoy)],  # e1 again: a new article
    )
    return [first, second, third]


def test_columns_hold_the_rows_written_field_by_field() -> None:
    batch = team_batch()
    want = reference_rows(batch)
    got = _coded_rows(batch)
    assert set(got) == set(want)
    for table, rows in want.items():
        assert as_rows(got[table]) == rows, table
    # the batch exercises what could diverge
    assert len(want["events"]) == 4 and len(want["quotes"]) == 2
    assert len(want["assessments"]) == 2 and len(want["event_actors"]) == 8
    assert want["events"][0]["source"].count("Zoë Ångström") == 2


def test_a_batch_without_records_of_a_kind_has_no_columns_for_it() -> None:
    batch = team_batch()[1:2]
    got = _coded_rows(batch)
    assert as_rows(got["sentences"]) == reference_rows(batch)["sentences"]
    assert all(got[t] == {} for t in got if t != "sentences")
