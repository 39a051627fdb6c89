"""The error catalogue is complete: every code is one class, in the tree and in docs/ERRORS.md."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import detente
from detente import errors
from detente.errors import DetenteError, catalogue, render_catalogue, tree

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "detente"
CODE = re.compile(r"\bE\d{3}\b")


def _every_error_class() -> set[type[DetenteError]]:
    """Every DetenteError subclass defined anywhere in the package (all modules imported)."""
    for info in pkgutil.walk_packages(detente.__path__, "detente."):
        importlib.import_module(info.name)
    found, todo = set(), [DetenteError]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo += cls.__subclasses__()
    return {c for c in found if c.__module__.startswith("detente")}


def test_the_catalogue_lists_every_error_class_once_with_its_own_code() -> None:
    listed = catalogue()
    assert set(listed) == _every_error_class()
    codes = [c.code for c in listed]
    assert len(codes) == len(set(codes)), "two classes share a code"
    assert all(re.fullmatch(r"E\d{3}", c) for c in codes)
    for cls in listed:
        assert "code" in vars(cls), f"{cls.__name__} inherits its code: give it its own"


def test_the_tree_in_errors_py_draws_every_class_with_its_code() -> None:
    drawn = tree()
    assert {c.__name__: c.code for c in catalogue()} == {n: code for n, (code, _) in drawn.items()}
    for cls in catalogue():  # drawn under its parent: the parent's line comes first
        parent = cls.__mro__[1]
        if issubclass(parent, DetenteError):
            names = list(drawn)
            assert names.index(parent.__name__) < names.index(cls.__name__), cls.__name__


def test_docs_errors_md_is_the_generated_catalogue() -> None:
    text = (REPO / "docs" / "ERRORS.md").read_text(encoding="utf-8")
    assert text == render_catalogue(), (
        "docs/ERRORS.md is out of date: python -c 'from detente.errors import render_catalogue "
        "as r; print(r(), end=\"\")' > docs/ERRORS.md"
    )
    assert all(cls.__doc__ or tree()[cls.__name__][1] for cls in catalogue())


def test_every_code_in_the_docs_and_the_code_is_catalogued() -> None:
    known = {c.code for c in catalogue()}
    used: dict[str, set[str]] = {}
    for path in [*SRC.rglob("*.py"), *(REPO / "docs").glob("*.md")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "noqa" in line or "spaCy" in line:  # ruff rule ids; spaCy's own error codes
                continue
            for code in CODE.findall(line):
                used.setdefault(code, set()).add(str(path.relative_to(REPO)))
    unknown = {code: sorted(paths) for code, paths in used.items() if code not in known}
    assert not unknown, f"codes used but not catalogued: {unknown}"


def test_ingest_takes_codes_from_the_classes() -> None:
    literal = re.compile(r"[\"']E\d{3}[\"']")
    found = [
        f"{path.name}:{n}"
        for path in (SRC / "ingest").glob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert not found, f"a code written as a literal (use the class's .code): {found}"
    assert errors.MalformedRecord.code == "E106"
