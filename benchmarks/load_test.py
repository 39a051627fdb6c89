"""A bounded load test of `detente serve`: requests/s and latency, on loopback only.

    .venv/bin/python benchmarks/load_test.py [--events 12000] [--requests 1000] \
        [--concurrency 4] [--db FILE] [--out result.json]

1. Writes a database of ``--events`` invented events (seeded, so every run builds the
   same one) through ``Store.save_coded``: articles of four sentences, one event each,
   between eight invented-name-free country codes, over two years and six outlets, with
   a share of syndicated copies. An existing ``--db`` with enough events is reused.
2. Starts `detente serve` in a subprocess on 127.0.0.1 and a free port (never another
   address: this is not a tool for loading other people's servers).
3. Sends a fixed number of GET requests per endpoint from ``--concurrency`` clients
   (asyncio + httpx): the dyad series endpoint (/api/dyads/A/B/series, cycling through
   the busiest dyads, frequencies and filters) and the event list (/api/events, cycling
   through filters and pages), and the dyad page (/dyad/A/B: the HTML page with its
   charts, which computes the same aggregates). Warm-up requests are sent first and not
   counted.
4. Stops the server and prints JSON: per endpoint, requests, errors (any non-200 or
   transport error), wall seconds, requests/s, p50/p90/p99/max latency in ms.

Exit status 1 when any request failed. Stops by itself: fixed request counts, a 60 s
timeout per request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from detente.records import (
    ActorRef,
    Article,
    CodedArticle,
    Event,
    Mention,
    Sentence,
    article_id_for,
    content_id,
)
from detente.store import Store

HOST = "127.0.0.1"  # loopback only, by design
COUNTRIES = {
    "USA": "Washington",
    "RUS": "Moscow",
    "CHN": "Beijing",
    "FRA": "Paris",
    "DEU": "Berlin",
    "IND": "New Delhi",
    "JPN": "Tokyo",
    "BRA": "Brasilia",
}
# (CAMEO code, PLOVER type, quad class, Goldstein, verb phrase)
EVENT_KINDS = [
    ("040", "CONSULT", 1, 1.0, "held talks with"),
    ("057", "AGREE", 1, 8.0, "signed an agreement with"),
    ("070", "AID", 2, 7.0, "sent aid to"),
    ("112", "ACCUSE", 3, -2.0, "accused"),
    ("163", "SANCTION", 4, -8.0, "imposed sanctions on"),
    ("190", "ASSAULT", 4, -10.0, "attacked positions of"),
]
OUTLETS = [
    "Example Times",
    "Invented Wire",
    "Sample Post",
    "Placeholder Daily",
    "Mock Herald",
    "Fictional Tribune",
]
SENTENCES_PER_ARTICLE = 4


def _event(
    aid: str, idx: int, start: int, sentence: str, day: str, a: str, b: str, kind: tuple
) -> tuple[Event, list[Mention]]:
    cameo, plover, quad, goldstein, _ = kind
    refs, mentions = [], []
    for code in (a, b):
        name = COUNTRIES[code]
        at = start + sentence.index(name)
        m = Mention(
            article_id=aid,
            sentence_index=idx,
            start=at,
            end=at + len(name),
            text=name,
            name=name,
            country=code,
            sector="GOV",
            code=f"{code}GOV",
            resolved_by="dictionary",
            confidence=0.9,
        )
        mentions.append(m)
        refs.append(ActorRef.from_mention(m))
    event = Event(
        id=content_id(aid, str(idx), cameo, a, b),
        article_id=aid,
        sentence_index=idx,
        start=start,
        end=start + len(sentence),
        sentence=sentence,
        date=day,
        source=[refs[0]],
        target=[refs[1]],
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        plover_mode=None,
        plover_context=None,
        quad_class=quad,
        goldstein=goldstein,
        negated=False,
        modality="actual",
        rule="loadtest.generated",
        confidence=0.8,
        trigger=kind[4].split()[0],
    )
    return event, mentions


def generate(path: Path, n_events: int, seed: int = 7) -> dict[str, Any]:
    """Write ``n_events`` invented events (and their articles) into a new database."""
    rng = random.Random(seed)
    codes = list(COUNTRIES)
    dyads = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    weights = [1 / (i + 1) for i in range(len(dyads))]  # a few busy dyads, a long tail
    started = time.perf_counter()
    batch: list[CodedArticle] = []
    n_articles = 0
    events = 0
    with Store(path) as store:
        while events < n_events:
            a, b = rng.choices(dyads, weights)[0]
            if rng.random() < 0.5:
                a, b = b, a
            day = f"{rng.choice([2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            sentences, starts, pos = [], [], 0
            kinds = [rng.choice(EVENT_KINDS) for _ in range(SENTENCES_PER_ARTICLE)]
            for i, kind in enumerate(kinds):
                s = (
                    f"Invented item {n_articles}.{i}: {COUNTRIES[a]} {kind[4]} "
                    f"{COUNTRIES[b]} on the {rng.randint(1, 28)}th."
                )
                sentences.append(s)
                starts.append(pos)
                pos += len(s) + 1
            body = " ".join(sentences)
            aid = article_id_for(body)
            article = Article(
                id=aid,
                body=body,
                title=sentences[0][:60],
                published=day,
                publisher=rng.choice(OUTLETS),
                language="en",
                url=f"https://news.example/{aid}",
                source_path=f"loadtest/{aid}",
            )
            coded = CodedArticle(article=article, tone=rng.uniform(-0.5, 0.5), main_dyad=(a, b))
            for i, (s, st) in enumerate(zip(sentences, starts, strict=True)):
                coded.sentences.append(Sentence(aid, i, st, st + len(s), s))
                ev, ms = _event(aid, i, st, s, day, a, b, kinds[i])
                coded.events.append(ev)
                coded.mentions.extend(ms)
            events += len(coded.events)
            n_articles += 1
            batch.append(coded)
            if len(batch) >= 250:
                store.add_articles([c.article for c in batch])
                store.save_coded(batch, "loadtest-1")
                batch = []
        if batch:
            store.add_articles([c.article for c in batch])
            store.save_coded(batch, "loadtest-1")
    return {
        "articles": n_articles,
        "events": events,
        "generate_seconds": round(time.perf_counter() - started, 1),
    }


def count_events(path: Path) -> int:
    try:
        with Store(path, read_only=True) as store:
            return int(store.query("SELECT count(*) AS n FROM events")[0]["n"])
    except Exception:
        return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`detente serve` on loopback in a subprocess."""

    def __init__(self, db: Path, log: Path):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from detente.cli import main; main()",
                "serve",
                "--db",
                str(db),
                "--host",
                HOST,
                "--port",
                str(self.port),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited; see {log}")
            try:
                if httpx.get(f"{self.base}/api/stats", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start; see {log}")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def request_plan(base: str, n: int, seed: int) -> dict[str, list[str]]:
    """The fixed list of URLs per endpoint (dyads taken from the server itself)."""
    rng = random.Random(seed)
    dyads = httpx.get(f"{base}/api/dyads", params={"limit": 6}, timeout=30).json()["items"]
    pairs = [(d["a"], d["b"]) for d in dyads]
    series, events, pages = [], [], []
    for _ in range(n):
        a, b = rng.choice(pairs)
        if rng.random() < 0.5:
            a, b = b, a
        params = {"freq": rng.choice(["month", "quarter", "week"])}
        if rng.random() < 0.3:
            params["plover"] = rng.choice([k[1] for k in EVENT_KINDS])
        if rng.random() < 0.3:
            params["since"] = "2024-01-01"
        series.append(str(httpx.URL(f"/api/dyads/{a}/{b}/series", params=params)))
        ev: dict[str, Any] = {
            "limit": rng.choice([50, 100, 500]),
            "offset": rng.choice([0, 0, 50, 1000, 5000]),
        }
        roll = rng.random()
        if roll < 0.3:
            ev["country"] = rng.choice(list(COUNTRIES))
        elif roll < 0.5:
            ev["source"], ev["target"] = a, b
        elif roll < 0.6:
            ev["plover"] = rng.choice([k[1] for k in EVENT_KINDS])
        if rng.random() < 0.2:
            ev["since"], ev["until"] = "2024-03-01", "2024-06-30"
        events.append(str(httpx.URL("/api/events", params=ev)))
        page = {"freq": params["freq"]} if rng.random() < 0.5 else {}
        pages.append(str(httpx.URL(f"/dyad/{a}/{b}", params=page)))
    return {"series": series, "events": events, "dyad_page": pages}


async def run_load(base: str, urls: list[str], concurrency: int) -> dict[str, Any]:
    """GET every URL once with ``concurrency`` clients; latency and errors."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in urls:
        queue.put_nowait(u)
    latencies: list[float] = []
    timed: list[tuple[float, str]] = []
    errors: list[str] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while True:
            try:
                url = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t0 = time.perf_counter()
            try:
                r = await client.get(url)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {url}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {url}")
            latencies.append(time.perf_counter() - t0)
            timed.append((latencies[-1], url))

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_examples": errors[:5],
        "seconds": round(wall, 2),
        "requests_per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(q[49], 1),
        "p90_ms": round(q[89], 1),
        "p99_ms": round(q[98], 1),
        "max_ms": round(ms[-1], 1),
        # the slowest requests, to see what the tail is made of
        "slowest": [f"{t * 1000:.0f} ms {u}" for t, u in sorted(timed, reverse=True)[:5]],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--events", type=int, default=12000, help="events in the generated database")
    p.add_argument("--requests", type=int, default=1000, help="requests per endpoint")
    p.add_argument("--concurrency", type=int, default=4, help="concurrent clients")
    p.add_argument("--warmup", type=int, default=20, help="uncounted requests per endpoint")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--db", type=Path, default=None, help="database to use or create")
    p.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    args = p.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="detente-load-"))
    db = args.db or workdir / "load.duckdb"
    result: dict[str, Any] = {"host": HOST, "concurrency": args.concurrency}
    have = count_events(db) if db.exists() else 0
    if have >= args.events:
        result["database"] = {"path": str(db), "events": have, "reused": True}
    else:
        if db.exists():
            sys.exit(f"{db} exists with {have} events (< {args.events}); give another --db")
        result["database"] = {"path": str(db), **generate(db, args.events, args.seed)}
    server = Server(db, workdir / "serve.log")
    try:
        plan = request_plan(server.base, args.requests + args.warmup, args.seed)
        result["endpoints"] = {}
        for name, urls in plan.items():
            asyncio.run(run_load(server.base, urls[: args.warmup], args.concurrency))
            result["endpoints"][name] = asyncio.run(
                run_load(server.base, urls[args.warmup :], args.concurrency)
            )
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)  # the server log, and the database if ours
        if args.db is None:
            result["database"]["path"] = "(temporary, removed)"
    result["endpoints"]["series"]["path"] = "/api/dyads/{a}/{b}/series"
    result["endpoints"]["events"]["path"] = "/api/events"
    result["endpoints"]["dyad_page"]["path"] = "/dyad/{a}/{b}"
    result["errors"] = sum(e["errors"] for e in result["endpoints"].values())
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
