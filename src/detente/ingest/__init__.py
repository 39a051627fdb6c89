"""Ingest: turn files, folders, exports, archives and URLs into stored Articles.

    ingest_paths(inputs, store, options=None, progress=False) -> IngestReport
    iter_articles(inputs, options=None) -> Iterator[Article | Problem]
    expand_inputs(inputs) -> Iterator[Source | Problem]; articles_from_source(source, options)

One reader per input kind (text_reader, html_reader, jsonl_reader,
csv_reader, warc_reader, url_reader); directories are walked recursively.
Every reader's text goes through detente.clean (rules, metadata cues); the
runner stores articles in batches and marks exact and near duplicates.
"""

from detente.ingest.build import build_article
from detente.ingest.options import USER_AGENT, IngestOptions
from detente.ingest.raw import RawDoc
from detente.ingest.runner import (
    IngestReport,
    articles_from_source,
    error_from,
    ingest_paths,
    iter_articles,
    problem_from,
)
from detente.ingest.sources import READERS, Source, expand_inputs

__all__ = [
    "IngestOptions",
    "IngestReport",
    "READERS",
    "RawDoc",
    "Source",
    "USER_AGENT",
    "articles_from_source",
    "build_article",
    "error_from",
    "expand_inputs",
    "ingest_paths",
    "iter_articles",
    "problem_from",
]
