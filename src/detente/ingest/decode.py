"""Bytes -> text, or a specific reason why not.

Order of attempts: a byte-order mark, UTF-8, the encoding the input declares
(HTTP/WARC header; charset_normalizer also reads <meta charset> and XML
declarations), then charset_normalizer's best guess. Western European
single-byte text is the common non-UTF-8 case in news archives, so cp1252 is
preferred when it fits about as well as the top guess. UTF-16/32 without a
byte-order mark is recognised by where its NUL bytes fall (every second or
every fourth byte, for text that is mostly Latin script). Other binary data
(NUL bytes anywhere else) is refused early with its own message.

Files are opened only when they are regular files (a FIFO would block for
ever, a device such as /dev/zero never ends) and are read up to the size limit
plus one byte: a file that grows or lies about its size is still cut off.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import BinaryIO

from detente.errors import DecodeFailure, EmptyInput, Errors, InputError, TooLarge, UnsupportedInput

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
        Errors.E103_FILE_TOO_LARGE,
        size=human_size(size),
        limit=human_size(limit),
        source=source,
    )


_VIRTUAL_ROOTS = ("/proc/", "/sys/", "/dev/")


def is_kernel_path(path: Path | str) -> bool:
    """True for a path that leads (through any links) into /proc, /sys or /dev: their files
    report sizes that are not true, and their directories link to the whole file system."""
    return (os.path.realpath(path) + "/").startswith(_VIRTUAL_ROOTS)


def not_regular(mode: int, path: Path | str, source: str) -> UnsupportedInput | None:
    """The error for a path that is not a regular file (FIFO, device, socket, /proc), or None."""
    kind = None
    if stat.S_ISFIFO(mode):
        kind = "a FIFO (named pipe)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif not stat.S_ISREG(mode):
        kind = "not a regular file"
    elif is_kernel_path(path):
        kind = "a kernel file under /proc, /sys or /dev"
    if kind is None:
        return None
    return UnsupportedInput(Errors.E101_NOT_A_REGULAR_FILE, kind=kind, source=source)


def cannot_read(exc: OSError, source: str) -> InputError:
    return InputError(Errors.E100_CANNOT_READ_FILE, strerror=exc.strerror or exc, source=source)


def open_regular(path: Path, source: str) -> BinaryIO:
    """The file opened for binary reading; refuses anything but a regular file.

    Opened non-blocking so that a FIFO does not block the open itself, then
    checked with fstat on the descriptor (no race with a renamed path).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise cannot_read(exc, source) from exc
    try:
        error = not_regular(os.fstat(fd).st_mode, path, source)
        if error is not None:
            raise error
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_file(path: Path, max_bytes: int, source: str) -> bytes:
    """The file's bytes; refuses files over the limit (read at most limit + 1 bytes)."""
    with open_regular(path, source) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise too_large(size, max_bytes, source)
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise cannot_read(exc, source) from exc
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes, source)
    if not data.strip():
        raise EmptyInput(Errors.E102_FILE_EMPTY, source=source)
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
    # Before UTF-8: "R\x00u\x00s\x00" is valid UTF-8, and would be stored as garbage.
    wide = wide_encoding(data)
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise _failure(
                source, f"it looks like {wide} without a byte-order mark but {exc.reason}"
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
        raise UnsupportedInput(Errors.E101_BINARY_DATA, source=source)
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


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 (LE or BE) without a byte-order mark, told by where the NUL bytes fall.

    Text in Latin script stored as UTF-16LE has a NUL in nearly every odd
    byte and almost none in the even ones (UTF-32LE: three in every four).
    Most text in other scripts still has enough spaces, digits and
    punctuation to show the pattern. Needs 16 bytes at least; None when the
    pattern is not clear (then the NUL bytes mean binary data).
    """
    head = data[:_SNIFF]
    if len(head) < 16 or b"\x00" not in head:
        return None
    n4 = len(head) // 4 * 4
    units = [head[i : i + 4] for i in range(0, n4, 4)]
    if units:
        le32 = sum(u[1:] == b"\x00\x00\x00" or (u[2:] == b"\x00\x00" and u[1] != 0) for u in units)
        be32 = sum(u[:3] == b"\x00\x00\x00" or (u[:2] == b"\x00\x00" and u[2] != 0) for u in units)
        for count, enc in ((le32, "utf-32-le"), (be32, "utf-32-be")):
            if count >= 0.9 * len(units) and _decodes(data, enc):
                return enc
    n2 = len(head) // 2 * 2
    even = sum(1 for i in range(0, n2, 2) if head[i] == 0)
    odd = sum(1 for i in range(1, n2, 2) if head[i] == 0)
    pairs = n2 // 2
    # Spaces and digits alone put a NUL in about one code unit in ten of non-Latin text.
    if odd >= 0.05 * pairs and even <= 0.01 * pairs and _decodes(data, "utf-16-le"):
        return "utf-16-le"
    if even >= 0.05 * pairs and odd <= 0.01 * pairs and _decodes(data, "utf-16-be"):
        return "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    """True when the start of ``data`` decodes to text without control characters."""
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(data[:_SNIFF], final=False)
    except UnicodeDecodeError:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= len(text) // 100


def _failure(source: str, why: str) -> DecodeFailure:
    return DecodeFailure(Errors.E104_CANNOT_DECODE, why=why, source=source)
