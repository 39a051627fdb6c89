"""A run killed mid-way (SIGKILL) leaves a consistent database, and the re-run completes it."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.store import Store

N_FILES = 300
COUNTRIES = ["Arland", "Borovia", "Calden", "Dravia", "Estmark", "Fennor", "Gorsk", "Halvia"]
VERBS = ["met", "called", "warned", "thanked", "criticised", "invited", "visited", "praised"]
TOPICS = [
    "the river border",
    "grain exports",
    "a fishing dispute",
    "rail links",
    "visa rules",
    "a prisoner exchange",
    "gas prices",
    "a joint patrol",
]


def make_corpus(folder: Path) -> None:
    """N_FILES small invented articles, all different (seeded, so the test is repeatable)."""
    rnd = random.Random(2024)
    for i in range(N_FILES):
        a, b = rnd.sample(COUNTRIES, 2)
        sentences = [
            f"The foreign minister of {a} {rnd.choice(VERBS)} her counterpart from {b} on day {i} "
            f"of the session to discuss {rnd.choice(TOPICS)}.",
            f"Officials in {b} said report number {i} would be answered within {rnd.randint(2, 90)} days.",
            f"Both sides said {rnd.choice(TOPICS)} and {rnd.choice(TOPICS)} remain open questions.",
        ]
        sub = folder / f"part{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"story{i:04d}.txt").write_text(
            f"{a} and {b} Hold Talks, Round {i}\n\n" + "\n\n".join(sentences) + "\n",
            encoding="utf-8",
        )


def ingest_process(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    code = "from detente.cli import main; main()"
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            "ingest",
            str(folder),
            "--db",
            str(db),
            "--quiet",
            "--batch-size",
            "20",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wal_size_after_migrations(tmp_path: Path) -> int:
    ref = tmp_path / "reference.duckdb"
    store = Store(ref)
    try:
        wal = Path(str(ref) + ".wal")
        return wal.stat().st_size if wal.exists() else 0
    finally:
        store.close()


@pytest.mark.slow
def test_killed_run_is_consistent_and_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    db = tmp_path / "resume.duckdb"
    wal = Path(str(db) + ".wal")
    baseline = wal_size_after_migrations(tmp_path)

    proc = ingest_process(corpus, db)
    deadline = time.monotonic() + 60
    # Kill as soon as the write-ahead log shows a committed batch beyond the schema.
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > baseline + 1024:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the first run should have been killed mid-way"

    with Store(db) as store:  # opens (replays the log) and is consistent
        n = store.query("SELECT count(*) AS n FROM articles")[0]["n"]
        sources = store.query("SELECT count(*) AS n FROM article_sources")[0]["n"]
        signatures = store.query("SELECT count(*) AS n FROM article_minhash")[0]["n"]
    assert 0 < n < N_FILES
    assert sources == signatures == n  # each article landed with its source and signature

    rerun = ingest_process(corpus, db)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()

    with Store(db, read_only=True) as store:
        rows = store.query(
            "SELECT count(*) AS n, count(DISTINCT id) AS ids, count(DISTINCT body) AS bodies "
            "FROM articles"
        )[0]
        per_source = store.query(
            "SELECT count(*) AS n, count(DISTINCT source_path) AS paths FROM article_sources"
        )[0]
    assert rows == {"n": N_FILES, "ids": N_FILES, "bodies": N_FILES}
    assert per_source == {"n": N_FILES, "paths": N_FILES}
