"""`detente eval DIR`: score the whole pipeline on news gold (NN_slug.txt + NN_slug.json).

Gold files and scoring follow ../shared/eval/news_dev/README.md (its section on
scoring is the authority; in short):

* match: a produced event counts for a gold event if both sit on one sentence,
  carry one PLOVER type, and the gold source's country is one of the produced
  sources; when the gold event names a target, its country must also be one of
  the produced targets (for a gold note of "mutual", source and target may swap);
* one sentence: the first 60 characters of either text (lower-cased, punctuation
  turned into spaces) appear inside the other;
* recall divides by the gold events; precision divides by all PLOVER events the
  pipeline produced, whichever sentence they are on, gold or not; the title and
  the publication date get their own scores (a null in gold expects no value).

The texts go through ingest, cleaning and coding exactly as `detente run` would
(a temporary DuckDB store), so what is scored is what a user gets.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import Errors, InputError

_NON_WORD = re.compile(r"\W+")


def norm(text: str | None) -> str:
    return _NON_WORD.sub(" ", (text or "").lower()).strip()


def same_sentence(gold: str, produced: str | None) -> bool:
    g, p = norm(gold), norm(produced)
    return bool(p) and (g[:60] in p or p[:60] in g)


@dataclass
class NewsGold:
    """One gold article: its text file and its annotation."""

    name: str  # the .txt file name, which ties produced events to the gold
    path: Path
    title: str | None
    published: str | None
    events: list[dict[str, Any]]
    dyads: list[list[str]] = field(default_factory=list)


def load_news_gold(folder: str | Path) -> list[NewsGold]:
    """Every NN_slug.json with its NN_slug.txt in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(Errors.E100_NOT_FOLDER_NEWS_GOLD, source=str(folder))
    out = []
    for jf in sorted(folder.glob("*.json")):
        txt = jf.with_suffix(".txt")
        if not txt.is_file():
            continue
        try:
            data = json.loads(jf.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(Errors.E100_CANNOT_READ_GOLD_ANNOTATION, exc=exc, source=str(jf)) from exc
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            raise InputError(Errors.E100_GOLD_WITHOUT_EVENTS, source=str(jf))
        out.append(NewsGold(txt.name, txt, data.get("title"), data.get("published"),
                            data["events"], data.get("dyads") or []))
    if not out:
        raise InputError(Errors.E100_NO_NEWS_GOLD_PAIRS, source=str(folder))
    return out


def is_news_gold_dir(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and any(j.with_suffix(".txt").is_file() for j in p.glob("*.json"))


def _countries(actors: Any) -> set[str]:
    xs = actors if isinstance(actors, list) else [actors] if actors else []
    return {a.get("country") or (a.get("code") or "")[:3] for a in xs if a}


def event_matches(e: dict[str, Any], g: dict[str, Any]) -> bool:
    if not same_sentence(g["sentence"], e.get("sentence")) or e.get("plover") != g["plover"]:
        return False
    s, t = _countries(e.get("source")), _countries(e.get("target"))
    gs, gt = g["source"]["code"], (g.get("target") or {}).get("code")
    mutual = "mutual" in (g.get("note") or "").lower()
    return (gs in s and (gt is None or gt in t)) or (mutual and gt in s and gs in t)


def _miss_reason(g: dict[str, Any], mine: list[dict[str, Any]], body: str) -> str:
    here = [e for e in mine if same_sentence(g["sentence"], e.get("sentence"))]
    if not here:
        if norm(g["sentence"])[:60] not in norm(body):
            return "sentence not in the cleaned body (dropped by cleaning)"
        return "no event on the sentence (no trigger, or no actor)"
    typed = [e for e in here if e.get("plover") == g["plover"]]
    if not typed:
        return "other type: " + ", ".join(sorted({str(e.get("plover")) for e in here}))
    gs, gt = g["source"]["code"], (g.get("target") or {}).get("code")
    if not any(gs in _countries(e.get("source")) for e in typed):
        got = sorted({c for e in typed for c in _countries(e.get("source"))})
        return f"wrong source (got {got or 'none'})"
    got = sorted({c for e in typed for c in _countries(e.get("target"))})
    return f"wrong target {gt} (got {got or 'none'})"


def _fp_reason(e: dict[str, Any], gold: list[dict[str, Any]]) -> str:
    here = [g for g in gold if same_sentence(g["sentence"], e.get("sentence"))]
    if not here:
        return "no gold event on the sentence"
    if not any(g["plover"] == e.get("plover") for g in here):
        return "gold has other type: " + ", ".join(sorted({g["plover"] for g in here}))
    return "wrong actors (gold: " + "; ".join(
        f"{g['source']['code']}->{(g.get('target') or {}).get('code')}"
        for g in here if g["plover"] == e.get("plover")) + ")"


def score_news(
    gold: list[NewsGold], events: list[dict[str, Any]], articles: list[dict[str, Any]],
) -> dict[str, Any]:
    """Scores of produced ``events``/``articles`` (dicts as `detente events/articles
    --format json` print them) against ``gold``; articles are tied by source file name."""
    name_of = {a["id"]: Path(a.get("source_path") or "").name for a in articles}
    by_name = {name_of[a["id"]]: a for a in articles}
    c: Counter = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    for g in gold:
        art = by_name.get(g.name) or {}
        for k, want in (("title", g.title), ("published", g.published)):
            got = art.get(k)
            c["meta_n"] += 1
            c["meta_ok"] += (norm(str(got)) == norm(want)) if want else (not got)
        mine = [e for e in events if name_of.get(e.get("article_id")) == g.name and e.get("plover")]
        for ge in g.events:
            hit = any(event_matches(e, ge) for e in mine)
            c["gold"] += 1
            c["found"] += hit
            per_type[ge["plover"]]["gold"] += 1
            per_type[ge["plover"]]["found"] += hit
            c["type_found"] += any(
                same_sentence(ge["sentence"], e.get("sentence")) and e.get("plover") == ge["plover"]
                for e in mine
            )
            if not hit:
                misses.append({"kind": "missed", "article": g.name, "sentence": ge["sentence"],
                               "plover": ge["plover"], "source": ge["source"]["code"],
                               "target": (ge.get("target") or {}).get("code"),
                               "why": _miss_reason(ge, mine, art.get("body") or "")})
        for e in mine:
            ok = any(event_matches(e, ge) for ge in g.events)
            c["produced"] += 1
            c["right"] += ok
            per_type[e["plover"]]["produced"] += 1
            per_type[e["plover"]]["right"] += ok
            if not ok:
                misses.append({"kind": "unmatched", "article": g.name, "sentence": e.get("sentence"),
                               "plover": e.get("plover"), "source": sorted(_countries(e.get("source"))),
                               "target": sorted(_countries(e.get("target"))), "rule": e.get("rule"),
                               "why": _fp_reason(e, g.events)})
    r = c["found"] / max(c["gold"], 1)
    p = c["right"] / max(c["produced"], 1)
    per = {}
    for k, v in sorted(per_type.items()):
        pr = v["right"] / v["produced"] if v["produced"] else 0.0
        rc = v["found"] / v["gold"] if v["gold"] else 0.0
        per[k] = {"gold": v["gold"], "found": v["found"], "produced": v["produced"], "right": v["right"],
                  "precision": round(pr, 4), "recall": round(rc, 4),
                  "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0}
    return {
        "articles": len(gold),
        "gold": c["gold"],
        "produced": c["produced"],
        "recall": round(r, 4),
        "precision": round(p, 4),
        "f1": round(2 * p * r / max(p + r, 1e-9), 4),
        "type_recall": round(c["type_found"] / max(c["gold"], 1), 4),
        "title_date": f"{c['meta_ok']}/{c['meta_n']}",
        "per_type": per,
        "misses": misses,
    }


def gold_articles(gold: list[NewsGold]) -> list[tuple[NewsGold, Any]]:
    """Each gold text as `detente run` stores it (an Article), in gold order. A text stored
    already under another file (an exact duplicate) has no article of its own, as in a run."""
    from detente.ingest import IngestOptions, ingest_paths
    from detente.pipeline import article_from_row
    from detente.store import Store

    with tempfile.TemporaryDirectory(prefix="detente-gold-") as tmp, Store(Path(tmp) / "gold.duckdb") as store:
        ingest_paths([str(g.path) for g in gold], store, options=IngestOptions(), progress=False)
        rows = {Path(r.get("source_path") or "").name: r for r in store.article_rows()}
    pairs = []
    for g in gold:
        if g.name in rows:
            article = article_from_row(rows[g.name])
            article.source_path = g.name
            pairs.append((g, article))
    return pairs


def coded_gold(gold: list[NewsGold], coder: Any) -> Iterator[tuple[NewsGold, Any]]:
    """(gold article, CodedArticle) pairs, coded by ``coder`` as `detente run` codes them."""
    pairs = gold_articles(gold)
    yield from zip((g for g, _ in pairs), coder.code_articles(a for _, a in pairs), strict=True)


def evaluate_news(folder: str | Path, coder: Any) -> dict[str, Any]:
    """Run ``coder`` (a detente.pipeline.Coder) over the gold texts and score it."""
    gold = load_news_gold(folder)
    events: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    for _g, ca in coded_gold(gold, coder):
        art = ca.article.to_dict()
        art["source_path"] = ca.article.source_path
        articles.append(art)
        events.extend(e.to_dict() for e in ca.events)
    return score_news(gold, events, articles)

