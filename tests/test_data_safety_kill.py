"""Runs killed at different moments leave a sound database, and the re-run completes it.

Each case starts a real `detente run` subprocess on an invented corpus of 75
articles (three coding batches of 25) and sends it SIGKILL at a moment chosen
by the case's seed: during ingest, or after the k-th coding commit plus a
seeded fraction of a batch. One case also tears the tail off the write-ahead
log, as a power cut in the middle of a write would. Then:

- the database opens, and `detente check` finds nothing wrong: no orphan rows,
  no partial article (coded rows exist iff the article is marked coded), spans
  in bounds;
- articles were coded in whole batches (each batch is one transaction);
- re-running `detente run` completes it: every article coded, event ids
  unique, and every coded row identical to an uninterrupted run's.

Kill moments are found by watching the write-ahead log grow (DuckDB appends to
it at each commit), never by assuming how fast the machine is.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.ingest import ingest_paths
from detente.pipeline import code_pending, default_coder
from detente.store import Store
from detente.store.check import check_store
from fuzzing import report_counts

pytestmark = pytest.mark.slow

N_ARTICLES = 75
BATCH = 25  # code_pending's batch size: one transaction each
COUNTRIES = [
    "Russia",
    "the United States",
    "China",
    "France",
    "Germany",
    "Japan",
    "India",
    "Pakistan",
    "Iran",
    "Turkey",
    "Ukraine",
    "Brazil",
]
TOPICS = ["grain exports", "a fishing dispute", "rail links", "visa rules", "gas prices"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

# Everything the coding stages write, compared row by row with the reference run
# (timestamps and run bookkeeping left out: they differ by design).
SNAPSHOT = {
    "articles": "SELECT id, body, title, published, duplicate_of, coded_version, tone, main_dyad "
    "FROM articles",
    "sentences": "SELECT * FROM sentences",
    "mentions": "SELECT * FROM mentions",
    "events": "SELECT * FROM events",
    "event_actors": "SELECT * FROM event_actors",
    "quotes": "SELECT * FROM quotes",
    "issue_tags": "SELECT * FROM issue_tags",
    "assessments": "SELECT * FROM assessments",
    "article_sources": "SELECT article_id, source_path FROM article_sources",
}


FAULTS = Counter()  # faults injected and recovered from, for RELIABILITY.md


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    report_counts(__name__, FAULTS, what="faults injected, all recovered")


def cap(text: str) -> str:
    return text[0].upper() + text[1:]


def make_corpus(folder: Path) -> None:
    """N_ARTICLES short invented reports with events, quotes and dates (seeded)."""
    rnd = random.Random(8)
    folder.mkdir()
    for i in range(N_ARTICLES):
        a, b = rnd.sample(COUNTRIES, 2)
        sentences = [
            f"{cap(a)} and {b} held talks on {rnd.choice(DAYS)} about {rnd.choice(TOPICS)}, "
            f"officials said in round {i}.",
            f"{cap(a)} accused {b} of breaking an agreement on {rnd.choice(TOPICS)}.",
            f'"We will answer within {rnd.randint(2, 90)} days," a spokesman for {b} said.',
            f"{cap(b)} promised to send aid to {a} next month.",
        ]
        (folder / f"story{i:04d}.txt").write_text(
            f"Invented report {i}: {a} and {b}\n\nPublished: March {1 + i % 28}, 2024\n\n"
            + "\n\n".join(sentences)
            + "\n",
            encoding="utf-8",
        )


def snapshot(store: Store) -> dict[str, list[tuple]]:
    return {
        name: sorted(store.con.execute(sql).fetchall(), key=repr) for name, sql in SNAPSHOT.items()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "corpus"
    make_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """The same pipeline, uninterrupted (in-process: same library calls as `detente run`)."""
    db = tmp_path_factory.mktemp("kill-ref") / "reference.duckdb"
    with Store(db) as store:
        ingest_paths([str(corpus)], store)
        report = code_pending(store, coder=default_coder())
        assert report.coded == N_ARTICLES and report.events > N_ARTICLES
        snap = snapshot(store)
    return snap


@dataclass(frozen=True)
class KillPoint:
    seed: int
    after_commits: int | None  # coding commits to wait for; None: kill during ingest
    tear_wal: bool = False

    def __str__(self) -> str:
        where = "ingest" if self.after_commits is None else f"after-{self.after_commits}-commits"
        return f"seed{self.seed}-{where}" + ("-torn-wal" if self.tear_wal else "")


KILL_POINTS = [
    KillPoint(1, None),
    KillPoint(2, 0),
    KillPoint(3, 1),
    KillPoint(4, 1, tear_wal=True),
]


def start_run(corpus: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from detente.cli import main; main()", "run", str(corpus)]
        # one process: the whole-batch counts below are one coder's (--jobs 2 makes
        # batches smaller so that both processes stay busy)
        + ["--db", str(db), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


class WalWatch:
    """Counts commits by watching the write-ahead log grow (growths < 0.1 s apart are one)."""

    def __init__(self, wal: Path):
        self.wal = wal
        self.size = self._size()
        self.commits = 0
        self.times: list[float] = []

    def _size(self) -> int:
        try:
            return self.wal.stat().st_size
        except FileNotFoundError:
            return 0

    def poll(self) -> None:
        size = self._size()
        if size > self.size:
            now = time.monotonic()
            if not self.times or now - self.times[-1] > 0.1:
                self.commits += 1
                self.times.append(now)
            else:
                self.times[-1] = now
        self.size = size


def kill_at(proc: subprocess.Popen[str], db: Path, point: KillPoint) -> None:
    """SIGKILL ``proc`` at the point's moment; fails if the run ended first."""
    rnd = random.Random(point.seed)
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 240
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    watch: WalWatch | None = None
    while proc.poll() is None and time.monotonic() < deadline:
        if point.after_commits is None:
            # During ingest: some time after the schema is written, before the coding starts.
            if wal.exists():
                time.sleep(rnd.uniform(0.1, 0.6))
                break
        elif any("ingested" in line for line in lines):
            if watch is None:  # the ingest commit is behind us; count coding commits from here
                watch = WalWatch(wal)
                started = time.monotonic()
            watch.poll()
            if watch.commits >= point.after_commits:
                # A seeded fraction of one batch: mid-transaction, or between two.
                last = watch.times[-1] if watch.times else started
                batch = last - watch.times[-2] if len(watch.times) > 1 else min(1.0, last - started)
                time.sleep(rnd.uniform(0.0, 0.9) * max(batch, 0.05))
                break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    reader.join(timeout=10)
    output = "".join(lines)
    assert proc.returncode == -signal.SIGKILL, f"the run ended before the kill:\n{output}"


