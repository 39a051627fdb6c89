"""The sample corpus in headless Chromium: the story, counting only what happened, chart → evidence.

Runs `detente run` on examples/corpus, serves it with `detente serve`, and
checks what an analyst meets on the USA–RUS page and in the offline report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from browsing import chromium, needs_chromium, serving, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
sync_api = pytest.importorskip("playwright.sync_api")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
CLI = [sys.executable, "-c", "from detente.cli import main; main()"]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("evidence") / "sample.duckdb"
    subprocess.run([*CLI, "run", str(EXAMPLES), "--db", str(db), "--quiet"], check=True)
    return db


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    with serving(sample_db, tmp_path_factory.mktemp("evidence-log") / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser):
    pg = watched_page(browser)
    yield pg
    pg.context.close()


def _click_first_point(page, chart: str = "chart-nci") -> None:
    """A real mouse click on the first drawn marker of the chart's main line."""
    marker = page.locator(f"#{chart} .scatterlayer .trace:nth-child(2) .points path").first
    page.locator(f"#{chart}").scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box, "no marker drawn"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_usa_rus_page_tells_freeze_and_thaw_and_counts_only_what_happened(server, page):
    page.goto(f"{server}/dyad/USA/RUS")
    page.wait_for_selector("#chart-nci .main-svg")
    kinds = page.locator("#story .shift").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert "freeze" in kinds and "thaw" in kinds
    assert "relations are improving" in page.locator("#story-text").inner_text()
    # each shift shows 3-5 sentences, linked to the sentence itself
    for shift in page.locator("#story .shift").all():
        links = shift.locator("a")
        assert 3 <= links.count() <= 5
        assert all("#s" in (h or "") for h in links.evaluate_all("as => as.map(a => a.href)"))
    # the shifts are marked on the chart
    names = page.evaluate("document.getElementById('chart-nci').data.map(t => t.name)")
    assert "story: freeze / thaw" in names
    # no demanded or hypothetical event in the events table or the strongest lists
    modalities = set(page.locator("#events-table td.modality").all_inner_texts())
    assert modalities == {"actual"}
    strongest = page.locator(".grid2 .modality").all_inner_texts()
    assert strongest and set(strongest) == {"actual"}
    assert "demanded" in page.locator("#left-out").inner_text()  # said, not hidden
    assert page.problems == []


def test_clicking_a_chart_point_shows_its_sentences_and_links_to_them(server, page):
    page.goto(f"{server}/dyad/USA/RUS")
    page.wait_for_selector("#chart-nci .main-svg")
    assert page.locator("#evidence-panel").is_hidden()
    _click_first_point(page)
    panel = page.locator("#evidence-panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-period") == "2023-01-01"
    items = panel.locator("li.evidence-item a")
    assert items.count() >= 2
    assert all(len(t) > 30 for t in items.all_inner_texts())
    href = items.first.get_attribute("href")
    assert href.startswith("/article/") and "#s" in href
    items.first.click()
    page.wait_for_selector("#article-body")
    anchor = href.split("#")[1]
    target = page.locator(f"#article-body span.sentence#{anchor}")
    assert target.count() == 1
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert page.problems == []


def test_offline_report_links_chart_points_to_in_page_sentences(sample_db, tmp_path, page):
    out = tmp_path / "report.html"
    subprocess.run(
        [*CLI, "report", "--db", str(sample_db), "--dyad", "USA", "RUS", "--out", str(out)],
        check=True,
    )
    page.goto(out.as_uri())
    page.wait_for_selector("#chart-nci .main-svg")
    _click_first_point(page)
    panel = page.locator("#evidence-panel")
    panel.wait_for(state="visible")
    href = panel.locator("li.evidence-item a").first.get_attribute("href")
    assert href.startswith("#s-")
    assert page.locator(f"[id='{href[1:]}']").count() == 1  # the sentence is in the file
    assert page.problems == []


def test_api_docs_are_interactive(server, page):
    page.goto(f"{server}/docs")
    form = page.locator("form.try[data-path='/api/dyads/{a}/{b}/series']")
    form.locator("input[name=a]").fill("USA")
    form.locator("input[name=b]").fill("RUS")
    form.locator("input[name=freq]").fill("quarter")
    form.locator("button[type=submit]").click()
    out = form.locator("xpath=following-sibling::pre[1]")
    page.wait_for_function(
        "el => el.textContent.includes('200')", arg=out.element_handle(), timeout=15000
    )
    text = out.inner_text()
    assert "/api/dyads/USA/RUS/series?freq=quarter → 200" in text and '"n_events"' in text
    assert page.problems == []
