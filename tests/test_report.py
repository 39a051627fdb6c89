"""`detente report`: a self-contained, escaped HTML file and a Markdown summary."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.report import render_report, write_report
from detente.report.render import md, safe_url
from detente.store import Store
from factories import DEMO_MONTHS, SCRIPT_TEXT, CorpusBuilder, build_demo_db

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "demo.duckdb"
    handles = build_demo_db(path)
    return path, handles


@pytest.fixture(scope="module")
def html(demo_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report.html"
    write_report(demo_db[0], out, dyad=("USA", "RUS"))
    return out.read_text("utf-8")


def _figures(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="figure-data">(.*?)</script>', page, re.S)
    assert m, "figure data missing"
    return json.loads(m.group(1))


def test_report_is_self_contained(html):
    assert "plotly.js v" in html  # the library itself is inlined
    assert len(html) > 1_000_000
    tags = re.findall(r"<script\b[^>]*>", html, re.I)
    assert tags and not any("src=" in t.lower() for t in tags)
    # Nothing is fetched: no stylesheet, image or frame from the network either.
    assert not re.search(
        r"<(link|img|iframe|embed)\b[^>]*(src|href)=[\"']?(https?:)?//", html, re.I
    )


def test_report_escapes_article_text(html):
    assert SCRIPT_TEXT not in html
    assert "Talks in Vienna &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_charts_have_one_point_per_month(html):
    figs = _figures(html)
    nci = figs["chart-nci"]["data"]
    main = next(t for t in nci if t["name"] == "USA–RUS")
    assert main["x"] == DEMO_MONTHS
    band = [t for t in nci if t.get("fill") == "toself"]
    # one closed shape over consecutive months: upper edge forward, lower edge back
    edge = [x for x in band[0]["x"] if x is not None]
    assert band and sorted(set(edge)) == DEMO_MONTHS and len(edge) == 2 * len(DEMO_MONTHS)
    assert {t["name"] for t in nci} >= {"USA → RUS", "RUS → USA"}
    assert set(figs) == {
        "chart-nci",
        "chart-counts",
        "chart-goldstein",
        "chart-tone",
        "chart-assessment",
    }


def test_report_events_table_links_evidence_to_articles(html, demo_db):
    _, h = demo_db
    rows = re.findall(r'<tr class="event-row".*?</tr>', html, re.S)
    assert len(rows) == 11
    expel = next(r for r in rows if "expelled ten American diplomats" in r)
    assert f'href="#article-{h["expel_wire"].id}"' in expel
    assert "(copy)" in expel  # the syndicated copy is listed as a report
    assert f'id="article-{h["expel_wire"].id}"' in html  # the link target exists


def test_report_sections_and_corpus_stats(html):
    for heading in (
        "Corpus",
        "Time series",
        "Turning points",
        "Issues",
        "Speakers and quotes",
        "Strongest events",
        "By publisher",
        "Events",
        "Articles",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "arms_control" in html and "Jane Placeholder" in html
    assert "<b>15</b>articles" in html


def test_markdown_summary(demo_db):
    with Store(demo_db[0], read_only=True) as store:
        text = render_report(store, dyad=("USA", "RUS"), fmt="md")
    assert text.startswith("# USA–RUS")
    assert "| 2024-03-01 | 2.0 |" in text
    assert "We will keep talking" in text


def test_cli_report_without_dyad_picks_the_busiest(demo_db, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", str(demo_db[0]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out.resolve()) in result.output.replace("\n", "")
    assert "RUS–USA" in out.read_text("utf-8")


def test_cli_report_markdown_and_errors(demo_db, tmp_path):
    out = tmp_path / "r.md"
    ok = runner.invoke(
        app,
        [
            "report",
            "--db",
            str(demo_db[0]),
            "--dyad",
            "usa",
            "chn",
            "--format",
            "md",
            "--out",
            str(out),
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert out.read_text("utf-8").startswith("# USA–CHN")
    bad_date = runner.invoke(
        app,
        [
            "report",
            "--db",
            str(demo_db[0]),
            "--since",
            "2024-13-01",
            "--out",
            str(tmp_path / "x.html"),
        ],
    )
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    no_db = runner.invoke(
        app, ["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "y.html")]
    )
    assert no_db.exit_code == 2 and "no database" in no_db.output


def test_empty_database_says_what_to_do(tmp_path):
    Store(tmp_path / "empty.duckdb").close()
    result = runner.invoke(
        app, ["report", "--db", str(tmp_path / "empty.duckdb"), "--out", str(tmp_path / "e.html")]
    )
    assert result.exit_code == 2
    assert "detente run" in result.output


def test_filters_safe_url_and_md():
    assert safe_url("https://news.example/a") == "https://news.example/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert md("a | b\nc <i>") == "a \\| b c &lt;i&gt;"


def test_undated_events_are_listed_apart(tmp_path):
    b = CorpusBuilder()
    dated = b.article(
        ["Invented: Ruritania met Freedonia in spring."], publisher="P", published="2024-04-02"
    )
    dated.event(
        0,
        ("Ruritania", "RUR"),
        ("Freedonia", "FRE"),
        plover="CONSULT",
        cameo="040",
        quad=1,
        goldstein=1.0,
    )
    undated = b.article(
        ["Invented: Ruritania warned Freedonia at some point."], publisher="P", published=None
    )
    undated.event(
        0,
        ("Ruritania", "RUR"),
        ("Freedonia", "FRE"),
        plover="THREATEN",
        cameo="130",
        quad=3,
        goldstein=-4.4,
    )
    path = b.write(tmp_path / "u.duckdb")
    with Store(path, read_only=True) as store:
        page = render_report(store, dyad=("RUR", "FRE"))
    assert "(and 1 undated events)" in page
    main = page.split('id="undated-events-table"')[0]
    assert main.count('<tr class="event-row"') == 1
    undated_part = page.split('id="undated-events-table"')[1]
    assert "warned Freedonia at some point" in undated_part
    assert f'href="#article-{undated.id}"' in undated_part