def assert_sound(db: Path) -> dict[str, int]:
    """The database opens (replaying its log) and every integrity check passes."""
    with Store(db) as store:
        report = check_store(store)
        assert report.ok, [f.to_dict() for f in report.findings]
        counts = store.query(
            "SELECT count(*) AS articles, count(coded_version) AS coded FROM articles"
        )[0]
        # Explicitly, the rule a kill must not break: coded rows iff the article is coded.
        partial = store.query(
            "SELECT a.id FROM articles a WHERE a.coded_version IS NULL AND ("
            + " OR ".join(
                f"EXISTS (SELECT 1 FROM {t} x WHERE x.article_id = a.id)"
                for t in ("sentences", "mentions", "events", "quotes", "issue_tags", "assessments")
            )
            + ")"
        )
        assert partial == []
    return counts


@pytest.mark.parametrize("point", KILL_POINTS, ids=str)
def test_killed_run_leaves_a_sound_database_and_the_rerun_completes(
    point: KillPoint, corpus: Path, reference: dict, tmp_path: Path
) -> None:
    db = tmp_path / "killed.duckdb"
    proc = start_run(corpus, db)
    kill_at(proc, db, point)
    wal = Path(f"{db}.wal")
    if point.tear_wal and wal.exists() and wal.stat().st_size > 64:
        data = wal.read_bytes()  # a write cut short: the last bytes never reached the disk
        wal.write_bytes(data[: len(data) - random.Random(point.seed).randrange(1, 64)])

    counts = assert_sound(db)
    if point.after_commits is not None:
        assert counts["articles"] == N_ARTICLES  # the ingest had committed before coding
        assert counts["coded"] % BATCH == 0, "articles are coded in whole batches"
        assert counts["coded"] < N_ARTICLES
        if not point.tear_wal:
            assert counts["coded"] >= BATCH * point.after_commits
    else:
        assert counts["coded"] == 0

    result = CliRunner().invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    counts = assert_sound(db)
    assert counts == {"articles": N_ARTICLES, "coded": N_ARTICLES}
    with Store(db, read_only=True) as store:
        ids = store.query("SELECT count(*) AS n, count(DISTINCT id) AS distinct_ids FROM events")
        assert ids[0]["n"] == ids[0]["distinct_ids"] > 0
        assert snapshot(store) == reference
    FAULTS["sigkill"] += 1
    if point.tear_wal:
        FAULTS["torn_wal"] += 1
