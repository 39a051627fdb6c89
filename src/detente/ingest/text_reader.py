"""Reader for scraped plain text (.txt): one file, one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from detente.ingest.decode import decode_bytes, read_file
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.records import Problem


def read_text(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    data = read_file(path, options.max_bytes, source)
    yield RawDoc(decode_bytes(data, source), source)
