"""Reader for JSON Lines exports (.jsonl/.ndjson): one JSON object per line, one article each.

A bad line (not JSON, not an object, no text, over the size limit) is
reported with its line number and skipped; the other lines are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from detente.errors import EmptyInput, InputError
from detente.ingest.columns import column_map, record_to_raw, text_field_hint
from detente.ingest.decode import decode_bytes, human_size
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


def read_jsonl(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    bad: list[Problem] = []
    no_text: list[int] = []
    keys_seen: set[str] = set()
    records = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", source=source) from exc
    with fh:
        for lineno, data, size in limited_lines(fh, options.max_bytes):
            where = f"{source}:{lineno}"
            if data is None:
                bad.append(
                    Problem(
                        where,
                        f"line {lineno} is {human_size(size)}, over the "
                        f"{human_size(options.max_bytes)} limit",
                        "raise the limit with --max-bytes N",
                        "E103",
                    )
                )
                continue
            if not data.strip():
                continue
            records += 1
            try:
                obj = _scrub(json.loads(decode_bytes(data, where)))
            except InputError as exc:
                bad.append(
                    Problem(where, f"line {lineno}: {exc.message}", exc.hint or "", exc.code)
                )
                continue
            except json.JSONDecodeError as exc:
                bad.append(
                    Problem(
                        where,
                        f"line {lineno} is not valid JSON ({exc.msg} at column {exc.colno})",
                        "fix or remove that line and ingest the file again; "
                        "its other lines were read",
                        "E106",
                    )
                )
                continue
            if not isinstance(obj, dict):
                bad.append(
                    Problem(
                        where,
                        f"line {lineno} is JSON but not an object ({type(obj).__name__})",
                        "each line must be one {...} object with a text field",
                        "E106",
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
        yield Problem(
            source,
            f"{len(bad) - MAX_LINE_PROBLEMS} more bad lines (not listed)",
            "fix the file and ingest it again",
            "E106",
        )
    if no_text:
        lines = (
            f"line {no_text[0]}"
            if len(no_text) == 1
            else (f"{len(no_text)} lines (first: line {no_text[0]})")
        )
        keys = ", ".join(sorted(keys_seen)) or "none"
        yield Problem(
            source,
            f"{lines} without a text field; keys found: {keys}",
            f"name the text key with --text-col KEY ({text_field_hint(options)})",
            "E106",
        )
    if records == 0:
        raise EmptyInput(
            "the file is empty", hint="check the export; nothing was stored for it", source=source
        )
