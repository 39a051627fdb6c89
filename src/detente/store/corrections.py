"""Corrections users make to coded events: storing, validating and reading them back.

A correction is a row of the ``corrections`` table (schema migration 3), never
an edit of ``events``: the coder's output stays as it was, so a re-run can
recode an article and the corrections still say what the user meant. Three
actions:

- ``wrong``: the event should not have been coded;
- ``fix``:   its PLOVER type and/or source/target actors are wrong (the row
  holds the right values; fields left empty keep the coded ones);
- ``add``:   an event the coder missed, on one sentence of the article.

Several corrections of one event may exist (a user changes their mind): the
latest one counts (:func:`latest_by_event`). Each row keeps the sentence text
and the event as coded when corrected (``original``), so it still reads if the
event is gone after a recode. ``detente export --schema gold`` turns them into
gold for ``detente train`` (detente.export.gold).
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from detente.errors import Errors, InputError, Message

ACTIONS = ("wrong", "fix", "add")
_CODE = re.compile(r"^[A-Z]{3}$")  # ISO 3166 alpha-3, or IGO / NGO / MNC ...; sectors alike
MAX_AUTHOR = 100
MAX_NOTE = 1000

COLUMNS = (
    "id, CAST(created_at AS VARCHAR) AS created_at, author, action, article_id, event_id, "
    "sentence_index, sentence, plover, source_code, source_sector, target_code, target_sector, "
    "note, original"
)


class CorrectionError(InputError):
    """A correction that cannot be stored: ``param`` names the field at fault."""

    code = "E110"

    def __init__(self, message: str | Message, *, hint: str | None = None,
                 param: str | None = None, **values: Any):
        super().__init__(message, hint=hint, param=param, **values)
        self.param = param


@dataclass
class Correction:
    """What a user says about one event (or one sentence, for ``add``)."""

    action: str
    article_id: str
    event_id: str | None = None
    sentence_index: int | None = None  # required for add; taken from the event otherwise
    plover: str | None = None
    source_code: str | None = None
    source_sector: str | None = None
    target_code: str | None = None
    target_sector: str | None = None
    note: str | None = None
    author: str | None = None


def _clean(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _code(value: Any, param: str) -> str | None:
    text = _clean(value)
    if text is None:
        return None
    text = text.upper()
    if not _CODE.match(text):
        raise CorrectionError(Errors.E110_NOT_A_CODE, param=param, text=text[:20])
    return text


def _plover(value: Any) -> str | None:
    from detente.ontology.plover import is_plover_type, plover_types

    text = _clean(value)
    if text is None:
        return None
    if not is_plover_type(text):
        raise CorrectionError(
            Errors.E110_NOT_A_PLOVER_TYPE,
            text=text[:30],
            plover_types=", ".join(plover_types()),
            param="plover",
        )
    return text.upper()


def validate(c: Correction) -> Correction:
    """The correction with codes upper-cased and empty strings as None (CorrectionError if bad)."""
    if c.action not in ACTIONS:
        raise CorrectionError(
            Errors.E110_UNKNOWN_ACTION,
            actions=', '.join(ACTIONS),
            action=str(c.action)[:20],
            param="action",
        )
    out = Correction(
        action=c.action,
        article_id=str(c.article_id),
        event_id=_clean(c.event_id),
        sentence_index=c.sentence_index,
        plover=_plover(c.plover),
        source_code=_code(c.source_code, "source_code"),
        source_sector=_code(c.source_sector, "source_sector"),
        target_code=_code(c.target_code, "target_code"),
        target_sector=_code(c.target_sector, "target_sector"),
        note=_clean(c.note),
        author=_clean(c.author),
    )
    if out.note and len(out.note) > MAX_NOTE:
        raise CorrectionError(Errors.E110_NOTE_TOO_LONG, max_note=MAX_NOTE, param="note")
    if out.author and len(out.author) > MAX_AUTHOR:
        raise CorrectionError(Errors.E110_AUTHOR_TOO_LONG, max_author=MAX_AUTHOR, param="author")
    fields = (out.plover, out.source_code, out.source_sector, out.target_code, out.target_sector)
    if out.action in ("wrong", "fix") and out.event_id is None:
        raise CorrectionError(Errors.E110_NEEDS_EVENT_ID, action=out.action, param="event_id")
    if out.action == "wrong" and any(fields):
        raise CorrectionError(Errors.E110_WRONG_TAKES_NOTHING, param="action")
    if out.action == "fix" and not any(fields):
        raise CorrectionError(Errors.E110_FIX_NEEDS_A_CHANGE, param="plover")
    if out.action == "add":
        if out.event_id is not None:
            raise CorrectionError(Errors.E110_ADDED_EVENT_HAS_ID, param="event_id")
        if out.sentence_index is None:
            raise CorrectionError(Errors.E110_ADDED_EVENT_NEEDS_SENTENCE, param="sentence_index")
        if out.plover is None:
            raise CorrectionError(Errors.E110_ADDED_EVENT_NEEDS_PLOVER, param="plover")
        if out.source_code is None:
            raise CorrectionError(Errors.E110_ADDED_EVENT_NEEDS_SOURCE, param="source_code")
    return out


def add_correction(con: Any, correction: Correction) -> dict[str, Any]:
    """Validate ``correction`` against the stored article and event, store it, return the row.

    ``con``: a DuckDB connection or cursor opened for writing. The event must
    belong to the article; its sentence (index and text) is taken from the
    event; an added event's sentence index must exist in the article.
    """
    c = validate(correction)
    if not con.execute("SELECT 1 FROM articles WHERE id = ?", [c.article_id]).fetchone():
        raise CorrectionError(Errors.E110_NO_ARTICLE, article_id=c.article_id, param="article_id")
    original = None
    if c.event_id is not None:
        cur = con.execute(
            "SELECT id, sentence_index, plover, cameo, cameo_root, source, target, negated, "
            "modality, rule FROM events WHERE id = ? AND article_id = ?",
            [c.event_id, c.article_id],
        )
        cols = [d[0] for d in cur.description]
        row = cur.fetchone()
        if row is None:
            raise CorrectionError(
                Errors.E110_NO_SUCH_EVENT,
                event_id=c.event_id,
                article_id=c.article_id,
                param="event_id",
            )
        original = dict(zip(cols, row, strict=True))
        for k in ("source", "target"):
            original[k] = json.loads(original[k]) if original[k] else []
        if c.sentence_index is not None and c.sentence_index != original["sentence_index"]:
            raise CorrectionError(Errors.E110_EVENT_NOT_ON_SENTENCE, param="sentence_index")
        c.sentence_index = int(original["sentence_index"])
    found = con.execute(
        "SELECT text FROM sentences WHERE article_id = ? AND idx = ?",
        [c.article_id, c.sentence_index],
    ).fetchone()
    if found is None:
        raise CorrectionError(
            Errors.E110_NO_SENTENCE,
            article_id=c.article_id,
            sentence_index=c.sentence_index,
            param="sentence_index",
        )
    cid = secrets.token_hex(8)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute(
        "INSERT INTO corrections (id, created_at, author, action, article_id, event_id, "
        "sentence_index, sentence, plover, source_code, source_sector, target_code, "
        "target_sector, note, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            cid, now, c.author, c.action, c.article_id, c.event_id, c.sentence_index,
            found[0].strip(), c.plover, c.source_code, c.source_sector, c.target_code,
            c.target_sector, c.note, json.dumps(original, ensure_ascii=False) if original else None,
        ],
    )
    return list_corrections(con, c.article_id, correction_id=cid)[0]


def list_corrections(
    con: Any, article_id: str | None = None, *, correction_id: str | None = None
) -> list[dict[str, Any]]:
    """Corrections, oldest first (of one article, or one by id); ``original`` parsed."""
    where, args = [], []
    if article_id is not None:
        where.append("article_id = ?")
        args.append(article_id)
    if correction_id is not None:
        where.append("id = ?")
        args.append(correction_id)
    sql = f"SELECT {COLUMNS} FROM corrections"
    if where:
        sql += " WHERE " + " AND ".join(where)
    cur = con.execute(sql + " ORDER BY created_at, id", args)
    cols = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        d = dict(zip(cols, row, strict=True))
        d["original"] = json.loads(d["original"]) if d["original"] else None
        out.append(d)
    return out


def corrected_article_ids(con: Any) -> list[str]:
    """Articles with at least one correction."""
    rows = con.execute("SELECT DISTINCT article_id FROM corrections ORDER BY article_id").fetchall()
    return [r[0] for r in rows]


def latest_by_event(corrections: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The correction that counts for each event id: the latest (list is oldest first)."""
    out: dict[str, dict[str, Any]] = {}
    for c in corrections:
        if c.get("event_id"):
            out[c["event_id"]] = c
    return out
