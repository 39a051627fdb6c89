"""Options of an ingest run (set by the CLI flags or by library callers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from detente.errors import ConfigError, Errors
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
            raise ConfigError(Errors.E200_MAX_BYTES_NOT_POSITIVE)
        if self.batch_size <= 0:
            raise ConfigError(Errors.E200_BATCH_SIZE_NOT_POSITIVE)
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError(Errors.E200_BAD_NEAR_DUPLICATE_THRESHOLD)
        unknown = set(self.columns) - set(COLUMN_FIELDS)
        if unknown:
            raise ConfigError(
                Errors.E200_UNKNOWN_COLUMN_MAPPING,
                unknown=', '.join(sorted(unknown)),
                column_fields=', '.join(COLUMN_FIELDS),
            )
