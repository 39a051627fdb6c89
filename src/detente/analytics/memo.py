"""Per-process memory of dyad aggregates, valid while the database file is unchanged.

The dashboard asks for the same dyads again and again (the page, its two
directions, three frequencies, a PLOVER filter): re-reading and re-clustering
every event each time made 20 concurrent clients wait seconds (RELIABILITY.md
§4). ``remember`` keeps a result keyed by the function's arguments and the
database file's version (size and modification time of the file and of its
write-ahead log), so a `detente run` that adds articles is seen by the next
request, exactly as the web app's answer cache.

When a file's version changes, the values kept for its older versions are
dropped (a busy dyad's rows and clusters are ~100 MB). Only read-only
connections to a file are remembered: a writer could change
the data inside its own transaction without the file changing, and an
in-memory database has no file to watch. Values are shared between callers
and must be treated as read-only. Bounded: at most ``MAX_ENTRIES`` values,
least recently used dropped first.

One computation per key: under load many requests ask for the same dyad at
once; the first computes it and the others wait for its value instead of
repeating the work (20 threads each clustering the same 10,000 events made
every one of them slow).

Kept values live until the file changes, like a loaded model: in a server
(``FREEZE_AFTER``, set by `detente serve`) a value that took long to compute
is left out of the cyclic garbage collector's later passes (``gc.freeze``),
which otherwise traversed every kept row and cluster in each full collection,
a pause of about 0.2 s for every request then running (RELIABILITY.md §4).
Kept values hold no reference cycles, so reference counting still frees them
when they are dropped.
"""

from __future__ import annotations

import gc
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from detente.analytics.queries import Db, attached_file, connection

T = TypeVar("T")
# A busy dyad's rows and clusters take ~100 MB per 10,000 rows; most values are small
# (a series, a cluster list). The server's warm-up of 12 dyads keeps about 1,200.
MAX_ENTRIES = 4096
# Seconds of computing after which what is kept is frozen (module docstring); None: never.
FREEZE_AFTER: float | None = None

_entries: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
_lock = threading.Lock()
_computing: dict[tuple[Hashable, ...], threading.Event] = {}
_latest: dict[Hashable, tuple[Hashable, ...]] = {}  # per file, the last version kept
# Per connection, its file (read once: a connection does not change file or mode).
_files: weakref.WeakKeyDictionary[Any, tuple[str, ...]] = weakref.WeakKeyDictionary()


def version(db: Db) -> tuple[Hashable, ...] | None:
    """The database file's identity and version, or None when results must not be kept."""
    con = connection(db)
    with _lock:
        found = _files.get(con)
    if found is None:
        found = _file_of(con)
        with _lock:
            _files[con] = found
    if not found:
        return None
    path = found[0]
    out: list[Hashable] = [path]
    for name in found:
        try:
            st = os.stat(name)
            out += [st.st_size, st.st_mtime_ns, st.st_ino]
        except OSError:
            out += [-1, -1, -1]
    return tuple(out)


def _file_of(con: Any) -> tuple[str, ...]:
    """(file, write-ahead log) of a read-only connection to a file; () otherwise."""
    try:
        row = attached_file(con)
    except Exception:  # noqa: BLE001 - an old DuckDB or a closed connection: do not remember
        return ()
    if not row or not row[0] or not row[1]:
        return ()
    return (os.path.realpath(str(row[0])), str(row[0]) + ".wal")


def remember(db: Db, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or the value kept for ``key`` on this version of the database.

    While one thread computes a key, other threads asking for it wait for that
    value (and compute it themselves only if the first one failed).
    """
    ver = version(db)
    if ver is None:
        return compute()
    full = (ver, *key)
    while True:
        with _lock:
            if full in _entries:
                _entries.move_to_end(full)
                return _entries[full]
            running = _computing.get(full)
            if running is None:
                mine = _computing[full] = threading.Event()
                break
        running.wait()
    try:
        started = time.perf_counter()
        value = compute()
        took = time.perf_counter() - started
        with _lock:
            if _latest.get(ver[0]) != ver:  # the file changed: what was kept for it is stale
                _latest[ver[0]] = ver
                for old in [k for k in _entries if k[0][0] == ver[0] and k[0] != ver]:
                    del _entries[old]
            _entries[full] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        if FREEZE_AFTER is not None and took >= FREEZE_AFTER:
            gc.freeze()
        return value
    finally:
        with _lock:
            del _computing[full]
        mine.set()


def clear() -> None:
    """Forget every kept value (tests, or to free memory)."""
    with _lock:
        _entries.clear()
        _latest.clear()
