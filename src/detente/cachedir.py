"""detente's cache folder and how a file gets into it.

One place for what the actor cache (detente.actors.cache) and the unpacked language
model (detente.clean.language) both need: where the folder is, and an atomic write, so a
concurrent reader sees the old file or the new one, never half of one. Imports nothing
heavy: ingest uses it without loading any actor module.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def cache_dir() -> Path | None:
    """The cache folder of this process: settings ``cache_dir`` ("off": none), else
    $XDG_CACHE_HOME/detente, else ~/.cache/detente (None without a home directory)."""
    from detente.settings import settings

    value = settings().cache_dir
    if value is not None and value.strip():
        value = value.strip()
        return None if value.lower() == "off" else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "detente"
    try:
        return Path.home() / ".cache" / "detente"
    except (RuntimeError, KeyError):  # no home directory: no cache
        return None


def write_atomically(path: Path, fill: Callable[[BinaryIO], None], prefix: str = ".") -> None:
    """Write ``path`` through a temporary file in its folder that ``fill`` writes and a
    rename puts in place; on any error the temporary file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            fill(out)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
