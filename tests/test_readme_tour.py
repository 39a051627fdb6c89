"""Every `detente ...` line of the README's "A short tour" block runs as written.

The block is read from README.md, so the README cannot drift from the CLI.
Each line runs in a fresh temporary folder (where `demo.duckdb`, `report.html`
and the other outputs are written), in order, and must exit 0. What the test
substitutes, and why:

- `examples/corpus` is the repository's sample corpus, given as an absolute path;
- `../shared/...` is the shared folder next to the repository; lines that need
  it are skipped (and listed) when it is absent;
- `big-corpus/` is replaced by the sample corpus: `run big-corpus/ --jobs 2`
  really runs with two worker processes, into the default `detente.duckdb`;
- `run ... --engine dask` is checked with `run --help` only (starting a Dask
  cluster is tests/test_dask_engine.py's job, not a documentation check);
- `train` gets `--folds 1` (one fit, no cross-validation: the full fit takes minutes);
- `serve` gets `--port` with a free port, is started, must answer
  `/api/stats` and the USA–RUS dyad page, and is then stopped.

`detente show 2230817` uses a real id prefix of the sample corpus (ids are hashes
of the text): the test checks that it names the article it is meant to show.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "examples" / "corpus"
DETENTE = [sys.executable, "-c", "from detente.cli import main; main()"]


def tour_lines() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## A short tour\n+```bash\n(.*?)```", text, re.S)
    assert block, "README.md has no '## A short tour' bash block"
    return [ln.strip() for ln in block.group(1).splitlines() if ln.strip().startswith("detente ")]


def substitute(words: list[str]) -> tuple[list[str] | None, str]:
    """The arguments to run (None: skip) and what was substituted."""
    args = words[1:]
    if any(w.startswith("../shared/") for w in args):
        if not SHARED.is_dir():
            return None, "skipped: ../shared is absent"
        args = [
            str(SHARED / w.removeprefix("../shared/")) if w.startswith("../shared/") else w
            for w in args
        ]
    if "--engine" in args and "dask" in args:
        return ["run", "--help"], "checked with `run --help` (no Dask cluster in a doc test)"
    note = ""
    if args and args[0] == "train":
        args = [*args, "--folds", "1"]
        note = "train with --folds 1: one fit, no cross-validation (a full fit takes minutes)"
    if "big-corpus/" in args:
        note = "big-corpus/ -> the sample corpus"
    args = [str(CORPUS) if w in ("examples/corpus", "big-corpus/") else w for w in args]
    return args, note


def run_detente(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [*DETENTE, *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_briefly(args: list[str], cwd: Path) -> str:
    """Start `detente serve ARGS --port P`, fetch two pages, stop it; '' when all went well."""
    port = free_port()
    proc = subprocess.Popen(
        [*DETENTE, *args, "--port", str(port)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return f"serve exited {proc.returncode}"
            try:
                if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            return "serve did not answer /api/stats within 60 s"
        page = httpx.get(f"{base}/dyad/USA/RUS", timeout=60)
        return "" if page.status_code == 200 else f"/dyad/USA/RUS answered {page.status_code}"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_the_tour_block_is_found() -> None:
    lines = tour_lines()
    assert len(lines) >= 15
    assert lines[0].startswith("detente run examples/corpus --db demo.duckdb")


def test_every_tour_command_runs_as_written(tmp_path: Path) -> None:
    failures, done, skipped = [], [], []
    for line in tour_lines():
        words = shlex.split(line, comments=True)
        args, note = substitute(words)
        if args is None:
            skipped.append(f"{line}  ({note})")
            continue
        if args[0] == "serve":
            problem = serve_briefly(args, tmp_path)
            (failures.append(f"{line}\n  {problem}") if problem else done.append(line))
            continue
        result = run_detente(args, tmp_path)
        if result.returncode != 0:
            tail = (result.stdout + result.stderr).strip().splitlines()[-5:]
            failures.append(f"{line}\n  exit {result.returncode}: " + "\n  ".join(tail))
            continue
        if args[0] == "show":
            assert "Russia Expels Two U.S. Diplomats" in result.stdout, result.stdout[:500]
        done.append(line + (f"  ({note})" if note else ""))
    print(f"\n{len(done)} tour lines ran, {len(skipped)} skipped:", *skipped, sep="\n  ")
    assert not failures, "README tour lines that fail:\n" + "\n".join(failures)
    for out in ("demo.duckdb", "report.html", "events.csv", "series.csv"):
        assert (tmp_path / out).is_file(), out
