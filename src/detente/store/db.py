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
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from detente.errors import StoreError
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


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _actors_json(actors: list[ActorRef]) -> str:
    return json.dumps([asdict(a) for a in actors], ensure_ascii=False)


_CODED_TABLES = ("sentences", "mentions", "events", "quotes", "issue_tags", "assessments")


def _coded_rows(batch: list[CodedArticle]) -> dict[str, list[list[Any]]]:
    """The rows each table gets for a batch (column order as in schema.py).

    Records with the same content-hash id (a pattern and a noun reading the same
    event twice) are stored once.
    """
    rows: dict[str, list[list[Any]]] = {
        t: [] for t in ("sentences", "mentions", "events", "event_actors", "quotes", "issue_tags", "assessments")
    }
    for ca in batch:
        rows["sentences"] += [[s.article_id, s.index, s.start, s.end, s.text, s.tone] for s in ca.sentences]
        rows["mentions"] += [
            [m.article_id, m.sentence_index, m.start, m.end, m.text, m.name, m.country, m.sector,
             m.code, m.resolved_by, m.confidence, m.actor_id, m.qid, m.kind]
            for m in ca.mentions
        ]
        seen: set[str] = set()
        for e in ca.events:
            if e.id in seen:
                continue
            seen.add(e.id)
            s0 = e.source[0] if e.source else None
            t0 = e.target[0] if e.target else None
            rows["events"].append([
                e.id, e.article_id, e.sentence_index, e.start, e.end, e.sentence, e.date,
                _actors_json(e.source), _actors_json(e.target),
                s0.code if s0 else None, s0.country if s0 else None, s0.sector if s0 else None,
                t0.code if t0 else None, t0.country if t0 else None, t0.sector if t0 else None,
                e.cameo, e.cameo_root, e.plover, e.plover_mode, e.plover_context, e.quad_class,
                e.goldstein, e.negated, e.modality, e.aux_modes,
                _json(asdict(e.speaker)) if e.speaker else None, e.issues, e.rule, e.confidence,
                e.trigger,
            ])
            rows["event_actors"] += [
                [e.id, role, i, a.text, a.name, a.country, a.sector, a.code]
                for role, actors in (("source", e.source), ("target", e.target))
                for i, a in enumerate(actors)
            ]
        seen = set()
        for q in ca.quotes:
            if q.id in seen:
                continue
            seen.add(q.id)
            sp = q.speaker
            rows["quotes"].append([
                q.id, q.article_id, q.sentence_index, q.start, q.end, q.text, q.kind,
                _json(asdict(sp)) if sp else None, sp.name if sp else None,
                sp.country if sp else None, sp.sector if sp else None, q.sentence,
            ])
        rows["issue_tags"] += [
            [t.article_id, t.sentence_index, t.issue, t.phrase, t.start, t.end] for t in ca.issues
        ]
        seen = set()
        for a in ca.assessments:
            if a.id in seen:
                continue
            seen.add(a.id)
            rows["assessments"].append([
                a.id, a.article_id, a.sentence_index, a.start, a.end, a.dyad[0], a.dyad[1],
                a.level, a.trend, a.polarity, _json(asdict(a.speaker)) if a.speaker else None,
                a.sentence, a.rule,
            ])
    return rows


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
        return StoreError(
            f"cannot open database {path}: {text}",
            hint="check that it is a detente database (`detente check --db FILE`)",
        )
    pid = int(held["pid"])
    who = _command_line(pid) or held["exe"]
    holder_reads = "read-only mode" in text  # DuckDB says a read-only open would work
    if holder_reads:
        what = f"it is locked by another process reading it (PID {pid}: {who})"
        hint = (
            "a write needs the file to itself: close that process (a notebook, a DuckDB shell, "
            "a command still running) or wait for it to end, then retry"
        )
    else:
        what = f"it is locked by another process writing to it (PID {pid}: {who})"
        hint = (
            "wait for that process to finish (one writer at a time), then retry"
            if not read_only
            else "reading waits for that writer to finish: retry when it has (a run commits "
            "batch by batch), or read a copy of the file"
        )
    return StoreError(f"cannot open database {path}: {what}", hint=hint)


