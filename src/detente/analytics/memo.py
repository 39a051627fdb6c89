"""Per-process memory of dyad aggregates, valid while the database file is unchanged.

The dashboard asks for the same dyads again and again (the page, its two
directions, three frequencies, a PLOVER filter): re-reading and re-clustering
every event each time made 20 concurrent clients wait seconds (RELIABILITY.md
§4). ``remember`` keeps a result keyed by the function's arguments and the
database file's version (size and modification time of the file and of its
write-ahead log), so a `detente run` that adds articles is seen by the next
request, exactly as the web app's answer cache.

Only read-only connections to a file are remembered: a writer could change
the data inside its own transaction without the file changing, and an
in-memory database has no file to watch. Values are shared between callers
and must be treated as read-only. Bounded: at most ``MAX_ENTRIES`` values,
least recently used dropped first.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from detente.analytics._sql import Db, connection

T = TypeVar("T")
MAX_ENTRIES = 256

_entries: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
_lock = threading.Lock()


def version(db: Db) -> tuple[Hashable, ...] | None:
    """The database file's identity and version, or None when results must not be kept."""
    try:
        row = (
            connection(db)
            .execute(
                "SELECT path, readonly FROM duckdb_databases() "
                "WHERE database_name = current_database()"
            )
            .fetchone()
        )
    except Exception:  # noqa: BLE001 - an old DuckDB or a closed connection: do not remember
        return None
    if not row or not row[0] or not row[1]:
        return None
    path = str(row[0])
    out: list[Hashable] = [os.path.realpath(path)]
    for name in (path, path + ".wal"):
        try:
            st = os.stat(name)
            out += [st.st_size, st.st_mtime_ns, st.st_ino]
        except OSError:
            out += [-1, -1, -1]
    return tuple(out)


def remember(db: Db, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or the value kept for ``key`` on this version of the database."""
    ver = version(db)
    if ver is None:
        return compute()
    full = (ver, *key)
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            return _entries[full]
    value = compute()  # two threads may both compute a missing value: same result, no lock held
    with _lock:
        _entries[full] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget every kept value (tests, or to free memory)."""
    with _lock:
        _entries.clear()
