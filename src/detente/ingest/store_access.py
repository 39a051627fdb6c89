"""Reads of the store that ingest needs beyond the Store API (same connection, read-only SQL)."""

from __future__ import annotations

from collections.abc import Iterator

from detente.store import Store

_CHUNK = 2000


def stored_signatures(store: Store) -> Iterator[tuple[str, list[int], str | None]]:
    """(article id, MinHash signature, duplicate_of), oldest article first, streamed in chunks."""
    cur = store.con.execute(
        "SELECT m.article_id, m.signature, a.duplicate_of FROM article_minhash m "
        "JOIN articles a ON a.id = m.article_id ORDER BY a.ingested_at, a.id"
    )
    while True:
        rows = cur.fetchmany(_CHUNK)
        if not rows:
            return
        for article_id, sig, dup in rows:
            yield article_id, list(sig), dup


def signature_of(store: Store, article_id: str) -> list[int] | None:
    row = store.con.execute(
        "SELECT signature FROM article_minhash WHERE article_id = ?", [article_id]
    ).fetchone()
    return list(row[0]) if row else None
