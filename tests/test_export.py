"""`detente export`: files are read back and their columns and values checked."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from detente.analytics import QueryError
from detente.cli import app
from detente.export import export
from detente.export import gdelt as gdelt_mod
from detente.export import plover as plover_mod
from detente.store import Store
from factories import DEMO_USA_RUS_EVENTS, build_demo_db

runner = CliRunner()

# Field names of the PLOVER manual's data chapter (PLOVER JSON, entity, text and citation objects).
PLOVER_MANUAL_FIELDS = {
    "id",
    "has_event",
    "date",
    "time",
    "enddate",
    "endtime",
    "actor",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
    "coded_time",
    "comment",
}
ENTITY_FIELDS = {
    "code",
    "sector",
    "entity_text",
    "identifier_id",
    "identifier_text",
    "religion",
    "ethnicity",
    "office",
    "gender",
    "age",
}
TEXT_INFO_FIELDS = {"sequence", "start", "end", "text_story"}
CITE_INFO_FIELDS = {
    "corpus",
    "citation",
    "url",
    "title",
    "language",
    "publication",
    "license",
    "copyright",
    "coder",
    "codebook",
    "version",
}
GDELT_CORE = [
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2CountryCode",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumArticles",
    "SOURCEURL",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "demo.duckdb"
    handles = build_demo_db(path)
    store = Store(path, read_only=True)
    yield store, handles, path
    store.close()


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# -- PLOVER -----------------------------------------------------------------------------------


def test_plover_jsonl_uses_the_manual_field_names(demo, tmp_path):
    store, h, _ = demo
    res = export(store, schema="plover", fmt="jsonl", out=tmp_path / "p.jsonl")
    records = read_jsonl(res.paths[0])
    assert len(records) == 15  # every counted event of an original article
    assert res.left_out["negated"] == 1 and "1 negated" in res.note
    with_negated = export(
        store, schema="plover", fmt="jsonl", out=tmp_path / "n.jsonl", include_negated=True
    )
    assert with_negated.counts["events"] == 16
    for r in records:
        named = set(r) - set(plover_mod.EXTRA_FIELDS)
        assert named <= PLOVER_MANUAL_FIELDS
        assert {"id", "date", "actor", "event"} <= set(r)  # the required ones
        for entity in r["actor"] + r["recipient"]:
            assert set(entity) - {"actor_code", "resolved_by"} <= ENTITY_FIELDS
        assert set(r["text_info"]) <= TEXT_INFO_FIELDS
        assert set(r["cite_info"]) <= CITE_INFO_FIELDS
    banks = next(r for r in records if r["article_id"] == h["banks"].id)
    assert banks["event"] == ["COERCE"] and banks["quad_code"] == 4 and banks["event_scale"] == -8.0
    assert banks["actor"][0] == {
        "code": "USA",
        "sector": "GOV",
        "entity_text": "Washington",
        "identifier_id": None,
        "identifier_text": "Washington",
        "actor_code": "USAGOV",
        "resolved_by": "dictionary",
    }
    assert banks["cite_info"]["publication"] == "Example Times"
    body = h["banks"].article.body
    ti = banks["text_info"]
    assert body[ti["start"] : ti["end"]] == banks["text"]


def test_plover_link_groups_reports_of_one_event(demo, tmp_path):
    store, h, _ = demo
    records = read_jsonl(
        export(
            store, schema="plover", fmt="jsonl", out=tmp_path / "p.jsonl", include_negated=True
        ).paths[0]
    )
    expel = [r for r in records if r["event"] == ["SANCTION"]]
    assert {r["article_id"] for r in expel} == {h["expel_wire"].id, h["expel_post"].id}
    assert len({r["link"] for r in expel}) == 1 and expel[0]["link"]
    negated = next(r for r in records if r["negated"])
    assert negated["link"] is None


def test_plover_parquet_and_csv(demo, tmp_path):
    store, _, _ = demo
    pq_path = export(store, schema="plover", fmt="parquet", out=tmp_path / "p.parquet").paths[0]
    table = pq.read_table(pq_path)
    assert table.column_names == plover_mod.COLUMNS
    first = table.to_pylist()[0]
    assert isinstance(first["actor"], list) and first["actor"][0]["code"] == "USA"
    csv_rows = read_csv(export(store, schema="plover", fmt="csv", out=tmp_path / "p.csv").paths[0])
    assert list(csv_rows[0]) == plover_mod.FLAT_COLUMNS  # flat: one value per cell
    assert csv_rows[0]["actor_code"] == "USA" and not csv_rows[0]["actor_code"].startswith("[")
    assert len(csv_rows) == table.num_rows == 15


# -- GDELT ------------------------------------------------------------------------------------


def test_gdelt_csv_one_row_per_clustered_event(demo, tmp_path):
    store, h, _ = demo
    rows = read_csv(export(store, schema="gdelt", fmt="csv", out=tmp_path / "g.csv").paths[0])
    assert list(rows[0]) == gdelt_mod.COLUMNS
    assert set(GDELT_CORE) <= set(rows[0])
    assert len(rows) == sum(DEMO_USA_RUS_EVENTS) + 3  # USA–RUS clusters + CHN and FRA events
    expel = next(r for r in rows if r["EventCode"] == "161")
    assert expel["SQLDATE"] == "20240305" and expel["EventRootCode"] == "16"
    assert expel["Actor1CountryCode"] == "RUS" and expel["Actor2CountryCode"] == "USA"
    assert expel["QuadClass"] == "4" and float(expel["GoldsteinScale"]) == -4.0
    assert expel["NumArticles"] == "3" and expel["NumSources"] == "3"  # wire, post and the copy
    assert expel["SOURCEURL"] == h["expel_wire"].article.url
    assert (
        "expelled ten American diplomats" in expel["Evidence"] and expel["Rule"] == "test.sanction"
    )
    ids = [r["GLOBALEVENTID"] for r in rows]
    assert len(set(ids)) == len(ids)


def test_gdelt_parquet_types_and_dyad_filter(demo, tmp_path):
    store, _, _ = demo
    path = export(
        store, schema="gdelt", fmt="parquet", out=tmp_path / "g.parquet", dyad=["usa", "rus"]
    ).paths[0]
    table = pq.read_table(path)
    assert table.num_rows == sum(DEMO_USA_RUS_EVENTS)
    assert str(table.schema.field("SQLDATE").type) == "int64"
    assert str(table.schema.field("GoldsteinScale").type) == "double"
    countries = set(table.column("Actor1CountryCode").to_pylist()) | set(
        table.column("Actor2CountryCode").to_pylist()
    )
    assert countries == {"USA", "RUS"}


def test_gdelt_jsonl_is_rerun_stable(demo, tmp_path):
    store, _, _ = demo
    a = read_jsonl(export(store, schema="gdelt", fmt="jsonl", out=tmp_path / "a.jsonl").paths[0])
    b = read_jsonl(export(store, schema="gdelt", fmt="jsonl", out=tmp_path / "b.jsonl").paths[0])
    assert [r["GLOBALEVENTID"] for r in a] == [r["GLOBALEVENTID"] for r in b]


# -- our own tables ---------------------------------------------------------------------------


def test_detente_tables_parquet(demo, tmp_path):
    store, _, _ = demo
    res = export(store, schema="detente", fmt="parquet", out=tmp_path / "tables")
    names = {p.stem for p in res.paths}
    assert {
        "articles",
        "sentences",
        "mentions",
        "events",
        "event_actors",
        "quotes",
        "issue_tags",
        "assessments",
    } <= names
    events = pq.read_table(tmp_path / "tables" / "events.parquet")
    assert events.num_rows == 17 == res.counts["events"]
    assert {"id", "article_id", "cameo", "plover", "goldstein", "rule", "sentence"} <= set(
        events.column_names
    )
    articles = pq.read_table(tmp_path / "tables" / "articles.parquet").to_pylist()
    assert any("<script>alert(1)</script>" in a["body"] for a in articles)  # data kept verbatim


def test_detente_tables_csv_and_jsonl_for_one_dyad(demo, tmp_path):
    store, h, _ = demo
    export(store, schema="detente", fmt="csv", out=tmp_path / "c", dyad=["CHN", "USA"])
    ev = read_csv(tmp_path / "c" / "events.csv")
    assert {r["plover"] for r in ev} == {"CONSULT", "COERCE"}
    assert json.loads(ev[0]["source"])[0]["country"] in {"CHN", "USA"}
    arts = read_csv(tmp_path / "c" / "articles.csv")
    assert {a["id"] for a in arts} == {h["trade_talks"].id, h["tariffs"].id}
    export(store, schema="detente", fmt="jsonl", out=tmp_path / "j")
    quotes = read_jsonl(tmp_path / "j" / "quotes.jsonl")
    assert isinstance(quotes[0]["speaker"], dict)  # JSON columns come back as objects
    assert {q["speaker_name"] for q in quotes} == {
        "Jane Placeholder",
        "Ivan Sampleov",
        "John Example",
    }


def test_detente_schema_refuses_a_file_as_out(demo, tmp_path):
    store, _, _ = demo
    target = tmp_path / "file.csv"
    target.write_text("x")
    with pytest.raises(QueryError, match="directory"):
        export(store, schema="detente", fmt="csv", out=target)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"schema": "xml", "fmt": "csv"}, "schema"),
        ({"schema": "gdelt", "fmt": "xlsx"}, "format"),
        ({"schema": "gdelt", "fmt": "csv", "dyad": ["USA"]}, "two codes"),
        ({"schema": "gdelt", "fmt": "csv", "since": "2024-1-x"}, "date"),
    ],
)
def test_bad_export_options(demo, tmp_path, kwargs, match):
    store, _, _ = demo
    with pytest.raises(QueryError, match=match):
        export(store, out=tmp_path / "x.csv", **kwargs)


def test_cli_export(demo, tmp_path):
    _, _, path = demo
    out = tmp_path / "usa_rus.jsonl"
    result = runner.invoke(
        app,
        [
            "export",
            "--db",
            str(path),
            "--schema",
            "plover",
            "--format",
            "jsonl",
            "--dyad",
            "USA",
            "RUS",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert records and all(
        {a["code"] for a in r["actor"] + r["recipient"]} & {"USA", "RUS"} for r in records
    )
    bad = runner.invoke(app, ["export", "--db", str(path), "--schema", "nope", "--out", str(out)])
    assert bad.exit_code == 2 and "schema" in bad.output
