"""Settings in one place: documented defaults, overridden by the environment.

    defaults   detente/data/settings.yaml (every entry commented)
      < environment   DETENTE_<NAME>, e.g. DETENTE_BATCH_SIZE=50
        < flags       a command's option, where it has one (--batch-size)

:func:`settings` reads and validates them once per process; the modules that
had a constant keep it as a name (``pipeline.BATCH_SIZE``, ``series.N_BOOT``)
that reads from here, so callers do not change. :func:`load_settings` reads
afresh (tests, or a caller with its own environment).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from detente.errors import ConfigError, Errors
from detente.yaml_data import safe_load

ENV_PREFIX = "DETENTE_"
DEFAULTS = "settings.yaml"


class Settings(BaseModel):
    """What settings.yaml may hold, and the values each setting accepts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    batch_size: int = Field(ge=1, le=100_000)
    matrix_library: Literal["numpy", "blis"]
    blas_threads: int = Field(ge=1, le=1024)
    jobs: Literal["auto"] | Annotated[int, Field(ge=1, le=1024)]
    ingest_batch_size: int = Field(ge=1, le=1_000_000)
    bootstrap_resamples: int = Field(ge=10, le=1000)
    cache_dir: str | None = None
    max_bytes: int = Field(ge=1, le=1 << 40)
    fetch_timeout: float = Field(gt=0, le=3600)
    serve_threads: int = Field(ge=1, le=256)
    allowed_hosts: str | None = None
    max_response_bytes: int = Field(ge=1024, le=1 << 34)


def env_name(setting: str) -> str:
    """The environment variable that overrides ``setting``."""
    return ENV_PREFIX + setting.upper()


def _defaults() -> dict[str, Any]:
    text = resources.files("detente.data").joinpath(DEFAULTS).read_text(encoding="utf-8")
    data = safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError(Errors.E200_NO_SETTINGS, defaults=DEFAULTS)
    return data


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The defaults file with the environment's DETENTE_* overrides, validated.

    Raises ConfigError naming the setting and where its wrong value came from.
    """
    environ = os.environ if environ is None else environ
    values = _defaults()
    origin = {name: f"detente/data/{DEFAULTS}" for name in values}
    for name in Settings.model_fields:
        var = env_name(name)
        if environ.get(var, "").strip():
            values[name] = environ[var].strip()
            origin[name] = f"environment variable {var}"
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else "?"
        where = origin.get(name, f"detente/data/{DEFAULTS}")
        message = (
            Errors.E200_BAD_SETTING_FROM_ENVIRONMENT
            if where.startswith("environment")
            else Errors.E200_BAD_SETTING
        )
        raise ConfigError(
            message, name=name, msg=err["msg"], where=where, variable=env_name(name)
        ) from None


@functools.cache
def settings() -> Settings:
    """The settings of this process (read once, at first use)."""
    return load_settings()
