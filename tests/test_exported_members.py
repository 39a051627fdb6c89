"""Every subpackage's public names (``__all__``) resolve, and ``import *`` works.

As httpx's tests/test_exported_members.py: a name listed in ``__all__`` but never
imported breaks ``from detente.ingest import *`` for every user, far from the edit
that caused it.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import detente

_TOP = list(pkgutil.iter_modules(detente.__path__, "detente."))
SUBPACKAGES = sorted(m.name for m in _TOP if m.ispkg)
# Top-level modules that declare a public list of their own (detente.pipeline re-exports
# what moved to detente.coding); the others are imported by name, not with *.
MODULES_WITH_ALL = sorted(
    m.name for m in _TOP
    if not m.ispkg and "__all__" in (Path(detente.__path__[0]) / f"{m.name.split('.')[-1]}.py")
    .read_text(encoding="utf-8")
)


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def test_the_subpackages_and_modules_are_found() -> None:
    assert {"detente.ingest", "detente.store", "detente.analytics", "detente.distributed",
            "detente.cli", "detente.web"} <= set(SUBPACKAGES)
    assert "detente.pipeline" in MODULES_WITH_ALL


@pytest.mark.parametrize("name", ["detente", *SUBPACKAGES, *MODULES_WITH_ALL])
def test_all_resolves_and_star_import_works(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} declares no __all__: list its public names"
    assert exported, f"{name}.__all__ is empty"
    assert len(exported) == len(set(exported)), f"{name}.__all__ names something twice"
    private = [n for n in exported if n.startswith("_") and not n.startswith("__")]
    assert not private, f"{name}.__all__ exports private names: {private}"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define or import: {missing}"
    namespace: dict[str, object] = {}
    exec(f"from {name} import *", namespace)  # noqa: S102 - the statement users write
    assert set(exported) <= set(namespace)
    for n in exported:
        assert namespace[n] is getattr(module, n), n
    assert list(exported) in (sorted(exported), sorted(exported, key=_isort_key)), (
        f"{name}.__all__ is not sorted (alphabetically, or constants, classes, functions)"
    )
