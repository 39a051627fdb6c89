"""Cleaning of scraped text, metadata cues, and near-duplicate detection.

    clean_text(text, known_title=None) -> CleanResult   body, comments, removals, cues
    resolve_metadata(cleaned, hints)   -> Metadata      title, authors, date, ... + evidence
    signature(text) / NearDuplicateIndex                MinHash/LSH near-duplicates

The rules are data: detente/data/cleaning_rules.yaml, metadata_cues.yaml and
publishers.yaml (see ``load_ruleset`` to use your own copies).
"""

from detente.clean.cleaner import CleanResult, Found, clean_text
from detente.clean.dates import date_in_url, parse_date
from detente.clean.duplicates import NearDuplicateIndex, from_stored, shingles, signature
from detente.clean.metadata import Hint, Metadata, resolve_metadata
from detente.clean.rules import RuleSet, default_ruleset, load_ruleset

__all__ = [
    "CleanResult",
    "Found",
    "Hint",
    "Metadata",
    "NearDuplicateIndex",
    "RuleSet",
    "clean_text",
    "date_in_url",
    "default_ruleset",
    "from_stored",
    "load_ruleset",
    "parse_date",
    "resolve_metadata",
    "shingles",
    "signature",
]
