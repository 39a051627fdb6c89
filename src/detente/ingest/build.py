"""RawDoc -> Article: clean the text, resolve the metadata, hash the body."""

from __future__ import annotations

from collections import Counter

from detente.clean.cleaner import clean_text
from detente.clean.metadata import resolve_metadata
from detente.errors import EmptyInput, TooLarge
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
            f"no article text left after cleaning (dropped: {detail})",
            hint="check that the input holds an article; the rules are in cleaning_rules.yaml",
            source=raw.source_path,
        )
    if len(cleaned.body) > MAX_BODY_CHARS:
        raise TooLarge(
            f"the article text has {len(cleaned.body):,} characters, over the "
            f"{MAX_BODY_CHARS:,} the parser reads",
            hint="split it into articles: one per file, JSONL line or CSV row",
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
