"""Learning from corrections: users correct events through the web app, `detente export
--schema gold` writes them as news gold, and `detente train` fits a model on that folder.

The corpus is written here (invented wire stories between real states); the web app runs
in-process (TestClient), the pipeline, export and training through the CLI.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import detente.store.db as store_db
from detente.cli import app
from detente.evaluation.news_eval import load_news_gold
from detente.store import Store
from detente.store.corrections import Correction, CorrectionError, add_correction, validate
from detente.store.schema import MIGRATIONS

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from detente.web import create_app  # noqa: E402

STATES = [
    ("France", "FRA", "Germany", "DEU"),
    ("Japan", "JPN", "China", "CHN"),
    ("Canada", "CAN", "India", "IND"),
    ("Brazil", "BRA", "Argentina", "ARG"),
]


def story(a: str, b: str) -> str:
    return (
        f"{a} expels envoys of {b}\n\n"
        f"{a} expelled three diplomats of {b} on Tuesday, the foreign ministry said.\n\n"
        "The meeting hall near the river was closed for repairs during the winter. "
        f"{b} condemned the expulsion and accused {a} of hostility.\n\n"
        f"Officials of {a} and {b} met in Geneva on Thursday to discuss the dispute.\n"
    )


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (a, _, b, _) in enumerate(STATES):
        (folder / f"{i:02d}_{a.lower()}.txt").write_text(story(a, b), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The team corpus through `detente run` (a template: tests copy it before writing)."""
    root = tmp_path_factory.mktemp("corr")
    db = root / "corpus.duckdb"
    r = CliRunner().invoke(app, ["run", str(write_corpus(root / "corpus")), "--db", str(db)])
    assert r.exit_code == 0, r.output
    return db


