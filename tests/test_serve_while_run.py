"""`detente serve` holds no lock between requests: `detente run` writes meanwhile, a reload shows it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
CLI = [sys.executable, "-c", "from detente.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_run_adds_articles_while_the_dashboard_is_open(tmp_path):
    db = tmp_path / "live.duckdb"
    subprocess.run([*CLI, "run", str(CORPUS / "html"), "--db", str(db), "--quiet"], check=True)
    port = _free_port()
    proc = subprocess.Popen(
        [*CLI, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                before = httpx.get(f"{base}/api/stats", timeout=2).json()["n_articles"]
                break
            except (httpx.HTTPError, KeyError):
                time.sleep(0.1)
        else:
            pytest.fail("server did not start")
        run = subprocess.run(
            [*CLI, "run", str(CORPUS / "txt"), "--db", str(db), "--quiet"],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        after = httpx.get(f"{base}/api/stats", timeout=5).json()["n_articles"]
        assert after > before
        assert httpx.get(f"{base}/", timeout=5).status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
