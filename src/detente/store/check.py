"""Integrity checks of a detente database: what `detente check` runs.

A database holds weeks of work, and it is written by runs that may be killed,
by older versions of detente, and sometimes by hand. The checks below say
whether it is still what the rest of detente assumes:

- the schema is at the version this detente needs (opening for writing upgrades it);
- no orphan rows: every coded row points to an article (or event) that exists;
- no partial articles: coded rows exist only for articles marked coded
  (``articles.coded_version``), and every coded article has its sentences;
- every char span lies inside the article body, and the text stored with a
  sentence, mention or quote is exactly that slice of the body;
- ids are unique, article ids are the hash of their body;
- CAMEO codes and PLOVER types belong to the ontology;
- ``duplicate_of`` points to an article that exists;
- every block of the file matches its checksum (store/blocks.py: read
  directly when ``check_database`` opens the file for writing, so index and
  free-list blocks that no query loads are checked too), and every row of
  every table can be read. A block that fails is no finding but an error:
  the file is damaged, and `detente check` says so in one line with exit
  status 2.

Each check is one SQL query (or a small Python test over distinct values)
returning how many rows fail and a few examples, so the report names what is
wrong and where to look. ``check_store`` only reads; ``check_database`` opens
the file for writing (which applies missing migrations) and records the result
in the ``checks`` table.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from detente.errors import Errors
from detente.records import article_id_for
from detente.store.db import Store
from detente.store.schema import LATEST_VERSION, MIGRATIONS

EXAMPLES = 5

# Tables written by the coding stages for one article (all in one transaction).
CODED_TABLES = ("sentences", "mentions", "events", "quotes", "issue_tags", "assessments")
# Tables written with the article at ingest.
INGEST_TABLES = ("article_sources", "removals", "article_minhash")
# Tables with a char span into the article body, and the column holding the
# text that must equal that slice (None: the span only has to be in bounds).
SPAN_TABLES: dict[str, str | None] = {
    "sentences": "text",
    "mentions": "text",
    "events": None,  # the evidence span; `sentence` is the sentence as written
    "quotes": "text",
    "issue_tags": None,  # the phrase is matched case-insensitively, the span is the evidence
    "assessments": None,
}
# Tables whose `id` column must be unique.
ID_TABLES = ("articles", "events", "quotes", "assessments")


@dataclass
class Finding:
    """One check that failed: how many rows, and a few of them."""

    check: str
    table: str
    count: int
    message: str
    examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CheckReport:
    """What `detente check` found in one database."""

    path: str
    schema_version: int
    latest_version: int
    migrated: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "schema_version": self.schema_version,
            "latest_version": self.latest_version,
            "migrated": self.migrated,
            "counts": self.counts,
            "checks": self.checks,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class _SqlCheck:
    """A query selecting one text column that describes each failing row."""

    id: str
    table: str
    message: str  # "{n} ..." is filled with the count
    sql: str


def _orphans() -> list[_SqlCheck]:
    out = [
        _SqlCheck(
            f"orphan-{t}",
            t,
            "{n} row(s) point to an article that does not exist",
            f"SELECT DISTINCT x.article_id FROM {t} x "
            f"WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id)",
        )
        for t in (*CODED_TABLES, *INGEST_TABLES)
    ]
    out.append(
        _SqlCheck(
            "orphan-event_actors",
            "event_actors",
            "{n} row(s) point to an event that does not exist",
            "SELECT DISTINCT x.event_id FROM event_actors x "
            "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)",
        )
    )
    return out


def _partial() -> list[_SqlCheck]:
    out = [
        _SqlCheck(
            f"uncoded-with-{t}",
            t,
            "{n} article(s) not marked coded still have rows here (a partial article)",
            f"SELECT DISTINCT x.article_id FROM {t} x JOIN articles a ON a.id = x.article_id "
            f"WHERE a.coded_version IS NULL",
        )
        for t in CODED_TABLES
    ]
    out.append(
        _SqlCheck(
            "coded-without-sentences",
            "articles",
            "{n} article(s) marked coded have no sentences (a partial article)",
            "SELECT a.id FROM articles a WHERE a.coded_version IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)",
        )
    )
    return out


def _spans() -> list[_SqlCheck]:
    out = []
    for t, text_col in SPAN_TABLES.items():
        idx = "x.idx" if t == "sentences" else "x.sentence_index"
        out.append(
            _SqlCheck(
                f"span-bounds-{t}",
                t,
                "{n} row(s) have a char span outside the article body",
                f"SELECT x.article_id || ' sentence ' || {idx} || ' [' || x.start_char || ':' "
                f"|| x.end_char || '] body length ' || length(a.body) "
                f"FROM {t} x JOIN articles a ON a.id = x.article_id "
                f"WHERE x.start_char < 0 OR x.end_char < x.start_char "
                f"OR x.end_char > length(a.body)",
            )
        )
        if text_col:
            out.append(
                _SqlCheck(
                    f"span-text-{t}",
                    t,
                    f"{{n}} row(s) whose `{text_col}` is not the body text at their span",
                    f"SELECT x.article_id || ' [' || x.start_char || ':' || x.end_char || '] ' "
                    f"|| left(x.{text_col}, 40) "
                    f"FROM {t} x JOIN articles a ON a.id = x.article_id "
                    f"WHERE x.start_char >= 0 AND x.end_char <= length(a.body) "
                    f"AND x.{text_col} IS DISTINCT FROM "
                    f"substring(a.body, x.start_char + 1, x.end_char - x.start_char)",
                )
            )
    return out


def _identity() -> list[_SqlCheck]:
    out = [
        _SqlCheck(
            f"duplicate-id-{t}",
            t,
            "{n} id(s) occur more than once",
            f"SELECT id FROM {t} GROUP BY id HAVING count(*) > 1",
        )
        for t in ID_TABLES
    ]
    out += [
        _SqlCheck(
            "duplicate-sentence",
            "sentences",
            "{n} (article, sentence index) pair(s) occur more than once",
            "SELECT article_id || ' sentence ' || idx FROM sentences "
            "GROUP BY article_id, idx HAVING count(*) > 1",
        ),
        _SqlCheck(
            "event-wrong-article",
            "events",
            "{n} event(s) whose sentence index has no sentence in their article",
            "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE a.coded_version IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sentences s "
            "WHERE s.article_id = e.article_id AND s.idx = e.sentence_index)",
        ),
        _SqlCheck(
            "duplicate-of-missing",
            "articles",
            "{n} article(s) marked as a copy of an article that does not exist",
            "SELECT x.id || ' -> ' || x.duplicate_of FROM articles x "
            "WHERE x.duplicate_of IS NOT NULL AND (x.duplicate_of = x.id OR NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.id = x.duplicate_of))",
        ),
        _SqlCheck(
            "event-values",
            "events",
            "{n} event(s) with a quad class outside 1-4, a Goldstein score outside -10..10, "
            "or a CAMEO root that is not the code's first two digits",
            "SELECT id || ' cameo ' || cameo || ' root ' || cameo_root || ' quad ' || "
            "coalesce(CAST(quad_class AS VARCHAR), 'NULL') FROM events "
            "WHERE quad_class NOT BETWEEN 1 AND 4 OR goldstein NOT BETWEEN -10 AND 10 "
            "OR cameo_root <> left(cameo, 2)",
        ),
    ]
    return out


SQL_CHECKS: list[_SqlCheck] = [*_orphans(), *_partial(), *_spans(), *_identity()]


def _run_sql(store: Store, check: _SqlCheck) -> Finding | None:
    rows = store.con.execute(
        f"SELECT count(*) OVER (), d FROM ({check.sql}) t(d) LIMIT ?", [EXAMPLES]
    ).fetchall()
    if not rows:
        return None
    n = int(rows[0][0])
    return Finding(check.id, check.table, n, check.message.format(n=n), [str(r[1]) for r in rows])


def _ontology(store: Store) -> list[Finding]:
    """CAMEO codes and PLOVER types that the ontology tables do not know."""
    from detente.ontology import is_plover_type, is_valid

    out = []
    tests: list[tuple[str, str, Callable[[str], bool], str]] = [
        ("cameo", "invalid-cameo", is_valid, "CAMEO code(s) not in cameo.tsv"),
        ("plover", "invalid-plover", is_plover_type, "PLOVER type(s) not in plover.yaml"),
    ]
    for column, check_id, valid, what in tests:
        rows = store.con.execute(
            f"SELECT {column}, count(*) FROM events WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 1"
        ).fetchall()
        bad = [(value, n) for value, n in rows if not valid(str(value))]
        if bad:
            n = sum(c for _, c in bad)
            out.append(
                Finding(
                    check_id,
                    "events",
                    n,
                    f"{n} event(s) with {len(bad)} {what}",
                    [f"{v!r} x{c}" for v, c in bad[:EXAMPLES]],
                )
            )
    return out


def _article_ids(store: Store) -> Finding | None:
    """Article ids are the hash of the normalized body: a different id means an edited body."""
    bad: list[str] = []
    cur = store.con.execute("SELECT id, body, title FROM articles ORDER BY id")
    while rows := cur.fetchmany(1000):
        bad += [aid for aid, body, title in rows if article_id_for(body, title) != aid]
    if not bad:
        return None
    n = len(bad)
    return Finding(
        "article-id-hash",
        "articles",
        n,
        f"{n} article(s) whose id is not the hash of their body (the body was edited)",
        bad[:EXAMPLES],
    )


def _schema(store: Store) -> Finding | None:
    rows = store.con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    have = [r[0] for r in rows]
    want = [m.version for m in MIGRATIONS]
    if have == want:
        return None
    missing = sorted(set(want) - set(have))
    unknown = sorted(set(have) - set(want))
    parts = []
    if missing:
        parts.append(f"migration(s) {missing} not applied")
    if unknown:
        parts.append(f"migration(s) {unknown} unknown to this detente (written by a newer one?)")
    return Finding(
        "schema-version", "schema_migrations", len(missing) + len(unknown), "; ".join(parts)
    )


def _counts(store: Store) -> dict[str, int]:
    tables = ("articles", *CODED_TABLES, "event_actors", *INGEST_TABLES)
    return {t: int(store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}


def read_every_table(store: Store) -> None:
    """Read every column of every row of every table; raises StoreError when a block fails.

    The other checks read only the columns they need, so a damaged block in
    another column (or table) would pass them and fail the next `run`.
    """
    import duckdb

    from detente.store.db import damaged

    tables = [
        r[0]
        for r in store.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "ORDER BY table_name"
        ).fetchall()
    ]
    for table in tables:
        try:
            store.con.execute(f'SELECT count(*), bit_xor(hash(x)) FROM "{table}" x').fetchall()
        except duckdb.Error as exc:
            raise damaged(store.path, f"table {table}: {exc}") from exc


def check_store(store: Store) -> CheckReport:
    """Run every check on an open store (read-only is enough); writes nothing.

    Raises StoreError when the file is damaged (a block cannot be read).
    """
    import duckdb

    from detente.store.db import damaged

    try:
        read_every_table(store)
        return _check_store(store)
    except duckdb.Error as exc:
        raise damaged(store.path, exc) from exc


def _check_store(store: Store) -> CheckReport:
    report = CheckReport(store.path, store.schema_version(), LATEST_VERSION)
    report.counts = _counts(store)
    report.checks = [
        "schema-version",
        *(c.id for c in SQL_CHECKS),
        "invalid-cameo",
        "invalid-plover",
        "article-id-hash",
    ]
    found: list[Finding | None] = [_schema(store)]
    found += [_run_sql(store, c) for c in SQL_CHECKS]
    found += _ontology(store)
    found.append(_article_ids(store))
    report.findings = [f for f in found if f is not None]
    return report


def record_check(store: Store, report: CheckReport) -> str:
    """Store the result in the ``checks`` table; returns the row id."""
    check_id = uuid.uuid4().hex[:16]
    store.con.execute(
        "INSERT INTO checks (id, checked_at, schema_version, ok, counts, findings) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            check_id,
            datetime.now(timezone.utc).replace(tzinfo=None),
            report.schema_version,
            report.ok,
            json.dumps(report.counts),
            json.dumps([f.to_dict() for f in report.findings], ensure_ascii=False),
        ],
    )
    return check_id


def check_database(path: str | Path, *, record: bool = True) -> CheckReport:
    """Open ``path`` for writing (upgrading its schema), check it, and record the result.

    Raises StoreError when the file cannot be opened (missing, locked by a
    writer, not a DuckDB file); findings are in the report, not exceptions.
    """
    from detente.errors import StoreError

    if not Path(path).exists():
        raise StoreError(Errors.E400_NO_DATABASE_TO_CHECK, path=path)
    import duckdb

    from detente.store.db import damaged

    before = _file_version(path)
    with Store(path) as store:
        report = check_store(store)
        if before >= 0:
            report.migrated = [m.version for m in MIGRATIONS if m.version > before]
        if record:
            try:
                record_check(store, report)
            except duckdb.Error as exc:  # the write reaches blocks the reads did not
                raise damaged(store.path, exc) from exc
    return report


def _file_version(path: str | Path) -> int:
    """The schema version the file has before Store upgrades it (-1: cannot tell)."""
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return -1  # Store says why when it tries
    try:
        has = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()[0]
        if not has:
            return 0
        return int(con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0)
    except duckdb.Error:
        return -1
    finally:
        con.close()
