"""Load a run's Parquet units into the database, as if the run had been local.

Workers ingest their units independently, so two things are settled here, in
one process, in input order (unit order, then order within the unit):

- exact duplicates: the same body read by several units is stored once, with
  the metadata and coding of its first copy (the others only add a source row);
- near duplicates: the MinHash signatures the workers computed go through the
  same :class:`~detente.clean.duplicates.NearDuplicateIndex` a local ingest
  uses, seeded with the articles already in the database, so ``duplicate_of``
  comes out as a local run would set it.

Everything else is bulk SQL from Parquet into the tables, in one transaction:
a load killed half-way leaves the database as it was, and loading again is
harmless (articles are keyed by content hash; coded rows are replaced).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.clean.duplicates import NearDuplicateIndex, from_stored
from detente.distributed.parquet import CODED_TABLES, EXPORTS, read_table, rewrite_unit
from detente.distributed.partition import WorkUnit
from detente.ingest import IngestOptions

_PAGE = 2000


@dataclass
class LoadReport:
    inserted: int = 0
    already_present: int = 0
    near_duplicates: int = 0
    coded: int = 0
    events: int = 0


def _columns(con: Any, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def load_units(
    store: Any, out: Path, units: Sequence[WorkUnit], options: IngestOptions | None = None
) -> LoadReport:
    """Load the Parquet written by ``units`` under ``out`` into ``store``."""
    opts = options or IngestOptions()
    con = store.con
    report = LoadReport()
    reads = {t: read_table(out, t) for t in EXPORTS}
    if reads["article_order"] is None or reads["articles"] is None or not units:
        return report
    con.execute("CREATE OR REPLACE TEMP TABLE _units (part VARCHAR, unit_order INTEGER)")
    con.executemany("INSERT INTO _units VALUES (?, ?)", [[u.id, u.order] for u in units])
    # Which copy of each article wins: the first in input order.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _owners AS "
        "SELECT article_id, part, unit_order, seq FROM ("
        "  SELECT o.article_id, o.part, u.unit_order, o.seq, row_number() OVER ("
        "    PARTITION BY o.article_id ORDER BY u.unit_order, o.seq) AS rank"
        f"  FROM {reads['article_order']} o JOIN _units u USING (part)"
        ") WHERE rank = 1"
    )
    sigs = reads["article_minhash"]
    sig_col = "m.signature" if sigs else "NULL::UBIGINT[]"
    sig_join = (
        f"LEFT JOIN {sigs} m ON m.part = o.part AND m.article_id = o.article_id" if sigs else ""
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _new AS SELECT o.*, {sig_col} AS signature "
        f"FROM _owners o {sig_join} "
        "WHERE o.article_id NOT IN (SELECT id FROM articles)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _coded AS SELECT o.article_id, o.part FROM _owners o "
        f"JOIN {reads['articles']} a ON a.part = o.part AND a.id = o.article_id "
        "WHERE a.coded_version IS NOT NULL"
    )
    dups = _near_duplicates(store, opts)
    con.execute("CREATE OR REPLACE TEMP TABLE _dups (article_id VARCHAR, duplicate_of VARCHAR)")
    if dups:
        con.executemany("INSERT INTO _dups VALUES (?, ?)", dups)
    report.near_duplicates = len(dups)
    report.inserted = con.execute("SELECT count(*) FROM _new").fetchone()[0]
    owners = con.execute("SELECT count(*) FROM _owners").fetchone()[0]
    report.already_present = owners - report.inserted
    report.coded = con.execute("SELECT count(*) FROM _coded").fetchone()[0]
    con.begin()
    try:
        _insert_articles(con, reads)
        _replace_coded(con, reads)
        con.commit()
    except Exception:
        con.rollback()
        raise
    report.events = con.execute(
        "SELECT count(*) FROM events WHERE article_id IN (SELECT article_id FROM _coded)"
    ).fetchone()[0]
    settle_parquet(con, out, reads)
    for t in ("_units", "_owners", "_new", "_coded", "_dups", "_losers"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return report


def settle_parquet(con: Any, out: Path, reads: dict[str, str | None]) -> None:
    """Make the Parquet agree with the database, so querying it counts nothing twice.

    A unit only knew its own articles: an article also read by an earlier unit
    (an exact duplicate) is dropped from the later unit's files, and
    ``duplicate_of`` is set as the load decided it. Only the units concerned are
    rewritten. ``article_order`` and ``article_sources`` stay whole: they record
    what each unit read, and a later load needs them.
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _losers AS "
        f"SELECT o.article_id, o.part FROM {reads['article_order']} o JOIN _units u USING (part) "
        "EXCEPT SELECT article_id, part FROM _owners"
    )
    stale = con.execute(
        f"SELECT DISTINCT a.part FROM {reads['articles']} a "
        "JOIN _losers l ON l.part = a.part AND l.article_id = a.id UNION "
        f"SELECT DISTINCT a.part FROM {reads['articles']} a "
        "JOIN _owners o ON o.part = a.part AND o.article_id = a.id "
        "JOIN articles d ON d.id = a.id WHERE a.duplicate_of IS DISTINCT FROM d.duplicate_of"
    ).fetchall()
    for (unit_id,) in stale:
        rewrite_unit(con, out, unit_id)


