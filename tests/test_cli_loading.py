"""What a one-shot command loads is built with the cyclic collector off, then frozen."""

from __future__ import annotations

import gc

import pytest

from detente.cli.app import loading
from detente.nlp import model as _nlp_model  # noqa: F401  (loading() imports it lazily)


def test_loading_keeps_the_collector_off_then_freezes_what_was_built():
    """The module loading() imports is imported above: that import's own collections,
    run before the block starts, are not the block's (the test failed when run alone)."""
    gc.unfreeze()
    try:
        before = gc.get_threshold()
        started: list[int] = []

        def count(phase: str, info: dict) -> None:
            if phase == "start":
                started.append(info["generation"])

        gc.callbacks.append(count)
        try:
            with loading():
                gc.enable()  # as spaCy's msgpack reader does after each file
                built = [[object()] for _ in range(50_000)]
            assert started == []  # no collection over half-built dictionaries
        finally:
            gc.callbacks.remove(count)
        assert gc.get_threshold() == before and gc.get_freeze_count() > 0
        assert len(built) == 50_000
        # twin: outside it, the same allocations are collected as usual
        gc.callbacks.append(count)
        try:
            more = [[object()] for _ in range(50_000)]
        finally:
            gc.callbacks.remove(count)
        assert started and len(more) == 50_000
    finally:
        gc.unfreeze()


def test_loading_turns_the_collector_back_on_after_an_error():
    gc.unfreeze()
    try:
        before = gc.get_threshold()
        with pytest.raises(ValueError), loading():
            raise ValueError("a pattern file that does not validate")
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()


def test_a_coding_process_collects_its_young_objects_less_often(monkeypatch):
    """freeze_loaded, called inside the block that builds the coder, leaves a coding
    process with the higher young-generation threshold: the block's exit keeps it."""
    from detente import coding
    from detente.nlp.model import collector_paused

    before = gc.get_threshold()
    monkeypatch.setattr(coding, "_frozen", False)
    try:
        with collector_paused():
            coding.freeze_loaded()
        assert gc.get_threshold() == (coding.GC_YOUNG_THRESHOLD, *before[1:])
        # twin: a block that does not freeze gives back the thresholds it found
        gc.set_threshold(*before)
        with collector_paused():
            pass
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
