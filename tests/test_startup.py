"""A fast start: the actor cache (detente.actors.cache) and the imports `detente code` avoids.

The cache must never change a result: it is used when fresh, rebuilt when a data file
changes, and ignored (then rewritten) when damaged. Timings are in BENCHMARKS.md and docs/SPEED_HISTORY.md
(`benchmarks/bench_pipeline.py --start 7`), not here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from detente.actors import ActorResolver, load_defaults
from detente.actors import cache as actor_cache
from detente.actors.knowledge import DATA_DIR
from detente.actors.lexicon import Lexicon
from detente.nlp import load_nlp

TEXTS = [
    "Russia expelled two American diplomats.",
    "Chinese President Xi Jinping met Brazil's president in Beijing; the Kremlin said the "
    "U.S. State Department and NATO's Jens Stoltenberg were not invited.",
    "PUTIN SAYS KYIV MUST WITHDRAW. The prime minister of India told MPs at 5 pm that "
    "Hamas militants and Israeli troops had clashed near Gaza.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _mentions(resolver: ActorResolver, nlp) -> list[tuple]:
    out = []
    for i, text in enumerate(TEXTS):
        for m in resolver.resolve(nlp(text), f"t{i}", "2023-04-06"):
            out.append((i, m.start, m.end, m.text, m.code, m.kind, m.resolved_by, m.actor_id))
    return out


@pytest.fixture(scope="module")
def reference(nlp) -> list[tuple]:
    """What the resolver finds with no cache at all (the files read, every form tokenized)."""
    return _mentions(ActorResolver(load_defaults()), nlp)


def _cached_resolver(directory: Path, data_dir: Path = DATA_DIR) -> tuple[ActorResolver, bool]:
    cached = actor_cache.load_cached_defaults(data_dir, directory)
    return ActorResolver(cached.knowledge, cached), cached.from_cache


def test_a_fresh_cache_is_used_and_gives_the_same_result(tmp_path, nlp, reference, monkeypatch):
    first, from_cache = _cached_resolver(tmp_path)
    assert not from_cache and not list(tmp_path.glob("actors-*.json"))
    assert _mentions(first, nlp) == reference  # builds the lexicon, then writes the cache
    assert len(list(tmp_path.glob("actors-*.json"))) == 1

    def no_files(*_a, **_k):
        raise AssertionError("the data files were read although the cache is fresh")

    monkeypatch.setattr(actor_cache, "load_defaults", no_files)
    second, from_cache = _cached_resolver(tmp_path)
    assert from_cache
    assert second.kb == load_defaults()
    assert _mentions(second, nlp) == reference


def test_a_changed_data_file_rebuilds_the_cache(tmp_path, nlp):
    data = tmp_path / "actors"
    shutil.copytree(DATA_DIR, data)
    cache_dir = tmp_path / "cache"
    resolver, _ = _cached_resolver(cache_dir, data)
    resolver.lexicon(nlp.vocab)
    old = {p.name for p in cache_dir.glob("actors-*.json")}
    assert len(old) == 1 and _cached_resolver(cache_dir, data)[1]

    agents = data / "agents.yaml"
    agents.write_text(
        agents.read_text(encoding="utf-8").replace("- id: ", "- id: zz-envoy\n  words: [special envoy]\n  sector: DIP\n- id: ", 1),
        encoding="utf-8",
    )
    resolver, from_cache = _cached_resolver(cache_dir, data)
    assert not from_cache
    assert "zz-envoy" in resolver.kb.agents
    hits = resolver.lexicon(nlp.vocab).hits(nlp("The special envoy arrived."))
    assert any("zz-envoy" in h.refs for h in hits.values())
    new = {p.name for p in cache_dir.glob("actors-*.json")} - old
    assert len(new) == 1
    again, from_cache = _cached_resolver(cache_dir, data)
    assert from_cache and "zz-envoy" in again.kb.agents


@pytest.mark.parametrize(
    "damage",
    ["empty", "garbage", "truncated", "edited payload", "other digest", "not utf-8"],
)
def test_a_damaged_cache_is_ignored_with_the_same_result(tmp_path, nlp, reference, damage):
    resolver, _ = _cached_resolver(tmp_path)
    resolver.lexicon(nlp.vocab)
    (path,) = tmp_path.glob("actors-*.json")
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n")
    if damage == "empty":
        raw = b""
    elif damage == "garbage":
        raw = b"{not json"
    elif damage == "truncated":
        raw = raw[: len(raw) // 2]
    elif damage == "edited payload":  # still valid JSON: the checksum catches it
        raw = head + b"\n" + body.replace(b'"RUS"', b'"USA"', 1)
        assert raw != path.read_bytes()
    elif damage == "other digest":
        header = json.loads(head)
        header["digest"] = "0" * 64
        raw = json.dumps(header).encode() + b"\n" + body
    else:
        raw = b"\xff\xfe" + raw[2:]
    path.write_bytes(raw)

    damaged, from_cache = _cached_resolver(tmp_path)
    assert not from_cache
    assert _mentions(damaged, nlp) == reference
    # ... and rewritten: the next start uses it again
    assert _cached_resolver(tmp_path)[1]


def test_cache_dir_off_writes_nothing(tmp_path, monkeypatch, nlp, reference):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    from detente import settings as settings_mod

    monkeypatch.setattr(settings_mod, "settings", lambda: settings_mod.load_settings(
        {"DETENTE_CACHE_DIR": "off"}))
    assert actor_cache.default_dir() is None
    cached = actor_cache.load_cached_defaults()
    resolver = ActorResolver(cached.knowledge, cached)
    assert _mentions(resolver, nlp) == reference
    assert not any(tmp_path.rglob("actors-*.json"))
    monkeypatch.setattr(settings_mod, "settings", lambda: settings_mod.load_settings({}))
    assert actor_cache.default_dir() == tmp_path / "xdg" / "detente"


def test_patterns_from_cached_tokens_are_the_tokenizers(nlp):
    """The PhraseMatcher patterns written from cached tokens are the LOWER values spaCy reads
    from a Doc of the form: the same patterns, the same matches in the same order."""
    kb = load_defaults()
    built = Lexicon(kb, nlp.vocab)  # every form tokenized
    assert len(built.tokens) > 5000
    tokenizer = spacy.blank("en", vocab=nlp.vocab).tokenizer  # the one Lexicon uses
    for text, toks in list(built.tokens.items())[::5]:
        doc = tokenizer(text)
        assert tuple(t.text for t in doc) == toks
        assert [nlp.vocab.strings.add(t.lower()) for t in toks] == list(doc.to_array("LOWER"))
    again = Lexicon(kb, nlp.vocab, tokens=built.tokens)
    assert list(again._senses) == list(built._senses)
    docs = [nlp(t) for t in TEXTS]
    for matcher in ("names", "agents"):
        a, b = getattr(again, matcher), getattr(built, matcher)
        assert a.__reduce__()[1][1] == b.__reduce__()[1][1]  # key -> patterns
        assert [a(d) for d in docs] == [b(d) for d in docs]  # matches, in the same order
    # the keys' vocabulary entries are the matchers' own: the shared vocabulary is untouched
    assert "name:Russia" not in nlp.vocab and "name:Russia" not in nlp.vocab.strings
    assert "name:Russia" in again.names.vocab


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from detente.cli import main; main()", *args],
                          env=env, capture_output=True, text=True, timeout=300)


def test_detente_code_is_the_same_cold_warm_and_with_a_broken_cache(tmp_path):
    env = {**os.environ, "DETENTE_CACHE_DIR": str(tmp_path)}
    args = ["code", TEXTS[1], "--format", "json", "--date", "2023-04-06"]
    cold = _run(args, env)
    assert cold.returncode == 0, cold.stderr
    (path,) = tmp_path.glob("actors-*.json")
    warm = _run(args, env)
    path.write_bytes(path.read_bytes()[:1000])
    broken = _run(args, env)
    assert json.loads(cold.stdout) and cold.stdout == warm.stdout == broken.stdout


def test_the_command_line_starts_without_the_heavy_imports():
    code = (
        "import sys\n"
        "import detente.cli\n"
        "heavy = ['duckdb', 'pyarrow', 'pandas', 'scipy', 'sklearn', 'datasketch', 'dateparser',"
        " 'detente.ingest', 'detente.store', 'trafilatura', 'httpx']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def test_the_command_lines_constants_are_the_libraries():
    import importlib

    from detente.cli import articles_cmd

    cli_app = importlib.import_module("detente.cli.app")  # detente.cli.app is the Typer app
    from detente.ingest import IngestOptions
    from detente.store import DEFAULT_DB

    assert cli_app.DEFAULT_DB == DEFAULT_DB
    assert IngestOptions.max_bytes == articles_cmd.MAX_BYTES
