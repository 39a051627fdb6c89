"""End to end: the real server (`detente serve` in a subprocess) in headless Chromium.

Needs Debian's chromium at /usr/bin/chromium (CI: `apt-get install -y chromium`)
and the playwright Python package; skipped cleanly when either is missing.
"""

from __future__ import annotations

import pytest

from browsing import chromium, needs_chromium, serving, watched_page
from factories import DEMO_MONTHS, DEMO_USA_RUS_EVENTS, SCRIPT_TEXT, build_demo_db

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    needs_chromium,
]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`detente serve` on a free loopback port over the demo database; yields (base url, handles)."""
    path = tmp_path_factory.mktemp("e2e") / "demo.duckdb"
    handles = build_demo_db(path)
    with serving(path, tmp_path_factory.mktemp("e2e-log") / "serve.log") as base:
        yield base, handles


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser):
    pg = watched_page(browser)
    yield pg
    pg.context.close()


def test_overview_lists_dyads_with_sparklines(server, page):
    base, _ = server
    page.goto(f"{base}/")
    page.wait_for_selector("#spark-0 .main-svg")
    assert page.locator("#dyads-table tr.dyad-row").count() == 3
    assert page.evaluate("document.getElementById('spark-0').data[0].x.length") == len(DEMO_MONTHS)
    assert page.problems == []


def test_dyad_page_chart_and_events_with_evidence(server, page):
    base, _ = server
    page.goto(f"{base}/dyad/USA/RUS")
    page.wait_for_selector("#chart-nci .main-svg")
    traces = page.evaluate(
        "document.getElementById('chart-nci').data.map(t => [t.name, t.x.length])"
    )
    assert ["USA–RUS", len(DEMO_MONTHS)] in traces
    counts = page.evaluate(
        "document.getElementById('chart-counts').data.find(t => t.name === 'all events (95% band)').y"
    )
    assert counts == DEMO_USA_RUS_EVENTS
    # Plotly drew one marker per point of the main line.
    drawn = page.evaluate(
        "document.querySelectorAll('#chart-nci .scatterlayer .trace:nth-child(2) .points path').length"
    )
    assert drawn == len(DEMO_MONTHS)
    rows = page.locator("#events-table tr.event-row")
    assert rows.count() == sum(DEMO_USA_RUS_EVENTS)
    evidence = rows.locator("td.evidence a").all_inner_texts()
    assert all(len(t) > 20 for t in evidence)
    assert any("expelled ten American diplomats" in t for t in evidence)
    assert page.problems == []


def test_dyad_page_filters(server, page):
    base, _ = server
    page.goto(f"{base}/dyad/USA/RUS")
    page.select_option("select[name=plover]", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#chart-nci .main-svg")
    assert "plover=CONSULT" in page.url
    assert page.locator("#events-table tr.event-row").count() == 2


def test_article_with_script_shows_it_as_text(server, page):
    base, handles = server
    page.goto(f"{base}/article/{handles['script'].id}")
    body = page.locator("#article-body")
    assert SCRIPT_TEXT in body.inner_text()
    assert page.evaluate("document.querySelectorAll('#article-body script').length") == 0
    assert page.locator("#article-body mark.evidence").count() >= 1
    assert page.locator("#article-body mark.mention").count() == 2
    assert SCRIPT_TEXT in page.locator("#article-title").inner_text()
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_event_link_leads_to_the_article(server, page):
    base, handles = server
    page.goto(f"{base}/dyad/USA/RUS")
    page.locator(
        "#events-table tr.event-row td.evidence a", has_text="announced new sanctions"
    ).click()
    page.wait_for_selector("#article-body")
    assert page.url.split("#")[0].endswith(f"/article/{handles['banks'].id}")
    assert "#s" in page.url  # the link goes to the sentence, which CSS highlights
    marked = "".join(page.locator("#article-body mark.evidence").all_inner_texts())
    assert "Washington announced new sanctions on Russian banks." in marked
