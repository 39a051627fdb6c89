"""Scale on one machine: `--jobs N` codes exactly what one process codes; the pieces of the
Dask engine (work units, Parquet export, loading, progress) do their jobs.

The reference every scale test compares with is one uninterrupted local
`detente run examples/corpus` (jobs 1), built once per session by
:func:`local_reference` and shared with test_dask_engine.py and
test_run_resume.py.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.distributed import coding_progress, load_units, plan_units
from detente.distributed.parquet import EXPORTS, export_tables, read_table
from detente.distributed.partition import unit_bytes
from detente.ingest import ingest_paths
from detente.pipeline import CODER_VERSION, code_pending, default_coder
from detente.store import Store

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"

# What a run produces, row by row (timestamps and run bookkeeping left out: they differ by design).
SNAPSHOT = {
    "articles": "SELECT id, body, title, published, url, publisher, duplicate_of, source_path, "
    "coded_version, tone, main_dyad FROM articles",
    "sentences": "SELECT * FROM sentences",
    "mentions": "SELECT * FROM mentions",
    "events": "SELECT * FROM events",
    "event_actors": "SELECT * FROM event_actors",
    "quotes": "SELECT * FROM quotes",
    "issue_tags": "SELECT * FROM issue_tags",
    "assessments": "SELECT * FROM assessments",
    "removals": "SELECT * FROM removals",
    "article_minhash": "SELECT * FROM article_minhash",
    "article_sources": "SELECT article_id, source_path FROM article_sources",
}
EVENT_KEYS = "SELECT id, cameo, source_code, target_code FROM events ORDER BY id"

_reference: dict[str, Path] = {}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in SNAPSHOT.items()
        }
    finally:
        con.close()


def event_keys(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(EVENT_KEYS).fetchall()
    finally:
        con.close()


def run_cli(*args: str) -> str:
    result = CliRunner().invoke(app, ["run", *args])
    assert result.exit_code == 0, result.output
    return result.output


def local_reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`detente run examples/corpus` on one process, uninterrupted (built once per session)."""
    if "db" not in _reference:
        db = tmp_path_factory.mktemp("scale-reference") / "reference.duckdb"
        run_cli(str(CORPUS), "--db", str(db), "--quiet")
        keys = event_keys(db)
        assert len(keys) > 100  # the sample corpus is full of events
        _reference["db"] = db
    return _reference["db"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return local_reference(tmp_path_factory)


# ---- --jobs -------------------------------------------------------------------------------


@pytest.mark.slow
def test_jobs_2_codes_exactly_what_jobs_1_codes(reference: Path, tmp_path: Path) -> None:
    db = tmp_path / "jobs2.duckdb"
    out = run_cli(str(CORPUS), "--db", str(db), "--jobs", "2", "--quiet")
    assert "coded 43 article(s)" in out
    assert event_keys(db) == event_keys(reference)
    assert snapshot(db) == snapshot(reference)


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["run", str(CORPUS), "--db", str(tmp_path / "x.duckdb"), "--jobs", "0"]
    )
    assert result.exit_code != 0
    assert "--jobs" in result.output