def _near_duplicates(store: Any, opts: IngestOptions) -> list[tuple[str, str]]:
    """(article, its original) for the new articles, deciding in input order as ingest does."""
    con = store.con

    def lookup(article_id: str) -> Any:
        row = con.execute(
            "SELECT signature FROM _new WHERE article_id = ?", [article_id]
        ).fetchone()
        sig = list(row[0]) if row and row[0] is not None else store.minhash_signature(article_id)
        if not sig or len(sig) != opts.num_perm:
            return None
        return from_stored(sig, opts.num_perm)

    index = NearDuplicateIndex(
        threshold=opts.near_duplicate_threshold, num_perm=opts.num_perm, lookup=lookup
    )
    for article_id, sig, dup in store.minhash_signatures():
        if len(sig) == opts.num_perm:
            index.add(article_id, from_stored(sig, opts.num_perm), dup, pending=False)
    dups: list[tuple[str, str]] = []
    last = (-1, -1)
    while True:
        rows = con.execute(
            "SELECT article_id, signature, unit_order, seq FROM _new "
            "WHERE unit_order > ? OR (unit_order = ? AND seq > ?) "
            "ORDER BY unit_order, seq LIMIT ?",
            [last[0], last[0], last[1], _PAGE],
        ).fetchall()
        if not rows:
            return dups
        for article_id, sig, unit_order, seq in rows:
            last = (unit_order, seq)
            if sig is None or len(sig) != opts.num_perm:
                continue
            mh = from_stored(sig, opts.num_perm)
            original = index.original_of(mh)
            duplicate_of = original if original and original != article_id else None
            if duplicate_of:
                dups.append((article_id, duplicate_of))
            index.add(article_id, mh, duplicate_of, pending=False)


def _insert_articles(con: Any, reads: dict[str, str | None]) -> None:
    cols = _columns(con, "articles")
    select = ", ".join("d.duplicate_of" if c == "duplicate_of" else f"a.{c}" for c in cols)
    con.execute(
        f"INSERT INTO articles ({', '.join(cols)}) SELECT {select} "
        f"FROM {reads['articles']} a JOIN _new n ON a.part = n.part AND a.id = n.article_id "
        "LEFT JOIN _dups d ON d.article_id = a.id"
    )
    # articles stored before this run: take the new coding results
    con.execute(
        "UPDATE articles SET coded_version = a.coded_version, coded_at = a.coded_at, "
        "tone = a.tone, main_dyad = a.main_dyad "
        f"FROM (SELECT p.* FROM {reads['articles']} p "
        "      JOIN _coded c ON p.part = c.part AND p.id = c.article_id "
        "      WHERE p.id NOT IN (SELECT article_id FROM _new)) a "
        "WHERE articles.id = a.id"
    )
    for table in ("removals", "article_minhash"):
        if reads[table]:
            cols = _columns(con, table)
            con.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) "
                f"SELECT {', '.join('x.' + c for c in cols)} FROM {reads[table]} x "
                "JOIN _new n ON x.part = n.part AND x.article_id = n.article_id"
            )
    if reads["article_sources"]:
        con.execute(
            "INSERT OR IGNORE INTO article_sources (article_id, source_path, first_seen) "
            "SELECT article_id, source_path, min(first_seen) "
            f"FROM {reads['article_sources']} s JOIN _units u USING (part) "
            "GROUP BY article_id, source_path"
        )


def _replace_coded(con: Any, reads: dict[str, str | None]) -> None:
    con.execute(
        "DELETE FROM event_actors WHERE event_id IN "
        "(SELECT id FROM events WHERE article_id IN (SELECT article_id FROM _coded))"
    )
    for table in CODED_TABLES:
        if table != "event_actors":
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _coded)")
    for table in CODED_TABLES:
        if not reads[table]:
            continue
        cols = _columns(con, table)
        con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) "
            f"SELECT {', '.join('x.' + c for c in cols)} FROM {reads[table]} x "
            "JOIN _coded c ON x.part = c.part AND x.article_id = c.article_id"
        )
