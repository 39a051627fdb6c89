"""The public API: everything in `detente.__all__` resolves, and the list stays sorted."""

from __future__ import annotations

import detente


def test_all_is_sorted_and_resolves():
    assert detente.__all__ == sorted(detente.__all__)
    for name in detente.__all__:
        assert getattr(detente, name) is not None, name


def test_unknown_attribute_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError):
        detente.no_such_thing  # noqa: B018
