"""Stored events keep how each actor was resolved (``ActorRef.resolved_by``).

An event coded from a sentence carries the resolution of each of its actors
(the mention's ``resolved_by``) into the store, and every surface that shows
an event's actors shows it: ``detente events --format json``, the web API,
the PLOVER export, the ``event_actors`` table and its export. Rows stored before
the field existed read as None.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest

from detente.cli.events_cmd import query_events
from detente.export import export
from detente.pipeline import code_text, default_coder
from detente.records import ActorRef, Article, Mention, actors_from_json, article_id_for
from detente.store import Store

with warnings.catch_warnings():  # starlette's notice about httpx versions
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from detente.web import create_app

NAMED = "Russia expelled two American diplomats on Monday."
# "It" names no one: the recall's source is the country the article is about.
FROM_ARTICLE = "France criticized Russia on Monday. It recalled its ambassador."


def _event(events, rule_start: str):
    found = [e for e in events if e.rule.startswith(rule_start)]
    assert found, [(e.rule, e.cameo) for e in events]
    return found[0]


def test_named_country_is_resolved_by_the_dictionary() -> None:
    e = _event(code_text(NAMED, "2023-03-09"), "expel-diplomats")
    assert [(a.code, a.resolved_by) for a in e.source] == [("RUS", "dictionary")]
    assert [a.resolved_by for a in e.target] == ["dictionary"]


def test_unnamed_subject_taken_from_the_article_says_so() -> None:
    e = _event(code_text(FROM_ARTICLE, "2023-03-09"), "recall-envoy")
    assert [(a.country, a.text, a.resolved_by) for a in e.source] == [
        ("FRA", "France", "article_context")
    ]


def test_from_mention_copies_resolved_by() -> None:
    m = Mention(
        article_id="a", sentence_index=0, start=0, end=2, text="he", name="Vladimir Putin",
        country="RUS", sector="GOV", code="RUSGOV", resolved_by="pronoun", confidence=0.7,
    )
    ref = ActorRef.from_mention(m)
    assert ref.resolved_by == "pronoun"
    assert ActorRef.from_dict(ref.to_dict()) == ref


def test_old_actor_json_reads_as_none() -> None:
    old = {"text": "Moscow", "name": "Russia", "country": "RUS", "sector": "GOV",
           "code": "RUSGOV", "start": 0, "end": 6, "qid": None}
    [ref] = actors_from_json(json.dumps([old]))
    assert ref.resolved_by is None and ref.code == "RUSGOV" and ref.start == 0
    assert ref.to_dict() == {**old, "resolved_by": None}
    assert actors_from_json(None) == [] and len(actors_from_json(old)) == 1


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory) -> Path:
    """A database with the two texts above coded by the real pipeline."""
    path = tmp_path_factory.mktemp("resolved_by") / "db.duckdb"
    articles = [
        Article(id=article_id_for(body), body=body, title=None, published="2023-03-09")
        for body in (NAMED, FROM_ARTICLE)
    ]
    coder = default_coder()
    with Store(path) as store:
        store.add_articles(articles)
        store.save_coded([coder.code_article(a) for a in articles], "test")
    return path


def _by_rule(events: list[dict], rule_start: str) -> dict:
    found = [e for e in events if e["rule"].startswith(rule_start)]
    assert found, [e["rule"] for e in events]
    return found[0]


def test_stored_events_keep_resolved_by(coded_db: Path) -> None:
    with Store(coded_db, read_only=True) as store:
        rows = store.query("SELECT rule, source, target FROM events")
        events, _ = query_events(store)
    stored = {r["rule"]: json.loads(r["source"]) for r in rows}
    recall = next(v for k, v in stored.items() if k.startswith("recall-envoy"))
    assert [a["resolved_by"] for a in recall] == ["article_context"]
    expel = next(v for k, v in stored.items() if k.startswith("expel-diplomats"))
    assert [a["resolved_by"] for a in expel] == ["dictionary"]
    # detente events --format json
    assert _by_rule(events, "recall-envoy")["source"]["resolved_by"] == "article_context"
    assert _by_rule(events, "expel-diplomats")["source"]["resolved_by"] == "dictionary"


def test_event_actors_rows_keep_resolved_by(coded_db: Path, tmp_path: Path) -> None:
    """The one-row-per-actor table (migration 4) says what the events' JSON says, and the
    detente-schema export carries it as a column of event_actors."""
    with Store(coded_db, read_only=True) as store:
        events = store.query("SELECT id, rule, source, target FROM events")
        rows = store.query("SELECT event_id, role, pos, resolved_by FROM event_actors")
        res = export(store, schema="detente", fmt="csv", out=tmp_path / "tables")
    got = {(r["event_id"], r["role"], r["pos"]): r["resolved_by"] for r in rows}
    want = {
        (e["id"], role, i): a["resolved_by"]
        for e in events
        for role in ("source", "target")
        for i, a in enumerate(json.loads(e[role]))
    }
    assert got == want and got
    recall = next(e["id"] for e in events if e["rule"].startswith("recall-envoy"))
    assert got[(recall, "source", 0)] == "article_context"
    with next(p for p in res.paths if p.stem == "event_actors").open(newline="") as f:
        table = list(csv.DictReader(f))
    assert {(r["event_id"], r["role"], r["resolved_by"]) for r in table} >= {
        (recall, "source", "article_context")
    }


def test_api_and_plover_export_show_resolved_by(coded_db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(coded_db)) as client:
        items = client.get("/api/events", params={"modality": "all"}).json()["items"]
        recall = _by_rule(items, "recall-envoy")
        detail = client.get(f"/api/articles/{recall['article_id']}").json()
    assert [a["resolved_by"] for a in recall["source"]] == ["article_context"]
    assert [a["resolved_by"] for a in _by_rule(detail["events"], "recall-envoy")["source"]] == [
        "article_context"
    ]
    with Store(coded_db, read_only=True) as store:
        res = export(store, schema="plover", fmt="jsonl", out=tmp_path / "p.jsonl")
        flat = export(store, schema="plover", fmt="csv", out=tmp_path / "p.csv")
    records = [json.loads(line) for line in res.paths[0].read_text().splitlines()]
    rec = next(r for r in records if r["rule"].startswith("recall-envoy"))
    assert [a["resolved_by"] for a in rec["actor"]] == ["article_context"]
    assert "actor_resolved_by" in flat.paths[0].read_text().splitlines()[0]
    assert "article_context" in flat.paths[0].read_text()


def test_rows_stored_without_resolved_by_read_as_none(coded_db: Path, tmp_path: Path) -> None:
    """A database written before the field existed: its actors' JSON lacks the key."""
    old = tmp_path / "old.duckdb"
    old.write_bytes(coded_db.read_bytes())
    with Store(old) as store:
        for r in store.query("SELECT id, source, target FROM events"):
            strip = [
                json.dumps([{k: v for k, v in a.items() if k != "resolved_by"}
                            for a in json.loads(r[side])])
                for side in ("source", "target")
            ]
            store.con.execute("UPDATE events SET source = ?, target = ? WHERE id = ?",
                              [*strip, r["id"]])
        events, _ = query_events(store)
    assert events and all(e["source"]["resolved_by"] is None for e in events)
    with TestClient(create_app(old)) as client:
        items = client.get("/api/events", params={"modality": "all"}).json()["items"]
    assert items and all(a["resolved_by"] is None for e in items for a in e["source"])
