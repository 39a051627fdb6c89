"""DuckDB storage: opening (with migrations), writing in transactions, reading back.

One writer at a time (DuckDB's rule); readers such as the web server open the
file read-only. Writes are grouped so that an article and everything coded
from it land together or not at all: a run killed mid-batch leaves the
database as it was before the batch, and the re-run redoes that batch.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, fields
from datetime import datetime, timezone
from operator import attrgetter
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import Errors, StoreError
from detente.records import (
    ActorRef,
    Article,
    CodedArticle,
    Problem,
    Removal,
)
from detente.store.blocks import check_blocks, check_size, damaged
from detente.store.schema import LATEST_VERSION, MIGRATIONS

DEFAULT_DB = "detente.duckdb"

ARTICLE_COLUMNS = (
    "id, url, publisher, title, authors, CAST(published AS VARCHAR) AS published, language, "
    "body, comments, source_path, CAST(ingested_at AS VARCHAR) AS ingested_at, duplicate_of, "
    "evidence, tone, main_dyad, coded_version"
)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""What ``json.dumps(value, ensure_ascii=False)`` builds at every call (for its
non-default argument) before it encodes: the same text, made once."""


def _json(value: Any) -> str | None:
    return None if value is None else _ENCODER.encode(value)


def _ident(name: str) -> str:
    """``name`` as a quoted SQL identifier (columns such as ``text`` and ``rule``)."""
    return '"' + name.replace('"', '""') + '"'


_REF_FIELDS = tuple(f.name for f in fields(ActorRef))
_REF_VALUES = attrgetter(*_REF_FIELDS)


_CODED_TABLES = ("sentences", "mentions", "events", "quotes", "issue_tags", "assessments")
_CHUNK = 2000  # rows per fetch when a read streams a whole table

Columns = dict[str, Sequence[Any]]
"""One table's rows to insert, as columns: column name -> the rows' values. Writers name
every value's column, so a migration that adds or moves a column cannot shift values into
the wrong one (``_bulk_insert`` inserts by name; a column a writer leaves out gets its
default). A table without rows has no columns."""


def _table(rows: Iterable[tuple[Any, ...]], names: tuple[str, ...]) -> Columns:
    """Columns ``names`` of ``rows`` (tuples of values in that order): the rows transposed
    at once, where a dict per row read back column by column took a third of the coded
    writes' Python time."""
    listed = list(rows)
    return dict(zip(names, zip(*listed, strict=True), strict=True)) if listed else {}


def _fields(records: Iterable[Any], columns: dict[str, str]) -> Columns:
    """The columns of ``records`` read from their fields: column name -> field name."""
    read = attrgetter(*columns.values())
    if len(columns) == 1:  # attrgetter of one name gives the value, not a tuple
        return _table(((read(r),) for r in records), tuple(columns))
    return _table(map(read, records), tuple(columns))


def _unique(records: Iterable[Any]) -> list[Any]:
    """``records`` without a repeated id (a pattern and a noun reading the same event twice
    make the same content-hash id), the first of each kept."""
    seen: set[str] = set()
    kept = []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            kept.append(r)
    return kept


class _RefJson:
    """The JSON text of ActorRefs, each distinct one encoded once per batch (the same actor
    is the source or speaker of many of an article's records)."""

    def __init__(self) -> None:
        self._texts: dict[tuple[Any, ...], str] = {}

    def one(self, a: Any) -> str:
        """``_json(asdict(a))``. An ActorRef's fields are all plain values, read at once
        (asdict copies each one recursively: a fifth of the coded writes' Python time)."""
        if type(a) is not ActorRef:  # a subclass: its own fields
            return _ENCODER.encode(asdict(a))
        key = _REF_VALUES(a)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = _ENCODER.encode(dict(zip(_REF_FIELDS, key, strict=True)))
        return text

    def maybe(self, a: Any) -> str | None:
        """:meth:`one`, or None for no actor."""
        return None if a is None else self.one(a)

    def many(self, actors: list[Any]) -> str:
        """The JSON text of a list of actors: the encoder writes a list as its items' texts
        joined by ", " (its default separators), so each item is :meth:`one`'s text."""
        return "[" + ", ".join(map(self.one, actors)) + "]"


def _first(actors: list[ActorRef], field: str) -> Any:
    return getattr(actors[0], field) if actors else None


