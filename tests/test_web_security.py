"""Web safety: loopback by default, read-only, parameterised SQL, escaping, no file reads, bounds.

The database here is "hostile": invented articles whose body, title,
publisher, URL, quotes, speaker and actor names and issue phrases carry
script-injection payloads, as scraped pages can. The same builder feeds the
browser test (test_web_security_browser.py).

Injection and traversal attempts are counted; with DETENTE_FUZZ_LOG=FILE set
the counts are appended to FILE (RELIABILITY.md gives the command).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import pytest

from detente.store import Store
from factories import CorpusBuilder, build_demo_db
from fuzzing import report_counts

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from detente.web import create_app  # noqa: E402

ATTEMPTS = Counter()

# Each payload, if it ever ran, would open a dialog naming where it came from.
BODY_XSS = "<script>alert('xss-body')</script>"
TITLE_XSS = "Talks <img src=x onerror=alert('xss-title')> resume"
PUBLISHER_XSS = "Invented</script><script>alert('xss-publisher')</script> Times"
ACTOR_XSS = "Wash\"><svg onload=alert('xss-actor')>ington"
SPEAKER_XSS = "Jane <iframe src=javascript:alert('xss-speaker')></iframe> Doe"
QUOTE_XSS = "We reject <b onmouseover=alert('xss-quote')>this</b> plan"
ISSUE_XSS = "nuclear <img src=x onerror=alert('xss-issue')> arms"
URL_XSS = "javascript:alert('xss-url')"
PAYLOADS = [BODY_XSS, TITLE_XSS, PUBLISHER_XSS, ACTOR_XSS, SPEAKER_XSS, QUOTE_XSS, ISSUE_XSS]
# Markup that would show that a payload became HTML instead of text.
RAW_MARKERS = [
    "<script>alert(",
    "<img src=x",
    "<svg onload",
    "<iframe src=javascript",
    "<b onmouse",
]


def build_hostile_db(path: Path) -> dict[str, str]:
    """Invented USA–RUS articles with payloads in every stored text field; returns ids."""
    b = CorpusBuilder()
    ids = {}
    for i, (month, publisher) in enumerate(
        [
            ("2024-01-12", PUBLISHER_XSS),
            ("2024-02-14", "Example Times"),
            ("2024-03-03", PUBLISHER_XSS),
        ]
    ):
        a = b.article(
            [
                f"Invented report {i}: {ACTOR_XSS} expelled diplomats from Russia on Monday.",
                f'"{QUOTE_XSS}," said {SPEAKER_XSS} of the State Department.',
                f"The text also held {BODY_XSS} and talks on {ISSUE_XSS} control.",
                f"Relations are at their lowest point, {SPEAKER_XSS} said.",
            ],
            publisher=publisher,
            published=month,
            title=TITLE_XSS if i == 0 else f"Invented report {i}",
            url=URL_XSS if i == 0 else None,
            main_dyad=("USA", "RUS"),
            tone=-0.4,
        )
        a.event(
            0,
            (ACTOR_XSS, "USA"),
            ("Russia", "RUS"),
            plover="COERCE",
            cameo="163",
            quad=4,
            goldstein=-8.0,
            trigger="expelled",
            issues=["arms_control"],
        )
        a.quote(1, QUOTE_XSS, (SPEAKER_XSS, "USA"))
        a.issue(2, "arms_control", ISSUE_XSS)
        a.assessment(
            3, ("USA", "RUS"), -0.9, level="very_bad", phrase="Relations are at their lowest point"
        )
        ids[f"a{i}"] = a.id
    b.write(path)
    return ids


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_snapshot(path: Path) -> dict[str, list]:
    with Store(path, read_only=True) as store:
        tables = [r["table_name"] for r in store.query("SELECT table_name FROM duckdb_tables()")]
        return {
            t: sorted(map(repr, store.con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables
        }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    ids = build_hostile_db(path)
    return path, ids


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    report_counts(__name__, ATTEMPTS, what="attacks sent")


# -- the database is opened read-only ---------------------------------------------------------


def test_the_app_cannot_write_to_the_database(hostile) -> None:
    path, _ = hostile
    before = file_digest(path)
    app = create_app(path)
    try:
        con = app.state.store.con
        for sql in (
            "DELETE FROM articles",
            "UPDATE events SET cameo = '010'",
            "CREATE TABLE pwned (x INTEGER)",
            "INSERT INTO checks VALUES ('x', now(), 1, true, NULL, NULL)",
        ):
            with pytest.raises(duckdb.Error, match="read-only"):
                con.execute(sql)
        with pytest.raises(duckdb.Error, match="read-only"):
            con.cursor().execute("DROP TABLE events")  # the per-request cursors too
    finally:
        app.state.store.close()
    assert file_digest(path) == before


# -- SQL injection through every parameter ----------------------------------------------------

INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "x'); DROP TABLE events; --",
    "1; DELETE FROM articles",
    "%' UNION SELECT id, body FROM articles --",
    "' || (SELECT string_agg(body, '') FROM articles) || '",
    "\\'; UPDATE articles SET body = 'pwned'; --",
    "*/ OR /*",
    '" OR ""="',
    "') OR ('a'='a",
    "1' AND sleep(5) --",
    "$1",
    "?",
    "%",
    "_",
    "\x00' OR 1=1",
    "ʼ OR 1=1 --",
    "USA' --",
    "1e309",
    "-1",
    "99999999999999999999999",
    "NULL",
    "true; ATTACH '/tmp/x.db' AS x",
    "COPY articles TO '/tmp/leak.csv'",
    "'; PRAGMA disable_checkpoint_on_shutdown; --",
]
# Free-text filters: the payload is searched for literally, and no stored text contains it.
LITERAL_SEARCH = {
    ("/api/articles", "q"),
    ("/api/quotes", "q"),
    ("/api/quotes", "speaker"),
    ("/api/actors", "q"),
    ("/search", "q"),
}
NO_MATCH = [s for s in INJECTIONS if re.search(r"[A-Za-z]{3}", s) and "USA" not in s]


# Numbers, booleans and dates are parsed before any query: fewer strings are enough there.
TYPED_INJECTIONS = INJECTIONS[:6] + ["1e309", "-1", "99999999999999999999999", "NULL"]


def api_parameters(client: TestClient) -> list[tuple[str, str, str, bool]]:
    """(path template, parameter, where, typed) for every parameter of every API operation."""
    spec = client.get("/api/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        for p in ops["get"].get("parameters", []):
            schema = json.dumps(p.get("schema", {}))
            typed = any(f'"{t}"' in schema for t in ("integer", "boolean", "date"))
            out.append((path, p["name"], p["in"], typed))
    return out


def url_for(template: str, name: str, where: str, value: str, ids: dict) -> tuple[str, dict]:
    """The URL (path parameters filled, percent-encoded) and query of one attempt."""
    values = {"a": "USA", "b": "RUS", "article_id": ids["a0"]}
    params: dict[str, str] = {"n_boot": "10"} if template.endswith("/series") else {}
    if where == "path":
        values[name] = value
    else:
        params[name] = value
    path = template
    for key, v in values.items():
        path = path.replace("{" + key + "}", quote(v, safe=""))
    return path, params


def test_injection_through_every_parameter_changes_nothing(hostile) -> None:
    path, ids = hostile
    before_file, before_rows = file_digest(path), table_snapshot(path)
    app = create_app(path)
    with TestClient(app, raise_server_exceptions=False) as client:
        params = api_parameters(client)
        assert len(params) >= 60, "every endpoint's parameters come from the OpenAPI schema"
        pages = [
            ("/search", n, "query", n in ("offset", "limit"))
            for n in ("q", "publisher", "since", "until", "offset", "limit")
        ]
        pages += [
            ("/dyad/{a}/{b}", n, "query", False)
            for n in ("since", "until", "plover", "issue", "publisher", "freq", "weight")
        ]
        pages += [
            ("/dyad/{a}/{b}", "a", "path", False),
            ("/article/{article_id}", "article_id", "path", False),
        ]
        for template, name, where, typed in [*params, *pages]:
            for value in TYPED_INJECTIONS if typed else INJECTIONS:
                url, query = url_for(template, name, where, value, ids)
                r = client.get(url, params=query)
                ATTEMPTS["sql_injection"] += 1
                assert r.status_code < 500, (template, name, value, r.text[:300])
                if (template, name) in LITERAL_SEARCH and value in NO_MATCH:
                    if template.startswith("/api"):
                        assert r.status_code == 200 and r.json()["total"] == 0, (name, value)
                    else:
                        assert "0 article(s)" in r.text, value
    assert table_snapshot(path) == before_rows
    assert file_digest(path) == before_file


def test_like_wildcards_and_quotes_are_literal(hostile) -> None:
    path, _ = hostile
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        everything = client.get("/api/articles").json()["total"]
        assert everything == 3
        for q in ("%", "_", "%%", "' OR '1'='1"):
            assert client.get("/api/articles", params={"q": q}).json()["total"] == 0, q
        # A real apostrophe-free fragment of a payload is found as text.
        assert client.get("/api/articles", params={"q": "alert('xss-body')"}).json()["total"] == 3


# -- HTML escaping (in-process; the browser test runs the same corpus in Chromium) ---------------


def test_pages_and_api_never_emit_stored_payloads_as_markup(hostile) -> None:
    path, ids = hostile
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        pages = {
            "/": client.get("/"),
            "/dyad/USA/RUS": client.get("/dyad/USA/RUS"),
            "/search": client.get("/search", params={"q": "alert"}),
            **{f"/article/{k}": client.get(f"/article/{v}") for k, v in ids.items()},
        }
        for url, r in pages.items():
            ATTEMPTS["stored_xss_page"] += 1
            assert r.status_code == 200, url
            for marker in RAW_MARKERS:
                assert marker not in r.text, (url, marker)
            assert 'href="javascript:' not in r.text.lower(), url
        article = pages["/article/a0"].text
        assert "&lt;script&gt;alert(&#39;xss-body&#39;)&lt;/script&gt;" in article
        # JSON embedded in the page cannot close its <script> element.
        for script in re.findall(
            r'<script type="application/json"[^>]*>(.*?)</script>',
            pages["/"].text + pages["/dyad/USA/RUS"].text,
            re.S,
        ):
            assert "</" not in script
        # The API returns the text as data (JSON), with the payload intact.
        detail = client.get(f"/api/articles/{ids['a0']}").json()
        assert detail["title"] == TITLE_XSS and BODY_XSS in detail["body"]
        assert (
            client.get(f"/api/articles/{ids['a0']}")
            .headers["content-type"]
            .startswith("application/json")
        )


@pytest.mark.parametrize(
    "url",
    [
        "/article/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/dyad/%3Cimg%20src%3Dx%3E/RUS",
        "/dyad/USA/RUS?publisher=%3Cscript%3Ealert(1)%3C/script%3E&plover=%22%3E%3Csvg%20onload%3Dalert(1)%3E",
        "/dyad/USA/RUS?since=%3Cscript%3Ealert(1)%3C/script%3E",
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/search?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/nowhere/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ],
)
def test_reflected_parameters_are_escaped(hostile, url: str) -> None:
    path, _ = hostile
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        r = client.get(url, headers={"accept": "text/html"})
    ATTEMPTS["reflected_xss"] += 1
    assert r.status_code < 500
    for marker in ("<script>alert(1)", "<img src=x", "<svg onload"):
        assert marker not in r.text, (url, marker)


# -- no endpoint reads files named by the client ---------------------------------------------

TRAVERSALS = [
    "/static/..%2fapp.py",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2fweb%2fapp.py",
    "/static/%252e%252e%252fapp.py",
    "/static/....//....//etc/passwd",
    "/static/..\\..\\app.py",
    "/static/%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/detente.css%00.py",
    "/static/figures.js%2f..%2f..%2fapp.py",
    "/static/_dyad.html",
    "/static/dyad_report.html",
    "/static/__init__.py",
    "/article/..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/..%2f..%2fetc%2fpasswd",
    "/api/dyads/..%2f..%2f/etc/series",
    "/dyad/..%2f..%2fetc/passwd",
    "//etc/passwd",
    "/etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
]
SECRETS = ["root:x:0:0", "[project]", "def create_app", "{% macro", "import "]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_path_traversal_reads_no_file(hostile, url: str) -> None:
    path, _ = hostile
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        r = client.get(url)
    ATTEMPTS["path_traversal"] += 1
    assert r.status_code in (400, 404), (url, r.status_code)
    for secret in SECRETS:
        assert secret not in r.text, (url, secret)


def test_web_code_has_no_file_serving_from_client_names() -> None:
    """The only file the web package reads is a whitelisted template asset."""
    web = Path(__file__).resolve().parents[1] / "src" / "detente" / "web"
    source = "\n".join(p.read_text("utf-8") for p in web.glob("*.py"))
    for forbidden in ("FileResponse", "StaticFiles", "open(", "read_text(", "send_file"):
        assert forbidden not in source, forbidden
    assert source.count("_asset(") == 2  # its definition and the call behind the whitelist check


# -- bounded request and page sizes ------------------------------------------------------------


def test_page_sizes_and_costly_parameters_are_bounded(hostile) -> None:
    path, _ = hostile
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        spec = client.get("/api/openapi.json").json()
        paged = [
            p
            for p, ops in spec["paths"].items()
            if any(x["name"] == "limit" for x in ops["get"].get("parameters", []))
        ]
        assert len(paged) >= 8
        for template in paged:
            url = template.replace("{a}", "USA").replace("{b}", "RUS").replace("{article_id}", "x")
            for params in ({"limit": 10**9}, {"limit": 501}, {"offset": 10**10}, {"limit": -1}):
                r = client.get(url, params=params)
                ATTEMPTS["limits"] += 1
                assert r.status_code == 400, (url, params, r.text)
                assert r.json()["error"]["param"] in params
        for url, params in [
            ("/api/dyads/USA/RUS/series", {"n_boot": 10**6}),
            ("/api/dyads/USA/RUS/summary", {"top": 10**6}),
            ("/api/dyads/USA/RUS/series", {"freq": "day", "since": "1000-01-01"}),
            ("/search", {"limit": 10**9}),
            ("/search", {"offset": 10**12}),
        ]:
            r = client.get(url, params=params)
            ATTEMPTS["limits"] += 1
            assert r.status_code == 400, (url, params)
        # Text filters are capped at 200 characters; a 60 kB one (near the longest URL a client
        # sends) is refused, not run.
        huge = "x" * 60_000
        for url, name in [
            ("/api/articles", "q"),
            ("/api/quotes", "speaker"),
            ("/api/events", "publisher"),
            ("/search", "q"),
        ]:
            r = client.get(url, params={name: huge})
            ATTEMPTS["limits"] += 1
            assert r.status_code == 400, (url, name)
        third = huge[:20_000]
        r = client.get(
            "/dyad/USA/RUS", params={"publisher": third, "plover": third, "issue": third}
        )
        ATTEMPTS["limits"] += 1
        assert r.status_code < 500


# -- the real server: where it listens, what it says, what it does with odd requests ------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket in LISTEN state on ``port`` (from /proc/net/tcp)."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.split(":")
            if int(hexport, 16) == port and state == "0A":
                if len(addr) == 8:
                    out.add(socket.inet_ntoa(bytes.fromhex(addr)[::-1]))
                else:
                    out.add(addr)
    return out


class Server:
    """`detente serve` in a subprocess on a free port; stops with SIGINT."""

    def __init__(self, db: Path, *extra: str):
        self.port = free_port()
        self.host = extra[extra.index("--host") + 1] if "--host" in extra else "127.0.0.1"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from detente.cli import main; main()",
                "serve",
                "--db",
                str(db),
                "--port",
                str(self.port),
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.base = f"http://{self.host}:{self.port}"
        for _ in range(300):
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.proc.stderr.read()}")
            try:
                if httpx.get(f"{self.base}/api/stats", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> tuple[str, str]:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.communicate()


def raw_get(port: int, target: str, host: str = "127.0.0.1") -> bytes:
    """One HTTP/1.1 request with the target sent exactly as given (no client normalisation)."""
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        try:
            while data := s.recv(65536):
                chunks.append(data)
        except ConnectionResetError:  # the server answered and hung up before reading it all
            pass
    return b"".join(chunks)


@pytest.mark.slow
def test_serve_binds_loopback_by_default_and_warns_otherwise(hostile) -> None:
    path, _ = hostile
    server = Server(path)
    try:
        assert listening_addresses(server.port) == {"127.0.0.1"}
        # Requests sent raw, as an attacker would, not cleaned up by a client library.
        for target in [
            "/static/../../../../etc/passwd",
            "/static/..%2f..%2fapp.py",
            "/../../../../etc/passwd",
            "/static/%2e%2e/%2e%2e/pyproject.toml",
        ]:
            response = raw_get(server.port, target)
            ATTEMPTS["path_traversal"] += 1
            status = int(response.split(b" ", 2)[1])
            assert status in (400, 404), (target, response[:200])
            assert b"root:x:0:0" not in response and b"[project]" not in response
        # An oversized request line and an unexpected body are refused or ignored, not a crash.
        long_target = "/api/articles?q=" + "x" * 200_000
        answer = raw_get(server.port, long_target)
        ATTEMPTS["limits"] += 1
        if answer:  # uvicorn answers 4xx, or hangs up on the request line: both refuse it
            assert 400 <= int(answer.split(b" ", 2)[1]) < 500, answer[:200]
        r = httpx.request("GET", f"{server.base}/api/stats", content=b"x" * 5_000_000, timeout=30)
        ATTEMPTS["limits"] += 1
        assert r.status_code == 200
        assert httpx.get(f"{server.base}/api/stats", timeout=5).status_code == 200  # still up
    finally:
        _out, err = server.stop()
    assert "WARNING: detente serve" not in err  # no exposure warning on loopback

    # Any other address is announced loudly on stderr (127.0.0.2 is loopback: nothing exposed).
    other = Server(path, "--host", "127.0.0.2")
    try:
        assert listening_addresses(other.port) == {"127.0.0.2"}
    finally:
        _out, err = other.stop()
    assert "WARNING: detente serve is listening on 127.0.0.2, not on 127.0.0.1" in err
    assert "anyone who can reach this machine" in err


def test_default_host_of_serve_is_loopback() -> None:
    """The CLI default, not only the function default, is 127.0.0.1."""
    from typer.main import get_command

    from detente.cli import app

    serve = get_command(app).commands["serve"]  # type: ignore[attr-defined]
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_demo_database_is_untouched_by_a_full_crawl(tmp_path: Path) -> None:
    """Every page and endpoint, once, leaves the file byte-for-byte as it was."""
    path = tmp_path / "demo.duckdb"
    handles = build_demo_db(path)
    before = file_digest(path)
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        urls = [
            "/",
            "/dyad/USA/RUS",
            "/search?q=talks",
            "/docs",
            "/api/stats",
            "/api/articles",
            "/api/events",
            "/api/quotes",
            "/api/issues",
            "/api/assessments",
            "/api/actors",
            "/api/dyads",
            "/api/dyads/USA/RUS/series",
            "/api/dyads/USA/RUS/summary",
            "/api/dyads/USA/RUS/events",
        ]
        urls += [f"/article/{h.id}" for h in handles.values()]
        for url in urls:
            assert client.get(url).status_code == 200, url
    assert file_digest(path) == before
