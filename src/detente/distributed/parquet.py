"""Write a detente database's tables as hive-partitioned Parquet, and find them again.

Layout under the output directory (one folder per table, one per month)::

    OUT/events/date_month=2023-03/part-<unit>-<uuid>.parquet
    OUT/articles/date_month=2023-03/part-<unit>-<uuid>.parquet
    OUT/mentions/...  sentences/  quotes/  issue_tags/  assessments/  event_actors/
    OUT/removals/  article_sources/  article_minhash/  article_order/
    OUT/_units/<unit>.json           one marker per finished unit (its counts and problems)

Every row carries the columns of its database table plus ``date_month`` (the
hive partition: YYYY-MM of the event's date for events and their actors, of the
article's publication date for everything else; ``unknown`` when there is no
date) and ``part`` (the unit that wrote it). DuckDB reads it directly::

    SELECT date_month, cameo_root, count(*) FROM
      read_parquet('OUT/events/*/*.parquet', hive_partitioning = true)
    GROUP BY ALL ORDER BY ALL;

DuckDB writes the files itself (``COPY ... PARTITION_BY``), from the same schema
the database uses, so a row in Parquet and a row in the database never differ.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

_MONTH = "coalesce(strftime({col}, '%Y-%m'), 'unknown')"
_ARTICLE_MONTH = _MONTH.format(col="a.published")
_EVENT_MONTH = f"coalesce(strftime(e.date, '%Y-%m'), {_ARTICLE_MONTH})"

# table -> SELECT over the unit's database giving the rows and their partition.
EXPORTS: dict[str, str] = {
    "articles": f"SELECT a.*, {_ARTICLE_MONTH} AS date_month FROM articles a",
    "article_order": (
        f"SELECT o.*, {_ARTICLE_MONTH} AS date_month "
        "FROM article_order o JOIN articles a ON a.id = o.article_id"
    ),
    "events": (
        f"SELECT e.*, {_EVENT_MONTH} AS date_month "
        "FROM events e JOIN articles a ON a.id = e.article_id"
    ),
    "event_actors": (
        f"SELECT x.*, e.article_id, {_EVENT_MONTH} AS date_month FROM event_actors x "
        "JOIN events e ON e.id = x.event_id JOIN articles a ON a.id = e.article_id"
    ),
}
for _table in (
    "article_sources",
    "removals",
    "article_minhash",
    "sentences",
    "mentions",
    "quotes",
    "issue_tags",
    "assessments",
):
    EXPORTS[_table] = (
        f"SELECT t.*, {_ARTICLE_MONTH} AS date_month "
        f"FROM {_table} t JOIN articles a ON a.id = t.article_id"
    )

# Tables whose rows belong to one coded article (replaced when the article is re-coded).
CODED_TABLES = (
    "sentences",
    "mentions",
    "events",
    "event_actors",
    "quotes",
    "issue_tags",
    "assessments",
)
UNITS_DIR = "_units"
STAGING_DIR = "_staging"


def sql_string(value: str | Path) -> str:
    """A SQL string literal (COPY and read_parquet take paths as literals)."""
    return "'" + str(value).replace("'", "''") + "'"


def export_tables(con: Any, dest: Path, unit_id: str) -> None:
    """Every table of ``EXPORTS`` from ``con`` into ``dest/<table>/date_month=.../``."""
    dest.mkdir(parents=True, exist_ok=True)
    for table, select in EXPORTS.items():
        con.execute(
            f"COPY (SELECT *, {sql_string(unit_id)} AS part FROM ({select})) "
            f"TO {sql_string(dest / table)} (FORMAT parquet, PARTITION_BY (date_month), "
            f"FILENAME_PATTERN {sql_string('part-' + unit_id + '-{uuid}')}, APPEND)"
        )


def table_files(out: Path, table: str) -> str | None:
    """The read_parquet glob of a table, or None when no unit wrote rows to it."""
    folder = out / table
    if not any(folder.glob("*/*.parquet")):
        return None
    return str(folder / "*" / "*.parquet")


def read_table(out: Path, table: str) -> str | None:
    """``read_parquet(...)`` over a table's files (SQL), or None when there are none."""
    glob = table_files(out, table)
    if glob is None:
        return None
    return f"read_parquet({sql_string(glob)}, hive_partitioning = true, union_by_name = true)"


def unit_files(out: Path, unit_id: str) -> list[Path]:
    """Every Parquet file a unit wrote (to replace them, or to prune an old run's)."""
    return [p for table in EXPORTS for p in (out / table).glob(f"*/part-{unit_id}-*.parquet")]


# Tables that keep every copy an article had in a unit (see rewrite_unit).
WHOLE_TABLES = ("article_order", "article_sources")


def rewrite_unit(con: Any, out: Path, unit_id: str) -> None:
    """Rewrite one unit's files without the articles it lost (temp table ``_losers``) and with
    ``duplicate_of`` taken from the database's ``articles``. New files are written aside,
    then swapped in table by table."""
    staging = out / STAGING_DIR / f"rewrite-{unit_id}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    literal = sql_string(unit_id)
    # articles last: while its files still hold a lost article, the rewrite is not finished
    for table in sorted(EXPORTS, key=lambda t: t == "articles"):
        if table in WHOLE_TABLES:
            continue
        old = sorted((out / table).glob(f"*/part-{unit_id}-*.parquet"))
        if not old:
            continue
        files = "[" + ", ".join(sql_string(p) for p in old) + "]"
        source = f"read_parquet({files}, hive_partitioning = true)"
        key = "id" if table == "articles" else "article_id"
        drop = f"t.{key} NOT IN (SELECT article_id FROM _losers WHERE part = {literal})"
        if table == "articles":
            select = (
                f"SELECT t.* REPLACE (d.duplicate_of AS duplicate_of) FROM {source} t "
                f"LEFT JOIN articles d ON d.id = t.id WHERE {drop}"
            )
        else:
            select = f"SELECT t.* FROM {source} t WHERE {drop}"
        con.execute(
            f"COPY ({select}) TO {sql_string(staging / table)} (FORMAT parquet, "
            f"PARTITION_BY (date_month), FILENAME_PATTERN {sql_string('part-' + unit_id + '-{uuid}')})"
        )
        for path in old:
            path.unlink()
        for path in sorted((staging / table).glob("*/*.parquet")):
            target = out / table / path.relative_to(staging / table)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    shutil.rmtree(staging, ignore_errors=True)
