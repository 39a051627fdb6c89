"""Readable outlet names for web domains and for the names datelines and credits use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from detente import yaml_data
from detente.errors import ConfigError, Errors


class _Publisher(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    domains: list[str]
    aliases: list[str] = []
    comment: str = ""


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    publishers: list[_Publisher]


@dataclass(frozen=True)
class Publishers:
    by_domain: dict[str, str]
    by_name: dict[str, str]

    def for_host(self, host: str) -> str | None:
        """The outlet publishing on this host or a parent domain of it."""
        parts = host.lower().rstrip(".").split(".")
        for i in range(len(parts) - 1):
            name = self.by_domain.get(".".join(parts[i:]))
            if name:
                return name
        return None

    def canonical(self, name: str) -> str:
        """The readable name for a name or alias; unknown names are returned tidied."""
        tidy = " ".join(name.split()).strip(" .,;:")
        return self.by_name.get(tidy.casefold(), tidy)


def host_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def registered_domain(host: str) -> str:
    """example.org for www.news.example.org (public-suffix aware, via tld)."""
    from tld import get_fld

    try:
        return get_fld(host, fix_protocol=True) or host
    except Exception:  # tld raises several kinds for hosts it does not know
        return host.removeprefix("www.")


@lru_cache(maxsize=1)
def default_publishers() -> Publishers:
    text = resources.files("detente").joinpath("data", "publishers.yaml").read_text("utf-8")
    try:
        data = _File.model_validate(yaml_data.safe_load(text))
    except (ValidationError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E200_PUBLISHERS_YAML_INVALID, exc=exc) from exc
    by_domain: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for p in data.publishers:
        for d in p.domains:
            by_domain[d.lower()] = p.name
        for alias in (p.name, *p.aliases):
            by_name[alias.casefold()] = p.name
    return Publishers(by_domain, by_name)
