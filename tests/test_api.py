"""The JSON API and pages in-process (FastAPI TestClient): every endpoint, bad params, paging."""

from __future__ import annotations

import re
import warnings

import pytest
from typer.testing import CliRunner

from factories import DEMO_MONTHS, DEMO_USA_RUS_EVENTS, SCRIPT_TEXT, build_demo_db

with warnings.catch_warnings():  # starlette's notice about httpx versions, not about our code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from detente.cli import app as cli_app
from detente.web import create_app
from detente.web.serve import exposure_warning


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "demo.duckdb"
    handles = build_demo_db(path)
    app = create_app(path)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, handles, path


def assert_error(response, status: int, *, param: str | None = None, contains: str = ""):
    """Every error has the one shape, a message, and the parameter at fault."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "param"}
    assert err["status"] == status and err["message"]
    if param is not None:
        assert err["param"] == param
    assert contains in err["message"]


# -- endpoints --------------------------------------------------------------------------------


def test_stats(demo):
    client, _, _ = demo
    body = client.get("/api/stats").json()
    assert body["n_articles"] == 15 and body["n_duplicates"] == 1 and body["n_dyads"] == 3


def test_articles_list_search_and_detail(demo):
    client, h, _ = demo
    page = client.get("/api/articles", params={"limit": 5}).json()
    assert page["total"] == 15 and len(page["items"]) == 5
    assert "body" not in page["items"][0]
    found = client.get("/api/articles", params={"q": "EXPELLED"}).json()
    assert {i["id"] for i in found["items"]} == {
        h["expel_wire"].id,
        h["expel_copy"].id,
        h["expel_post"].id,
    }
    assert "<mark>expelled</mark>" in found["items"][0]["snippet"]
    originals = client.get("/api/articles", params={"q": "expelled", "duplicates": False}).json()
    assert originals["total"] == 2
    # LIKE wildcards in the query are literal.
    assert client.get("/api/articles", params={"q": "%"}).json()["total"] == 0
    detail = client.get(f"/api/articles/{h['banks'].id}").json()
    assert detail["body"].startswith("Invented report: Washington announced")
    assert [e["plover"] for e in detail["events"]] == ["COERCE"]
    assert detail["events"][0]["source"][0]["country"] == "USA"
    assert detail["quotes"][0]["speaker_name"] == "John Example"
    assert detail["issues"][0]["issue"] == "economy"
    assert detail["assessments"][0]["polarity"] == -0.9
    assert len(detail["sentences"]) == 3 and detail["mentions"]
    wire = client.get(f"/api/articles/{h['expel_wire'].id[:10]}").json()  # unique prefix
    assert wire["copies"][0]["id"] == h["expel_copy"].id


def test_events_filters(demo):
    client, _, _ = demo
    rus_src = client.get("/api/events", params={"source": "rus", "limit": 500}).json()
    assert rus_src["total"] > 0
    assert all(any(a["country"] == "RUS" for a in e["source"]) for e in rus_src["items"])
    coerce = client.get("/api/events", params={"plover": "COERCE"}).json()
    assert {e["cameo"] for e in coerce["items"]} == {"163"}
    assert (
        client.get("/api/events", params={"quad_class": 4, "country": "CHN"}).json()["total"] == 1
    )
    assert client.get("/api/events", params={"negated": True}).json()["total"] == 1
    march = client.get("/api/events", params={"since": "2024-03-01", "until": "2024-03-31"}).json()
    assert {e["date"][:7] for e in march["items"]} == {"2024-03"}
    # the counting rules: the syndicated copy's event is left out unless asked for
    assert client.get("/api/events", params={"cameo": "16"}).json()["total"] == 4
    both = {"cameo": "16", "duplicates": True}
    assert client.get("/api/events", params=both).json()["total"] == 5


def test_quotes_issues_assessments_actors(demo):
    client, _, _ = demo
    q = client.get("/api/quotes", params={"speaker": "ivan"}).json()
    assert [i["text"] for i in q["items"]] == ["This interference must stop"]
    assert client.get("/api/quotes", params={"country": "USA"}).json()["total"] == 2
    issues = client.get("/api/issues").json()
    assert issues["items"][0] == {"issue": "arms_control", "n_articles": 3, "n_mentions": 3}
    a = client.get("/api/assessments", params={"a": "RUS", "b": "USA"}).json()
    assert a["total"] == 3 and {i["polarity"] for i in a["items"]} == {-0.6, -0.9, 0.5}
    actors = client.get("/api/actors", params={"country": "USA"}).json()
    assert actors["items"][0]["code"] == "USAGOV"
    assert "Washington" in actors["items"][0]["names"]


def test_dyads_series_summary_events(demo):
    client, _, _ = demo
    dyads = client.get("/api/dyads").json()
    assert [(d["a"], d["b"]) for d in dyads["items"]][0] == ("RUS", "USA")
    s = client.get("/api/dyads/USA/RUS/series", params={"freq": "month"}).json()
    assert [p["period"] for p in s["points"]] == DEMO_MONTHS
    assert [p["n_events"] for p in s["points"]] == DEMO_USA_RUS_EVENTS
    lo, hi = s["points"][0]["intervals"]["nci"]
    assert lo <= s["points"][0]["nci"] <= hi
    directed = client.get(
        "/api/dyads/USA/RUS/series", params={"directed": True, "events": True}
    ).json()
    assert directed["directed"] and all(e["source_country"] == "USA" for e in directed["events"])
    summary = client.get("/api/dyads/usa/rus/summary").json()
    assert summary["issues"][0]["issue"] == "arms_control"
    assert "turning_points" in summary and summary["conflictual"][0]["goldstein"] == -8.0
    ev = client.get("/api/dyads/USA/RUS/events", params={"limit": 4, "offset": 4}).json()
    assert ev["total"] == sum(DEMO_USA_RUS_EVENTS) and len(ev["items"]) == 4
    expel = client.get("/api/dyads/USA/RUS/events", params={"plover": "SANCTION"}).json()["items"][
        0
    ]
    assert expel["n_reports"] == 3 and expel["independent_sources"] == 2


# -- pagination -------------------------------------------------------------------------------


def test_pagination_walks_all_records_once(demo):
    client, _, _ = demo
    seen, url = [], "/api/articles?limit=4"
    while url:
        page = client.get(url).json()
        seen += [i["id"] for i in page["items"]]
        url = page["next"]
    assert len(seen) == 15 == len(set(seen))
    last = client.get("/api/articles", params={"limit": 4, "offset": 12}).json()
    assert len(last["items"]) == 3 and last["next"] is None
    beyond = client.get("/api/articles", params={"offset": 100}).json()
    assert beyond["items"] == [] and beyond["total"] == 15


# -- bad parameters: 4xx with a message, never 500 ---------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "param", "contains"),
    [
        ("/api/articles?limit=501", 400, "limit", "500"),
        ("/api/articles?limit=0", 400, "limit", ""),
        ("/api/articles?limit=ten", 400, "limit", "integer"),
        ("/api/articles?offset=-1", 400, "offset", ""),
        ("/api/articles?since=2024-02-30", 400, "since", "date"),
        ("/api/articles?since=2024-05-01&until=2024-01-01", 400, "since", "after"),
        ("/api/articles?duplicates=maybe", 400, "duplicates", ""),
        ("/api/articles/nope!", 400, "id", "not an id"),
        ("/api/articles/ffffffffffff", 404, None, "no article"),
        ("/api/events?quad_class=5", 400, "quad_class", ""),
        ("/api/events?source=U%24A", 400, "source", "country"),
        ("/api/events?cameo=abc", 400, "cameo", ""),
        ("/api/quotes?country=12345678901", 400, "country", ""),
        ("/api/assessments?a=!!", 400, "a", ""),
        ("/api/dyads?limit=100000", 400, "limit", ""),
        ("/api/dyads/USA/USA/series", 400, "b", "two different"),
        ("/api/dyads/USA/ZZZ/series", 404, None, "no events"),
        ("/api/dyads/USA/RUS/series?freq=fortnight", 400, "freq", "fortnight"),
        ("/api/dyads/USA/RUS/series?weight=heavy", 400, "weight", ""),
        ("/api/dyads/USA/RUS/series?n_boot=5", 400, "n_boot", ""),
        ("/api/dyads/USA/RUS/series?since=yesterday", 400, "since", ""),
        (
            "/api/dyads/USA/RUS/series?freq=day&since=1900-01-01&until=2024-06-30",
            400,
            "freq",
            "periods",
        ),
        ("/api/dyads/USA/RUS/summary?metric=vibes", 400, "metric", ""),
        ("/api/dyads/USA/RUS/events?limit=0", 400, "limit", ""),
        ("/api/dyads/TOOLONGCODE/RUS/series", 400, "a", ""),
        ("/api/nothing", 404, None, "/api/nothing"),
    ],
)
def test_bad_parameters_give_one_error_shape(demo, url, status, param, contains):
    client, _, _ = demo
    assert_error(client.get(url), status, param=param, contains=contains)


def test_wrong_method_has_the_error_shape(demo):
    client, _, _ = demo
    assert_error(client.post("/api/articles"), 405)


# -- OpenAPI and docs -------------------------------------------------------------------------


def test_openapi_documents_every_endpoint(demo):
    client, _, _ = demo
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert paths == {
        "/api/stats",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}/corrections",
        "/api/corrections/token",
        "/api/events",
        "/api/quotes",
        "/api/issues",
        "/api/assessments",
        "/api/actors",
        "/api/dyads",
        "/api/dyads/{a}/{b}/series",
        "/api/dyads/{a}/{b}/summary",
        "/api/dyads/{a}/{b}/events",
    }
    for path, ops in spec["paths"].items():
        op = ops["get"]
        assert op.get("summary") and op.get("description"), path
        assert "400" in op["responses"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/dyads/{a}/{b}/series" in docs.text
    assert "cdn" not in docs.text.lower()


# -- pages ----------------------------------------------------------------------------------


def test_overview_page(demo):
    client, _, _ = demo
    r = client.get("/")
    assert r.status_code == 200
    assert 'src="/static/plotly.min.js"' in r.text
    assert len(re.findall(r'class="dyad-row"', r.text)) == 3
    assert 'href="/dyad/RUS/USA"' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_dyad_page_with_filters(demo):
    client, _, _ = demo
    r = client.get("/dyad/USA/RUS")
    assert r.status_code == 200
    assert len(re.findall(r'<tr class="event-row"', r.text)) == sum(DEMO_USA_RUS_EVENTS)
    assert 'id="chart-nci"' in r.text
    filtered = client.get(
        "/dyad/USA/RUS",
        params={
            "plover": "CONSULT",
            "since": "2024-01-01",
            "until": "",
            "publisher": "",
            "issue": "",
        },
    )
    assert len(re.findall(r'<tr class="event-row"', filtered.text)) == 2
    assert '<option value="CONSULT" selected>' in filtered.text
    bad = client.get("/dyad/USA/RUS", params={"since": "soon"})
    assert bad.status_code == 400 and "text/html" in bad.headers["content-type"]
    assert "not a date" in bad.text


def test_article_page_escapes_and_highlights(demo):
    client, h, _ = demo
    r = client.get(f"/article/{h['script'].id}")
    assert r.status_code == 200
    assert SCRIPT_TEXT not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    body = re.search(r'<div id="article-body" class="body">(.*?)</div>', r.text, re.S).group(1)
    assert '<mark class="evidence mention"' in body and ">American</mark>" in body
    # Removing the markup gives back exactly the (escaped) article text.
    assert '<span class="sentence" id="s1">' in body  # evidence links point at /article/ID#s1
    plain = re.sub(r"</?(mark|span)[^>]*>", "", body)
    assert plain == h["script"].article.body.replace("<", "&lt;").replace(">", "&gt;")
    assert client.get("/article/ffffffffffff").status_code == 404


def test_search_page(demo):
    client, h, _ = demo
    r = client.get("/search", params={"q": "<script>"})
    assert r.status_code == 200
    assert "1 article(s)" in r.text
    assert f'href="/article/{h["script"].id}"' in r.text
    assert SCRIPT_TEXT not in r.text and "<mark>&lt;script&gt;</mark>" in r.text
    assert client.get("/search").status_code == 200


def test_static_files(demo):
    client, _, _ = demo
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and "plotly.js" in js.text[:200]
    assert client.get("/static/figures.js").status_code == 200
    assert client.get("/static/detente.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../app.py").status_code == 404


# -- serving --------------------------------------------------------------------------------


def test_serve_get_answers_in_process(demo):
    _, _, path = demo
    runner = CliRunner()
    ok = runner.invoke(cli_app, ["serve", "--db", str(path), "--get", "/api/dyads?limit=1"])
    assert ok.exit_code == 0, ok.output
    assert '"a":"RUS"' in ok.output
    bad = runner.invoke(cli_app, ["serve", "--db", str(path), "--get", "/api/dyads?limit=0"])
    assert bad.exit_code == 1 and '"bad_parameter"' in bad.output


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(
        cli_app, ["serve", "--db", str(tmp_path / "none.duckdb"), "--get", "/"]
    )
    assert result.exit_code == 2 and "no database" in result.output


def test_exposure_warning_only_off_loopback():
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None
    warning = exposure_warning("0.0.0.0")
    assert warning and "WARNING" in warning and "0.0.0.0" in warning


def test_app_opens_the_database_read_only(demo):
    client, _, _ = demo
    assert client.app.state.store.read_only
    assert client.app.state.store.con.execute("SELECT 1").fetchone() == (1,)


def test_empty_database_pages_and_api(tmp_path):
    from detente.store import Store

    Store(tmp_path / "empty.duckdb").close()
    with TestClient(create_app(tmp_path / "empty.duckdb"), raise_server_exceptions=False) as client:
        page = client.get("/")
        assert page.status_code == 200 and "No events between two countries yet" in page.text
        assert client.get("/api/dyads").json() == {
            "items": [],
            "total": 0,
            "limit": 50,
            "offset": 0,
            "next": None,
        }
        assert client.get("/api/stats").json()["n_articles"] == 0
        assert_error(client.get("/api/dyads/USA/RUS/series"), 404, contains="no events")
        assert client.get("/search", params={"q": "anything"}).status_code == 200
