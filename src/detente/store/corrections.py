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

from detente.errors import InputError

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

    def __init__(self, message: str, *, hint: str | None = None, param: str | None = None):
        super().__init__(message, hint=hint)
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
        raise CorrectionError(
            f"{param} must be a three-letter code, got {text[:20]!r}",
            hint="a country as ISO 3166 alpha-3 (USA, RUS, IGO for the UN or EU ...) "
            "and a sector such as GOV, DIP, MIL",
            param=param,
        )
    return text


def _plover(value: Any) -> str | None:
    from detente.ontology.plover import is_plover_type, plover_types

    text = _clean(value)
    if text is None:
        return None
    if not is_plover_type(text):
        raise CorrectionError(
            f"plover: {text[:30]!r} is not a PLOVER event type",
            hint="one of " + ", ".join(plover_types()),
            param="plover",
        )
    return text.upper()


def validate(c: Correction) -> Correction:
    """The correction with codes upper-cased and empty strings as None (CorrectionError if bad)."""
    if c.action not in ACTIONS:
        raise CorrectionError(
            f"action must be one of {', '.join(ACTIONS)}, got {str(c.action)[:20]!r}", param="action"
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
        raise CorrectionError(f"note is longer than {MAX_NOTE} characters", param="note")
    if out.author and len(out.author) > MAX_AUTHOR:
        raise CorrectionError(f"author is longer than {MAX_AUTHOR} characters", param="author")
    fields = (out.plover, out.source_code, out.source_sector, out.target_code, out.target_sector)
    if out.action in ("wrong", "fix") and out.event_id is None:
        raise CorrectionError(f"a {out.action!r} correction needs the event's id", param="event_id")
    if out.action == "wrong" and any(fields):
        raise CorrectionError(
            "an event marked wrong takes no type or actors",
            hint="use action 'fix' to change them instead",
            param="action",
        )
    if out.action == "fix" and not any(fields):
        raise CorrectionError(
            "a fix needs the right PLOVER type or a source/target code", param="plover"
        )
    if out.action == "add":
        if out.event_id is not None:
            raise CorrectionError("an added event has no event id", param="event_id")
        if out.sentence_index is None:
            raise CorrectionError("an added event needs its sentence", param="sentence_index")
        if out.plover is None:
            raise CorrectionError("an added event needs a PLOVER type", param="plover")
        if out.source_code is None:
            raise CorrectionError("an added event needs a source country", param="source_code")
    return out


def add_correction(con: Any, correction: Correction) -> dict[str, Any]:
    """Validate ``correction`` against the stored article and event, store it, return the row.

    ``con``: a DuckDB connection or cursor opened for writing. The event must
    belong to the article; its sentence (index and text) is taken from the
    event; an added event's sentence index must exist in the article.
    """
    c = validate(correction)
    if not con.execute("SELECT 1 FROM articles WHERE id = ?", [c.article_id]).fetchone():
        raise CorrectionError(f"no article with id {c.article_id!r}", param="article_id")
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
                f"no event {c.event_id!r} in article {c.article_id!r}",
                hint="reload the article page: the article may have been coded again",
                param="event_id",
            )
        original = dict(zip(cols, row, strict=True))
        for k in ("source", "target"):
            original[k] = json.loads(original[k]) if original[k] else []
        if c.sentence_index is not None and c.sentence_index != original["sentence_index"]:
            raise CorrectionError("the event is not on that sentence", param="sentence_index")
        c.sentence_index = int(original["sentence_index"])
    found = con.execute(
        "SELECT text FROM sentences WHERE article_id = ? AND idx = ?",
        [c.article_id, c.sentence_index],
    ).fetchone()
    if found is None:
        raise CorrectionError(
            f"article {c.article_id!r} has no sentence {c.sentence_index}", param="sentence_index"
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