# Column name -> the record field it holds, for the columns read straight from a field.
_SENTENCE_FIELDS = {"article_id": "article_id", "idx": "index", "start_char": "start",
                     "end_char": "end", "text": "text", "tone": "tone"}
_MENTION_FIELDS = {
    "article_id": "article_id", "sentence_index": "sentence_index", "start_char": "start",
    "end_char": "end", "text": "text", "name": "name", "country": "country", "sector": "sector",
    "code": "code", "resolved_by": "resolved_by", "confidence": "confidence",
    "actor_id": "actor_id", "qid": "qid", "kind": "kind"}
_EVENT_FIELDS = {
    "id": "id", "article_id": "article_id", "sentence_index": "sentence_index",
    "start_char": "start", "end_char": "end", "sentence": "sentence", "date": "date",
    "cameo": "cameo", "cameo_root": "cameo_root", "plover": "plover",
    "plover_mode": "plover_mode", "plover_context": "plover_context", "quad_class": "quad_class",
    "goldstein": "goldstein", "negated": "negated", "modality": "modality",
    "aux_modes": "aux_modes", "issues": "issues", "rule": "rule", "confidence": "confidence",
    "trigger": "trigger"}
_QUOTE_FIELDS = {
    "id": "id", "article_id": "article_id", "sentence_index": "sentence_index",
    "start_char": "start", "end_char": "end", "text": "text", "kind": "kind",
    "sentence": "sentence"}
_ISSUE_FIELDS = {"article_id": "article_id", "sentence_index": "sentence_index",
                  "issue": "issue", "phrase": "phrase", "start_char": "start", "end_char": "end"}
_ASSESSMENT_FIELDS = {
    "id": "id", "article_id": "article_id", "sentence_index": "sentence_index",
    "start_char": "start", "end_char": "end", "level": "level", "trend": "trend",
    "polarity": "polarity", "sentence": "sentence", "rule": "rule"}
_ARTICLE_FIELDS = {
    "id": "id", "url": "url", "publisher": "publisher", "title": "title", "authors": "authors",
    "published": "published", "language": "language", "body": "body", "comments": "comments",
    "source_path": "source_path", "duplicate_of": "duplicate_of"}


def _coded_rows(batch: list[CodedArticle]) -> dict[str, Columns]:
    """The columns each table gets for a batch, keyed by column name (schema.py).

    Records with the same content-hash id (a pattern and a noun reading the same
    event twice) are stored once per article.
    """
    refs = _RefJson()
    events = [e for ca in batch for e in _unique(ca.events)]
    quotes = [q for ca in batch for q in _unique(ca.quotes)]
    assessments = [a for ca in batch for a in _unique(ca.assessments)]
    rows = {
        "sentences": _fields((s for ca in batch for s in ca.sentences), _SENTENCE_FIELDS),
        "mentions": _fields((m for ca in batch for m in ca.mentions), _MENTION_FIELDS),
        "events": _fields(events, _EVENT_FIELDS),
        "event_actors": _table(
            ((e.id, role, i, a.text, a.name, a.country, a.sector, a.code, a.resolved_by)
             for e in events
             for role, actors in (("source", e.source), ("target", e.target))
             for i, a in enumerate(actors)),
            ("event_id", "role", "pos", "text", "name", "country", "sector", "code",
             "resolved_by"),
        ),
        "quotes": _fields(quotes, _QUOTE_FIELDS),
        "issue_tags": _fields((t for ca in batch for t in ca.issues), _ISSUE_FIELDS),
        "assessments": _fields(assessments, _ASSESSMENT_FIELDS),
    }
    if events:
        rows["events"] |= {
            "source": [refs.many(e.source) for e in events],
            "target": [refs.many(e.target) for e in events],
            "speaker": [refs.maybe(e.speaker) for e in events],
        } | {
            f"{role}_{field}": [_first(getattr(e, role), field) for e in events]
            for role in ("source", "target")
            for field in ("code", "country", "sector")
        }
    if quotes:
        speakers = [q.speaker for q in quotes]
        rows["quotes"] |= {"speaker": [refs.maybe(sp) for sp in speakers]} | {
            f"speaker_{field}": [getattr(sp, field) if sp else None for sp in speakers]
            for field in ("name", "country", "sector")
        }
    if assessments:
        rows["assessments"] |= {
            "dyad_a": [a.dyad[0] for a in assessments],
            "dyad_b": [a.dyad[1] for a in assessments],
            "speaker": [refs.maybe(a.speaker) for a in assessments],
        }
    return rows


