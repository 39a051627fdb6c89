"""Reader for saved web pages (.html/.htm); also used for WARC records and fetched URLs.

trafilatura finds the article in the page (and the reader comments, kept
apart) and reads the metadata; the <meta> tags named in metadata_cues.yaml
(`html_meta`) are read first, because they are what the outlet declares.
The extracted text still goes through the cleaner: extraction keeps teaser
lines, credits and the headline, which the cleaning rules handle.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.clean.metadata import Hint
from detente.clean.rules import default_ruleset
from detente.errors import EmptyInput, Errors
from detente.ingest.decode import decode_bytes, read_file
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from detente.records import Problem

# htmldate, used by trafilatura for dates, may otherwise settle for a copyright
# year or a date in the page's chrome; only a declared publication date counts.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: Path, source: str, options: IngestOptions) -> Iterator[RawDoc | Problem]:
    data = read_file(path, options.max_bytes, source)
    yield html_to_raw(decode_bytes(data, source), source)


def meta_tags(html: str) -> dict[str, str]:
    """<meta name|property|itemprop=... content=...> as a lower-cased dict (first one wins)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises ParserError/ValueError on empty or odd documents
        return {}
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = (el.get("content") or "").strip()
        if key and content:
            out.setdefault(key.strip().lower(), content)
    return out


def html_to_raw(html: str, source: str, url: str | None = None) -> RawDoc:
    """Article text, comments and metadata hints of one HTML page."""
    import trafilatura

    if "html" not in html[:50].lower():
        # A saved fragment ("<div><p>...</p></div>"): trafilatura refuses a document whose
        # start does not say html and whose root has fewer than two children.
        html = f"<html><body>{html}</body></html>"
    doc: Any = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=True,
        with_metadata=True,
        favor_recall=True,
        date_extraction_params=_DATE_PARAMS,
    )
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        # Pages too short for the extractor's thresholds: take the page's plain text.
        text = (trafilatura.html2txt(html) or "").strip()
    if not text:
        raise EmptyInput(Errors.E102_NO_TEXT_IN_HTML, source=source)
    hints = _hints(html, doc, url)
    comments = [doc.comments.strip()] if doc is not None and getattr(doc, "comments", None) else []
    return RawDoc(text, source, hints, comments)


def _hints(html: str, doc: Any, url: str | None) -> dict[str, Hint]:
    hints: dict[str, Hint] = {}
    tags = meta_tags(html)
    spec = default_ruleset().cues_file.html_meta
    for field_name, names in spec.items():
        for name in names:
            value = tags.get(name.lower())
            if value:
                hints[field_name] = Hint(value, f"<meta {name}>")
                break
    if doc is not None:
        for field_name, attr in (
            ("title", "title"),
            ("authors", "author"),
            ("published", "date"),
            ("publisher", "sitename"),
            ("url", "url"),
            ("language", "language"),
        ):
            value = getattr(doc, attr, None)
            if value and field_name not in hints:
                hints[field_name] = Hint(value, f"trafilatura {attr}")
    if url:
        hints["address"] = Hint(url, "address the page was read from")
    return hints
