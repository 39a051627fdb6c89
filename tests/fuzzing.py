"""Shared hypothesis settings and the count report of the fuzz, fault and attack test modules
(RELIABILITY.md)."""

from __future__ import annotations

import json
import os
from collections import Counter

from hypothesis import HealthCheck, settings

# DETENTE_FUZZ_SCALE=10 multiplies every example budget (the extended run).
SCALE = int(os.environ.get("DETENTE_FUZZ_SCALE", "1"))


def fuzz(n: int) -> settings:
    """Hypothesis settings for CI: bounded, no deadline, no example database."""
    return settings(
        max_examples=n * SCALE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def report_counts(
    module: str,
    examples: Counter,
    records: Counter | None = None,
    *,
    what: str = "fuzzed inputs",
) -> None:
    """Print how many inputs (faults, attacks...) a module tried; append a JSON line to
    $DETENTE_FUZZ_LOG if set (RELIABILITY.md sums them)."""
    total = sum(examples.values())
    extra = f"; records checked {dict(records)}" if records is not None else ""
    print(f"\n{module}: {total} {what} {dict(examples)}{extra}")
    log = os.environ.get("DETENTE_FUZZ_LOG")
    if log:
        row = {"module": module, "total": total, **examples}
        if records is not None:
            row["records"] = dict(records)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")
