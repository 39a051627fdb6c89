"""End to end in headless Chromium: `detente serve --corrections`, an article page, a user
marks an event wrong, fixes one and adds one; after a reload all three are there, and a
form posted from another origin is refused.

Needs Debian's chromium at /usr/bin/chromium and the playwright package (skipped otherwise).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from browsing import chromium, needs_chromium, serving, watched_page
from detente.cli import app
from test_corrections import write_corpus

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """`detente serve --corrections` over the team corpus; yields (base url, database)."""
    root = tmp_path_factory.mktemp("corr-e2e")
    db = root / "corpus.duckdb"
    r = CliRunner().invoke(app, ["run", str(write_corpus(root / "corpus")), "--db", str(db)])
    assert r.exit_code == 0, r.output
    with serving(db, root / "serve.log", "--corrections", "--author", "Browser Tester") as base:
        yield base, db


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser):
    pg = watched_page(browser, 1400, 1000)
    yield pg
    pg.context.close()


def _article_id(base: str, title_word: str) -> str:
    items = httpx.get(f"{base}/api/articles", params={"limit": 50}).json()["items"]
    return next(a["id"] for a in items if title_word in (a["title"] or ""))


def test_mark_wrong_fix_and_add_then_reload(server, page) -> None:
    base, _ = server
    aid = _article_id(base, "Japan")
    page.goto(f"{base}/article/{aid}")
    rows = page.locator("#article-events tr[data-event]")
    n = rows.count()
    assert n >= 2
    first, second = rows.nth(0), rows.nth(1)
    first_id, second_id = first.get_attribute("data-event"), second.get_attribute("data-event")

    # Mark the first event wrong.
    first.locator("form.mark-wrong button").click()
    page.wait_for_selector("#correction-saved")
    row1 = page.locator(f"#event-{first_id}")
    assert row1.get_attribute("class") == "wrong"
    assert "marked wrong by Browser Tester" in row1.locator("td.correction").inner_text()

    # Fix the second: another type and target.
    row2 = page.locator(f"#event-{second_id}")
    row2.locator("details.fix summary").click()
    form = row2.locator("form.fix-event")
    form.locator("select[name=plover]").select_option("REJECT")
    form.locator("input[name=target_code]").fill("chn")
    form.locator("input[name=target_sector]").fill("gov")
    form.locator("input[name=note]").fill("it was a refusal")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#correction-saved")
    assert "fixed: REJECT" in page.locator(f"#event-{second_id} td.correction").inner_text()
    assert "→ CHN" in page.locator(f"#event-{second_id} td.correction").inner_text()

    # Add an event the coder missed, with a note that looks like markup.
    page.locator("#add-event summary").click()
    add = page.locator("form.add-event")
    add.locator("select[name=sentence_index]").select_option("4")
    add.locator("select[name=plover]").select_option("CONSULT")
    add.locator("input[name=source_code]").fill("JPN")
    add.locator("input[name=target_code]").fill("CHN")
    add.locator("input[name=note]").fill("<img src=x onerror=alert(1)> mutual")
    add.locator("button[type=submit]").click()
    page.wait_for_selector("#correction-saved")
    assert "#s4" in page.url

    # Reload: all three are stored and shown; the note is text, not markup.
    page.reload()
    page.wait_for_selector("#article-corrections")
    actions = page.locator("#article-corrections tr[data-action]")
    assert [actions.nth(i).get_attribute("data-action") for i in range(actions.count())] == [
        "wrong", "fix", "add"]
    added = page.locator("#article-corrections tr[data-action=add]").inner_text()
    assert "<img src=x onerror=alert(1)> mutual" in added and "CONSULT" in added
    assert page.locator("#article-corrections img").count() == 0
    assert page.locator(f"#event-{first_id}").get_attribute("class") == "wrong"
    assert "fixed: REJECT" in page.locator(f"#event-{second_id} td.correction").inner_text()
    page.wait_for_timeout(200)
    assert page.dialogs == [] and page.problems == []


def test_a_form_from_another_origin_is_refused(server, page) -> None:
    base, _ = server
    aid = _article_id(base, "Canada")
    event = httpx.get(f"{base}/api/articles/{aid}").json()["events"][0]["id"]
    before = httpx.get(f"{base}/api/articles/{aid}/corrections").json()["total"]
    # A page elsewhere (here: about:blank) posting to the local server: no token it could
    # read, and Chromium marks the request cross-site.
    page.set_content(
        f'<form id="f" method="post" action="{base}/article/{aid}/corrections">'
        f'<input name="action" value="wrong"><input name="event_id" value="{event}">'
        '<input name="token" value="guessed"></form>'
    )
    with page.expect_navigation():
        page.evaluate("document.getElementById('f').submit()")
    assert "must come from this server" in page.inner_text("#error-message")
    assert httpx.get(f"{base}/api/articles/{aid}/corrections").json()["total"] == before


def test_export_after_browser_corrections(server, tmp_path: Path) -> None:
    """What the browser stored comes out as gold (the server keeps no lock between requests)."""
    base, db = server
    out = tmp_path / "gold"
    r = CliRunner().invoke(app, ["export", "--db", str(db), "--schema", "gold", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.suffix for p in out.iterdir()).count(".json") >= 1
