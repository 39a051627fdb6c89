"""Map the keys of a JSONL record or the columns of a CSV file to article fields.

Names come from metadata_cues.yaml (`record_columns`, compared
case-insensitively); the user's --text-col/--title-col/... options win.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from detente.clean.metadata import Hint
from detente.clean.rules import default_ruleset
from detente.ingest.options import COLUMN_FIELDS, IngestOptions
from detente.ingest.raw import RawDoc

META_FIELDS = tuple(f for f in COLUMN_FIELDS if f != "text")


def column_map(keys: Iterable[str], options: IngestOptions) -> dict[str, str]:
    """field -> the actual key/column holding it, for the fields that have one."""
    by_fold: dict[str, str] = {}
    for k in keys:
        by_fold.setdefault(str(k).strip().casefold(), k)
    candidates = default_ruleset().cues_file.record_columns
    mapping: dict[str, str] = {}
    for field_name in COLUMN_FIELDS:
        if field_name in options.columns:
            wanted = [options.columns[field_name]]
        else:
            wanted = candidates.get(field_name, [])
        for name in wanted:
            key = by_fold.get(name.strip().casefold())
            if key is not None:
                mapping[field_name] = key
                break
    return mapping


def text_field_hint(options: IngestOptions) -> str:
    if "text" in options.columns:
        return f"the key/column {options.columns['text']!r} given with --text-col is missing"
    names = ", ".join(default_ruleset().cues_file.record_columns.get("text", []))
    return f"looked for {names}"


def record_to_raw(
    record: Mapping[str, Any], mapping: dict[str, str], source: str, kind: str
) -> RawDoc | None:
    """The RawDoc of one record, or None when its text field is missing or empty."""
    key = mapping.get("text")
    text = record.get(key) if key is not None else None
    if not isinstance(text, str) or not text.strip():
        return None
    hints: dict[str, Hint] = {}
    for field_name in META_FIELDS:
        col = mapping.get(field_name)
        value = record.get(col) if col is not None else None
        if value in (None, "", []):
            continue
        if not isinstance(value, (str, list)):
            value = str(value)
        hints[field_name] = Hint(value, f"{kind} {col!r}")
    return RawDoc(text, source, hints)
