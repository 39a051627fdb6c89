"""Inputs -> sources: files (directories walked recursively, in sorted order) and URLs.

Each source has the reader for its kind. Hidden files and directories (".git",
".DS_Store") are passed over; every other file either has a reader or is
reported as unsupported, so nothing is skipped without a word.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.ingest.csv_reader import read_csv
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
    reader = reader_for(path)
    if reader is None:
        kind = "".join(path.suffixes[-2:]) or "(no extension)"
        return Problem(
            display_name(path),
            f"unsupported file type {display_name(kind)}",
            f"detente reads {SUPPORTED}; convert the file or leave it out",
            "E101",
        )
    return Source(display_name(path), path, reader)


def expand_inputs(inputs: Iterable[str]) -> Iterator[Source | Problem]:
    """Sources in a stable order (directories recursively, sorted), lazily."""
    for item in inputs:
        if is_url(item):
            yield Source(item)
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield _file(Path(root) / name)
        elif path.is_file():
            yield _file(path)
        else:
            yield Problem(
                display_name(item),
                "no such file or directory",
                "check the path (or give an http:// or https:// address)",
                "E100",
            )
