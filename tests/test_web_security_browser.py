"""Stored and reflected XSS, in a real browser: payloads show as text and never run.

The hostile database of test_web_security.py (payloads in article text,
titles, publishers, URLs, quotes, speaker and actor names, issue phrases) is
served by a real `detente serve` and every page is opened in headless
Chromium, charts included; so is the self-contained HTML report written from
it. A payload that ran would open a dialog or add an element (img, svg,
iframe) to the page; both are watched for.

Needs /usr/bin/chromium and playwright; skipped cleanly when either is missing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from browsing import CHROMIUM, CHROMIUM_ARGS, needs_chromium
from fuzzing import report_counts
from test_web_security import (
    BODY_XSS,
    PUBLISHER_XSS,
    QUOTE_XSS,
    SPEAKER_XSS,
    TITLE_XSS,
    Server,
    build_hostile_db,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    needs_chromium,
]
sync_api = pytest.importorskip("playwright.sync_api")

# Elements a payload would add if it became markup. The pages have no inline scripts at all
# (their CSP forbids them); the self-contained report has its own, so only the others count there.
ELEMENTS = "img[src='x'], svg[onload], iframe, b[onmouseover]"
INJECTED = ELEMENTS + ", script:not([src]):not([type])"


ATTEMPTS = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    report_counts(__name__, ATTEMPTS, what="pages opened with payloads")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("xss") / "hostile.duckdb"
    ids = build_hostile_db(path)
    server = Server(path)
    try:
        yield server.base, ids, path
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.dialogs = []
    pg.errors = []

    def on_dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def visit(page, url: str, selector: str = INJECTED) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if page.locator(".js-plotly-plot").count():  # let Plotly draw (hover labels, legends)
        page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_timeout(200)
    ATTEMPTS["stored_xss_browser"] += 1
    assert page.dialogs == [], (url, page.dialogs)
    injected = page.evaluate(f"document.querySelectorAll({selector!r}).length")
    assert injected == 0, (url, page.content()[:2000])
    assert (
        page.evaluate(
            "[...document.querySelectorAll('a[href]')].filter(a => "
            "a.href.trim().toLowerCase().startsWith('javascript:')).length"
        )
        == 0
    )


def test_stored_payloads_are_shown_as_text_on_every_page(hostile_server, page) -> None:
    base, ids, _ = hostile_server
    for url in [
        "/",
        "/dyad/USA/RUS",
        "/dyad/RUS/USA?freq=week",
        "/search?q=alert",
        "/docs",
        *(f"/article/{i}" for i in ids.values()),
    ]:
        visit(page, base + url)
    page.goto(f"{base}/article/{ids['a0']}")
    body = page.locator("#article-body").inner_text()
    assert BODY_XSS in body and QUOTE_XSS in body and SPEAKER_XSS in body
    assert TITLE_XSS in page.locator("#article-title").inner_text()
    page.goto(f"{base}/dyad/USA/RUS")
    assert PUBLISHER_XSS in page.locator("body").inner_text()


def test_chart_hover_labels_do_not_run_names(hostile_server, page) -> None:
    base, _, _ = hostile_server
    visit(page, f"{base}/dyad/USA/RUS")
    for plot in page.locator(".js-plotly-plot").all()[:4]:
        box = plot.bounding_box()
        if box:
            for fx in (0.3, 0.5, 0.7):
                page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * 0.5)
                page.wait_for_timeout(50)
    assert page.dialogs == []
    assert page.evaluate(f"document.querySelectorAll({INJECTED!r}).length") == 0


@pytest.mark.parametrize(
    "url",
    [
        "/article/" + quote("<img src=x onerror=alert('r1')>", safe=""),
        "/dyad/USA/RUS?publisher=" + quote("\"><svg onload=alert('r2')>", safe=""),
        "/dyad/USA/RUS?since=" + quote("<script>alert('r3')</script>", safe=""),
        "/search?q=" + quote("\"><img src=x onerror=alert('r4')>", safe=""),
        "/nowhere/" + quote("<script>alert('r5')</script>", safe=""),
        "/dyad/" + quote("<iframe src=javascript:alert('r6')>", safe="") + "/RUS",
    ],
)
def test_reflected_payloads_do_not_run(hostile_server, page, url: str) -> None:
    base, _, _ = hostile_server
    visit(page, base + url)


def test_written_report_does_not_run_stored_payloads(hostile_server, page, tmp_path) -> None:
    from detente.report import write_report

    _, _, path = hostile_server
    out = write_report(path, tmp_path / "report.html", dyad=["USA", "RUS"])
    visit(page, Path(out).resolve().as_uri(), ELEMENTS)
    # Executable scripts only: JSON data blocks (type=application/json, "<" escaped by
    # tojson) hold stored text as inert data, and must still hold it intact.
    scripts = page.evaluate(
        "[...document.scripts].filter(s => !s.type || s.type.includes('javascript')).map(s => s.text)"
    )
    assert scripts and not any("alert(" in text for text in scripts)
    data = page.evaluate("[...document.scripts].filter(s => s.type === 'application/json').map(s => s.text)")
    assert all("<script" not in text and "<img" not in text for text in data)
    assert PUBLISHER_XSS in page.locator("body").inner_text()