class Store:
    """A detente database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self._types: dict[str, list[str]] = {}
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(
                f"no database at {self.path}",
                hint="run `detente ingest PATH --db FILE` or `detente run PATH` first",
            )
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
            return StoreError(
                f"cannot write to database {self.path}: the disk is full",
                hint="free some space (the last batch was not stored; nothing stored before "
                "it is lost), then run the command again",
            )
        if "Corrupt database" in text or "checksum" in text or "Could not read" in text:
            return damaged(self.path, exc)
        if isinstance(exc, (duckdb.IOException, duckdb.FatalException)):
            return StoreError(
                f"cannot write to database {self.path}: {text.splitlines()[0][:300]}",
                hint="check the disk and the file's permissions, then run the command again",
            )
        return exc

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
                f"database {self.path} has schema version {version}, this detente needs {LATEST_VERSION}",
                hint="open it once for writing (e.g. `detente check --db FILE`) to upgrade it",
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
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [m.version, m.name, _now()]
                )
                self.con.commit()
            except duckdb.Error as exc:
                self.con.rollback()
                raise StoreError(f"migration {m.version} ({m.name}) failed: {exc}") from exc
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
        another file). Rows go in as one Arrow table per database table.
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
        rows: dict[str, list[list[Any]]] = {
            "articles": [
                [
                    a.id, a.url, a.publisher, a.title, a.authors, a.published, a.language,
                    a.body, a.comments, a.source_path, now, a.duplicate_of, _json(a.evidence),
                    None, None, None, None,  # tone, main_dyad, coded_version, coded_at
                ]
                for a in new.values()
            ],
            "removals": [
                [a.id, i, r.rule, r.reason, r.text, r.line]
                for a in new.values()
                for i, r in enumerate(a.removals)
            ],
            "article_minhash": [[i, signatures[i]] for i in new if i in signatures],
            "article_sources": [
                [article_id, path, now]
                for article_id, path in dict.fromkeys(
                    (a.id, a.source_path) for a in articles if a.source_path
                )
            ],
        }
        self.con.begin()
        try:
            for table, table_rows in rows.items():
                if table_rows:
                    self._bulk_insert(table, table_rows, or_ignore=table == "article_sources")
            self.con.commit()
        except Exception as exc:
            failure = self._write_failed(exc)
            if failure is exc:
                raise
            raise failure from None
        return len(new), present

    def minhash_signatures(self) -> Iterator[tuple[str, list[int]]]:
        for row in self.con.execute("SELECT article_id, signature FROM article_minhash").fetchall():
            yield row[0], row[1]

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

    def find_article(self, id_or_prefix: str) -> dict[str, Any] | None:
        rows = self.article_rows(where="WHERE id LIKE ?", params=[id_or_prefix + "%"], limit=2)
        if len(rows) > 1:
            raise StoreError(
                f"article id prefix {id_or_prefix!r} is ambiguous",
                hint="give more characters of the id (see `detente articles`)",
            )
        return rows[0] if rows else None

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

        Rows go in as one Arrow table per database table and batch: inserting
        them one by one cost as much as parsing the articles (BENCHMARKS.md).
        """
        if not batch:
            return
        rows = _coded_rows(batch)
        ids = pa.table({"id": [ca.article.id for ca in batch]})
        updates = pa.table({
            "id": [ca.article.id for ca in batch],
            "tone": pa.array([ca.tone for ca in batch], pa.float64()),
            "main_dyad": pa.array(
                [list(ca.main_dyad) if ca.main_dyad else None for ca in batch], pa.list_(pa.string())
            ),
        })
        self.con.begin()
        try:
            self.con.register("_batch_ids", ids)
            # Only articles coded before have rows to replace (a batch writes an article's
            # rows and its coded_version together). Deleting by a scan of every coded table
            # for new articles too would make each batch slower as the database grows.
            recoded = self.con.execute(
                "SELECT count(*) FROM articles WHERE coded_version IS NOT NULL "
                "AND id IN (SELECT id FROM _batch_ids)"
            ).fetchall()[0][0]  # fetchall: an open result would block the register() below
            if recoded:
                self.con.execute(
                    "DELETE FROM event_actors WHERE event_id IN "
                    "(SELECT id FROM events WHERE article_id IN (SELECT id FROM _batch_ids))"
                )
                for table in _CODED_TABLES:
                    self.con.execute(
                        f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _batch_ids)"
                    )
            for table, table_rows in rows.items():
                if table_rows:
                    self._bulk_insert(table, table_rows)
            self.con.register("_batch_updates", updates)
            self.con.execute(
                "UPDATE articles SET coded_version = ?, coded_at = ?, tone = u.tone, "
                "main_dyad = u.main_dyad FROM _batch_updates u WHERE articles.id = u.id",
                [version, _now()],
            )
            self.con.commit()
        except Exception as exc:
            failure = self._write_failed(exc)
            if failure is exc:
                raise
            raise failure from None
        finally:
            for name in ("_batch_ids", "_batch_updates", "_rows"):
                with contextlib.suppress(duckdb.Error):  # failed with the write: said above
                    self.con.unregister(name)

    def _bulk_insert(self, table: str, rows: list[list[Any]], *, or_ignore: bool = False) -> None:
        """``or_ignore``: rows whose primary key is stored already are left out."""
        types = self._column_types(table)
        columns = {f"c{i}": [r[i] for r in rows] for i in range(len(types))}
        data = pa.table({k: pa.array(v) for k, v in columns.items()})
        self.con.register("_rows", data)
        select = ", ".join(f"CAST(c{i} AS {t})" for i, t in enumerate(types))
        conflict = " ON CONFLICT DO NOTHING" if or_ignore else ""
        self.con.execute(f"INSERT INTO {table} SELECT {select} FROM _rows{conflict}")
        self.con.unregister("_rows")

    def _column_types(self, table: str) -> list[str]:
        if table not in self._types:
            self._types[table] = [
                r[0]
                for r in self.con.execute(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = ? "
                    "ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            ]
        return self._types[table]

    # -- runs and problems ------------------------------------------------------------

    def record_run(
        self, run_id: str, command: str, started: datetime, stats: dict[str, Any],
        problems: list[Problem],
    ) -> None:
        self.con.begin()
        try:
            self.con.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [run_id, command, started, _now(), _json(stats)],
            )
            if problems:
                self.con.executemany(
                    "INSERT INTO problems VALUES (?, ?, ?, ?, ?)",
                    [[run_id, p.source, p.code, p.reason, p.hint] for p in problems],
                )
            self.con.commit()
        except Exception as exc:
            failure = self._write_failed(exc)
            if failure is exc:
                raise
            raise failure from None

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterised read query and return rows as dicts."""
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
