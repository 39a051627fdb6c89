"""Resolve an article's metadata from structured hints and the cues the cleaner found.

Each field has a precedence list in metadata_cues.yaml: structured metadata
(HTML meta tags, JSONL/CSV columns) first, then the text's own cues, then
derived guesses that are still grounded in the input (the date in the URL
path, the URL's domain). The first candidate that yields a valid value wins,
and ``evidence[field]`` says which one, so ``detente show --explain`` can
answer "where does this date come from?". A field nobody states stays None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from detente.clean.cleaner import CleanResult
from detente.clean.dates import date_in_url, parse_date
from detente.clean.language import identify_language
from detente.clean.names import split_authors
from detente.clean.publishers import default_publishers, host_of, registered_domain
from detente.clean.rules import RuleSet, default_ruleset

_URL = re.compile(r"^https?://[^\s<>\"]+$")
_WS = re.compile(r"\s+")
_HOST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)


@dataclass
class Hint:
    """A metadata value from the input's structure, and where exactly it was read."""

    value: Any
    source: str  # e.g. "<meta property='og:site_name'>", "JSONL key 'headline'"


# Hints are keyed by field name; "address" is the URL an input was fetched from,
# weaker than a URL the page or the text states (see precedence.url).


@dataclass
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def _short(text: str, limit: int = 90) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Resolver:
    def __init__(self, cleaned: CleanResult, hints: dict[str, Hint], rules: RuleSet):
        self.cleaned = cleaned
        self.hints = hints
        self.rules = rules
        self.meta = Metadata()

    def candidates(self, fname: str) -> Iterator[tuple[Any, str]]:
        """(value, evidence) pairs for a field, in precedence order, each made when asked
        for: :meth:`resolve` stops at the first valid one, so a field the input's metadata
        states costs no derivation (language identification, the URL's domain)."""
        for rule_id in self.rules.cues_file.precedence.get(fname, []):
            if rule_id in ("metadata", "address"):
                hint = self.hints.get(fname if rule_id == "metadata" else rule_id)
                if hint is not None and hint.value not in (None, "", []):
                    yield hint.value, f"{rule_id}: {hint.source}"
                continue
            derived = self.derived(rule_id)
            if derived is not None:
                yield derived
                continue
            found = [f for f in self.cleaned.found if f.rule == rule_id and f.field == fname]
            if fname == "authors" and found:
                f0 = found[0]
                values = [f.value for f in found if f.line == f0.line]
                yield values, f"{rule_id}: {_short(f0.text)!r} (line {f0.line})"
            else:
                for f in found:
                    yield f.value, f"{f.rule}: {_short(f.text)!r} (line {f.line})"

    def derived(self, rule_id: str) -> tuple[Any, str] | None:
        m = self.meta
        if rule_id == "url-path-date" and m.url:
            value = date_in_url(m.url)
            return (value, f"url-path-date: {m.url}") if value else None
        if rule_id == "url-domain" and m.url:
            host = host_of(m.url)
            name = default_publishers().for_host(host) if host else None
            return (name, f"url-domain: {host} (publishers.yaml)") if name else None
        if rule_id == "url-host" and m.url:
            host = host_of(m.url)
            if not host:
                return None
            return registered_domain(host), f"url-host: {host} (not in publishers.yaml)"
        if rule_id == "language-id":
            spec = self.rules.cues_file.language
            got = identify_language(
                self.cleaned.body[: spec.max_chars],
                min_chars=spec.min_chars,
                min_probability=spec.min_probability,
            )
            return (got[0], f"language-id: py3langid {got[0]} (p={got[1]:.2f})") if got else None
        return None

    def normalise(self, fname: str, value: Any, evidence: str) -> Any:
        if fname == "title":
            text = _WS.sub(" ", str(value)).strip()
            return text or None
        if fname == "authors":
            strict = not evidence.startswith("metadata")
            return split_authors(value, self.rules, strict=strict) or None
        if fname == "published":
            return parse_date(value)
        if fname == "publisher":
            text = str(value).strip()
            if not text:
                return None
            pubs = default_publishers()
            if _HOST.match(text):  # a site name that is only a domain ("example.org")
                return pubs.for_host(text) or pubs.canonical(text)
            return pubs.canonical(text)
        if fname == "url":
            text = str(value).strip().strip("<>").rstrip(".,;)")
            return text if _URL.match(text) else None
        if fname == "language":
            code = str(value).strip().lower().replace("_", "-").split("-")[0]
            # ISO 639 codes are letters ("00" or "e1" in an export is noise, not a language).
            return code if 2 <= len(code) <= 3 and code.isascii() and code.isalpha() else None
        raise KeyError(fname)

    def resolve(self) -> Metadata:
        # url first: the url-path date and the url-domain publisher derive from it.
        for fname in ("url", "title", "authors", "published", "publisher", "language"):
            for value, evidence in self.candidates(fname):
                norm = self.normalise(fname, value, evidence)
                if norm:
                    setattr(self.meta, fname, norm)
                    self.meta.evidence[fname] = evidence
                    break
        return self.meta


def resolve_metadata(
    cleaned: CleanResult, hints: dict[str, Hint] | None = None, rules: RuleSet | None = None
) -> Metadata:
    """The article's title, authors, date, publisher, url and language, with evidence."""
    return _Resolver(cleaned, hints or {}, rules or default_ruleset()).resolve()
