"""Inputs -> sources: files (directories walked recursively, in sorted order) and URLs.

Each source has the reader for its kind. Hidden files and directories (".git",
".DS_Store") are passed over; every other path either has a reader or gets a
Problem line, so nothing else is skipped without a word: unsupported files,
FIFOs, devices and sockets (which would block or never end), files and
directories under /proc, /sys and /dev (whose sizes are not true, and whose
links lead to the whole file system), directories that cannot be listed, and
symbolic links that lead back into a directory already walked (followed once:
a link loop would never end).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.errors import Errors
from detente.ingest.csv_reader import read_csv
from detente.ingest.decode import is_kernel_path, not_regular
from detente.ingest.html_reader import read_html
from detente.ingest.jsonl_reader import read_jsonl
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.ingest.text_reader import read_text
from detente.ingest.url_reader import read_url
from detente.ingest.warc_reader import read_warc
from detente.records import Problem

FileReader = Callable[[Path, str, IngestOptions], Iterator[RawDoc | Problem]]

# Longest suffix first: ".warc.gz" before ".gz".
READERS: dict[str, FileReader] = {
    ".warc.gz": read_warc,
    ".warc": read_warc,
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
}
SUPPORTED = ", ".join(READERS)


@dataclass(frozen=True)
class Source:
    location: str  # the path as given (joined for directory members) or the URL
    path: Path | None = None
    reader: FileReader | None = None

    @property
    def is_url(self) -> bool:
        return self.path is None

    def read(self, options: IngestOptions) -> Iterator[RawDoc | Problem]:
        if self.path is None:
            return read_url(self.location, options)
        assert self.reader is not None
        return self.reader(self.path, self.location, options)


def display_name(path: Path | str) -> str:
    """The path as text that can be stored and printed.

    A file name that is not UTF-8 (an old Latin-1 archive) reaches Python with
    lone surrogates, which the database and the terminal refuse; its bytes are
    shown as \\xNN escapes instead, so each name stays distinct.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def reader_for(path: Path) -> FileReader | None:
    name = path.name.lower()
    for suffix, reader in READERS.items():
        if name.endswith(suffix):
            return reader
    return None


def _file(path: Path) -> Source | Problem:
    # What the file is comes before its name: a FIFO or /proc/self/status is refused as such,
    # with or without an extension detente reads.
    try:
        mode: int | None = os.stat(path).st_mode
        failure: OSError | None = None
    except OSError as exc:
        mode, failure = None, exc
    error = not_regular(mode, path, display_name(path)) if mode is not None else None
    if error is not None:
        return Problem(
            error.source or display_name(path), error.message, error.hint or "", error.code
        )
    reader = reader_for(path)
    if reader is None:
        kind = "".join(path.suffixes[-2:]) or "(no extension)"
        return Problem.of(
            Errors.E101_UNSUPPORTED_FILE_TYPE,
            display_name(path),
            kind=display_name(kind),
            supported=SUPPORTED,
        )
    if failure is not None:
        return Problem.of(
            Errors.E100_CANNOT_STAT_FILE,
            display_name(path),
            strerror=failure.strerror or failure,
        )
    return Source(display_name(path), path, reader)


def _kernel_directory(path: Path | str) -> Problem:
    return Problem.of(
        Errors.E101_NOT_A_REGULAR_FILE,
        display_name(path),
        kind="a kernel directory under /proc, /sys or /dev",
    )


def _walk(top: Path) -> Iterator[Source | Problem]:
    """The files under ``top``, sorted; links to directories followed once, errors reported."""
    errors: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(top, onerror=errors.append, followlinks=True):
        while errors:
            exc = errors.pop(0)
            yield Problem.of(
                Errors.E100_CANNOT_LIST_DIRECTORY,
                display_name(exc.filename or root),
                strerror=exc.strerror or exc,
            )
        try:
            st = os.stat(root)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = None
        if key is not None and key in seen:
            dirs[:] = []
            yield Problem.of(Errors.E100_DIRECTORY_LINK_LOOP, display_name(root))
            continue
        if key is not None:
            seen.add(key)
        if is_kernel_path(root):  # a link into /proc (whose /proc/self/root is /) or /sys
            dirs[:] = []
            yield _kernel_directory(root)
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield _file(Path(root) / name)
    for exc in errors:
        yield Problem.of(
            Errors.E100_CANNOT_LIST_DIRECTORY,
            display_name(exc.filename or top),
            strerror=exc.strerror or exc,
        )


def expand_inputs(inputs: Iterable[str]) -> Iterator[Source | Problem]:
    """Sources in a stable order (directories recursively, sorted), lazily."""
    for item in inputs:
        if is_url(item):
            yield Source(item)
            continue
        path = Path(item)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            yield Problem.of(Errors.E100_NO_SUCH_FILE_DIRECTORY, display_name(item))
            continue
        except OSError as exc:
            yield Problem.of(
                Errors.E100_CANNOT_STAT_INPUT,
                display_name(item),
                strerror=exc.strerror or exc,
            )
            continue
        if stat.S_ISDIR(mode) and is_kernel_path(path):
            yield _kernel_directory(item)
        elif stat.S_ISDIR(mode):
            yield from _walk(path)
        else:
            yield _file(path)