def _columns(values: Columns) -> dict[str, Any]:
    """Columns of Python values as NumPy arrays, a table DuckDB reads (``register``): None
    is NULL, a list a list, and the INSERT casts each column to its type. An Arrow table
    did the same, but pyarrow imports pandas (0.2 s, at the first write of every run) to
    ask whether a list it converts is a pandas object; nothing here uses pandas."""
    return {name: _column(column) for name, column in values.items()}


def _column(values: Sequence[Any]) -> Any:
    """One column: int64, float64 or bool when every value is one such (DuckDB reads those
    arrays as they are, where it converts an object array value by value), else objects.
    Either array gives the column the same values (NaN is NULL in both)."""
    import numpy

    kinds = set(map(type, values))
    if len(kinds) == 1:
        dtype = _PLAIN_DTYPES.get(kinds.pop())
        if dtype is not None:
            with contextlib.suppress(OverflowError):  # an int beyond int64 (a UBIGINT)
                return numpy.array(values, dtype=dtype)
    return numpy.fromiter(values, dtype=object, count=len(values))


_PLAIN_DTYPES: dict[type, str] = {int: "int64", float: "float64", bool: "bool"}


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.*?) \(PID (?P<pid>\d+)\)")


def _command_line(pid: int) -> str | None:
    """The command line of process ``pid`` when this system shows it (Linux /proc)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [w for w in raw.decode("utf-8", "replace").split("\0") if w]
    if len(words) > 2 and words[1] == "-c":  # python -c "from detente.cli import main; ..."
        words = words[:1] + ["-c", "…"] + words[3:]
    return " ".join(words)[:200] or None


def open_error(path: str, exc: Exception, *, read_only: bool) -> StoreError:
    """The error for a file DuckDB would not open, naming the process that holds it.

    DuckDB lets one process write to a file, or several read it, never both at
    once: a writer (`detente run`, `ingest`, `check`) is refused while any other
    process has the file open, even read-only (a notebook, the DuckDB shell, a
    `detente events` still running), and a reader while a writer has it.
    `detente serve` opens the file only while it answers a request.
    """
    text = str(exc)
    held = _LOCK_HOLDER.search(text)
    if not held:
        return StoreError(Errors.E400_NOT_A_DETENTE_DATABASE, path=path, text=text)
    pid = int(held["pid"])
    who = _command_line(pid) or held["exe"]
    holder_reads = "read-only mode" in text  # DuckDB says a read-only open would work
    if holder_reads:
        message = Errors.E400_LOCKED_BY_A_READER
    elif read_only:
        message = Errors.E400_LOCKED_BY_A_WRITER_WHILE_READING
    else:
        message = Errors.E400_LOCKED_BY_A_WRITER
    return StoreError(message, path=path, pid=pid, who=who)


@contextlib.contextmanager
def _scan_python_frames(con: Any) -> Iterator[None]:
    """While the block runs, let a statement read a table of columns (:func:`_columns`)
    from a Python variable of the function that runs it (DuckDB's replacement scan),
    wherever on the call stack that function is: through a wrapped connection
    (tests/test_data_safety_faults.py) the frame that calls DuckDB is the wrapper's.
    Registering such a table as a view instead, and dropping the view, for each table of
    each batch, cost more than the INSERT. Only for the store's own writes: left on, a
    user's query on ``Store.con`` would read any caller's variable of a table's name
    instead of failing on the missing table."""
    con.execute("SET python_scan_all_frames = true")
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):  # after an IO error the connection may be gone
            con.execute("RESET python_scan_all_frames")


class Store:
    """A detente database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self._types: dict[str, dict[str, str]] = {}
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(Errors.E400_NO_DATABASE, path=self.path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:  # locked by another process, not a DuckDB file, ...
            raise open_error(self.path, exc, read_only=read_only) from exc
        try:
            self._quick_check()
            if not read_only:
                self.migrate()
            else:
                self._check_version()
        except duckdb.Error as exc:  # opened, but its blocks cannot be read: truncated, damaged
            self.con.close()
            raise damaged(self.path, exc) from exc
        except BaseException:  # e.g. a schema too old to read: do not leave the file open
            self.con.close()
            raise

    def _quick_check(self) -> None:
        """Refuse a damaged file before anything is written into it (blocks.py).

        A writer checks every block's checksum (about a second per GB: a run
        must not build on a file it will fail in halfway); a reader checks only
        that the file is as long as its header says.
        """
        if self.read_only:
            check_size(self.con, self.path)
        else:
            check_blocks(self.con, self.path)

    def _write_failed(self, exc: Exception) -> Exception:
        """Roll back (ignoring a rollback that fails too) and say why the write failed."""
        with contextlib.suppress(duckdb.Error):  # after an IO error it may be gone already
            self.con.rollback()
        if not isinstance(exc, duckdb.Error):
            return exc
        text = str(exc)
        if "No space left" in text or ("disk" in text.lower() and "full" in text.lower()):
            return StoreError(Errors.E400_DISK_FULL, path=self.path)
        if "Corrupt database" in text or "checksum" in text or "Could not read" in text:
            return damaged(self.path, exc)
        if isinstance(exc, (duckdb.IOException, duckdb.FatalException)):
            return StoreError(
                Errors.E400_CANNOT_WRITE,
                path=self.path,
                error=text.splitlines()[0][:300],
            )
        return exc

    @contextlib.contextmanager
    def _writing(self, *, columns: bool = False) -> Iterator[None]:
        """One transaction of the store's own writes: committed when the block ends,
        rolled back and the failure said (:meth:`_write_failed`) when it raises.
        ``columns``: the block inserts tables of columns (:func:`_scan_python_frames`)."""
        with _scan_python_frames(self.con) if columns else contextlib.nullcontext():
            self.con.begin()
            try:
                yield
                self.con.commit()
            except Exception as exc:
                failure = self._write_failed(exc)
                if failure is exc:
                    raise
                raise failure from None

    # -- lifecycle -----------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _check_version(self) -> None:
        version = self.schema_version()
        if version < LATEST_VERSION:
            raise StoreError(
                Errors.E400_OLD_SCHEMA,
                path=self.path,
                version=version,
                latest_version=LATEST_VERSION,
            )

    def migrate(self) -> list[int]:
        """Apply missing migrations, each in its own transaction; returns the versions applied."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for m in MIGRATIONS:
            if m.version in done:
                continue
            self.con.begin()
            try:
                self.con.execute(m.sql)
                self.con.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [m.version, m.name, _now()],
                )
                self.con.commit()
            except duckdb.Error as exc:
                self.con.rollback()
                raise StoreError(
                    Errors.E400_MIGRATION_FAILED,
                    version=m.version,
                    name=m.name,
                    exc=exc,
                ) from exc
            applied.append(m.version)
        return applied

    # -- articles --------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return bool(
            self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        )

    def known_source(self, source_path: str) -> str | None:
        row = self.con.execute(
            "SELECT article_id FROM article_sources WHERE source_path = ? LIMIT 1", [source_path]
        ).fetchone()
        return row[0] if row else None

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored already (one query for a whole batch)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
        ).fetchall()
        return {r[0] for r in rows}

    def add_articles(
        self,
        articles: Iterable[Article],
        signatures: dict[str, list[int]] | None = None,
        stored: set[str] | None = None,
    ) -> tuple[int, int]:
        """Insert new articles in one transaction; returns (inserted, already_present).

        An article whose id is present already (stored, or earlier in ``articles``)
        only gains a row in ``article_sources`` (the same text reached us from
        another file). Rows go in as one table of columns per database table (:func:`_columns`).
        ``stored``: the result of :meth:`existing_ids` for these articles, when the
        caller has it already (the single writer; nothing was written in between).
        """
        articles = list(articles)
        signatures = signatures or {}
        now = _now()
        if stored is None:
            stored = self.existing_ids(a.id for a in articles)
        new: dict[str, Article] = {}
        present = 0
        for a in articles:
            if a.id in stored or a.id in new:
                present += 1
            else:
                new[a.id] = a
        # tone, main_dyad, coded_version and coded_at stay NULL until the article is coded.
        added = list(new.values())
        sources = list(dict.fromkeys((a.id, a.source_path) for a in articles if a.source_path))
        rows: dict[str, Columns] = {
            "articles": _fields(added, _ARTICLE_FIELDS),
            "removals": _table(
                ((a.id, i, r.rule, r.reason, r.text, r.line)
                 for a in added for i, r in enumerate(a.removals)),
                ("article_id", "seq", "rule", "reason", "text", "line"),
            ),
            "article_minhash": _table(
                ((i, signatures[i]) for i in new if i in signatures),
                ("article_id", "signature"),
            ),
            "article_sources": _table(sources, ("article_id", "source_path")),
        }
        if added:
            rows["articles"] |= {
                "ingested_at": [now] * len(added),
                "evidence": [_json(a.evidence) for a in added],
            }
        if sources:
            rows["article_sources"]["first_seen"] = [now] * len(sources)
        with self._writing(columns=True):
            for table, columns in rows.items():
                if columns:
                    self._bulk_insert(table, columns, or_ignore=table == "article_sources")
        return len(new), present

    def minhash_signatures(self) -> Iterator[tuple[str, list[int], str | None]]:
        """(article id, MinHash signature, duplicate_of) of every stored article, oldest
        first, read in chunks (near-duplicate search seeds its index with them)."""
        cur = self.con.execute(
            "SELECT m.article_id, m.signature, a.duplicate_of FROM article_minhash m "
            "JOIN articles a ON a.id = m.article_id ORDER BY a.ingested_at, a.id"
        )
        while rows := cur.fetchmany(_CHUNK):
            for article_id, sig, dup in rows:
                yield article_id, list(sig), dup

    def minhash_signature(self, article_id: str) -> list[int] | None:
        """One stored article's MinHash signature (None when it has none)."""
        row = self.con.execute(
            "SELECT signature FROM article_minhash WHERE article_id = ?", [article_id]
        ).fetchone()
        return list(row[0]) if row else None

    def article_rows(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        where: str = "",
        params: list[Any] | None = None,
        order: str = "published NULLS LAST, id",
    ) -> list[dict[str, Any]]:
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles {where} ORDER BY {order}"
        args = list(params or [])
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        cur = self.con.execute(sql, args)
        cols = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            d = dict(zip(cols, row, strict=True))
            d["evidence"] = json.loads(d["evidence"]) if d["evidence"] else {}
            d["authors"] = d["authors"] or []
            d["comments"] = d["comments"] or []
            out.append(d)
        return out

    def articles(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles of ``ids`` as records to code, by id (unknown ids are left out)."""
        chunk = list(ids)
        if not chunk:
            return []
        placeholders = ",".join("?" * len(chunk))
        rows = self.article_rows(where=f"WHERE id IN ({placeholders})", params=chunk, order="id")
        return [Article.from_row(r) for r in rows]

    def find_article(self, id_or_prefix: str) -> dict[str, Any] | None:
        rows = self.article_rows(where="WHERE id LIKE ?", params=[id_or_prefix + "%"], limit=2)
        if len(rows) > 1:
            raise StoreError(Errors.E400_ARTICLE_PREFIX_AMBIGUOUS, id_or_prefix=id_or_prefix)
        return rows[0] if rows else None

    def articles_starting_with(self, prefix: str, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Up to ``limit`` articles (id, title) whose id starts with ``prefix`` (any case),
        by id, and how many match in all (counted only when that can exceed what was read)."""
        wanted = prefix.strip().lower()
        matches = self.query(
            "SELECT id, title FROM articles WHERE starts_with(lower(id), ?) ORDER BY id LIMIT ?",
            [wanted, limit],
        )
        if len(matches) < limit:  # fewer than asked for: these are all of them
            return matches, len(matches)
        total = self.query(
            "SELECT count(*) AS n FROM articles WHERE starts_with(lower(id), ?)", [wanted]
        )[0]["n"]
        return matches, int(total)

    def count(self, table: str) -> int:
        """The number of rows of one of the store's tables."""
        if not self._column_types(table):
            raise StoreError(Errors.E400_NO_TABLE, table=table, path=self.path)
        return int(self.con.execute(f"SELECT count(*) FROM {_ident(table)}").fetchone()[0])

    def removals(self, article_id: str) -> list[Removal]:
        rows = self.con.execute(
            "SELECT rule, reason, text, line FROM removals WHERE article_id = ? ORDER BY seq",
            [article_id],
        ).fetchall()
        return [Removal(*r) for r in rows]

    # -- coding results ---------------------------------------------------------------

    def uncoded_article_ids(self, version: str, *, recode: bool = False) -> list[str]:
        if recode:
            sql, args = "SELECT id FROM articles ORDER BY id", []
        else:
            sql = "SELECT id FROM articles WHERE coded_version IS DISTINCT FROM ? ORDER BY id"
            args = [version]
        return [r[0] for r in self.con.execute(sql, args).fetchall()]

    def save_coded(self, batch: list[CodedArticle], version: str) -> None:
        """Replace the coding results of these articles, all in one transaction.

        Rows go in as one table of columns per database table and batch: inserting
        them one by one cost as much as parsing the articles (docs/SPEED_HISTORY.md).
        """
        if not batch:
            return
        rows = _coded_rows(batch)
        ids = [ca.article.id for ca in batch]
        _batch_updates = _columns({  # noqa: F841  (read by name: _scan_python_frames)
            "id": ids,
            "tone": [ca.tone for ca in batch],
            "main_dyad": [list(ca.main_dyad) if ca.main_dyad else None for ca in batch],
        })
        with self._writing(columns=True):
            # Only articles coded before have rows to replace (a batch writes an article's
            # rows and its coded_version together). Deleting by a scan of every coded table
            # for new articles too would make each batch slower as the database grows.
            recoded = self.con.execute(
                "SELECT count(*) FROM articles WHERE coded_version IS NOT NULL "
                "AND id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            ).fetchall()[0][0]
            if recoded:
                self.con.execute(
                    "DELETE FROM event_actors WHERE event_id IN "
                    "(SELECT id FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[])))",
                    [ids],
                )
                for table in _CODED_TABLES:
                    self.con.execute(
                        f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                        [ids],
                    )
            for table, columns in rows.items():
                if columns:
                    self._bulk_insert(table, columns)
            self.con.execute(
                "UPDATE articles SET coded_version = ?, coded_at = ?, tone = u.tone, "
                "main_dyad = u.main_dyad FROM _batch_updates u WHERE articles.id = u.id",
                [version, _now()],
            )

    def _bulk_insert(self, table: str, columns: Columns, *, or_ignore: bool = False) -> None:
        """Insert rows given as ``columns`` (all of one length) by column name.

        Each value is cast to its column's type; columns not given get their
        default. ``or_ignore``: rows whose primary key is stored already are
        left out.
        """
        types = self._column_types(table)
        unknown = [n for n in columns if n not in types]
        if unknown:  # a writer ahead of the schema: a programming error, said plainly
            raise StoreError(Errors.E400_NO_COLUMN, table=table, unknown=', '.join(unknown))
        # The INSERT casts each column to its column's type, as an explicit CAST of each
        # in the SELECT did, whose parsing took a quarter of a small batch's insert.
        # ``_rows`` is read from this frame's variables (_scan_python_frames), not
        # registered by name: a view made and dropped per table and batch cost more than
        # the INSERT itself.
        _rows = _columns(columns)  # noqa: F841
        names = ", ".join(_ident(n) for n in columns)
        conflict = " ON CONFLICT DO NOTHING" if or_ignore else ""
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT * FROM _rows{conflict}")

    def _column_types(self, table: str) -> dict[str, str]:
        """Column name -> SQL type of ``table``, as the open database has it."""
        if table not in self._types:
            self._types[table] = {
                r[0]: r[1]
                for r in self.con.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            }
        return self._types[table]

    # -- runs and problems ------------------------------------------------------------

    def record_run(
        self, run_id: str, command: str, started: datetime, stats: dict[str, Any],
        problems: list[Problem],
    ) -> None:
        with self._writing():
            self.con.execute(
                "INSERT INTO runs (id, command, started_at, finished_at, stats) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [run_id, command, started, _now(), _json(stats)],
            )
            if problems:
                self.con.executemany(
                    "INSERT INTO problems (run_id, source, code, reason, hint) VALUES (?, ?, ?, ?, ?)",
                    [[run_id, p.source, p.code, p.reason, p.hint] for p in problems],
                )

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterised read query and return rows as dicts."""
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
