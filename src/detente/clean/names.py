"""Author names out of bylines: split, trim, and keep only what looks like a name.

A byline pattern ("By X") also matches lines that are not bylines ("By Tuesday,
Moscow had ..."); requiring every kept part to look like a personal name is
what stops those from becoming authors.
"""

from __future__ import annotations

import re

from detente.clean.rules import RuleSet

_WS = re.compile(r"\s+")


def split_authors(value: str | list[str], rules: RuleSet, *, strict: bool = True) -> list[str]:
    """Names in a byline or metadata value, in order, without duplicates.

    ``strict`` (text cues) keeps only parts shaped like a personal name; metadata
    from HTML or a column is trusted more and keeps any short part.
    """
    spec = rules.cues_file.authors
    parts: list[str] = []
    for item in [value] if isinstance(value, str) else list(value):
        if item is None:  # a null in a JSON list of authors is not a person called "None"
            continue
        parts.extend(re.split(spec.separators, str(item)))
    drop = {w.casefold() for w in spec.drop_words}
    names: list[str] = []
    for part in parts:
        name = _WS.sub(" ", part).strip(" .,;:|-–—()[]*_")
        for pattern in rules.author_strip:
            name = pattern.sub("", name).strip()
        if not name:
            continue
        if name.isupper() and len(name) > 3:
            name = name.title()  # "JANE ROE" -> "Jane Roe"
        if strict and not rules.name_pattern.match(name):
            continue
        if not strict and (len(name.split()) > 6 or not any(c.isalpha() for c in name)):
            continue
        if name.split()[-1].casefold() in drop:
            continue
        if name not in names:
            names.append(name)
    return names
