"""Reading the ontology's data files: a user path, or the packaged default."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from detente.errors import ConfigError, Errors


def read_data_text(path: str | Path | None, default_name: str) -> tuple[str, str]:
    """Text of a user file, or of the packaged data file when path is None."""
    if path is None:
        resource = resources.files("detente").joinpath("data", default_name)
        source = f"detente/data/{default_name}"
        try:
            return resource.read_text(encoding="utf-8"), source
        except OSError as exc:  # a broken install
            raise ConfigError(
                Errors.E200_CANNOT_READ_PACKAGED_ONTOLOGY,
                default_name=default_name,
                exc=exc,
            ) from exc
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8"), str(p)
    except OSError as exc:
        raise ConfigError(Errors.E200_CANNOT_READ_ONTOLOGY, p=p, strerror=exc.strerror or exc) from exc
