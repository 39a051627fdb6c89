"""`serve` answers only the Host names it is reached by (DNS rebinding), and caps API pages.

With no login, a web page the user visits could point its own domain at
127.0.0.1 and read the local API through the browser; the Host header is what
tells such a request apart. Also: one API answer cannot grow past the size
cap, whatever limit is asked for.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import urllib.request
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from detente.web import create_app
from factories import build_demo_db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("host") / "demo.duckdb"
    build_demo_db(path)
    return path


def fetch(app, host: str | None, path: str = "/api/articles?limit=1") -> httpx.Response:  # noqa: ANN001
    """One request through httpx's ASGI transport, as a server bound to 127.0.0.1 sees it."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as c:
            headers = {"Host": host} if host else {}
            return await c.get(path, headers=headers)

    return asyncio.run(go())


@pytest.mark.parametrize(
    "host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", "evil"]
)
def test_foreign_host_header_is_refused(db: Path, host: str) -> None:
    response = fetch(create_app(db), host)
    assert response.status_code == 400
    assert "attacker" not in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_loopback_names_are_answered(db: Path, host: str) -> None:
    response = fetch(create_app(db), host)
    assert response.status_code == 200, response.text


def test_a_name_the_user_allows_is_answered(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        fetch(
            create_app(db, allowed_hosts=["desk.calder.example"]), "desk.calder.example"
        ).status_code
        == 200
    )
    monkeypatch.setenv("DETENTE_ALLOWED_HOSTS", "desk.calder.example, other.example")
    app = create_app(db)
    assert fetch(app, "other.example:8000").status_code == 200
    assert fetch(app, "attacker.example").status_code == 400


def test_test_clients_still_work(db: Path) -> None:
    """TestClient sends Host: testserver and its server is testserver: the bound address."""
    with TestClient(create_app(db)) as client:
        assert client.get("/api/articles?limit=1").status_code == 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_server_refuses_a_rebinding_host_and_links_stay_local(db: Path) -> None:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/api/articles?limit=1"
        bad = urllib.request.Request(url, headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bad, timeout=10)
        assert refused.value.code == 400
        with urllib.request.urlopen(url, timeout=10) as ok:
            body = json.loads(ok.read())
        assert "attacker" not in json.dumps(body)
        if body.get("next"):
            assert body["next"].startswith(("/", f"http://127.0.0.1:{port}/"))
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_api_page_over_the_size_cap_is_refused_with_the_error_shape(db: Path) -> None:
    app = create_app(db, max_response_bytes=1500)
    with TestClient(app) as client:
        small = client.get("/api/articles?limit=1&fields=id")
        big = client.get("/api/articles?limit=100")
        page = client.get("/")  # pages are not API answers: not capped
    assert big.status_code == 400
    error = big.json()["error"]
    assert error["code"] == "bad_parameter" and error["param"] == "limit"
    assert "smaller limit" in error["message"]
    assert small.status_code in (200, 400) and page.status_code == 200


def test_default_cap_leaves_ordinary_pages_alone(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        assert client.get("/api/articles?limit=100").status_code == 200
