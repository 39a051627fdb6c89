"""The exceptions detente raises, and the few groups a caller catches.

    DetenteError         E000  anything detente raises on purpose
     ├── InputError       E100  one input cannot be read; skip it, the run goes on
     │    ├── UnsupportedInput  E101  a kind of file we have no reader for
     │    ├── EmptyInput        E102  nothing left after reading/cleaning
     │    ├── TooLarge          E103  over the configured size limit
     │    ├── DecodeFailure     E104  bytes that no likely encoding decodes
     │    ├── FetchFailure      E105  a URL that could not be fetched
     │    ├── MalformedRecord   E106  one record of an export or archive is broken
     │    └── CorrectionError   E110  a correction that cannot be stored (store/corrections.py)
     ├── ConfigError      E200  a settings or dictionary file is wrong
     │    └── ModelError        E210  a model file is missing, corrupt, foreign or of another version
     ├── OntologyError    E300  an unknown CAMEO/PLOVER code was asked for
     ├── StoreError       E400  the database cannot be opened or written
     ├── QueryError       E600  a query parameter is not acceptable (analytics/params.py)
     └── NotFound         E601  no such record (web/errors.py)

Every message names the input at fault and says what to do next, because the
end-of-run summary shows it to a user who cannot read our code. A code is a
class attribute: code that reports a problem without raising (a ``Problem``
record) takes it from the class (``MalformedRecord.code``), never a literal.
docs/ERRORS.md is the catalogue of codes and meanings, generated from these
classes (:func:`render_catalogue`; tests/test_errors.py keeps it current).
"""

from __future__ import annotations

import re


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    code: str = "E000"

    def __init__(self, message: str, *, hint: str | None = None, source: str | None = None):
        self.message = message
        self.hint = hint
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = self.message
        if self.source:
            text = f"{self.source}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class InputError(DetenteError):
    """One input (a file, a record, a URL) cannot be read; it is skipped and the run goes on."""

    code = "E100"


class UnsupportedInput(InputError):
    """A kind of input detente has no reader for (an extension, a content type, a special file)."""

    code = "E101"


class EmptyInput(InputError):
    """An input with no article text: empty, blank, or nothing left after cleaning."""

    code = "E102"


class TooLarge(InputError):
    """An input over the size limit (--max-bytes), or an article longer than the parser reads."""

    code = "E103"


class DecodeFailure(InputError):
    """Bytes that no likely text encoding decodes."""

    code = "E104"


class FetchFailure(InputError):
    """A URL that could not be fetched (no connection, an HTTP error status)."""

    code = "E105"


class MalformedRecord(InputError):
    """One record of an export or archive (a JSONL line, a CSV row, a WARC record) is broken."""

    code = "E106"


class ConfigError(DetenteError):
    """A settings, dictionary or pattern file is wrong; nothing can run until it is fixed."""

    code = "E200"


class ModelError(ConfigError):
    """A model file is missing, corrupt, foreign or of another version."""

    code = "E210"


class OntologyError(DetenteError):
    """An unknown CAMEO or PLOVER code was asked for."""

    code = "E300"


class StoreError(DetenteError):
    """The database cannot be opened, read or written (locked, damaged, full disk, old schema)."""

    code = "E400"


# Modules that define more DetenteError subclasses (kept next to what raises them);
# the catalogue imports them so that it lists every code.
_DEFINED_ELSEWHERE = (
    "detente.store.corrections",
    "detente.analytics.params",
    "detente.web.errors",
)


def catalogue() -> list[type[DetenteError]]:
    """Every DetenteError class, ordered by code (the base first)."""
    import importlib

    for module in _DEFINED_ELSEWHERE:
        importlib.import_module(module)
    found: list[type[DetenteError]] = []
    todo: list[type[DetenteError]] = [DetenteError]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.append(cls)
            todo += cls.__subclasses__()
    return sorted(found, key=lambda c: (c.code, c.__name__))


def tree() -> dict[str, tuple[str, str]]:
    """The tree drawn in this module's docstring: class name -> (code, meaning)."""
    out = {}
    for line in (__doc__ or "").splitlines():
        m = re.match(r"^[\s│├└─]*(\w+)\s+(E\d{3})\s+(.*)$", line)
        if m:
            out[m[1]] = (m[2], m[3].strip())
    return out


def _tree_meaning(cls: type[DetenteError]) -> str:
    """For a class without a docstring: what the tree says of it, as a sentence."""
    meaning = tree().get(cls.__name__, ("", ""))[1]
    meaning = re.sub(r"\s*\([\w/.]+\.py\)$", "", meaning)
    return (meaning[:1].upper() + meaning[1:] + ".") if meaning else ""


def render_catalogue() -> str:
    """docs/ERRORS.md: one row per code, from the classes' codes and docstrings."""
    lines = [
        "# Error codes",
        "",
        "Every error detente reports carries a code: in the end-of-run summary",
        "(`[E106] export.jsonl:2: ...`), in the `problems` table of the database and in",
        "the JSON errors of the web API. Each code is one exception class in",
        "`detente.errors` (or next to the module that raises it); catch the group",
        "(InputError, ConfigError, StoreError, ...) rather than one class.",
        "docs/BAD_INPUT.md shows the messages each kind of bad input gets.",
        "",
        "Generated from the classes (a test fails when this page is out of date):",
        "",
        "    python -c 'from detente.errors import render_catalogue as r; print(r(), end=\"\")' > docs/ERRORS.md",
        "",
        "| code | class | group | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for cls in catalogue():
        parent = next((b for b in cls.__mro__[1:] if issubclass(b, DetenteError)), None)
        group = parent.__name__ if parent else "-"
        doc = " ".join((cls.__doc__ or "").split("\n\n")[0].split()).replace("``", "`")
        doc = doc or _tree_meaning(cls)
        where = "" if cls.__module__ == __name__ else f" (`{cls.__module__}`)"
        lines.append(f"| {cls.code} | `{cls.__name__}`{where} | {group} | {doc} |")
    return "\n".join(lines) + "\n"

