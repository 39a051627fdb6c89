"""What each spaCy component is worth to detente, measured on the sample corpus.

    .venv/bin/python benchmarks/bench_pipeline.py --ablations

1. Components: code examples/corpus with the full pipeline, then again with one
   component switched off at a time, and count what changes (events, mentions,
   quotes, issue tags, assessments, sentences) and how much parse time it saves.
   A component may only be switched off when nothing changes.
2. Sentence filter: which sentences hold no dictionary hit and no pronoun (so
   could skip the parser), their share of the text, and the output
   that the coding stages find in them today. Skipping them is only safe when
   that output is empty.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
COMPONENTS = ("tagger", "parser", "attribute_ruler", "lemmatizer", "detente_entities")


def _articles() -> list[Any]:
    from detente.ingest import ingest_paths
    from detente.pipeline import article_from_row
    from detente.store import Store

    with Store(":memory:") as store:
        ingest_paths([str(REPO / "examples" / "corpus")], store)
        return [article_from_row(r) for r in store.article_rows(order="id")]


def _outputs(coded: list[Any]) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = {
        k: set() for k in ("sentences", "mentions", "events", "quotes", "issue_tags", "assessments")
    }
    for ca in coded:
        a = ca.article.id
        out["sentences"] |= {(a, s.start, s.end) for s in ca.sentences}
        out["mentions"] |= {(a, m.start, m.end, m.code) for m in ca.mentions}
        out["events"] |= {
            (
                e.id,
                e.cameo,
                e.source[0].code if e.source else None,
                e.target[0].code if e.target else None,
            )
            for e in ca.events
        }
        out["quotes"] |= {(q.id,) for q in ca.quotes}
        out["issue_tags"] |= {(a, t.sentence_index, t.issue, t.start) for t in ca.issues}
        out["assessments"] |= {(x.id,) for x in ca.assessments}
    return out


def _code(coder: Any, nlp: Any, articles: list[Any]) -> tuple[list[Any], float]:
    started = time.perf_counter()
    docs = list(nlp.pipe([a.body for a in articles]))
    parse = time.perf_counter() - started
    return [coder.code_doc(d, a) for d, a in zip(docs, articles, strict=True)], parse


def components(articles: list[Any]) -> dict[str, Any]:
    import warnings

    from detente.nlp import load_nlp
    from detente.pipeline import Coder

    coder = Coder()
    full_nlp = load_nlp()
    _code(coder, full_nlp, articles[:2])  # warm caches
    coded, full_parse = _code(coder, full_nlp, articles)
    ref = _outputs(coded)
    result: dict[str, Any] = {
        "full_parse_seconds": round(full_parse, 2),
        "reference_counts": {k: len(v) for k, v in ref.items()},
    }
    for name in COMPONENTS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the lemmatizer warns without POS tags
            try:
                got, parse = _code(coder, load_nlp((name,)), articles)
            except Exception as exc:  # a stage that cannot work without the component
                result[name] = {"identical": False, "error": f"{type(exc).__name__}: {exc}"[:200]}
                continue
        out = _outputs(got)
        changed = {k: len(ref[k] ^ out[k]) for k in ref}
        result[name] = {
            "identical": not any(changed.values()),
            "changed": changed,
            "parse_seconds_saved": round(full_parse - parse, 2),
        }
    return result


def sentence_filter(articles: list[Any]) -> dict[str, Any]:
    from detente.pipeline import Coder

    coder = Coder()
    pronouns = coder.resolver.kb.context.pronouns
    idle = {"sentences": 0, "chars": 0}
    total = {"sentences": 0, "chars": 0}
    lost = {"mentions": 0, "events": 0, "quotes": 0, "issue_tags": 0, "assessments": 0}
    for doc, article in coder.nlp.pipe(((a.body, a) for a in articles), as_tuples=True):
        hits = coder.resolver.lexicon(doc.vocab).hits(doc)
        hit_tokens = {i for h in hits.values() for i in range(h.start, h.end)}
        ca = coder.code_doc(doc, article)
        for index, sent in enumerate(doc.sents):
            total["sentences"] += 1
            total["chars"] += len(sent.text)
            if any(t.i in hit_tokens or t.lower_ in pronouns for t in sent):
                continue
            idle["sentences"] += 1
            idle["chars"] += len(sent.text)
            lost["mentions"] += sum(m.sentence_index == index for m in ca.mentions)
            lost["events"] += sum(e.sentence_index == index for e in ca.events)
            lost["quotes"] += sum(q.sentence_index == index for q in ca.quotes)
            lost["issue_tags"] += sum(t.sentence_index == index for t in ca.issues)
            lost["assessments"] += sum(x.sentence_index == index for x in ca.assessments)
    return {
        "sentences": total["sentences"],
        "sentences_without_actor_candidate": idle["sentences"],
        "share_of_text": round(idle["chars"] / max(total["chars"], 1), 3),
        "output_found_in_them_today": lost,
        "identical_if_skipped": not any(lost.values()),
    }


def ablations() -> dict[str, Any]:
    articles = _articles()
    return {
        "corpus": "examples/corpus",
        "articles": len(articles),
        "components": components(articles),
        "sentence_filter": sentence_filter(articles),
    }
