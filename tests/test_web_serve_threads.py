"""`detente serve` runs requests' Python work in a few threads (CPU-bound under one
interpreter lock: more threads only interleave it); DETENTE_SERVE_THREADS changes it."""

from __future__ import annotations

from pathlib import Path

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from detente.errors import ConfigError
from detente.web.app import create_app
from detente.web.serve import SERVE_THREADS, serve_threads
from factories import build_demo_db


def test_the_thread_count_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DETENTE_SERVE_THREADS", raising=False)
    assert serve_threads() == SERVE_THREADS == 4
    monkeypatch.setenv("DETENTE_SERVE_THREADS", "7")
    assert serve_threads() == 7
    monkeypatch.setenv("DETENTE_SERVE_THREADS", "")
    assert serve_threads() == SERVE_THREADS  # empty: the default
    for bad in ("0", "-2", "many"):  # a wrong value names the setting, never falls back silently
        monkeypatch.setenv("DETENTE_SERVE_THREADS", bad)
        with pytest.raises(ConfigError, match="serve_threads"):
            serve_threads()


def test_the_app_limits_its_threads_when_serve_says_so(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    build_demo_db(db)
    app = create_app(db)
    app.state.threads = 3
    with TestClient(app) as client:
        tokens = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter())
        assert tokens.total_tokens == 3
        assert client.get("/api/dyads/USA/RUS/series").status_code == 200
    plain = create_app(db)  # tests and `serve --get` keep the framework's default
    with TestClient(plain) as client:
        tokens = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter())
        assert tokens.total_tokens == 40
