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
from functools import lru_cache
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


@lru_cache(maxsize=1)
def wikidata_ids() -> dict[tuple[str, str | None], str]:
    """Wikidata QIDs of the people and organisations in the actor data, by (name, country).

    The coder stores an actor's canonical name; where the actor data knows
    its QID (only where the compilers were certain of it), exports carry it.
    """
    from detente.actors.knowledge import load_defaults

    kb = load_defaults()
    out: dict[tuple[str, str | None], str] = {}
    for person in kb.people.values():
        if person.qid:
            for name in [person.name, *person.aliases]:
                out.setdefault((name, person.country), person.qid)
                out.setdefault((name, None), person.qid)
    for org in kb.organizations.values():
        if org.qid:
            for name in org.names:
                out.setdefault((name, org.country), org.qid)
                out.setdefault((name, None), org.qid)
    return out


def qid_of(actor: dict[str, Any]) -> str | None:
    """The actor's stored QID, else the one the actor data gives for its name, else None."""
    if actor.get("qid"):
        return actor["qid"]
    name = actor.get("name")
    if not name:
        return None
    ids = wikidata_ids()
    return ids.get((name, actor.get("country"))) or ids.get((name, None))


def _entities(raw: Any) -> list[dict[str, Any]]:
    actors = json.loads(raw) if isinstance(raw, str) else (raw or [])
    if isinstance(actors, dict):
        actors = [actors]
    return [
        {
            "code": a.get("country"),
            "sector": a.get("sector"),
            "entity_text": a.get("text"),
            "identifier_id": qid_of(a),
            "identifier_text": a.get("name"),
            "actor_code": a.get("code"),  # detente's CAMEO-style code, e.g. USAGOV
            # how detente found the actor (dictionary, title, pronoun, article_context, ...);
            # None for events stored before it was kept
            "resolved_by": a.get("resolved_by"),
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
    """One event row (``analytics.queries`` event columns) as a PLOVER record."""
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


# The flat PLOVER table (CSV/Parquet): one row per record, no nested values, so R and Excel
# read it directly. Compound actors are joined with "; " in each actor column.
FLAT_DTYPES: dict[str, str] = {
    "id": "string",
    "date": "datetime64[ns]",
    "actor_code": "string",
    "actor_sector": "string",
    "actor_text": "string",
    "actor_name": "string",
    "actor_identifier_id": "string",
    "actor_actor_code": "string",
    "actor_resolved_by": "string",
    "recipient_code": "string",
    "recipient_sector": "string",
    "recipient_text": "string",
    "recipient_name": "string",
    "recipient_identifier_id": "string",
    "recipient_actor_code": "string",
    "recipient_resolved_by": "string",
    "event": "string",
    "event_text": "string",
    "mode": "string",
    "context": "string",
    "quad_code": "Int64",
    "event_scale": "Float64",
    "modality": "string",
    "negated": "boolean",
    "confidence": "Float64",
    "link": "string",
    "text": "string",
    "sentence_index": "Int64",
    "url": "string",
    "title": "string",
    "publication": "string",
    "cameo": "string",
    "rule": "string",
    "article_id": "string",
    "issues": "string",
    "coder": "string",
    "coded_date": "string",
}
FLAT_COLUMNS = list(FLAT_DTYPES)


def _join(values: list[Any]) -> str | None:
    kept = [str(v) for v in values if v not in (None, "")]
    return "; ".join(kept) if kept else None


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER record (``plover_record``) as one flat row of ``FLAT_COLUMNS``."""
    out: dict[str, Any] = {}
    for side in ("actor", "recipient"):
        ents = record.get(side) or []
        out[f"{side}_code"] = _join([e.get("code") for e in ents])
        out[f"{side}_sector"] = _join([e.get("sector") for e in ents])
        out[f"{side}_text"] = _join([e.get("entity_text") for e in ents])
        out[f"{side}_name"] = _join([e.get("identifier_text") for e in ents])
        out[f"{side}_identifier_id"] = _join([e.get("identifier_id") for e in ents])
        out[f"{side}_actor_code"] = _join([e.get("actor_code") for e in ents])
        out[f"{side}_resolved_by"] = _join([e.get("resolved_by") for e in ents])
    info = record.get("cite_info") or {}
    out.update(
        {
            "id": record["id"],
            "date": record.get("date"),
            "event": _join(record.get("event") or []),
            "event_text": _join(record.get("event_text") or []),
            "mode": _join(record.get("mode") or []),
            "context": _join(record.get("context") or []),
            "quad_code": record.get("quad_code"),
            "event_scale": record.get("event_scale"),
            "modality": record.get("modality"),
            "negated": record.get("negated"),
            "confidence": record.get("confidence"),
            "link": record.get("link"),
            "text": " ".join((record.get("text") or "").split()),
            "sentence_index": (record.get("text_info") or {}).get("sequence"),
            "url": info.get("url"),
            "title": info.get("title"),
            "publication": info.get("publication"),
            "cameo": record.get("cameo"),
            "rule": record.get("rule"),
            "article_id": record.get("article_id"),
            "issues": _join(record.get("issues") or []),
            "coder": record.get("coder"),
            "coded_date": record.get("coded_date"),
        }
    )
    return out
