"""Reader for web addresses (http/https): fetch with httpx, then read as HTML or plain text.

Timeouts, a user agent that says who we are, and a size limit that stops the
download as soon as it is exceeded (not after reading it all).
"""

from __future__ import annotations

from collections.abc import Iterator

from detente.clean.metadata import Hint
from detente.errors import Errors, FetchFailure, UnsupportedInput
from detente.ingest.decode import decode_bytes, too_large
from detente.ingest.html_reader import html_to_raw
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.records import Problem

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_RETRY_HINT = "check the address and your network connection, then run the command again"


def read_url(url: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    data, final_url, ctype, charset = _fetch(url, options)
    if ctype and ctype not in HTML_TYPES + TEXT_TYPES:
        raise UnsupportedInput(Errors.E101_NOT_HTML_OR_TEXT, ctype=ctype, source=url)
    text = decode_bytes(data, url, declared=charset)
    if ctype in HTML_TYPES or (not ctype and "<html" in text[:2048].lower()):
        yield html_to_raw(text, url, url=final_url)
    else:
        yield RawDoc(text, url, {"address": Hint(final_url, "address the text was fetched from")})


def _fetch(url: str, options: IngestOptions) -> tuple[bytes, str, str, str | None]:
    import httpx  # only a run that fetches addresses pays for it

    timeout = httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0))
    headers = {"User-Agent": options.user_agent, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    try:
        with (
            httpx.Client(timeout=timeout, headers=headers, follow_redirects=True) as client,
            client.stream("GET", url) as resp,
        ):
            if resp.status_code >= 400:
                raise FetchFailure(
                    Errors.E105_HTTP_ERROR,
                    status_code=resp.status_code,
                    reason_phrase=resp.reason_phrase,
                    source=url,
                )
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise too_large(int(declared), options.max_bytes, url)
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise too_large(size, options.max_bytes, url)
                chunks.append(chunk)
            ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return b"".join(chunks), str(resp.url), ctype, resp.charset_encoding
    except httpx.TimeoutException as exc:
        raise FetchFailure(Errors.E105_TIMED_OUT, timeout=options.timeout, source=url) from exc
    except httpx.ConnectError as exc:
        raise FetchFailure(Errors.E105_COULD_NOT_CONNECT, exc=exc, source=url) from exc
    except httpx.InvalidURL as exc:
        raise FetchFailure(Errors.E105_BAD_ADDRESS, exc=exc, source=url) from exc
    except httpx.HTTPError as exc:
        raise FetchFailure(
            Errors.E105_FETCH_FAILED,
            exc_type=exc.__class__.__name__,
            exc=exc,
            source=url,
        ) from exc
