"""The built-in actor knowledge and its lexicon's tokens, cached on disk between runs.

Reading the actor files (about 500 kB of YAML and TSV, validated into pydantic models)
and tokenizing their ~7,000 surface forms for the lexicon took about half a second at
every start of `detente`. Both depend only on the data files, this code and the spaCy
version, so the first run writes them to one JSON file and later runs read it back:

    <cache dir>/actors-<digest>.json     (cache dir: settings.yaml ``cache_dir``,
                                          else $XDG_CACHE_HOME/detente or ~/.cache/detente)

``digest`` hashes every file in ``detente/data/actors`` (names and bytes), the modules
that give the knowledge its shape (knowledge.py and this one), and the versions of
detente, spaCy and pydantic: editing a data file, upgrading spaCy or changing a model
class selects a new file (the newest few are kept, for checkouts side by side). The file
has three lines: a header naming its digest and the SHA-256 of the rest, the knowledge,
the tokens. A file that is unreadable, truncated, edited or of another version is ignored
(and replaced), so a broken cache costs the time of a cold start, never a different
result. Nothing is pickled: the knowledge is pydantic's JSON of :class:`ActorKnowledge`,
validated again when read, and the tokens are lists of strings.

Only the defaults are cached; user files (``--actors``) are read and merged every time,
and their new surface forms are tokenized when the lexicon is built.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from detente.actors.knowledge import DATA_DIR, ActorKnowledge, load_defaults
from detente.cachedir import cache_dir, write_atomically

log = logging.getLogger(__name__)

# Bump when the file's layout changes.
FORMAT = 2
PREFIX = "actors-"
# Cache files kept (the newest): one per checkout or version in use.
KEEP = 8
# The modules whose code decides what the cached knowledge holds.
_CODE = (Path(__file__).with_name("knowledge.py"), Path(__file__))

# A form's tokens: what spaCy's English tokenizer makes of it (see detente.actors.lexicon).
Tokens = dict[str, tuple[str, ...]]


def default_dir() -> Path | None:
    """The cache directory of this process (None: caching is off)."""
    return cache_dir()


def digest(data_dir: Path = DATA_DIR) -> str:
    """What the cached knowledge and tokens are a function of (see the module docstring)."""
    import pydantic
    import spacy

    from detente import __version__

    h = hashlib.sha256()
    for part in (f"format {FORMAT}", __version__, spacy.__version__, pydantic.VERSION,
                 str(data_dir.resolve())):
        h.update(part.encode("utf-8") + b"\0")
    for path in _CODE:
        h.update(path.read_bytes() + b"\0")
    for path in sorted(p for p in data_dir.iterdir() if p.is_file()):
        h.update(path.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@dataclass(kw_only=True)
class CachedDefaults:
    """The built-in knowledge, and the lexicon tokens when the cache had them."""

    knowledge: ActorKnowledge
    tokens: Tokens | None
    path: Path | None  # where to write (None: caching is off or impossible)
    digest: str = ""
    from_cache: bool = False
    written: bool = field(default=False, repr=False)

    def store(self, tokens: Tokens) -> None:
        """Write the cache once, when it was missing, stale or broken (errors only logged:
        a read-only home directory must not stop a run)."""
        if self.from_cache or self.written or self.path is None:
            return
        self.written = True
        try:
            write(self.path, self.digest, self.knowledge, tokens)
        except OSError as exc:
            log.debug("actor cache not written to %s: %s", self.path, exc)


def cache_file(directory: Path, key: str) -> Path:
    return directory / f"{PREFIX}{key[:32]}.json"


def load_cached_defaults(
    data_dir: Path = DATA_DIR, directory: Path | None | bool = True
) -> CachedDefaults:
    """The built-in knowledge from the cache when it is fresh, else from the files.

    ``directory``: True for :func:`default_dir`, None (or False) for no cache.
    """
    if directory is True:
        directory = default_dir()
    if not directory:
        return CachedDefaults(knowledge=load_defaults(data_dir), tokens=None, path=None)
    try:
        key = digest(data_dir)
    except OSError:  # the data files are read (and their errors reported) by load_defaults
        return CachedDefaults(knowledge=load_defaults(data_dir), tokens=None, path=None)
    path = cache_file(directory, key)
    found = read(path, key)
    if found is not None:
        return CachedDefaults(
            knowledge=found[0], tokens=found[1], path=path, digest=key, from_cache=True
        )
    return CachedDefaults(knowledge=load_defaults(data_dir), tokens=None, path=path, digest=key)


def read(path: Path, key: str) -> tuple[ActorKnowledge, Tokens] | None:
    """The cached knowledge and tokens, or None when the file is missing or not to be trusted."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("digest") != key
            or header.get("sha256") != hashlib.sha256(body).hexdigest()
        ):
            raise ValueError("header does not match")
        known, _, words = body.partition(b"\n")
        knowledge = ActorKnowledge.model_validate_json(known)
        tokens = json.loads(words)
        if not isinstance(tokens, dict) or not all(
            isinstance(toks, list) and all(isinstance(t, str) for t in toks)
            for toks in tokens.values()
        ):
            raise ValueError("tokens are not lists of strings")
        tokens = {text: tuple(toks) for text, toks in tokens.items()}
    except Exception as exc:  # any damage at all: ignore the file, rebuild, rewrite
        log.debug("actor cache %s ignored: %s", path, exc)
        return None
    return knowledge, tokens


def write(path: Path, key: str, knowledge: ActorKnowledge, tokens: Tokens) -> None:
    """Write atomically (a concurrent reader sees the old file or the new one); keep the
    KEEP newest cache files."""
    # two lines: the knowledge (pydantic's JSON, validated again when read), then the tokens
    body = knowledge.model_dump_json().encode("utf-8") + b"\n" + json.dumps(
        {text: list(toks) for text, toks in tokens.items()}, ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    header = json.dumps(
        {"format": FORMAT, "digest": key, "sha256": hashlib.sha256(body).hexdigest()}
    ).encode("utf-8")
    write_atomically(path, lambda fh: fh.write(header + b"\n" + body), prefix=".actors-")
    others = []
    for old in path.parent.glob(f"{PREFIX}*.json"):
        with contextlib.suppress(OSError):
            if old != path:
                others.append((old.stat().st_mtime, old))
    for _, old in sorted(others, reverse=True)[KEEP - 1:]:
        with contextlib.suppress(OSError):
            old.unlink()
