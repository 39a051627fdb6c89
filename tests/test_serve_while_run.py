"""`detente serve` holds no lock between requests: `detente run` writes meanwhile, a reload shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from browsing import serving

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
CLI = [sys.executable, "-c", "from detente.cli import main; main()"]


def test_run_adds_articles_while_the_dashboard_is_open(tmp_path):
    db = tmp_path / "live.duckdb"
    subprocess.run([*CLI, "run", str(CORPUS / "html"), "--db", str(db), "--quiet"], check=True)
    with serving(db, tmp_path / "serve.log") as base:
        before = httpx.get(f"{base}/api/stats", timeout=2).json()["n_articles"]
        run = subprocess.run(
            [*CLI, "run", str(CORPUS / "txt"), "--db", str(db), "--quiet"],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        after = httpx.get(f"{base}/api/stats", timeout=5).json()["n_articles"]
        assert after > before
        assert httpx.get(f"{base}/", timeout=5).status_code == 200
