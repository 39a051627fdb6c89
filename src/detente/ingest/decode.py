"""Bytes -> text, or a specific reason why not.

Order of attempts: a byte-order mark, UTF-8, the encoding the input declares
(HTTP/WARC header; charset_normalizer also reads <meta charset> and XML
declarations), then charset_normalizer's best guess. Western European
single-byte text is the common non-UTF-8 case in news archives, so cp1252 is
preferred when it fits about as well as the top guess. Binary data (NUL
bytes outside UTF-16/32) is refused early with its own message.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from detente.errors import DecodeFailure, EmptyInput, InputError, TooLarge, UnsupportedInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED = "cp1252"
_CLOSE_ENOUGH = 0.1  # charset_normalizer "chaos" margin within which cp1252 is preferred
_SNIFF = 8192


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"


def too_large(size: int, limit: int, source: str) -> TooLarge:
    return TooLarge(
        f"{human_size(size)} is over the {human_size(limit)} limit",
        hint="raise the limit with --max-bytes N, or split the file",
        source=source,
    )


def read_file(path: Path, max_bytes: int, source: str) -> bytes:
    """The file's bytes; refuses files over the limit before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(size, max_bytes, source)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror or exc}",
            hint="check that it exists and that you may read it",
            source=source,
        ) from exc
    if not data.strip():
        raise EmptyInput(
            "the file is empty", hint="check the export; nothing was stored for it", source=source
        )
    return data


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Text of ``data``; raises UnsupportedInput (binary) or DecodeFailure."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _failure(
                    source, f"it starts with a {encoding} byte-order mark but {exc.reason}"
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; keep guessing
    if b"\x00" in data[:_SNIFF]:
        raise UnsupportedInput(
            "binary data, not text (NUL bytes near the start)",
            hint="leave it out, or convert it to .txt, .html, .jsonl or .csv first",
            source=source,
        )
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    top = results.best()
    if top is None:
        raise _failure(source, "it is not UTF-8 and no likely encoding fits")
    for m in results:
        if _PREFERRED in m.could_be_from_charset and m.chaos <= top.chaos + _CLOSE_ENOUGH:
            try:
                return data.decode(_PREFERRED)
            except UnicodeDecodeError:
                break
    return str(top)


def _failure(source: str, why: str) -> DecodeFailure:
    return DecodeFailure(
        f"cannot decode the bytes: {why}",
        hint="convert it to UTF-8 (e.g. `iconv -f ENCODING -t UTF-8 FILE > NEW`) and ingest it again",
        source=source,
    )
