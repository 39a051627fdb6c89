"""Options of an ingest run (set by the CLI flags or by library callers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from detente.errors import ConfigError
from detente.settings import settings

USER_AGENT = "detente/0.1 (news event coder; +https://github.com/detente-project/detente)"
# Defaults from settings.yaml, overridden by DETENTE_INGEST_BATCH_SIZE, DETENTE_MAX_BYTES
# and DETENTE_FETCH_TIMEOUT (the CLI's flags override those in turn).
INGEST_BATCH_SIZE = settings().ingest_batch_size  # articles per ingest transaction
MAX_BYTES = settings().max_bytes  # size limit of one article
FETCH_TIMEOUT = settings().fetch_timeout  # seconds to wait for a URL
COLUMN_FIELDS = ("text", "title", "published", "url", "authors", "publisher", "language")


@dataclass
class IngestOptions:
    """How to read inputs.

    ``max_bytes`` limits one article: a whole .txt/.html file or fetched page,
    and one line, row or record of a JSONL, CSV or WARC file (exports and
    archives may be large; their records may not). ``columns`` maps a field
    (text, title, published, url, authors, publisher, language) to the JSONL
    key or CSV column that holds it, overriding metadata_cues.yaml.
    """

    max_bytes: int = MAX_BYTES
    columns: dict[str, str] = field(default_factory=dict)
    strict: bool = False
    batch_size: int = INGEST_BATCH_SIZE
    timeout: float = FETCH_TIMEOUT
    user_agent: str = USER_AGENT
    near_duplicate_threshold: float = 0.8
    num_perm: int = 128
    shingle_size: int = 3

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError("max_bytes must be positive", hint="e.g. --max-bytes 10000000")
        if self.batch_size <= 0:
            raise ConfigError("batch_size must be positive", hint="e.g. --batch-size 200")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("near_duplicate_threshold must be in (0, 1]", hint="e.g. 0.8")
        unknown = set(self.columns) - set(COLUMN_FIELDS)
        if unknown:
            raise ConfigError(
                f"unknown column mapping for {', '.join(sorted(unknown))}",
                hint=f"map one of: {', '.join(COLUMN_FIELDS)}",
            )