def test_local_engine_rejects_dask_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["run", str(CORPUS), "--db", str(tmp_path / "x.duckdb"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "--engine dask" in result.output
    assert not (tmp_path / "x.duckdb").exists()


# ---- streaming ----------------------------------------------------------------------------


class CountingStore:
    """A Store that records how many article bodies each read returns."""

    def __init__(self, store: Store):
        self.store = store
        self.reads: list[int] = []

    def __getattr__(self, name: str):  # everything else goes to the real store
        return getattr(self.store, name)

    def articles(self, ids):  # type: ignore[no-untyped-def]
        articles = self.store.articles(ids)
        self.reads.append(len(articles))
        return articles


def test_coding_reads_bodies_one_batch_at_a_time(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest_paths([str(CORPUS / "txt")], store)
        counting = CountingStore(store)
        seen: list[tuple[int, int]] = []
        report = code_pending(
            counting,
            batch_size=7,
            coder=default_coder(),
            on_progress=lambda d, t: seen.append((d, t)),
        )
        n = store.query("SELECT count(*) AS n FROM articles")[0]["n"]
        assert report.coded == n
        assert max(counting.reads) <= 7 and sum(counting.reads) == n
        # progress after every committed batch, ending at the total
        assert seen[0] == (0, n) and seen[-1] == (n, n)
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
        # a second run finds nothing left to do
        assert code_pending(store, coder=default_coder()).coded == 0


# ---- work units ---------------------------------------------------------------------------


def test_units_cover_every_source_in_input_order_with_stable_ids(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i:02d}.txt").write_text(f"Invented text number {i}. " * 400)
    (folder / "notes.xyz").write_text("not an article")
    units, problems = plan_units([str(folder)], "fp", target_bytes=20_000)
    assert [Path(p).name for u in units for p in u.locations] == [
        f"a{i:02d}.txt" for i in range(12)
    ]
    assert [u.order for u in units] == list(range(len(units)))
    assert 1 < len(units) < 12
    assert all(Path(p).is_absolute() for u in units for p in u.locations)
    assert units[0].names[0] == str(folder / "a00.txt")
    assert [p.source for p in problems] == [str(folder / "notes.xyz")]
    again, _ = plan_units([str(folder)], "fp", target_bytes=20_000)
    assert [u.id for u in again] == [u.id for u in units]
    other, _ = plan_units([str(folder)], "another coder", target_bytes=20_000)
    assert not {u.id for u in other} & {u.id for u in units}
    (folder / "a05.txt").write_text("Changed text.")
    changed, _ = plan_units([str(folder)], "fp", target_bytes=20_000)
    assert {u.id for u in changed} != {u.id for u in units}


def test_unit_size_depends_on_the_inputs_only() -> None:
    assert unit_bytes(0) == unit_bytes(10_000) > 0
    assert unit_bytes(10**12) == unit_bytes(10**13)
    assert unit_bytes(10**8) > unit_bytes(10**6)


# ---- Parquet export and load -----------------------------------------------------------------


@pytest.fixture(scope="module")
def coded_txt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/corpus/txt ingested and coded into a database (one process)."""
    db = tmp_path_factory.mktemp("coded-txt") / "txt.duckdb"
    with Store(db) as store:
        ingest_paths([str(CORPUS / "txt")], store)
        code_pending(store, coder=default_coder())
    return db


def _export(db: Path, out: Path, unit_id: str) -> None:
    with Store(db) as store:
        store.con.execute(
            "CREATE OR REPLACE TABLE article_order AS "
            "SELECT id AS article_id, row_number() OVER (ORDER BY id) AS seq FROM articles"
        )
        export_tables(store.con, out, unit_id)
        store.con.execute("DROP TABLE article_order")


def test_parquet_is_hive_partitioned_by_month_and_queryable(
    coded_txt: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _export(coded_txt, out, "0123456789abcdef")
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months and all(m.startswith("date_month=") for m in months)
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT date_month, count(*) FROM {read_table(out, 'events')} GROUP BY 1 ORDER BY 1"
    ).fetchall()
    n_db = (
        duckdb.connect(str(coded_txt), read_only=True)
        .execute("SELECT count(*) FROM events")
        .fetchone()[0]
    )
    assert sum(n for _, n in rows) == n_db
    assert all(len(m) == 7 and m[4] == "-" for m, _ in rows)
    # an event sits in the month of its own date
    bad = con.execute(
        f"SELECT count(*) FROM {read_table(out, 'events')} "
        "WHERE date IS NOT NULL AND strftime(date, '%Y-%m') <> date_month"
    ).fetchone()[0]
    assert bad == 0
    assert set(EXPORTS) <= {p.name for p in out.iterdir()}


def test_loading_twice_gives_the_database_once(coded_txt: Path, tmp_path: Path) -> None:
    """Export a coded database as one unit, load it into an empty one (twice): same rows."""
    from detente.distributed.partition import WorkUnit

    out = tmp_path / "out"
    unit = WorkUnit(id="00000000000000aa", order=0, locations=(), size=0)
    _export(coded_txt, out, unit.id)
    db = tmp_path / "loaded.duckdb"
    with Store(db) as store:
        first = load_units(store, out, [unit])
        second = load_units(store, out, [unit])
    assert first.inserted == first.coded > 20 and first.already_present == 0
    assert second.inserted == 0 and second.already_present == first.inserted
    want, got = snapshot(coded_txt), snapshot(db)
    assert got == want


def test_units_not_in_the_run_are_not_loaded(coded_txt: Path, tmp_path: Path) -> None:
    from detente.distributed.partition import WorkUnit

    out = tmp_path / "out"
    _export(coded_txt, out, "00000000000000bb")
    with Store(tmp_path / "l.duckdb") as store:
        report = load_units(store, out, [WorkUnit("00000000000000cc", 0, (), 0)])
        assert report.inserted == 0
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 0


# ---- progress -----------------------------------------------------------------------------


def test_progress_in_logs_is_plain_lines_with_rate_and_eta() -> None:
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    console = Console(file=buf, force_terminal=False, width=200)
    with coding_progress("coding", console=console, every=3600) as update:
        update(0, 10)
        update(4, 10)
        update(6, 10)  # within `every` of the last line: not printed
        update(10, 10)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    assert (
        lines[0].startswith("coding: 4/10 articles")
        and "articles/s" in lines[0]
        and "ETA" in lines[0]
    )
    assert lines[1].startswith("coding: 10/10 articles")


def test_quiet_progress_prints_nothing() -> None:
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    with coding_progress("coding", quiet=True, console=Console(file=buf)) as update:
        update(5, 10)
    assert buf.getvalue() == ""


def test_coder_version_is_recorded(coded_txt: Path) -> None:
    con = duckdb.connect(str(coded_txt), read_only=True)
    versions = {r[0] for r in con.execute("SELECT DISTINCT coded_version FROM articles").fetchall()}
    assert versions == {CODER_VERSION}


def test_units_carry_the_users_actor_files_to_the_workers(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    """--actors files travel with the task (a remote worker cannot read the client's disk)."""
    from detente.distributed import UnitSettings, run_unit

    story = tmp_path / "story.txt"
    story.write_text(
        "Invented report\n\nPublished: March 1, 2016\n\n"
        "Ivana Testerova criticized the Northern Fishing League on Monday.\n",
        encoding="utf-8",
    )
    [unit], _ = plan_units([str(story)], "with-actors")
    user = fixtures_dir / "actors" / "user_actors.yaml"

    def codes(out: Path, actor_files: tuple[tuple[str, bytes], ...]) -> set[str]:
        run_unit(unit, UnitSettings(str(out), actor_files=actor_files))
        mentions = read_table(out, "mentions")
        if mentions is None:  # no actor found at all
            return set()
        sql = f"SELECT DISTINCT code FROM {mentions} WHERE code IS NOT NULL"
        return {r[0] for r in duckdb.connect().execute(sql).fetchall()}

    assert "MDAGOV" in codes(tmp_path / "with", (("user_actors.yaml", user.read_bytes()),))
    assert "MDAGOV" not in codes(tmp_path / "without", ())
