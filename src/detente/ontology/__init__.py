"""CAMEO and PLOVER as data: the one place detente asks "what is code 1663?".

    >>> from detente.ontology import lookup, map_plover_label
    >>> lookup("1663").plover, lookup("1663").goldstein
    ('SANCTION', -7.0)
    >>> map_plover_label("fight")
    'ASSAULT'

The tables are ``detente/data/cameo.tsv`` and ``detente/data/plover.yaml``; both
are validated when first used (ConfigError names the bad line or key) and then
cached for the process. ``load_cameo(path)`` / ``load_plover(path)`` load other
copies, e.g. a reviewer's edited table, without touching the cache.
"""

from detente.ontology.cameo import (
    CameoCode,
    CameoTable,
    all_codes,
    codes_for_plover,
    codes_in_root,
    default_cameo,
    is_valid,
    load_cameo,
    lookup,
    normalize_code,
    root_of,
)
from detente.ontology.plover import (
    PloverMode,
    PloverOntology,
    PloverType,
    auxiliary_modes,
    default_plover,
    is_plover_type,
    load_plover,
    map_plover_label,
    plover_contexts,
    plover_description,
    plover_type,
    plover_types,
)

__all__ = [
    "CameoCode",
    "CameoTable",
    "PloverMode",
    "PloverOntology",
    "PloverType",
    "all_codes",
    "auxiliary_modes",
    "codes_for_plover",
    "codes_in_root",
    "default_cameo",
    "default_plover",
    "is_plover_type",
    "is_valid",
    "load_cameo",
    "load_plover",
    "lookup",
    "map_plover_label",
    "normalize_code",
    "plover_contexts",
    "plover_description",
    "plover_type",
    "plover_types",
    "root_of",
]
