"""Reader for web archives (.warc/.warc.gz): the HTML responses inside, one article each.

Records that are not successful HTML responses (requests, metadata, images,
redirects) are not articles and are passed over silently; an HTML response
that cannot be read is reported with its address and skipped.

Damage is reported, never passed over: a record whose block is shorter than
its Content-Length (a truncated download, a cut gzip member, a wrong or huge
Content-Length), a record not followed by the blank lines the format puts
between records (a Content-Length that is too small), bytes left at the end
that are no complete record, and a response record without WARC-Target-URI
(warcio itself fails on those; here they are skipped with a line).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.errors import EmptyInput, Errors, InputError, MalformedRecord
from detente.ingest.decode import decode_bytes, open_regular, too_large
from detente.ingest.html_reader import html_to_raw
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.records import Problem

HTML_TYPES = ("text/html", "application/xhtml+xml")
_DAMAGED_HINT = "the archive is damaged (a cut download?); fetch or copy it again"


def _iterator_class() -> Any:
    """warcio's ArchiveIterator, made to tell us about damage instead of hiding it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.recordloader import ArcWarcRecordLoader

    class _Loader(ArcWarcRecordLoader):  # type: ignore[misc]
        def load_http_headers(self, rec_type: str, uri: Any, stream: Any, length: Any) -> Any:
            if uri is None:  # warcio calls uri.startswith(...) and raises AttributeError
                return None
            return super().load_http_headers(rec_type, uri, stream, length)

    class _Iterator(ArchiveIterator):  # type: ignore[misc]
        def __init__(self, fh: Any) -> None:
            super().__init__(fh)
            self.loader = _Loader()
            self.short: list[tuple[int, int]] = []  # (record number, bytes missing)
            self.unterminated: list[int] = []  # records not followed by a blank line
            self.records = 0

        def _next_record(self, next_line: Any) -> Any:
            record = super()._next_record(next_line)
            self.records += 1
            return record

        def read_to_end(self, record: Any = None) -> Any:
            if not self.record or self.member_info:
                return super().read_to_end(record)
            before = self.err_count
            super().read_to_end(record)
            missing = getattr(self.record.raw_stream, "limit", 0) or 0
            if missing > 0:
                self.short.append((self.records, missing))
            elif self.err_count > before:
                self.unterminated.append(self.records)
            return None

        def _consume_blanklines(self) -> Any:
            # warcio writes a warning to stderr here; we count it (err_count) and report it.
            import io
            import sys

            saved, sys.stderr = sys.stderr, io.StringIO()
            try:
                return super()._consume_blanklines()
            finally:
                sys.stderr = saved

    return _Iterator


def read_warc(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    fh = open_regular(path, source)
    with fh:
        head = fh.read(5)
        fh.seek(0)
        if not head:
            raise EmptyInput(Errors.E102_WARC_EMPTY, source=source)
        if not head.startswith((b"WARC/", b"\x1f\x8b")):
            raise MalformedRecord(Errors.E106_NOT_A_WARC, source=source)
        it = _iterator_class()(fh)
        pages = 0
        try:
            for record in it:
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                rid = record.rec_headers.get_header("WARC-Record-ID") or f"record {it.records}"
                where = f"{source}#{uri}" if uri else f"{source}#{rid}"
                if record.rec_headers.get_header("Content-Length") is None:
                    # Every WARC record has one: its header was cut short.
                    yield Problem.of(Errors.E106_WARC_HEADER_CUT, where, records=it.records)
                    continue
                if record.rec_type != "response":
                    continue
                if not uri:
                    yield Problem.of(Errors.E106_WARC_NO_TARGET_URI, where, records=it.records)
                    continue
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if not status.startswith("2") or not ctype.startswith(HTML_TYPES):
                    continue
                pages += 1
                yield from _page(it, record, where, uri, ctype, options)
        except ArchiveLoadFailed as exc:
            if it.records == 0:
                raise MalformedRecord(Errors.E106_WARC_UNREADABLE, exc=exc, source=source) from exc
            yield _stopped(source, it.records + 1, exc)
            return
        except (StatusAndHeadersParserException, EOFError, OSError, ValueError, zlib.error) as exc:
            yield _stopped(source, it.records + 1, exc)
            return
        yield from _damage(it, fh, source)
    if pages == 0:
        raise EmptyInput(Errors.E102_WARC_WITHOUT_HTML, records=it.records, source=source)


def _page(
    it: Any, record: Any, where: str, uri: str, ctype: str, options: IngestOptions
) -> Iterator[RawDoc | Problem]:
    """The page of one HTML response record, or the Problem that says why not."""
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) <= options.max_bytes:
        missing = getattr(record.raw_stream, "limit", 0) or 0
        # The block was read to its end: a shortfall means the record was cut.
        if missing > 0 and not record.raw_stream.read(1):
            yield Problem.of(
                Errors.E106_WARC_RECORD_TRUNCATED_SKIPPED,
                where,
                records=it.records,
                missing=missing,
            )
            record.raw_stream.limit = 0  # reported here, with its address, not again
            return
    try:
        if len(data) > options.max_bytes:
            raise too_large(len(data), options.max_bytes, where)
        charset = _charset(ctype)
        yield html_to_raw(decode_bytes(data, where, declared=charset), where, url=uri or None)
    except InputError as exc:
        yield Problem(where, exc.message, exc.hint or "", exc.code)


def _stopped(source: str, number: int, exc: BaseException) -> Problem:
    return Problem.of(
        Errors.E106_WARC_RECORD_DAMAGED,
        f"{source}#record-{number}",
        number=number,
        exc_type=type(exc).__name__,
        exc=str(exc)[:160],
    )


def _damage(it: Any, fh: Any, source: str) -> Iterator[Problem]:
    """Problems for damage found while walking the archive (not tied to one page)."""
    for number, missing in it.short:
        yield Problem.of(
            Errors.E106_WARC_RECORD_TRUNCATED,
            f"{source}#record-{number}",
            number=number,
            missing=missing,
        )
    for number in it.unterminated:
        yield Problem.of(
            Errors.E106_WARC_RECORD_NOT_ENDED,
            f"{source}#record-{number}",
            number=number,
        )
    # Bytes after the last complete record: a record cut inside its header, or
    # a gzip member cut short, ends the walk as if the archive ended there.
    fh.seek(it.offset)
    rest = fh.read(1 << 16)
    if rest.strip():
        yield Problem.of(
            Errors.E106_WARC_INCOMPLETE_TAIL,
            f"{source}#record-{it.records + 1}",
            offset=it.offset,
        )


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "charset" and value:
            return value.strip().strip("\"'")
    return None
