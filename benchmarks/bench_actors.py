"""How much actor resolution adds to the spaCy parse.

    .venv/bin/python benchmarks/bench_actors.py [--repeat N] [--corpus DIR]

Parses every .txt file of the sample corpus (examples/corpus/txt, or generated text when
absent) with ``nlp.pipe``, then resolves actors on the same docs, and prints JSON with both
times and their ratio. The knowledge is loaded and the matchers compiled before timing (that
is a once-per-process cost, reported separately as ``setup_seconds``).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from detente.actors import ActorResolver
from detente.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]


def corpus_texts(folder: Path | None) -> tuple[list[str], str]:
    folder = folder or REPO / "examples" / "corpus" / "txt"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if files:
        return [f.read_text(encoding="utf-8", errors="replace") for f in files], str(folder)
    return generated_texts(40), "generated"


def generated_texts(n: int, seed: int = 7) -> list[str]:
    """Invented news-like paragraphs built from a fixed seed (deterministic)."""
    rng = random.Random(seed)
    subjects = [
        "Russian President Vladimir Putin",
        "The Kremlin",
        "Senior Hungarian officials",
        "U.S. Secretary of State Antony Blinken",
        "Turkish police",
        "The UN Security Council",
        "Moscow",
        "Chinese Foreign Ministry spokesman Wang Testing",
        "Israeli troops",
    ]
    verbs = ["criticized", "met", "praised", "warned", "accused", "thanked"]
    objects = [
        "the European Union",
        "Washington",
        "Ukrainian forces",
        "the Taliban",
        "Japanese diplomats",
        "the new U.S. ambassador",
        "NATO",
        "Iraq's government",
    ]
    out = []
    for _ in range(n):
        sents = []
        for _ in range(rng.randint(8, 16)):
            sents.append(
                f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} "
                f"on Monday, officials said. He added that talks would continue in Geneva."
            )
        out.append(" ".join(sents))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds; the best is reported")
    ap.add_argument("--corpus", type=Path, default=None, help="folder of .txt files")
    args = ap.parse_args()
    texts, source = corpus_texts(args.corpus)
    nlp = load_nlp()
    t0 = time.perf_counter()
    resolver = ActorResolver.default()
    resolver.lexicon(nlp.vocab)
    setup = time.perf_counter() - t0
    parse_times, resolve_times = [], []
    mentions = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        mentions = sum(len(resolver.resolve(d, str(i), "2024-01-01")) for i, d in enumerate(docs))
        resolve_times.append(time.perf_counter() - t0)
    parse_s, resolve_s = min(parse_times), min(resolve_times)
    print(
        json.dumps(
            {
                "corpus": source,
                "docs": len(texts),
                "chars": sum(len(t) for t in texts),
                "mentions": mentions,
                "setup_seconds": round(setup, 3),
                "parse_seconds": round(parse_s, 3),
                "resolve_seconds": round(resolve_s, 3),
                "resolve_over_parse": round(resolve_s / parse_s, 3) if parse_s else None,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
