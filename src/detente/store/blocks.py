"""DuckDB's block checksums, verified by reading the file: damage no query would find yet.

DuckDB stores a checksum in the first 8 bytes of every block and verifies it
only when it loads that block. Data blocks are loaded by queries, but an
index or free-list block is loaded by the next write: damage there passes
every read and stops the next `run` halfway. Reading the file checks every
block (about a second per GB); a file shorter than its header's block count
(a cut copy) fails too.
"""

from __future__ import annotations

import struct
from pathlib import Path

import duckdb

from detente.errors import Errors, StoreError

_HEADER_BYTES = 3 * 4096  # DuckDB's main header and its two database headers
_CHECKSUM_SEED = 5381
_CHECKSUM_MUL = 0xBF58476D1CE4E5B9


def _block_checksum(payload: bytes) -> int:
    """DuckDB's block checksum (src/common/checksum.cpp): 5381 xor, over each little-endian
    uint64 of the block after its 8-byte header, of the word times 0xbf58476d1ce4e5b9."""
    import numpy as np

    words = np.frombuffer(payload[: len(payload) // 8 * 8], dtype="<u8")
    with np.errstate(over="ignore"):
        mixed = words * np.uint64(_CHECKSUM_MUL)
    return (int(np.bitwise_xor.reduce(mixed)) if len(words) else 0) ^ _CHECKSUM_SEED


def bad_blocks(path: str | Path, block_size: int, total_blocks: int) -> list[int]:
    """Numbers of the blocks whose stored checksum does not match their bytes.

    DuckDB verifies a block only when it loads it; an index or free-list block
    is loaded by the next write, so damage there passes every query and stops
    the next `run`. Reading the file checks them all. Returns [] when no block
    matches (a file layout this check does not know: it then says nothing).
    """
    bad: list[int] = []
    with open(path, "rb") as fh:
        fh.seek(_HEADER_BYTES)
        for number in range(total_blocks):
            block = fh.read(block_size)
            if len(block) < block_size:
                bad.append(number)
                continue
            if _block_checksum(block[8:]) != struct.unpack_from("<Q", block)[0]:
                bad.append(number)
    return [] if total_blocks and len(bad) == total_blocks else bad


def _layout(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int] | None:
    """(block size, blocks the header counts, blocks that must be in the file).

    A checkpoint drops free blocks at the end of the file while the header's
    count (and free list) still has them, so a healthy file written by a small
    update can be up to ``free_blocks`` blocks shorter than ``total_blocks``.
    """
    row = con.execute(
        "SELECT block_size, total_blocks, free_blocks FROM pragma_database_size() "
        "WHERE database_name = current_database()"
    ).fetchone()
    return (int(row[0]), int(row[1]), int(row[1]) - int(row[2] or 0)) if row else None


def check_size(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Raise StoreError when the file is shorter than the blocks its header counts.

    DuckDB opens such a file (a cut copy or download) and fails later, on the
    first read or write of a missing block; a write would extend a damaged file.
    """
    layout = None if path == ":memory:" else _layout(con)
    if layout is None:
        return
    block_size, total_blocks, needed = layout
    expected = _HEADER_BYTES + block_size * needed
    size = Path(path).stat().st_size
    if size < expected:
        raise damaged(
            path,
            f"the file has {size:,} bytes, its header counts {total_blocks} blocks of "
            f"{block_size:,}, {needed} of them in use ({expected:,} bytes): it was cut short",
        )


def check_blocks(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Raise StoreError when the file is cut short or a block fails its checksum."""
    check_size(con, path)
    layout = None if path == ":memory:" else _layout(con)
    if layout is None:
        return
    block_size, total_blocks, _ = layout
    # Free blocks dropped from the end of the file (see _layout) are not there to read.
    on_disk = max(0, (Path(path).stat().st_size - _HEADER_BYTES) // block_size)
    total_blocks = min(total_blocks, on_disk)
    bad = bad_blocks(path, block_size, total_blocks)
    if bad:
        where = _HEADER_BYTES + bad[0] * block_size
        raise damaged(
            path,
            f"{len(bad)} of its {total_blocks} blocks fail their checksum (the first at byte "
            f"{where:,})",
        )


def damaged(path: str, exc: BaseException | str) -> StoreError:
    """The one-line error for a database whose blocks cannot be read."""
    first = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    return StoreError(Errors.E400_DATABASE_DAMAGED, path=path, first=first)


DAMAGED_HINT = "restore it from a backup, or build a new one with `detente run PATH --db NEW`"
