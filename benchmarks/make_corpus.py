"""Build a synthetic corpus of N articles from the sample corpus, varied enough to be real work.

    .venv/bin/python benchmarks/make_corpus.py OUT_DIR --articles 800 [--seed 7] [--shard 100]

Writes OUT_DIR/shard-0000.jsonl, ... (fields: id, title, text, date, url, author,
publisher, the shape of examples/corpus/exports/newsdesk-export.jsonl).

Each synthetic article starts from one sample article (its cleaned body, as
`detente` ingests it), keeps its lead paragraph, replaces about half of the
other paragraphs with paragraphs of other sample articles, shuffles them, and
rewrites the copy with a consistent swap of one country (name, adjective,
capital) for another, other weekdays, months and numbers, and a new date.
So the bodies differ from each other (near-duplicate detection keeps almost
all of them: the benchmark reports how many it marked) while the sentences
stay news-like, with actors and events to code. Everything in examples/corpus
is invented text written for detente; so is everything made from it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "corpus"

# Countries swapped as a whole: (name, adjective, capital). Facts, not copied text.
COUNTRIES = [
    ("Russia", "Russian", "Moscow"),
    ("China", "Chinese", "Beijing"),
    ("Iran", "Iranian", "Tehran"),
    ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Israel", "Israeli", "Jerusalem"),
    ("Turkey", "Turkish", "Ankara"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
PUBLISHERS = ["Northwire", "Open Airwaves", "The Daily Ledger", "Harbor Times", "Plainview Post"]
_NUMBER = re.compile(r"\b(?<![-./])\d{1,3}(?![-./]\d)\b")


@dataclass
class Seed:
    title: str
    paragraphs: list[str]


def sample_articles(folder: Path = SAMPLE) -> list[Seed]:
    """The sample corpus as detente ingests it (cleaned bodies), split into paragraphs."""
    from detente.ingest import iter_articles
    from detente.records import Article

    seeds, seen = [], set()
    for item in iter_articles([str(folder)]):
        if not isinstance(item, Article) or item.id in seen:
            continue
        seen.add(item.id)
        paras = [p.strip() for p in re.split(r"\n\s*\n", item.body) if p.strip()]
        if len(paras) >= 2:
            seeds.append(Seed(item.title or paras[0][:80], paras))
    if not seeds:
        raise SystemExit(f"no articles found in {folder}")
    return seeds


def _swap(text: str, pairs: list[tuple[str, str]]) -> str:
    if not pairs:
        return text
    table = dict(pairs)
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a, _ in pairs) + r")\b")
    return pattern.sub(lambda m: table[m.group(1)], text)


def _vary(text: str, rng: random.Random, pairs: list[tuple[str, str]]) -> str:
    text = _swap(text, pairs)
    text = re.sub(r"\b(" + "|".join(WEEKDAYS) + r")\b", lambda m: rng.choice(WEEKDAYS), text)
    text = re.sub(r"\b(" + "|".join(MONTHS) + r")\b", lambda m: rng.choice(MONTHS), text)
    return _NUMBER.sub(lambda m: str(rng.randint(2, 99)), text)


def synthetic_article(i: int, seeds: list[Seed], rng: random.Random) -> dict[str, str]:
    base = seeds[i % len(seeds)]
    lead, rest = base.paragraphs[0], list(base.paragraphs[1:])
    for k in range(len(rest)):
        if rng.random() < 0.5:
            other = rng.choice(seeds)
            rest[k] = rng.choice(other.paragraphs[1:] or other.paragraphs)
    rng.shuffle(rest)
    a, b = rng.sample(COUNTRIES, 2)
    pairs = [(x, y) for x, y in zip(a, b, strict=True)] if rng.random() < 0.7 else []
    body = "\n\n".join(_vary(p, rng, pairs) for p in [lead, *rest])
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
    publisher = rng.choice(PUBLISHERS)
    return {
        "id": f"synthetic-{i:06d}",
        "title": _vary(base.title, rng, pairs),
        "text": body,
        "date": day.isoformat(),
        "url": f"https://{publisher.lower().replace(' ', '')}.example/{day:%Y/%m/%d}/story-{i}",
        "author": "Benchmark Desk",
        "publisher": publisher,
    }


def make_corpus(out: Path, articles: int, *, seed: int = 7, shard: int = 100) -> dict[str, int]:
    """Write ``articles`` synthetic articles as JSONL shards under ``out``; returns counts."""
    seeds = sample_articles()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    fh = None
    try:
        for i in range(articles):
            if i % shard == 0:
                if fh:
                    fh.close()
                fh = (out / f"shard-{i // shard:04d}.jsonl").open("w", encoding="utf-8")
            record = synthetic_article(i, seeds, rng)
            words += len(record["text"].split())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if fh:
            fh.close()
    return {"articles": articles, "words": words, "seed_articles": len(seeds)}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("out", type=Path, help="folder to write the JSONL shards to")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shard", type=int, default=100, help="articles per JSONL file")
    args = ap.parse_args()
    print(json.dumps(make_corpus(args.out, args.articles, seed=args.seed, shard=args.shard)))


if __name__ == "__main__":
    main()
