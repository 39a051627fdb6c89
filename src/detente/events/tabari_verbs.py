"""Import a TABARI / PETRARCH verb dictionary as detente event patterns.

Event-data teams keep years of work in these files; `detente import-verbs FILE
--out patterns.yaml` turns them into detente's pattern entries (with a comment
naming the source line), to be used with ``--patterns patterns.yaml``.

What is read (TABARI manual ch. 6; PETRARCH's CAMEO verb dictionary)::

    --- ACCUSE   [112] ---          a block: the verbs under it default to code 112
    ACCUSE                          a verb (its default code from the block)
    DENOUNCE  [111]                 a verb with its own code
    CALL_OFF  [---]                 a phrasal verb ("call off"); [---] codes nothing
    - * + OF  [1121]                pattern: * the verb, + the target, then words
    - * TALKS  [044]                a word after the verb: its object
    - * + WITH  [041]               a preposition after the target: prep + target

Words before ``*`` and ``$`` (source position) are dropped: detente takes the
source from the verb's subject. Synonym sets (``&NAME``), compound markers (``%``)
and other constructions detente cannot express are reported and skipped, never
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import Errors

PARTICLES = {"off", "out", "up", "down", "over", "back", "away", "in", "on", "around", "apart"}
PREPOSITIONS = {
    "of", "with", "to", "against", "on", "at", "for", "from", "into", "over", "about", "upon",
    "toward", "towards", "in", "by", "between", "among",
}
_BLOCK = re.compile(r"^-{2,}\s*(?P<name>[^\[]*?)\s*\[(?P<code>[^\]]*)\]\s*-{2,}\s*$")
_VERB = re.compile(r"^(?P<word>[A-Za-z][A-Za-z_'\-]*)\s*(?:\{[^}]*\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$")
_PATTERN = re.compile(r"^-\s+(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$")


@dataclass
class VerbImport:
    verbs: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, why

    def to_yaml(self) -> str:
        import yaml

        header = ("# Event patterns imported by `detente import-verbs`; use with --patterns FILE.\n"
                  "# Each comment names the source line. Review before use.\n")
        return header + yaml.safe_dump({"verbs": self.verbs}, sort_keys=False, allow_unicode=True,
                                       width=120)


def _code(raw: str | None) -> str | None:
    if raw is None:
        return None
    code = raw.strip().split(":")[0].strip()
    return None if not code or set(code) == {"-"} else code


def _strip_comment(line: str) -> str:
    for mark in (";", "#"):
        if mark in line:
            line = line[: line.index(mark)]
    return line.rstrip()


def parse_verbs(text: str, source: str = "verbs") -> VerbImport:
    """Patterns from the text of a verb dictionary; unreadable lines are listed, not guessed."""
    from detente.ontology import is_valid

    out = VerbImport()
    block_code: str | None = None
    verb: tuple[str, list[str]] | None = None  # (lemma, particle)
    verb_code: str | None = None
    counts: dict[str, int] = {}

    def add(entry: dict[str, Any], no: int, line: str) -> None:
        if not is_valid(entry["cameo"]):
            out.skipped.append((no, line, f"unknown CAMEO code {entry['cameo']!r}"))
            return
        base = "tabari-" + "-".join([*entry["lemma"], *entry.get("particle", [])]).replace(" ", "-")
        counts[base] = counts.get(base, 0) + 1
        entry["id"] = base if counts[base] == 1 else f"{base}-{counts[base]}"
        entry["comment"] = f"imported from {source} line {no}: {line.strip()}"
        out.verbs.append({"id": entry.pop("id"), **entry})

    for no, raw_line in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw_line)
        if not line.strip():
            continue
        if m := _BLOCK.match(line.strip()):
            block_code = _code(m.group("code"))
            verb = None
            continue
        if m := _PATTERN.match(line.strip()):
            if verb is None:
                out.skipped.append((no, raw_line, "pattern before any verb"))
                continue
            code = _code(m.group("code"))
            if code is None:
                continue  # [---]: the pattern codes nothing
            entry = _pattern_entry(verb, m.group("body"), code)
            if isinstance(entry, str):
                out.skipped.append((no, raw_line, entry))
            else:
                add(entry, no, raw_line)
            continue
        if m := _VERB.match(line.strip()):
            words = [w for w in m.group("word").lower().split("_") if w]
            if not words:
                continue
            particle = words[1:]
            if particle and not all(p in PARTICLES for p in particle):
                out.skipped.append((no, raw_line, "multi-word verb that is not verb + particle"))
                verb = None
                continue
            verb = (words[0], particle)
            verb_code = _code(m.group("code")) if m.group("code") is not None else block_code
            if verb_code:
                entry: dict[str, Any] = {"lemma": [words[0]], "cameo": verb_code}
                if particle:
                    entry["particle"] = particle
                add(entry, no, raw_line)
            continue
        out.skipped.append((no, raw_line, "not a verb, block or pattern line"))
    return out


def _pattern_entry(verb: tuple[str, list[str]], body: str, code: str) -> dict[str, Any] | str:
    tokens = body.split()
    if "*" not in tokens:
        return "pattern without * (the verb's place)"
    if any(t.startswith("&") or t.startswith("%") or t.startswith("{") for t in tokens):
        return "synonym sets, compounds and alternatives are not supported"
    after = [t for t in tokens[tokens.index("*") + 1:] if t != "$"]
    lemma, particle = verb
    entry: dict[str, Any] = {"lemma": [lemma], "cameo": code}
    if particle:
        entry["particle"] = list(particle)
    target: list[str] = []
    words: list[str] = []
    prep: str | None = None
    for t in after:
        if t == "+":
            # "* + FOR": the target is the object, a "for" phrase follows;
            # "* WITH +": the target is the object of "with"
            target.append(f"prep:{prep}" if prep is not None else "dobj")
            continue
        w = t.lower().strip("_").replace("_", " ")
        if not re.fullmatch(r"[a-z][a-z' -]*", w):
            return f"token {t!r} is not a plain word"
        if w in PREPOSITIONS and prep is None:
            prep = w
        else:
            words.append(w)
    if prep:
        entry["prep"] = [prep]
    if words:
        entry["object"] = [" ".join(words)]
    if target:
        entry["target"] = list(dict.fromkeys(target))
    return entry


def import_verbs(path: str | Path) -> VerbImport:
    from detente.errors import InputError

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(Errors.E100_CANNOT_READ_VERBS, exc=exc, source=str(p)) from exc
    return parse_verbs(text, source=p.name)
