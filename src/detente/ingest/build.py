"""RawDoc -> Article: clean the text, resolve the metadata, hash the body."""

from __future__ import annotations

from collections import Counter

from detente.clean.cleaner import clean_text
from detente.clean.metadata import resolve_metadata
from detente.errors import EmptyInput, Errors, TooLarge
from detente.ingest.raw import RawDoc
from detente.records import Article, article_id_for

# spaCy's default nlp.max_length: the parser refuses longer texts (error E088), so a body
# over it could never be coded and would stop every `detente run` at the same article.
MAX_BODY_CHARS = 1_000_000


def build_article(raw: RawDoc) -> Article:
    """The cleaned Article; raises EmptyInput when the cleaner left no body."""
    title_hint = raw.hints.get("title")
    known_title = str(title_hint.value) if title_hint and title_hint.value else None
    cleaned = clean_text(raw.text, known_title=known_title)
    if not cleaned.body.strip():
        dropped = Counter(r.rule for r in cleaned.removals)
        detail = ", ".join(f"{rule} x{n}" for rule, n in dropped.most_common(4)) or "nothing"
        raise EmptyInput(
            Errors.E102_NOTHING_LEFT_AFTER_CLEANING,
            detail=detail,
            source=raw.source_path,
        )
    if len(cleaned.body) > MAX_BODY_CHARS:
        raise TooLarge(
            Errors.E103_ARTICLE_TOO_LONG,
            n_body=len(cleaned.body),
            max_body_chars=MAX_BODY_CHARS,
            source=raw.source_path,
        )
    meta = resolve_metadata(cleaned, raw.hints)
    body = cleaned.body
    return Article(
        id=article_id_for(body, meta.title),
        body=body,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        publisher=meta.publisher,
        url=meta.url,
        language=meta.language,
        comments=[*raw.comments, *cleaned.comments],
        source_path=raw.source_path,
        evidence=meta.evidence,
        removals=cleaned.removals,
    )
