"""Writing records to CSV, Parquet or JSON Lines with pyarrow (one place for all three).

CSV has no nested values, so lists and objects are written there as JSON
text; Parquet keeps them nested; JSONL writes them as JSON.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

FORMATS = ("csv", "parquet", "jsonl")
EXTENSIONS = {"csv": ".csv", "parquet": ".parquet", "jsonl": ".jsonl"}


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=_default)
    return value


# pandas dtype names (as documented in docs/EXPORT.md) -> Arrow types written to CSV/Parquet.
_ARROW = {
    "string": pa.string(),
    "Int64": pa.int64(),
    "Float64": pa.float64(),
    "boolean": pa.bool_(),
    "datetime64[ns]": pa.date32(),
}


def _typed(value: Any, dtype: str) -> Any:
    if value is None:
        return None
    if dtype == "datetime64[ns]":
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if dtype == "string":
        return (
            value
            if isinstance(value, str)
            else _flat(value)
            if isinstance(value, (list, dict, tuple))
            else str(value)
        )
    if dtype == "Int64":
        return int(value)
    if dtype == "Float64":
        return float(value)
    if dtype == "boolean":
        return bool(value)
    return value


def write_records(
    records: list[dict[str, Any]],
    fmt: str,
    path: Path,
    columns: list[str],
    *,
    types: dict[str, str] | None = None,
) -> int:
    """Write dict records with the given column order; returns the number written.

    ``types`` (column -> pandas dtype name, see ``_ARROW``) fixes each column's
    type in CSV and Parquet instead of inferring it, so codes such as CAMEO
    "020" stay text and an empty export has the same schema as a full one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if types is not None and fmt != "jsonl":
        schema = pa.schema(
            [pa.field(c, _ARROW.get(types.get(c, "string"), pa.string())) for c in columns]
        )
        typed = [{c: _typed(r.get(c), types.get(c, "string")) for c in columns} for r in records]
        table = pa.Table.from_pylist(typed, schema=schema)
        if fmt == "csv":
            pacsv.write_csv(table, path)
        else:
            pq.write_table(table, path)
        return len(records)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(
                    json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False, default=_default)
                )
                fh.write("\n")
        return len(records)
    if fmt == "csv":
        flat = [{c: _flat(r.get(c)) for c in columns} for r in records]
        table = pa.Table.from_pylist(flat, schema=_schema_for(flat, columns, nested=False))
        pacsv.write_csv(table, path)
    else:
        table = pa.Table.from_pylist(
            [{c: r.get(c) for c in columns} for r in records],
            schema=_schema_for(records, columns, nested=True),
        )
        pq.write_table(table, path)
    return len(records)


def _schema_for(records: list[dict[str, Any]], columns: list[str], *, nested: bool) -> pa.Schema:
    """Infer each column's type from its non-null values; all-null columns become strings."""
    fields = []
    for c in columns:
        values = [r.get(c) for r in records if r.get(c) is not None]
        if not values:
            fields.append(pa.field(c, pa.string()))
            continue
        try:
            typ = pa.array(values).type
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            typ = pa.string()
        if typ == pa.null() or (not nested and (pa.types.is_list(typ) or pa.types.is_struct(typ))):
            typ = pa.string()
        fields.append(pa.field(c, typ))
    return pa.schema(fields)


def write_table(table: pa.Table, fmt: str, path: Path, json_columns: set[str] = frozenset()) -> int:
    """Write an Arrow table (from DuckDB); JSON text columns become objects in JSONL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        pq.write_table(table, path)
    elif fmt == "csv":
        cols = {}
        for name in table.column_names:
            col = table.column(name)
            if pa.types.is_list(col.type) or pa.types.is_struct(col.type):
                cols[name] = pa.array([_flat(v) for v in col.to_pylist()], type=pa.string())
            else:
                cols[name] = col
        pacsv.write_csv(pa.table(cols), path)
    else:
        with path.open("w", encoding="utf-8") as fh:
            for row in table.to_pylist():
                for name in json_columns & row.keys():
                    if isinstance(row[name], str):
                        row[name] = json.loads(row[name])
                fh.write(json.dumps(row, ensure_ascii=False, default=_default))
                fh.write("\n")
    return table.num_rows
