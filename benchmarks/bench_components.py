"""Seconds per pipeline component, with detente's memoized lookups and with spaCy's own.

    .venv/bin/python benchmarks/bench_components.py [--copies 4] [--repeat 3]
    .venv/bin/python benchmarks/bench_components.py --n-process 2   # spaCy's own processes

Parses the article bodies of examples/corpus (``--copies`` times over) component by
component (``pipe`` with batches of 25, as `detente run`), alternately with the
lookups of detente.nlp.attributes and with spaCy's attribute_ruler and lemmatizer
(``exact``), and prints the median seconds of each component for both as JSON. The
memos start empty in every round, so their first-sight misses are counted.

``--n-process N``: instead, the whole of detente's pipeline (``nlp.pipe``, batches of
25) with spaCy's ``n_process=1`` and ``n_process=N``, alternately (the process start
and model load of the N workers included, as a run would pay them).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LOOKUPS = ("attribute_ruler", "lemmatizer")


def _bodies() -> list[str]:
    from detente.ingest import ingest_paths
    from detente.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "c.duckdb") as store:
        ingest_paths([str(REPO / "examples" / "corpus")], store)
        return [r["body"] for r in store.article_rows(order="id")]


def _round(nlp: Any, texts: list[str], exact: bool) -> dict[str, float]:
    for name in LOOKUPS:
        pipe = nlp.get_pipe(name)
        pipe.exact = exact
        pipe._memo.clear()
    nlp.get_pipe("lemmatizer").lemmatizer.cache = {}
    docs: Any = [nlp.make_doc(t) for t in texts]
    out = {}
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=25)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.perf_counter() - started
    out["total"] = sum(out.values())
    return out


def _n_process(nlp: Any, texts: list[str], n: int, repeat: int) -> dict[str, Any]:
    runs: dict[str, list[float]] = {"n_process_1": [], f"n_process_{n}": []}
    for _ in range(repeat):
        for procs in (1, n):
            started = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=25, n_process=procs):
                pass
            runs[f"n_process_{procs}"].append(round(time.perf_counter() - started, 2))
    return {k: {"median": sorted(v)[len(v) // 2], "all": v} for k, v in runs.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=4, help="times the sample corpus is parsed per round")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of each (median kept)")
    ap.add_argument("--n-process", type=int, default=0, help="compare spaCy's n_process 1 and N")
    args = ap.parse_args()
    from detente.nlp import load_nlp

    nlp = load_nlp()
    texts = _bodies() * args.copies
    if args.n_process:
        result = {"texts": len(texts), **_n_process(nlp, texts, args.n_process, args.repeat)}
        print(json.dumps(result, indent=2))
        return
    runs: dict[str, list[dict[str, float]]] = {"lookup": [], "spacy": []}
    for _ in range(args.repeat):
        runs["lookup"].append(_round(nlp, texts, exact=False))
        runs["spacy"].append(_round(nlp, texts, exact=True))
    for name in LOOKUPS:
        nlp.get_pipe(name).exact = False
    result: dict[str, Any] = {
        "texts": len(texts),
        "tokens": sum(len(d) for d in nlp.tokenizer.pipe(texts)),
        "repeat": args.repeat,
    }
    for key, rs in runs.items():
        result[key] = {
            name: round(sorted(r[name] for r in rs)[len(rs) // 2], 3) for name in rs[0]
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
