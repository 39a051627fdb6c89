"""`detente export --schema gold`: corrected events in the news gold format `detente train` reads.

For each article, ``NN_slug.txt`` (its body, as stored) and ``NN_slug.json``::

    {"url", "publisher", "title", "published", "authors", "dyads",
     "events": [{"sentence", "source": {"code", "sector"}, "target": {"code", "sector"} | null,
                 "plover", "cameo_root", "note"}]}

The gold of an article is what the coder stored (events with a PLOVER type,
not negated), minus the events users marked wrong, with their fixes applied,
plus the events they added (detente.store.corrections; the latest correction
of an event counts). A compound event fans out to one gold event per source
and target country, as the news gold does. Only articles with at least one
correction are written unless ``all_articles``: an uncorrected article's gold
would only teach the model what it already does.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from detente.analytics.params import QueryError
from detente.analytics.queries import (
    Db,
    article_ids,
    connection,
    gold_article,
    gold_event_rows,
    sentence_texts,
)
from detente.errors import Errors
from detente.store.corrections import corrected_article_ids, latest_by_event, list_corrections

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str | None, fallback: str) -> str:
    """``"Paris recalls envoy"`` -> ``paris_recalls_envoy`` (ASCII, at most 40 characters)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    s = _SLUG.sub("_", ascii_text.lower()).strip("_")[:40].rstrip("_")
    return s or fallback


def _cameo_root(plover: str, stored_plover: str | None, stored_root: str | None) -> str:
    from detente.ontology.plover import plover_type

    if stored_plover == plover and stored_root:
        return str(stored_root)
    roots = plover_type(plover).cameo_roots
    return roots[0] if roots else ""


def _actors(actors: list[dict[str, Any]], code: str | None, country: str | None,
            sector: str | None) -> list[tuple[str, str | None]]:
    """(country, sector) pairs of one side of a stored event, in order, once each."""
    out: list[tuple[str, str | None]] = []
    for a in actors or []:
        c = a.get("country") or (a.get("code") or "")[:3] or None
        if c and c not in [x for x, _ in out]:
            out.append((c, a.get("sector")))
    if not out and (country or code):
        out.append(((country or (code or "")[:3]), sector))
    return out


def _side(code: str | None, sector: str | None) -> dict[str, Any] | None:
    return {"code": code, "sector": sector} if code else None


def article_gold(db: Db, article_id: str) -> list[dict[str, Any]]:
    """The gold events of one article: stored events, corrected, plus added ones."""
    events = gold_event_rows(db, article_id)
    sentences = {idx: text.strip() for idx, text in sentence_texts(db, article_id).items()}
    corrections = list_corrections(connection(db), article_id)
    latest = latest_by_event(corrections)
    pending: list[tuple[int, int, dict[str, Any]]] = []  # (user's word first?, sentence, event)

    def emit(idx: int, sentence: str, plover: str, src: list[tuple[str, str | None]],
             tgt: list[tuple[str, str | None]], root: str, note: str, by_user: bool) -> None:
        for s_code, s_sector in src:
            for t_code, t_sector in tgt or [(None, None)]:
                if t_code != s_code:
                    pending.append((0 if by_user else 1, idx, {
                        "sentence": sentence, "source": _side(s_code, s_sector),
                        "target": _side(t_code, t_sector), "plover": plover,
                        "cameo_root": root, "note": note}))

    for e in events:
        src = _actors(json.loads(e["source"] or "[]"), e["source_code"], e["source_country"],
                      e["source_sector"])
        tgt = _actors(json.loads(e["target"] or "[]"), e["target_code"], e["target_country"],
                      e["target_sector"])
        plover, note = e["plover"], f"as coded (rule {e['rule']})"
        c = latest.get(e["id"])
        if c is not None and c["action"] == "wrong":
            continue
        if c is not None and c["action"] == "fix":
            plover = c["plover"] or plover
            if c["source_code"]:
                src = [(c["source_code"], c["source_sector"])]
            if c["target_code"]:
                tgt = [(c["target_code"], c["target_sector"])]
            note = _note("fixed", c)
        if not src:
            continue
        sentence = sentences.get(e["sentence_index"]) or e["sentence"].strip()
        emit(e["sentence_index"], sentence, plover, src, tgt,
             _cameo_root(plover, e["plover"], e["cameo_root"]), note, c is not None)
    for c in corrections:
        if c["action"] == "add":
            tgt = [(c["target_code"], c["target_sector"])] if c["target_code"] else []
            sentence = sentences.get(c["sentence_index"]) or c["sentence"]
            emit(c["sentence_index"], sentence, c["plover"], [(c["source_code"], c["source_sector"])],
                 tgt, _cameo_root(c["plover"], None, None), _note("added", c), True)
    # One gold event per (sentence, type, source, target); a user's version beats the coder's.
    out: list[tuple[int, dict[str, Any]]] = []
    seen: set[tuple[Any, ...]] = set()
    for _, idx, g in sorted(pending, key=lambda p: p[0]):
        key = (idx, g["plover"], g["source"]["code"], (g["target"] or {}).get("code"))
        if key not in seen:
            seen.add(key)
            out.append((idx, g))
    out.sort(key=lambda pair: pair[0])
    return [g for _, g in out]


def _note(what: str, c: dict[str, Any]) -> str:
    by = f" by {c['author']}" if c.get("author") else ""
    return f"{what}{by} on {str(c['created_at'])[:10]}" + (f": {c['note']}" if c.get("note") else "")


def _dyads(events: list[dict[str, Any]], main: list[str] | None) -> list[list[str]]:
    out: list[list[str]] = []
    for g in events:
        if g["target"]:
            pair = sorted([g["source"]["code"], g["target"]["code"]])
            if pair not in out:
                out.append(pair)
    if not out and main and len(main) == 2:
        out.append(list(main))
    return out


def export_gold(db: Db, out: str | Path, *, all_articles: bool = False) -> tuple[list[Path], int, int]:
    """Write the gold folder; returns (files written, articles, gold events)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise QueryError(Errors.E600_GOLD_OUT_IS_A_FILE, out=out)
    ids = article_ids(db) if all_articles else corrected_article_ids(connection(db))
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    n_events = 0
    width = max(2, len(str(len(ids))))
    for i, article_id in enumerate(ids, start=1):
        art = gold_article(db, article_id)
        if art is None:  # corrections of an article since deleted: nothing to pair them with
            continue
        events = article_gold(db, article_id)
        n_events += len(events)
        stem = f"{i:0{width}d}_{slug(art['title'], article_id[:12])}"
        txt, js = out / f"{stem}.txt", out / f"{stem}.json"
        txt.write_text(art["body"], encoding="utf-8")
        record = {
            "url": art["url"],
            "publisher": art["publisher"],
            "title": art["title"],
            "published": art["published"],
            "authors": list(art["authors"] or []),
            "dyads": _dyads(events, art["main_dyad"]),
            "events": events,
        }
        js.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths += [txt, js]
    return paths, len(paths) // 2, n_events
