"""PLOVER/POLECAT-style event records, with the field names of the PLOVER manual's data chapter.

One record per coded event (each report of an event is a record, as in
PLOVER data); ``link`` carries the id of the clustered real-world event, so
records of the same event reported by several outlets share it. Fields the
manual names are used as named; detente's extra provenance sits in extra
fields (``cameo``, ``rule``, ``confidence``, ``modality``, ``negated``,
``article_id``, ``issues``), which the manual explicitly allows.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

# The top-level fields of a PLOVER record (manual, "Data Fields", PLOVER JSON table).
PLOVER_FIELDS = [
    "id",
    "has_event",
    "date",
    "actor",
    "recipient",
    "event",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
    "comment",
]
EXTRA_FIELDS = ["cameo", "rule", "confidence", "modality", "negated", "article_id", "issues"]
COLUMNS = PLOVER_FIELDS + EXTRA_FIELDS
# Fields of an entity object (manual: "Information object for entities").
ENTITY_FIELDS = ("code", "sector", "entity_text", "identifier_id", "identifier_text")
TEXT_INFO_FIELDS = ("sequence", "start", "end")
CITE_INFO_FIELDS = ("url", "title", "language", "publication", "coder", "codebook", "version")


def _entities(raw: Any) -> list[dict[str, Any]]:
    actors = json.loads(raw) if isinstance(raw, str) else (raw or [])
    if isinstance(actors, dict):
        actors = [actors]
    return [
        {
            "code": a.get("country"),
            "sector": a.get("sector"),
            "entity_text": a.get("text"),
            "identifier_id": a.get("qid"),
            "identifier_text": a.get("name"),
            "actor_code": a.get("code"),  # detente's CAMEO-style code, e.g. USAGOV
        }
        for a in actors
    ]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


def plover_record(row: dict[str, Any], *, link: str | None, coder: str) -> dict[str, Any]:
    """One event row (``_sql`` event columns) as a PLOVER record."""
    mode = [m for m in [row.get("plover_mode"), *(row.get("aux_modes") or [])] if m]
    context = [c.strip() for c in (row.get("plover_context") or "").split(";") if c.strip()]
    return {
        "id": row["id"],
        "has_event": True,
        "date": _iso(row.get("day")),
        "actor": _entities(row.get("source")),
        "recipient": _entities(row.get("target")),
        "event": [row["plover"]] if row.get("plover") else [],
        "event_text": [row["trigger"]] if row.get("trigger") else [],
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "mode": mode,
        "context": context,
        "link": link,
        "text": row.get("sentence"),
        "text_info": {
            "sequence": row.get("sentence_index"),
            "start": row.get("start_char"),
            "end": row.get("end_char"),
        },
        "cite_info": {
            "url": row.get("url"),
            "title": row.get("title"),
            "language": row.get("language"),
            "publication": row.get("publisher"),
            "coder": coder,
            "codebook": "plover-base (CAMEO crosswalk)",
            "version": coder,
        },
        "coder": coder,
        "coded_date": _iso(row.get("coded_at")),
        "comment": f"rule {row.get('rule')}",
        "cameo": row.get("cameo"),
        "rule": row.get("rule"),
        "confidence": row.get("confidence"),
        "modality": row.get("modality"),
        "negated": bool(row.get("negated")),
        "article_id": row.get("article_id"),
        "issues": list(row.get("issues") or []),
    }
