"""Every subpackage's public names (``__all__``) resolve, and ``import *`` works.

As httpx's tests/test_exported_members.py: a name listed in ``__all__`` but never
imported breaks ``from detente.ingest import *`` for every user, far from the edit
that caused it.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import detente

SUBPACKAGES = sorted(
    m.name for m in pkgutil.iter_modules(detente.__path__, "detente.") if m.ispkg
)
# Subpackages whose __all__ is kept sorted (the others are ordered by hand, for now).
SORTED = ("detente", "detente.ingest", "detente.store", "detente.analytics", "detente.web")


def test_the_subpackages_are_found() -> None:
    assert {"detente.ingest", "detente.store", "detente.analytics"} <= set(SUBPACKAGES)


@pytest.mark.parametrize("name", ["detente", *SUBPACKAGES])
def test_all_resolves_and_star_import_works(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        pytest.skip(f"{name} declares no __all__")
    assert len(exported) == len(set(exported)), f"{name}.__all__ names something twice"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define or import: {missing}"
    namespace: dict[str, object] = {}
    exec(f"from {name} import *", namespace)  # noqa: S102 - the statement users write
    assert set(exported) <= set(namespace)
    if name in SORTED:
        assert list(exported) == sorted(exported), f"{name}.__all__ is not sorted"
