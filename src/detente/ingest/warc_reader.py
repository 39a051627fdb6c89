"""Reader for web archives (.warc/.warc.gz): the HTML responses inside, one article each.

Records that are not successful HTML responses (requests, metadata, images,
redirects) are not articles and are passed over silently; an HTML response
that cannot be read is reported with its address and skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from detente.errors import EmptyInput, InputError, MalformedRecord
from detente.ingest.decode import decode_bytes, too_large
from detente.ingest.html_reader import html_to_raw
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.records import Problem

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", source=source) from exc
    with fh:
        head = fh.read(5)
        fh.seek(0)
        if not head:
            raise EmptyInput("the file is empty", hint="check the download", source=source)
        if not head.startswith((b"WARC/", b"\x1f\x8b")):
            raise MalformedRecord(
                "not a readable WARC archive (it does not start with 'WARC/')",
                hint="check that it is a WARC file (.warc or .warc.gz), not an ARC or another format",
                source=source,
            )
        pages = records = 0
        try:
            for record in ArchiveIterator(fh):
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if not status.startswith("2") or not ctype.startswith(HTML_TYPES):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = (
                    f"{source}#{uri}"
                    if uri
                    else f"{source}#{record.rec_headers.get_header('WARC-Record-ID')}"
                )
                pages += 1
                data = record.content_stream().read(options.max_bytes + 1)
                try:
                    if len(data) > options.max_bytes:
                        raise too_large(len(data), options.max_bytes, where)
                    charset = _charset(ctype)
                    yield html_to_raw(
                        decode_bytes(data, where, declared=charset), where, url=uri or None
                    )
                except InputError as exc:
                    yield Problem(where, exc.message, exc.hint or "", exc.code)
        except ArchiveLoadFailed as exc:
            raise MalformedRecord(
                f"not a readable WARC archive ({exc})",
                hint="check that it is a WARC file (not an ARC or a truncated download)",
                source=source,
            ) from exc
    if pages == 0:
        raise EmptyInput(
            f"no successful HTML responses among its {records} records",
            hint="detente reads the HTML pages of a crawl; this archive holds none",
            source=source,
        )


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "charset" and value:
            return value.strip().strip("\"'")
    return None
