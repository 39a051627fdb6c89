"""Reader for CSV exports (.csv): a header row, then one article per row.

The file is streamed (large exports are fine); its encoding is decided from
the first megabyte, and the delimiter is sniffed (comma, semicolon, tab).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from detente.errors import EmptyInput, InputError, MalformedRecord
from detente.ingest.columns import column_map, record_to_raw, text_field_hint
from detente.ingest.decode import decode_bytes
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.records import Problem

_PREFIX = 1 << 20


def _encoding(path: Path, source: str) -> str:
    with path.open("rb") as fh:
        head = fh.read(_PREFIX)
    if not head.strip():
        raise EmptyInput(
            "the file is empty", hint="check the export; nothing was stored for it", source=source
        )
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    decode_bytes(head, source)  # raises the specific error when nothing fits
    best = from_bytes(head).best()
    return "cp1252" if best is None else best.encoding


def read_csv(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    encoding = _encoding(path, source)
    csv.field_size_limit(max(options.max_bytes, 1 << 17))
    try:
        fh = path.open("r", encoding=encoding, newline="")
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", source=source) from exc
    with fh:
        sample = fh.read(64 * 1024)
        fh.seek(0)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                sample, delimiters=",;\t|"
            )
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(fh, dialect=dialect)
        try:
            header = reader.fieldnames or []
        except (csv.Error, UnicodeDecodeError) as exc:
            raise MalformedRecord(f"cannot read the header row: {exc}", source=source) from exc
        mapping = column_map(header, options)
        if "text" not in mapping:
            found = ", ".join(h for h in header if h) or "none"
            raise MalformedRecord(
                f"no text column; columns found: {found}",
                hint=f"name the text column with --text-col COLUMN ({text_field_hint(options)})",
                source=source,
            )
        empty_rows = 0
        rows = iter(reader)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                yield Problem(
                    source,
                    f"stopped at line {reader.line_num}: {exc}",
                    "fix the file from that line on and ingest it again",
                    "E106",
                )
                return
            where = f"{source}:{reader.line_num}"
            raw = record_to_raw(row, mapping, where, "CSV column")
            if raw is None:
                empty_rows += 1
                continue
            if len(raw.text.encode("utf-8")) > options.max_bytes:
                yield Problem(
                    where,
                    f"row at line {reader.line_num} is over the {options.max_bytes}-byte limit",
                    "raise it with --max-bytes N",
                    "E103",
                )
                continue
            yield raw
        if empty_rows:
            yield Problem(
                source,
                f"{empty_rows} rows with an empty {mapping['text']!r} column",
                "those rows were skipped; fill them in or remove them",
                "E102",
            )
