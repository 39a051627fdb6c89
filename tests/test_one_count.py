"""One dyad, one count: the CLI, the API, the dashboard, the report, every export and the
DataFrame helpers read events through one query layer and agree, and say what they left out.

Runs on the bundled sample corpus (examples/corpus).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import detente
from detente.analytics import DyadQuery, dyad_series
from detente.cli import app
from detente.export import export_db
from detente.export import gdelt as gdelt_mod
from detente.export import plover as plover_mod
from detente.ingest import ingest_paths
from detente.pipeline import code_pending
from detente.store import Store
from detente.web import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
A, B = "USA", "RUS"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one-count") / "sample.duckdb"
    with Store(db) as store:
        ingest_paths([str(EXAMPLES / "corpus")], store)
        code_pending(store)
    return db


@pytest.fixture(scope="module")
def client(sample_db: Path):
    with TestClient(create_app(sample_db)) as c:
        yield c


def _cli(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_one_dyad_count_reconciles_across_every_surface(sample_db, client, tmp_path):
    # the CLI lists event rows (reports) under the counting rules
    cli_rows = json.loads(
        _cli("events", "--db", str(sample_db), "--dyad", A, B, "--format", "json").stdout
    )
    n_rows = len(cli_rows)
    assert {r["modality"] for r in cli_rows} == {"actual"}
    assert not any(r["negated"] for r in cli_rows)

    # the API: the dyad list, the series, the summary
    dyads = client.get("/api/dyads").json()["items"]
    row = next(d for d in dyads if {d["a"], d["b"]} == {A, B})
    assert row["n_reports"] == n_rows
    n_events = row["n_events"]
    assert 0 < n_events <= n_rows
    series = client.get(f"/api/dyads/{A}/{B}/series").json()
    assert series["n_events"] == n_events
    assert sum(p["n_events"] for p in series["points"]) == n_events
    assert series["n_reports"] == n_rows - row["n_undated"]
    left = series["left_out"]
    assert left["total"] == sum(v for k, v in left.items() if k != "total")
    assert left["kept"] + left.get("undated", 0) == n_rows
    summary = client.get(f"/api/dyads/{A}/{B}/summary").json()
    assert summary["n_events"] == n_events and summary["left_out"] == left

    # the dashboard says the same number and shows every event
    page = client.get(f"/dyad/{A}/{B}").text
    assert f"{n_events} events," in page
    assert page.count('class="event-row"') == n_events
    assert series["left_out_text"] in page.replace("&gt;", ">")

    # the report (both formats)
    for fmt in ("html", "md"):
        out = tmp_path / f"r.{fmt}"
        _cli("report", "--db", str(sample_db), "--dyad", A, B, "--format", fmt, "--out", str(out))
        text = out.read_text("utf-8")
        assert f"{n_events} events" in text
        assert series["left_out_text"] in text.replace("&gt;", ">")

    # every export format: GDELT rows are events, PLOVER records are event rows
    for fmt in ("csv", "parquet", "jsonl"):
        g = export_db(sample_db, schema="gdelt", fmt=fmt, out=tmp_path / f"g.{fmt}", dyad=[A, B])
        p = export_db(sample_db, schema="plover", fmt=fmt, out=tmp_path / f"p.{fmt}", dyad=[A, B])
        assert g.counts["events"] == n_events, fmt
        assert p.counts["events"] == n_rows, fmt
        assert g.left_out == p.left_out == left
        assert "counted" in g.note and "negated" in g.note
    assert pq.read_table(tmp_path / "g.parquet").num_rows == n_events
    s = export_db(sample_db, schema="series", fmt="csv", out=tmp_path / "s.csv", dyad=[A, B])
    assert pd.read_csv(s.paths[0])["n_events"].sum() == n_events

    # the Python API
    df = detente.events_frame(sample_db, dyad=(A, B))
    assert len(df) == n_rows and df.attrs["left_out"] == left
    with Store(sample_db, read_only=True) as store:
        frame = dyad_series(store, DyadQuery.make(A, B)).to_frame()
    assert frame["n_events"].sum() == n_events


def test_other_modalities_are_visible_and_can_be_included(sample_db, client):
    every = json.loads(
        _cli(
            "events",
            "--db",
            str(sample_db),
            "--dyad",
            A,
            B,
            "--modality",
            "all",
            "--format",
            "json",
        ).stdout
    )
    modalities = {r["modality"] for r in every}
    assert "demanded" in modalities
    default = client.get(f"/api/dyads/{A}/{B}/series").json()
    wide = client.get(f"/api/dyads/{A}/{B}/series", params={"modality": "all"}).json()
    assert wide["n_events"] > default["n_events"]
    assert default["left_out"].get("modality:demanded", 0) > 0
    # no demanded or hypothetical event among the strongest events
    summary = client.get(f"/api/dyads/{A}/{B}/summary").json()
    ids = {i for c in summary["cooperative"] + summary["conflictual"] for i in c["event_ids"]}
    by_id = {r["id"]: r for r in every}
    assert ids and all(by_id[i]["modality"] == "actual" for i in ids if i in by_id)
    bad = client.get(f"/api/dyads/{A}/{B}/series", params={"modality": "wished"})
    assert bad.status_code == 400 and "modality" in bad.text


def test_exports_load_in_pandas_with_documented_dtypes(sample_db, tmp_path):
    p = export_db(sample_db, schema="plover", fmt="csv", out=tmp_path / "p.csv")
    df = pd.read_csv(p.paths[0], dtype={"cameo": str, "id": str})
    assert list(df.columns) == plover_mod.FLAT_COLUMNS
    assert not df["actor_code"].astype(str).str.startswith("[").any()  # no JSON in cells
    assert df["cameo"].str.len().ge(2).all()  # "020" stays "020"
    assert df["actor_identifier_id"].dropna().str.match(r"^Q\d+(; Q\d+)*$").all()
    assert df["actor_identifier_id"].notna().any()  # Wikidata ids where the actor data has them
    g = export_db(sample_db, schema="gdelt", fmt="csv", out=tmp_path / "g.csv")
    gd = pd.read_csv(g.paths[0], dtype={k: v for k, v in gdelt_mod.DTYPES.items()})
    assert gd["EventCode"].str.fullmatch(r"\d{3,4}").all()
    assert gd["AvgTone"].abs().max() <= 100 and gd["AvgTone"].abs().max() > 1  # GDELT's scale
    assert set(gd["Modality"]) == {"actual"}
    frame = detente.events_frame(sample_db)
    assert str(frame["cameo"].dtype) == "string" and str(frame["date"].dtype).startswith("datetime")


def test_events_cli_filters_sort_and_errors(sample_db):
    db = str(sample_db)
    rows = json.loads(
        _cli(
            "events",
            "--db",
            db,
            "--actor",
            "RUS",
            "--cameo",
            "1",
            "--sort=-goldstein",
            "--format",
            "json",
        ).stdout
    )
    assert rows and all(r["cameo"].startswith("1") for r in rows)
    scores = [r["goldstein"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    sure = json.loads(
        _cli("events", "--db", db, "--min-confidence", "0.75", "--format", "json").stdout
    )
    assert sure and all(r["confidence"] >= 0.75 for r in sure)
    bad = CliRunner().invoke(app, ["events", "--db", db, "--modality", "maybe"])
    assert bad.exit_code == 2 and "modality" in bad.output
    empty = CliRunner().invoke(
        app,
        ["report", "--db", db, "--dyad", "USA", "FRA", "--out", str(sample_db.parent / "e.html")],
    )
    assert empty.exit_code == 2 and "no events or statements" in empty.output
    assert not (sample_db.parent / "e.html").exists()
    version = CliRunner().invoke(app, ["--version"])
    assert version.exit_code == 0 and re.search(r"\d+\.\d+", version.output)
