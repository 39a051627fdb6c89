"""DuckDB storage with a versioned schema."""

from detente.store.db import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
