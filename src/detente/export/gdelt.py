"""A GDELT-like flat event table: one row per real-world event (a cluster of reports).

Column names follow GDELT 1.0/2.0 event tables so R and pandas code written
for GDELT reads it; the last columns are detente's provenance (PLOVER type,
evidence sentence, rule, ids). Differences from GDELT, on purpose:

* ``GLOBALEVENTID`` is a stable integer made from the cluster's content id;
* ``NumMentions`` counts event sentences across reports, ``NumArticles`` the
  reporting articles (syndicated copies included) and ``NumSources`` the
  distinct outlets;
* ``AvgTone`` is on GDELT's scale, −100…+100: the mean VADER compound score
  (−1…+1) of the event sentences (the article's when a sentence has none) × 100;
* ``Modality`` says whether the event happened (``actual``) or was demanded,
  intended or hypothetical; only actual events are exported unless asked;
* codes (``EventCode``, ``EventBaseCode``, ``EventRootCode``) are text:
  read them with ``dtype={"EventCode": str, ...}`` (``DTYPES``) or "020" becomes 20;
* ``IsRootEvent`` is 1 when the event is in one of the article's first three sentences.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from detente.analytics.clusters import EventCluster

COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "DATEADDED",
    "SOURCEURL",
    "PloverType",
    "PloverMode",
    "Modality",
    "Evidence",
    "Rule",
    "Confidence",
    "ArticleId",
    "EventIds",
    "Publishers",
]
ROOT_SENTENCES = 3
# pandas dtypes of the columns (docs/EXPORT.md): pd.read_csv(path, dtype=DTYPES) reads them back.
DTYPES: dict[str, str] = {c: "string" for c in COLUMNS}
DTYPES.update(
    {
        "GLOBALEVENTID": "Int64",
        "SQLDATE": "Int64",
        "MonthYear": "Int64",
        "Year": "Int64",
        "FractionDate": "Float64",
        "IsRootEvent": "Int64",
        "QuadClass": "Int64",
        "GoldsteinScale": "Float64",
        "NumMentions": "Int64",
        "NumSources": "Int64",
        "NumArticles": "Int64",
        "AvgTone": "Float64",
        "DATEADDED": "Int64",
        "Confidence": "Float64",
    }
)


def _actor_name(raw: Any) -> str | None:
    actors = json.loads(raw) if isinstance(raw, str) else (raw or [])
    if isinstance(actors, dict):
        actors = [actors]
    return (actors[0].get("name") or actors[0].get("text")) if actors else None


def gdelt_row(c: EventCluster, copies_mentions: int = 0) -> dict[str, Any]:
    f = c.first
    d: date = c.date
    tones = [
        r["sentence_tone"] if r.get("sentence_tone") is not None else r.get("article_tone")
        for r in c.rows
    ]
    tones = [t for t in tones if t is not None]
    added = max((r["coded_at"] for r in c.rows if r.get("coded_at")), default=None)
    return {
        "GLOBALEVENTID": int(c.id[:15], 16),
        "SQLDATE": int(d.strftime("%Y%m%d")),
        "MonthYear": int(d.strftime("%Y%m")),
        "Year": d.year,
        "FractionDate": round(d.year + (d.timetuple().tm_yday - 1) / 365.0, 4),
        "Actor1Code": f.get("source_code"),
        "Actor1Name": _actor_name(f.get("source")),
        "Actor1CountryCode": f.get("source_country"),
        "Actor1Type1Code": f.get("source_sector"),
        "Actor2Code": f.get("target_code"),
        "Actor2Name": _actor_name(f.get("target")),
        "Actor2CountryCode": f.get("target_country"),
        "Actor2Type1Code": f.get("target_sector"),
        "IsRootEvent": int((f.get("sentence_index") or 0) < ROOT_SENTENCES),
        "EventCode": f.get("cameo"),
        "EventBaseCode": (f.get("cameo") or "")[:3] or None,
        "EventRootCode": f.get("cameo_root"),
        "QuadClass": c.quad_class,
        "GoldsteinScale": round(c.goldstein, 2),
        "NumMentions": len(c.rows) + copies_mentions,
        "NumSources": len({r.publisher for r in c.reports if r.publisher}) or 1,
        "NumArticles": len(c.reports),
        "AvgTone": round(100 * sum(tones) / len(tones), 2) if tones else None,
        "DATEADDED": int(added.strftime("%Y%m%d%H%M%S")) if isinstance(added, datetime) else None,
        "SOURCEURL": f.get("url"),
        "PloverType": f.get("plover"),
        "PloverMode": f.get("plover_mode"),
        "Modality": f.get("modality") or "actual",
        "Evidence": f.get("sentence"),
        "Rule": f.get("rule"),
        "Confidence": f.get("confidence"),
        "ArticleId": f.get("article_id"),
        "EventIds": ";".join(r["id"] for r in c.rows),
        "Publishers": ";".join(c.publishers),
    }
