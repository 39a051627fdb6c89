"""Article text with actor mentions, event evidence and quotes highlighted, safely.

The body is untrusted: it is cut at every span boundary and each piece is
escaped on its own before it is wrapped in a ``<mark>``, so overlapping or
nested spans never produce broken markup and no text ever reaches the page
unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # css class: mention | evidence | quote
    title: str = ""


def highlight(
    body: str, spans: list[Span], sentences: list[dict[str, Any]] | None = None
) -> Markup:
    """``body`` as escaped HTML with ``<mark class=KIND title=...>`` around the spans.

    With ``sentences`` (rows with ``idx``, ``start_char``, ``end_char``) each
    sentence is wrapped in ``<span class="sentence" id="sIDX">``, so evidence
    links can point at one sentence (``/article/ID#s12``; CSS highlights the target).
    """
    n = len(body)
    clean = [
        Span(max(0, s.start), min(n, s.end), s.kind, s.title)
        for s in spans
        if s.start is not None and s.end is not None and s.end > s.start and s.start < n
    ]
    sents = sorted(
        (max(0, int(r["start_char"])), min(n, int(r["end_char"])), int(r["idx"]))
        for r in sentences or []
        if r.get("start_char") is not None and r.get("end_char") is not None
        and r["end_char"] > r["start_char"] and r["start_char"] < n
    )
    cuts = sorted(
        {0, n, *(s.start for s in clean), *(s.end for s in clean)}
        | {x for lo, hi, _ in sents for x in (lo, hi)}
    )
    out: list[Markup] = []
    open_sentence: int | None = None
    si = 0
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        while si < len(sents) and sents[si][1] <= lo:
            si += 1
        inside = sents[si][2] if si < len(sents) and sents[si][0] <= lo < sents[si][1] else None
        if inside != open_sentence:
            if open_sentence is not None:
                out.append(Markup("</span>"))
            if inside is not None:
                out.append(Markup('<span class="sentence" id="s{}">').format(inside))
            open_sentence = inside
        piece = body[lo:hi]
        active = [s for s in clean if s.start <= lo and s.end >= hi]
        if not active:
            out.append(escape(piece))
            continue
        kinds = " ".join(sorted({s.kind for s in active}))
        title = "; ".join(dict.fromkeys(s.title for s in active if s.title))
        out.append(Markup('<mark class="{}" title="{}">{}</mark>').format(kinds, title, piece))
    if open_sentence is not None:
        out.append(Markup("</span>"))
    return Markup("").join(out)


def article_spans(details: dict[str, Any]) -> list[Span]:
    """Spans for the mentions, event evidence and quotes of an article (``article_details``)."""
    spans = [
        Span(
            m["start_char"],
            m["end_char"],
            "mention",
            f"{m.get('code') or ''} ({m.get('resolved_by') or 'coded'})",
        )
        for m in details.get("mentions", [])
    ]
    spans += [
        Span(
            e["start_char"],
            e["end_char"],
            "evidence",
            f"{e.get('plover') or ''} {e.get('cameo') or ''} {e.get('source_code') or ''}→{e.get('target_code') or ''}",
        )
        for e in details.get("events", [])
    ]
    spans += [
        Span(
            q["start_char"],
            q["end_char"],
            "quote",
            f"quote: {q.get('speaker_name') or 'unattributed'}",
        )
        for q in details.get("quotes", [])
    ]
    return spans
