"""Score the actor resolver against gold actor codes (PLOVER gold-standard records).

For each record the sentence is parsed and resolved at the record's date; each gold
source/target ``actorText`` is located in the sentence (directly, or through the record's
``textInfo.markup`` when the text was abbreviated), and the resolver's mention that overlaps
it most is compared with the gold code:

- country: our ``country`` against the gold ``code`` (ISO alpha-3 or IGO/NGO/IMG...);
- sector, where the gold has one: the first three letters of the gold sector against ours,
  with the equivalences CAMEO and PLOVER define: our DIP (diplomats) and SPY (intelligence)
  are GOV roles in CAMEO and count as GOV; CAMEO's INS/SEP are PLOVER's REB, HLH is MED;
  "CIV" in the gold is read as CVL (a typo of the gold file). Gold sectors "***" (unknown)
  are not scored.

The gold file is read at run time and never copied into the project.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import Errors, InputError
from detente.records import Mention

# Our sector -> the gold sectors it counts as (besides itself).
SECTOR_EQUIV: dict[str, set[str]] = {
    "DIP": {"GOV"},
    "SPY": {"GOV"},
    "REB": {"INS", "SEP"},
    "MED": {"HLH"},
    "CVL": {"CIV"},
}

_MARK = re.compile(r"\((SRC|TAR|SRC/TAR|TAR/SRC):\s*")


@dataclass
class ActorCase:
    record_id: str
    role: str  # source | target
    actor_text: str
    gold_code: str
    gold_sector: str | None
    start: int | None = None
    end: int | None = None
    mention: dict[str, Any] | None = None
    country_ok: bool = False
    sector_ok: bool | None = None  # None: not scored
    note: str = ""


@dataclass
class ActorEvalReport:
    gold: str
    records: int
    actors: int
    located: int
    country_correct: int
    sector_scored: int
    sector_correct: int
    by_code: dict[str, dict[str, int]] = field(default_factory=dict)
    cases: list[ActorCase] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def country_accuracy(self) -> float:
        return self.country_correct / self.actors if self.actors else 0.0

    @property
    def sector_accuracy(self) -> float:
        return self.sector_correct / self.sector_scored if self.sector_scored else 0.0

    def misses(self) -> list[ActorCase]:
        return [c for c in self.cases if not c.country_ok or c.sector_ok is False]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "records": self.records,
            "actors": self.actors,
            "located": self.located,
            "country_correct": self.country_correct,
            "country_accuracy": round(self.country_accuracy, 4),
            "sector_scored": self.sector_scored,
            "sector_correct": self.sector_correct,
            "sector_accuracy": round(self.sector_accuracy, 4),
            "by_code": self.by_code,
            "misses": [asdict(c) for c in self.misses()],
            "skipped": self.skipped,
        }


def load_gold(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(Errors.E100_CANNOT_READ_ACTOR_GOLD, path=path, exc=exc) from exc
    except json.JSONDecodeError as exc:
        raise InputError(Errors.E100_ACTOR_GOLD_NOT_JSON, path=path, exc=exc) from exc
    if not isinstance(data, list):
        raise InputError(Errors.E100_GOLD_FILE_NOT_A_LIST, path=path)
    return data


def gold_sector(raw: Any) -> str | None:
    if not isinstance(raw, str) or not raw.strip() or raw.strip().startswith("*"):
        return None
    return raw.strip()[:3].upper()


def sector_matches(ours: str | None, gold: str) -> bool:
    if ours is None:
        return False
    return ours == gold or gold in SECTOR_EQUIV.get(ours, set())


def _markup_segments(markup: str, role: str) -> list[str]:
    """Texts marked (SRC: ...) or (TAR: ...) in the markup, in order, for one role."""
    out = []
    for m in _MARK.finditer(markup):
        tag = m.group(1)
        if role == "source" and "SRC" not in tag or role == "target" and "TAR" not in tag:
            continue
        depth, i = 1, m.end()
        while i < len(markup) and depth:
            depth += {"(": 1, ")": -1}.get(markup[i], 0)
            i += 1
        seg = re.sub(r"\((?:EVT|LOC|SRC|TAR|SRC/TAR):\s*", "", markup[m.end() : i - 1])
        out.append(re.sub(r"[()]", "", seg).strip())
    return out


def locate(text: str, actor_text: str, markup: str, role: str, n: int) -> tuple[int, int] | None:
    """Char span of a gold actor in its sentence, or None."""
    for probe in (actor_text.strip(), *re.split(r"\s*\.{2,}\s*", actor_text.strip())):
        if not probe:
            continue
        pos = text.find(probe)
        if pos < 0:
            pos = text.lower().find(probe.lower())
        if pos >= 0:
            return pos, pos + len(probe)
    words = actor_text.split()
    for n_words in range(len(words) - 1, 0, -1):  # "French warships" in "French and ... warships"
        probe = " ".join(words[:n_words])
        pos = text.find(probe)
        if pos >= 0 and len(probe) > 2:
            return pos, pos + len(probe)
    segs = _markup_segments(markup, role)
    for seg in ([segs[n]] if n < len(segs) else []) + segs:
        pos = text.find(seg) if seg else -1
        if pos >= 0:
            return pos, pos + len(seg)
    return None


def best_mention(mentions: Iterable[Mention], start: int, end: int) -> Mention | None:
    """The mention overlapping [start, end) most (acting actors before places)."""
    best: tuple[int, int, Mention] | None = None
    for m in mentions:
        overlap = min(end, m.end) - max(start, m.start)
        if overlap <= 0:
            continue
        rank = (overlap, 0 if m.kind == "place" else 1)
        if best is None or rank > best[:2]:
            best = (rank[0], rank[1], m)
    return best[2] if best else None


def evaluate_actors(gold_path: Path, extra_files: Iterable[Path] = ()) -> ActorEvalReport:
    """Run the resolver over the gold records and score countries and sectors."""
    from detente.actors import ActorResolver
    from detente.nlp import load_nlp

    records = load_gold(gold_path)
    resolver = ActorResolver.default(list(extra_files))
    nlp = load_nlp()
    report = ActorEvalReport(str(gold_path), len(records), 0, 0, 0, 0, 0)
    texts = [str(r.get("text") or "") for r in records]
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=64), strict=True):
        rid = str(rec.get("id") or "?")
        mentions = resolver.resolve(doc, rid, rec.get("date"))
        markup = str((rec.get("textInfo") or {}).get("markup") or "")
        for role in ("source", "target"):
            actors = rec.get(role)
            if not actors:
                continue
            if not isinstance(actors, list):
                report.skipped.append(f"{rid} {role}: not a list of actors ({actors!r})")
                continue
            for n, actor in enumerate(actors):
                if not isinstance(actor, dict) or not actor.get("code"):
                    report.skipped.append(f"{rid} {role}[{n}]: no code")
                    continue
                report.actors += 1
                case = ActorCase(
                    rid,
                    role,
                    str(actor.get("actorText") or ""),
                    str(actor["code"]),
                    gold_sector(actor.get("sector")),
                )
                report.cases.append(case)
                row = report.by_code.setdefault(
                    case.gold_code,
                    {"actors": 0, "country_correct": 0, "sector_scored": 0, "sector_correct": 0},
                )
                row["actors"] += 1
                span = locate(doc.text, case.actor_text, markup, role, n)
                if span is None:
                    case.note = "actor text not found in the sentence"
                    if case.gold_sector:
                        report.sector_scored += 1
                        row["sector_scored"] += 1
                        case.sector_ok = False
                    continue
                report.located += 1
                case.start, case.end = span
                m = best_mention(mentions, *span)
                if m is None:
                    case.note = "no mention"
                else:
                    case.mention = {
                        "text": m.text,
                        "code": m.code,
                        "country": m.country,
                        "sector": m.sector,
                        "kind": m.kind,
                        "resolved_by": m.resolved_by,
                    }
                    case.country_ok = m.country == case.gold_code
                if case.country_ok:
                    report.country_correct += 1
                    row["country_correct"] += 1
                if case.gold_sector:
                    report.sector_scored += 1
                    row["sector_scored"] += 1
                    case.sector_ok = m is not None and sector_matches(m.sector, case.gold_sector)
                    if case.sector_ok:
                        report.sector_correct += 1
                        row["sector_correct"] += 1
    report.by_code = dict(sorted(report.by_code.items()))
    return report


def summary_rows(report: ActorEvalReport) -> list[dict[str, Any]]:
    """The by-code table as rows (for the CLI table and JSON)."""
    rows = []
    totals: dict[str, int] = defaultdict(int)
    for code, r in report.by_code.items():
        rows.append({"code": code, **r})
        for k, v in r.items():
            totals[k] += v
    rows.append({"code": "ALL", **totals})
    return rows
