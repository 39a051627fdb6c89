"""Why an event is or is not there: per sentence, what the coder saw and decided.

For each sentence: the actors found (and how each was resolved), the trigger words
the pattern tables know (with the types they can signal) and whether a pattern's
frame matched them, the rule events (pattern id, arguments, modality, negation),
and, when the trained model decides, its type scores against its threshold (it adds
events only where the rules coded none), the keep probability it gives each rule
event, and where each chosen source and target came from (the sentence, or the article).
Used by `detente code --explain` and `detente show --explain`.
"""

from __future__ import annotations

from typing import Any

from detente.records import Article


def explain_doc(coder: Any, doc: Any, article: Article) -> list[dict[str, Any]]:
    """One dict per sentence of ``doc`` (parsed ``article.body``)."""
    from detente.learn.features import (
        partner_ranks,
        pattern_lexicon,
        rule_event_strings,
        salience_ranks,
        sentence_views,
    )

    mentions, rule_events = coder.read(doc, article)
    lexicon = getattr(coder, "lexicon", None) or pattern_lexicon(coder.events.book)
    speech = set(coder.events.speech)
    views = sentence_views(doc, mentions, rule_events, speech, lexicon)
    final = coder.decide(doc, article, mentions, rule_events)
    model = coder.model
    probs = model.type_probabilities(views) if model is not None else None
    judges = model is not None and model.rule_threshold is not None
    salience, partners = (salience_ranks(mentions), partner_ranks(mentions)) if judges else ({}, {})
    out = []
    for k, v in enumerate(views):
        sent = doc.char_span(v.start, v.end, alignment_mode="expand")
        triggers = []
        fired = {e.trigger for e in v.rule_events}
        for tok in sent if sent is not None else ():
            labels = sorted(x for x in lexicon.get(tok.lemma_.lower(), ()) if not x.startswith("root"))
            if not labels or tok.pos_ == "AUX":
                continue
            negated = any(c.dep_ == "neg" for c in tok.children)
            status = ("pattern matched" if tok.text in fired else
                      "negated: no event" if negated else
                      "no pattern frame matched (object, preposition or arguments)")
            triggers.append({"word": tok.text, "lemma": tok.lemma_.lower(), "types": labels,
                             "status": status})
        item: dict[str, Any] = {
            "index": v.index,
            "sentence": v.text.strip(),
            "actors": [{"text": m.text, "code": m.code, "country": m.country,
                        "resolved_by": m.resolved_by, "kind": m.kind} for m in v.mentions],
            "candidates": v.candidates,
            "triggers": triggers,
            "rule_events": [_event_line(e) for e in v.rule_events],
            "events": [_event_line(e) for e in final if e.sentence_index == v.index],
        }
        if not v.mentions and not v.candidates:
            item["note"] = "no actor in the sentence or the article: nothing can be coded"
        if probs is not None:
            row = probs[k]
            top = sorted(zip(model.types, row, strict=True), key=lambda x: -x[1])[:3]
            # beside the rules' events the model adds none: it judges them (keep probability)
            adds = not (judges and v.rule_events)
            item["model"] = {
                "threshold": model.threshold,
                "top_types": [{"type": t, "p": round(float(p), 3),
                               "kept": bool(adds and p >= model.threshold)} for t, p in top],
            }
            if judges and v.rule_events:
                keep = model.keep_probabilities(
                    [rule_event_strings(v, e, salience, partners) for e in v.rule_events])
                item["model"]["keep_threshold"] = model.rule_threshold
                item["model"]["keep"] = [
                    {"rule": e.rule, "plover": e.plover, "p": round(float(pk), 3),
                     "kept": bool(pk >= model.rule_threshold)}
                    for e, pk in zip(v.rule_events, keep, strict=True)]
        out.append(item)
    return out


def _event_line(e: Any) -> dict[str, Any]:
    return {
        "plover": e.plover, "cameo": e.cameo, "rule": e.rule, "trigger": e.trigger,
        "source": [a.country or a.code for a in e.source],
        "target": [a.country or a.code for a in e.target],
        "modality": e.modality, "negated": e.negated, "confidence": e.confidence,
    }


def explain_text(coder: Any, text: str, date: str | None = None) -> list[dict[str, Any]]:
    from detente.pipeline import _safe_text

    body = _safe_text(text)
    return explain_doc(coder, coder.nlp(body), Article(id="text", body=body, published=date))


def render(items: list[dict[str, Any]], console: Any) -> None:
    """The explanation as an indented text tree."""
    from rich.markup import escape
    from rich.tree import Tree

    for it in items:
        tree = Tree(f"[bold]sentence {it['index']}[/] {escape(it['sentence'][:200])}")
        actors = tree.add("actors")
        for a in it["actors"]:
            actors.add(escape(f"{a['text']} -> {a['code']} ({a['kind']}, {a['resolved_by']})"))
        if not it["actors"]:
            actors.add("none in the sentence; candidates from the article: "
                       + (", ".join(it["candidates"]) or "none"))
        trig = tree.add("triggers")
        for t in it["triggers"]:
            trig.add(escape(f"{t['word']} ({'/'.join(t['types'])}): {t['status']}"))
        if not it["triggers"]:
            trig.add("no word of the pattern tables")
        rules = tree.add("rule events")
        for e in it["rule_events"]:
            rules.add(escape(_line(e)))
        if "model" in it:
            m = it["model"]
            tree.add("model: " + ", ".join(
                f"{t['type']} {t['p']:.2f}{' adds' if t['kept'] else ''}" for t in m["top_types"]
            ) + f" (threshold {m['threshold']})")
            for r in m.get("keep", []):
                tree.add(escape(f"model keeps {r['rule']}? p {r['p']:.2f} "
                                f"{'kept' if r['kept'] else 'dropped'} (threshold {m['keep_threshold']})"))
        final = tree.add("[bold]events[/]")
        for e in it["events"]:
            final.add(escape(_line(e)))
        if not it["events"]:
            final.add("none")
        if it.get("note"):
            tree.add(escape(it["note"]))
        console.print(tree)


def _line(e: dict[str, Any]) -> str:
    neg = " negated" if e["negated"] else ""
    return (f"{e['plover'] or '-'} {e['cameo']} {','.join(e['source'])} -> {','.join(e['target']) or '-'}"
            f" [{e['modality']}{neg}] rule {e['rule']} trigger {e['trigger']!r} conf {e['confidence']}")