@pytest.fixture
def db(coded_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "work.duckdb"
    path.write_bytes(coded_db.read_bytes())
    return path


def articles(client: TestClient) -> list[dict[str, Any]]:
    return client.get("/api/articles", params={"limit": 50}).json()["items"]


def events_of(client: TestClient, article_id: str) -> list[dict[str, Any]]:
    return client.get(f"/api/articles/{article_id}").json()["events"]


def token(client: TestClient) -> str:
    got = client.get("/api/corrections/token").json()
    assert got["enabled"] and got["header"] == "X-Detente-Token"
    return got["token"]


def post(client: TestClient, article_id: str, tok: str | None, **body: Any):
    headers = {"X-Detente-Token": tok} if tok else {}
    return client.post(f"/api/articles/{article_id}/corrections", json=body, headers=headers)


# -- the store ------------------------------------------------------------------------------


def test_corrections_are_validated() -> None:
    ok = validate(Correction("fix", "a1", event_id="e1", plover="accuse", source_code=" fra "))
    assert ok.plover == "ACCUSE" and ok.source_code == "FRA"
    bad = [
        (Correction("delete", "a1", event_id="e1"), "action"),
        (Correction("wrong", "a1"), "event_id"),
        (Correction("wrong", "a1", event_id="e1", plover="AID"), "action"),
        (Correction("fix", "a1", event_id="e1"), "plover"),
        (Correction("fix", "a1", event_id="e1", plover="HUG"), "plover"),
        (Correction("fix", "a1", event_id="e1", source_code="FRANCE"), "source_code"),
        (Correction("fix", "a1", event_id="e1", target_sector="G<V"), "target_sector"),
        (Correction("add", "a1", plover="AID", source_code="FRA"), "sentence_index"),
        (Correction("add", "a1", sentence_index=1, source_code="FRA"), "plover"),
        (Correction("add", "a1", sentence_index=1, plover="AID"), "source_code"),
        (Correction("add", "a1", sentence_index=1, plover="AID", source_code="FRA",
                    note="x" * 2000), "note"),
    ]
    for c, param in bad:
        with pytest.raises(CorrectionError) as exc:
            validate(c)
        assert exc.value.param == param, (c, exc.value)


def test_previous_schema_gains_the_table_and_keeps_its_data(
    coded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database of schema 2 (before corrections) is upgraded in place when opened to write."""
    path = tmp_path / "v2.duckdb"
    with monkeypatch.context() as m:
        m.setattr(store_db, "MIGRATIONS", MIGRATIONS[:2])
        m.setattr(store_db, "LATEST_VERSION", 2)
        r = CliRunner().invoke(app, ["ingest", str(write_corpus(tmp_path / "c")), "--db", str(path)])
        assert r.exit_code == 0, r.output
        with Store(path, read_only=True) as s:
            before = sorted(s.con.execute("SELECT id, body FROM articles").fetchall())
            assert "corrections" not in {t[0] for t in s.con.execute("SHOW TABLES").fetchall()}
    with Store(path) as s:
        assert s.schema_version() == MIGRATIONS[-1].version
        assert sorted(s.con.execute("SELECT id, body FROM articles").fetchall()) == before
        assert s.query("SELECT count(*) AS n FROM corrections") == [{"n": 0}]


def test_the_event_must_belong_to_the_article(db: Path) -> None:
    with Store(db) as s:
        a1, a2 = [r["id"] for r in s.query("SELECT id FROM articles ORDER BY id LIMIT 2")]
        e2 = s.query("SELECT id FROM events WHERE article_id = ? LIMIT 1", [a2])[0]["id"]
        with pytest.raises(CorrectionError, match="no event"):
            add_correction(s.con, Correction("wrong", a1, event_id=e2))
        with pytest.raises(CorrectionError, match="no sentence 999"):
            add_correction(s.con, Correction("add", a1, sentence_index=999, plover="AID",
                                             source_code="FRA"))
        with pytest.raises(CorrectionError, match="no article"):
            add_correction(s.con, Correction("add", "nope", sentence_index=0, plover="AID",
                                             source_code="FRA"))
        assert s.query("SELECT count(*) AS n FROM corrections") == [{"n": 0}]


def test_one_row_writes_leave_a_file_that_opens(db: Path) -> None:
    """`serve --corrections` opens the file for each write: a checkpoint after a one-row
    write drops free blocks at the end of the file, which must not read as 'cut short'."""
    for i in range(4):
        with Store(db) as s:
            a = s.query("SELECT id FROM articles ORDER BY id LIMIT 1")[0]["id"]
            add_correction(s.con, Correction("add", a, sentence_index=1, plover="AID",
                                             source_code="FRA", note=f"write {i}"))
        with Store(db, read_only=True) as s:
            assert s.query("SELECT count(*) AS n FROM corrections") == [{"n": i + 1}]


# -- the web app ----------------------------------------------------------------------------


def test_read_only_server_refuses_corrections(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        a = articles(client)[0]
        e = events_of(client, a["id"])[0]
        assert client.get("/api/corrections/token").json() == {
            "enabled": False, "header": "X-Detente-Token", "token": None}
        r = post(client, a["id"], "anything", action="wrong", event_id=e["id"])
        assert r.status_code == 403 and "detente serve --corrections" in r.json()["error"]["message"]
        page = client.get(f"/article/{a['id']}").text
        assert "Corrections are off" in page and 'class="mark-wrong"' not in page
        assert client.get(f"/api/articles/{a['id']}/corrections").json() == {"items": [], "total": 0}


def test_cross_site_requests_are_refused(db: Path) -> None:
    with TestClient(create_app(db, corrections=True)) as client:
        a = articles(client)[0]
        e = events_of(client, a["id"])[0]
        tok = token(client)
        body = {"action": "wrong", "event_id": e["id"]}
        url = f"/api/articles/{a['id']}/corrections"
        assert post(client, a["id"], None, **body).status_code == 403
        assert post(client, a["id"], "forged", **body).status_code == 403
        for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "http://evil.example"}):
            r = client.post(url, json=body, headers={"X-Detente-Token": tok, **headers})
            assert r.status_code == 403, headers
        # A form posted from another site: no token it could know, and marked cross-site.
        r = client.post(f"/article/{a['id']}/corrections", data={**body, "token": "guess"},
                        follow_redirects=False)
        assert r.status_code == 403
        r = client.post(f"/article/{a['id']}/corrections", data={**body, "token": tok},
                        headers={"Sec-Fetch-Site": "cross-site"}, follow_redirects=False)
        assert r.status_code == 403
        # A JSON body sent as a simple (form) request is refused too.
        r = client.post(url, content=json.dumps(body), headers={
            "X-Detente-Token": tok, "Content-Type": "text/plain"})
        assert r.status_code in (400, 415)
        # A foreign Host (DNS rebinding) is refused before anything else.
        r = client.post(url, json=body, headers={"X-Detente-Token": tok, "Host": "evil.example"})
        assert r.status_code == 400
        assert client.get(f"/api/articles/{a['id']}/corrections").json()["total"] == 0


def test_bad_corrections_get_the_error_shape(db: Path) -> None:
    with TestClient(create_app(db, corrections=True)) as client:
        a = articles(client)[0]
        tok = token(client)
        r = post(client, a["id"], tok, action="add", sentence_index=1, plover="HUG", source_code="FRA")
        assert r.status_code == 400
        err = r.json()["error"]
        assert err["code"] == "bad_parameter" and err["param"] == "plover" and "ACCUSE" in err["message"]
        r = post(client, a["id"], tok, action="wrong", event_id="0000")
        assert r.status_code == 400 and r.json()["error"]["param"] == "event_id"
        r = client.post(f"/article/{a['id']}/corrections", data={
            "token": tok, "action": "add", "sentence_index": "1", "plover": "AID",
            "source_code": "France"}, follow_redirects=False)
        assert r.status_code == 400 and "three-letter code" in r.text  # an HTML error page


def test_corrections_show_on_the_page_escaped(db: Path) -> None:
    with TestClient(create_app(db, corrections=True, author="Ana <b>")) as client:
        a = articles(client)[0]
        evs = events_of(client, a["id"])
        tok = token(client)
        page = client.get(f"/article/{a['id']}").text
        assert tok in page and page.count('class="mark-wrong"') == len(evs)
        assert "Ana &lt;b&gt;" in page and "Ana <b>" not in page
        r = client.post(f"/article/{a['id']}/corrections", data={
            "token": tok, "action": "wrong", "event_id": evs[0]["id"], "author": "Ana"},
            follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith(f"/article/{a['id']}?")
        r = client.post(f"/article/{a['id']}/corrections", data={
            "token": tok, "action": "add", "sentence_index": "2", "plover": "CONSULT",
            "source_code": "fra", "target_code": "deu", "note": "<script>alert(1)</script>",
            "author": "<img src=x onerror=alert(2)>"}, follow_redirects=False)
        assert r.status_code == 303
        page = client.get(r.headers["location"]).text
        assert "Correction saved" in page
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page
        assert f'id="event-{evs[0]["id"]}" data-event="{evs[0]["id"]}" class="wrong"' in page
        assert 'data-action="add"' in page and "marked wrong by Ana" in page
        got = client.get(f"/api/articles/{a['id']}/corrections").json()
        assert [c["action"] for c in got["items"]] == ["wrong", "add"]
        assert got["items"][0]["original"]["id"] == evs[0]["id"]
        assert got["items"][1]["source_code"] == "FRA" and got["items"][1]["sentence"]


# -- the round trip -------------------------------------------------------------------------


def _correct_everything(db: Path) -> dict[str, Any]:
    """Through the JSON API: one wrong, one fix and one added event per corrected article;
    the last article is left uncorrected. Returns what was done, by article id."""
    done: dict[str, Any] = {}
    with TestClient(create_app(db, corrections=True)) as client:
        tok = token(client)
        items = sorted(articles(client), key=lambda x: x["title"])
        for a in items[:-1]:
            evs = events_of(client, a["id"])
            bodies = {e["sentence_index"]: e["sentence"] for e in evs}
            sanction = next(e for e in evs if e["plover"] == "SANCTION" and e["sentence_index"] == 1)
            title_event = next((e for e in evs if e["sentence_index"] == 0), None)
            accuse = next(e for e in evs if e["plover"] == "ACCUSE")
            ops = []
            if title_event is not None:
                ops.append({"action": "wrong", "event_id": title_event["id"]})
            src, tgt = sanction["source_country"], sanction["target_country"]
            ops.append({"action": "fix", "event_id": accuse["id"], "source_code": tgt,
                        "target_code": src, "target_sector": "GOV", "note": "the accused"})
            meet = max(bodies) if max(bodies) > 3 else 4
            ops.append({"action": "add", "sentence_index": meet, "plover": "CONSULT",
                        "source_code": src, "target_code": tgt, "note": "mutual"})
            for op in ops:
                r = post(client, a["id"], tok, author="tester", **op)
                assert r.status_code == 201, r.json()
            done[a["id"]] = {"title": a["title"], "src": src, "tgt": tgt,
                             "wrong": title_event["id"] if title_event else None}
    return done


def test_corrections_round_trip_to_gold_and_through_train(db: Path, tmp_path: Path) -> None:
    done = _correct_everything(db)
    runner = CliRunner()
    gold = tmp_path / "gold"
    r = runner.invoke(app, ["export", "--db", str(db), "--schema", "gold", "--out", str(gold)])
    assert r.exit_code == 0, r.output
    assert f"{len(done)} article(s)" in r.output
    loaded = load_news_gold(gold)
    assert len(loaded) == len(done) == len(STATES) - 1  # the uncorrected article is left out
    for g in loaded:
        data = json.loads(g.path.with_suffix(".json").read_text(encoding="utf-8"))
        assert list(data) == ["url", "publisher", "title", "published", "authors", "dyads", "events"]
        body = g.path.read_text(encoding="utf-8")
        want = next(v for v in done.values() if v["title"] == data["title"])
        src, tgt = want["src"], want["tgt"]
        assert g.name.endswith(".txt") and g.name[:2].isdigit()
        for e in data["events"]:
            assert e["sentence"] in body
            assert set(e) == {"sentence", "source", "target", "plover", "cameo_root", "note"}
            assert e["source"]["code"] and len(e["cameo_root"]) >= 2
        got = {(e["plover"], e["source"]["code"], (e["target"] or {}).get("code"))
               for e in data["events"]}
        title = body.splitlines()[0]
        assert not [e for e in data["events"] if e["sentence"] == title]  # marked wrong
        assert ("ACCUSE", tgt, src) in got  # fixed
        fixed = next(e for e in data["events"] if e["plover"] == "ACCUSE" and e["source"]["code"] == tgt)
        assert fixed["target"]["sector"] == "GOV" and fixed["note"].startswith("fixed by tester")
        assert ("CONSULT", src, tgt) in got  # added
        assert ("SANCTION", src, tgt) in got  # kept as coded
        assert sorted([src, tgt]) in data["dyads"]
    # --all: every article, the uncorrected one as coded.
    everything = tmp_path / "all"
    r = runner.invoke(app, ["export", "--db", str(db), "--schema", "gold", "--all", "--out",
                            str(everything)])
    assert r.exit_code == 0, r.output
    assert len(load_news_gold(everything)) == len(STATES)
    # The exported folder is what `detente train` reads.
    model = tmp_path / "m.npz"
    r = runner.invoke(app, ["train", str(gold), "--out", str(model), "--folds", "2",
                            "--min-precision", "0"])
    assert r.exit_code == 0, r.output
    from detente.learn import EventModel
    from detente.pipeline import Coder

    fitted = EventModel.load(model)
    assert {"SANCTION", "ACCUSE", "CONSULT"} <= set(fitted.types)
    assert fitted.card["articles"] == len(done)
    events = Coder(model=str(model)).code_text(
        "Poland expelled three diplomats of Belarus on Monday, the foreign ministry said.",
        "2024-03-05",
    )
    assert any(e.plover == "SANCTION" and "POL" in {x.country for x in e.source} for e in events)


def test_gold_export_refuses_a_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold.json"
    out.write_text("{}")
    r = CliRunner().invoke(app, ["export", "--db", str(db), "--schema", "gold", "--out", str(out)])
    assert r.exit_code == 2 and "is a file" in r.output
