"""Reader for CSV exports (.csv): a header row, then one article per row.

Parsing follows RFC 4180 (Python's ``csv.excel`` dialect: comma, double
quotes, quotes doubled inside quoted fields, line breaks allowed inside
quotes). The delimiter is not guessed from the data: ``csv.Sniffer`` misreads
fully quoted files whose text holds commas and quotes, and cut their rows
short without a word. Only when the header row has no comma outside quotes
and splits on one of ``; TAB |`` is that delimiter used instead.

A row with more or fewer fields than the header is reported with its line
number and skipped (its text would be cut or shifted into the wrong column);
the other rows are read. The file is streamed (large exports are fine); its
encoding is decided from the first megabyte.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.errors import EmptyInput, Errors, MalformedRecord
from detente.ingest.columns import column_map, record_to_raw, text_field_hint
from detente.ingest.decode import (
    bom_encoding,
    cannot_read,
    decode_bytes,
    human_size,
    open_regular,
    wide_encoding,
)
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.records import Problem

_PREFIX = 1 << 20
_OTHER_DELIMITERS = ";\t|"
MAX_ROW_PROBLEMS = 20  # then one summary line for the rest of the file


def _encoding(head: bytes, source: str) -> str:
    if not head.strip():
        raise EmptyInput(Errors.E102_FILE_EMPTY, source=source)
    bom = bom_encoding(head)
    if bom is not None:
        return "utf-8-sig" if bom == "utf-8-sig" else bom
    wide = wide_encoding(head)
    if wide is not None:
        return wide
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    decode_bytes(head, source)  # raises the specific error when nothing fits
    best = from_bytes(head).best()
    return "cp1252" if best is None else best.encoding


def choose_delimiter(header_line: str) -> str:
    """ "," (RFC 4180) unless the header row clearly uses ``;``, tab or ``|`` instead."""
    fields = next(csv.reader([header_line]), [])
    if len(fields) > 1:
        return ","
    best, most = ",", 1
    for delimiter in _OTHER_DELIMITERS:
        n = len(next(csv.reader([header_line], delimiter=delimiter), []))
        if n > most:
            best, most = delimiter, n
    return best


def read_csv(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    csv.field_size_limit(max(options.max_bytes, 1 << 17))
    raw = open_regular(path, source)
    try:
        head = raw.read(_PREFIX)
        raw.seek(0)
        encoding = _encoding(head, source)
    except OSError as exc:
        raw.close()
        raise cannot_read(exc, source) from exc
    except BaseException:
        raw.close()
        raise
    with io.TextIOWrapper(raw, encoding=encoding, newline="") as fh:
        try:
            first = fh.readline(options.max_bytes)
            fh.seek(0)
        except (UnicodeDecodeError, OSError) as exc:
            raise MalformedRecord(Errors.E106_CSV_HEADER_UNREADABLE, exc=exc, source=source) from exc
        reader = csv.reader(fh, dialect=csv.excel, delimiter=choose_delimiter(first))
        try:
            header = next(reader, [])
        except (csv.Error, UnicodeDecodeError) as exc:
            raise MalformedRecord(Errors.E106_CSV_HEADER_UNREADABLE, exc=exc, source=source) from exc
        mapping = column_map(header, options)
        if "text" not in mapping:
            found = ", ".join(h for h in header if h) or "none"
            raise MalformedRecord(
                Errors.E106_NO_TEXT_COLUMN,
                found=found,
                text_field_hint=text_field_hint(options),
                source=source,
            )
        yield from _rows(reader, header, mapping, source, options)


def _rows(
    reader: Any,  # csv.reader's object: iterates lists, counts line_num
    header: list[str],
    mapping: dict[str, str],
    source: str,
    options: IngestOptions,
) -> Iterator[RawDoc | Problem]:
    empty_rows = rows_seen = 0
    bad: list[Problem] = []
    width = len(header)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except (csv.Error, UnicodeDecodeError) as exc:
            bad.append(
                Problem.of(
                    Errors.E106_CSV_STOPPED,
                    f"{source}:{start}",
                    line_num=reader.line_num,
                    exc=exc,
                )
            )
            break
        if not fields:  # a blank line between records
            continue
        rows_seen += 1
        where = f"{source}:{start}"
        if len(fields) != width:
            bad.append(
                Problem.of(
                    Errors.E106_CSV_ROW_WIDTH,
                    where,
                    start=start,
                    n_fields=len(fields),
                    width=width,
                )
            )
            continue
        raw = record_to_raw(dict(zip(header, fields, strict=True)), mapping, where, "CSV column")
        if raw is None:
            empty_rows += 1
            continue
        size = len(raw.text.encode("utf-8"))
        if size > options.max_bytes:
            bad.append(
                Problem.of(
                    Errors.E103_CSV_ROW_TOO_LARGE,
                    where,
                    start=start,
                    size=human_size(size),
                    max_bytes=human_size(options.max_bytes),
                )
            )
            continue
        yield raw
    yield from bad[:MAX_ROW_PROBLEMS]
    if len(bad) > MAX_ROW_PROBLEMS:
        yield Problem.of(Errors.E106_MORE_BAD_ROWS, source, n_more=len(bad) - MAX_ROW_PROBLEMS)
    if empty_rows:
        yield Problem.of(
            Errors.E102_ROWS_WITHOUT_TEXT,
            source,
            empty_rows=empty_rows,
            text=mapping['text'],
        )
    if rows_seen == 0:
        raise EmptyInput(Errors.E102_CSV_HEADER_ONLY, source=source)
