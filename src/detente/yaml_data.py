"""Reading the YAML data files with libyaml's C loader when PyYAML was built with it.

The knowledge files (actors, patterns, cleaning rules) are large enough that the
pure-Python loader costs about a second at every start of `detente`.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml: same results, slower
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def safe_load(stream: Any) -> Any:
    """``yaml.safe_load``, faster; raises the same ``yaml.YAMLError``."""
    return yaml.load(stream, Loader=_Loader)  # noqa: S506 - a safe loader
