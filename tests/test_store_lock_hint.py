"""A database locked by another process: the error names that process and what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from detente.errors import StoreError
from detente.store import Store


def _holder(db: Path, read_only: bool) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == '1'); "
            "print('ready', flush=True); sys.stdin.read()",
            str(db),
            "1" if read_only else "0",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.parametrize(
    ("holder_reads", "we_read", "says", "hint"),
    [
        (True, False, "locked by another process reading it", "a write needs the file to itself"),
        (False, False, "locked by another process writing to it", "one writer at a time"),
        (False, True, "locked by another process writing to it", "reading waits for that writer"),
    ],
)
def test_lock_error_names_the_holder(
    tmp_db: Path, holder_reads: bool, we_read: bool, says: str, hint: str
) -> None:
    Store(tmp_db).close()
    holder = _holder(tmp_db, holder_reads)
    try:
        with pytest.raises(StoreError) as err:
            Store(tmp_db, read_only=we_read)
    finally:
        holder.communicate("", timeout=30)
    text = str(err.value)
    assert says in text and f"(PID {holder.pid}: " in text
    assert "python" in text  # the holder's command line (or executable)
    assert hint in (err.value.hint or "")
