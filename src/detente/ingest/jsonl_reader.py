"""Reader for JSON Lines exports (.jsonl/.ndjson): one JSON object per line, one article each.

A bad line (not JSON, not an object, nested too deep, a number too long to
convert, no text, over the size limit) is reported with its line number and
skipped; the other lines are read. A file in UTF-16/32 (with a byte-order
mark, or without one: see decode.wide_encoding) is transcoded line by line,
since its line breaks are not the byte b"\n".
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from detente.errors import (
    DecodeFailure,
    EmptyInput,
    Errors,
    InputError,
    MalformedRecord,
)
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

MAX_LINE_PROBLEMS = 20  # then one summary line for the rest of the file
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(value: Any) -> Any:
    """U+FFFD for lone UTF-16 surrogates: JSON escapes like \\ud800 decode to them, and they
    are not text (UTF-8, spaCy and DuckDB refuse them), so one would sink the whole batch."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def limited_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when over ``limit``, size) without reading a long line whole."""
    lineno = 0
    while True:
        chunk = fh.readline(limit + 1)
        if not chunk:
            return
        lineno += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            size = len(chunk)
            while True:  # skip the rest of the over-long line
                more = fh.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, None, size
        else:
            yield lineno, chunk, len(chunk)


def _wide_lines(
    fh: BinaryIO, encoding: str, limit: int, source: str
) -> Iterator[tuple[int, bytes | None, int]]:
    """limited_lines for a UTF-16/32 file: each line transcoded to UTF-8 bytes."""
    text = io.TextIOWrapper(fh, encoding=encoding, newline=None)  # type: ignore[arg-type]
    lineno = 0
    while True:
        try:
            chunk = text.readline(limit + 1)
        except UnicodeDecodeError as exc:
            raise DecodeFailure(
                Errors.E104_JSONL_STOPPED,
                line=lineno + 1,
                encoding=encoding,
                reason=exc.reason,
                source=source,
            ) from exc
        if not chunk:
            return
        lineno += 1
        if len(chunk) > limit and not chunk.endswith("\n"):
            size = len(chunk)
            while True:
                more = text.readline(1 << 20)
                size += len(more)
                if not more or more.endswith("\n"):
                    break
            yield lineno, None, size
        else:
            data = chunk.encode("utf-8", "surrogatepass")
            yield lineno, data, len(data)


def _parse(data: bytes, where: str, lineno: int) -> Any:
    """The JSON value of one line; a bad line raises the InputError that names it."""
    try:
        return _scrub(json.loads(decode_bytes(data, where)))
    except json.JSONDecodeError as exc:
        raise MalformedRecord(
            Errors.E106_JSONL_NOT_JSON,
            lineno=lineno,
            msg=exc.msg,
            colno=exc.colno,
            source=where,
        ) from exc
    except RecursionError as exc:
        raise MalformedRecord(Errors.E106_JSONL_TOO_DEEP, lineno=lineno, source=where) from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise MalformedRecord(Errors.E106_JSONL_BAD_VALUE, lineno=lineno, exc=exc, source=where) from exc


def read_jsonl(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    bad: list[Problem] = []
    no_text: list[int] = []
    keys_seen: set[str] = set()
    records = 0
    fh = open_regular(path, source)
    with fh:
        try:
            head = fh.read(8192)
            fh.seek(0)
        except OSError as exc:
            raise cannot_read(exc, source) from exc
        wide = bom_encoding(head) or wide_encoding(head)
        if wide in (None, "utf-8-sig"):
            lines = limited_lines(fh, options.max_bytes)
        else:
            assert wide is not None
            lines = _wide_lines(
                fh, "utf-16" if wide == "utf-16" else wide, options.max_bytes, source
            )
        for lineno, data, size in lines:
            where = f"{source}:{lineno}"
            if data is None:
                bad.append(
                    Problem.of(
                        Errors.E103_JSONL_LINE_TOO_LARGE,
                        where,
                        lineno=lineno,
                        size=human_size(size),
                        max_bytes=human_size(options.max_bytes),
                    )
                )
                continue
            if not data.strip():
                continue
            records += 1
            try:
                obj = _parse(data, where, lineno)
            except InputError as exc:
                reason = (
                    exc.message
                    if exc.message.startswith("line ")
                    else f"line {lineno}: {exc.message}"
                )
                bad.append(Problem(where, reason, exc.hint or "", exc.code))
                continue
            if not isinstance(obj, dict):
                bad.append(
                    Problem.of(
                        Errors.E106_JSONL_NOT_AN_OBJECT,
                        where,
                        lineno=lineno,
                        obj_type=type(obj).__name__,
                    )
                )
                continue
            raw = record_to_raw(obj, column_map(obj.keys(), options), where, "JSONL key")
            if raw is None:
                no_text.append(lineno)
                if len(keys_seen) < 50:
                    keys_seen.update(str(k) for k in obj)
                continue
            yield raw
    yield from bad[:MAX_LINE_PROBLEMS]
    if len(bad) > MAX_LINE_PROBLEMS:
        yield Problem.of(Errors.E106_MORE_BAD_LINES, source, n_more=len(bad) - MAX_LINE_PROBLEMS)
    if no_text:
        lines = (
            f"line {no_text[0]}"
            if len(no_text) == 1
            else (f"{len(no_text)} lines (first: line {no_text[0]})")
        )
        keys = ", ".join(sorted(keys_seen)) or "none"
        yield Problem.of(
            Errors.E106_JSONL_WITHOUT_TEXT,
            source,
            lines=lines,
            keys=keys,
            text_field_hint=text_field_hint(options),
        )
    if records == 0:
        raise EmptyInput(Errors.E102_FILE_EMPTY, source=source)
