"""The error catalogue is complete: every code is one class, in the tree and in docs/ERRORS.md."""

from __future__ import annotations

import ast
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


def _source_trees() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(REPO)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(SRC.rglob("*.py"))
    }


def test_codes_come_from_the_classes_not_literals() -> None:
    """A code is written once, as the ``code`` of its class; everything else (Problem
    records, reports) reads ``SomeError.code``."""
    names = {c.__name__ for c in catalogue()}
    allowed: set[int] = set()  # ids of the string nodes that define a class's code
    found = []
    for where, module in _source_trees().items():
        for node in ast.walk(module):
            if isinstance(node, ast.ClassDef) and node.name in names:
                for stmt in node.body:
                    if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                        if any(isinstance(t, ast.Name) and t.id == "code" for t in targets):
                            allowed.add(id(stmt.value))
        for node in ast.walk(module):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and re.fullmatch(r"E\d{3}", node.value) and id(node) not in allowed):
                found.append(f"{where}:{node.lineno} {node.value!r}")
    assert not found, f"a code written as a literal (use the class's .code): {found}"
    assert errors.MalformedRecord.code == "E106"


def _raised_codes() -> dict[str, set[str]]:
    """code -> where: every ``raise SomeError(...)`` and every ``SomeError.code`` in src."""
    by_name = {c.__name__: c.code for c in catalogue()}
    out: dict[str, set[str]] = {}
    for where, module in _source_trees().items():
        for node in ast.walk(module):
            name = None
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            elif (isinstance(node, ast.Attribute) and node.attr == "code"
                    and isinstance(node.value, ast.Name)):
                name = node.value.id
            if name in by_name:
                out.setdefault(by_name[name], set()).add(where)
    return out


def test_every_raised_code_is_catalogued_and_documented() -> None:
    raised = _raised_codes()
    # the groups a caller catches are raised too, and so is each of their members
    assert {"E000", "E100", "E101", "E102", "E106", "E200", "E400", "E600"} <= set(raised)
    errors_md = (REPO / "docs" / "ERRORS.md").read_text(encoding="utf-8")
    bad_input = (REPO / "docs" / "BAD_INPUT.md").read_text(encoding="utf-8")
    codes_paragraph = bad_input[bad_input.index("Codes (detente/errors.py)"):]
    codes_paragraph = codes_paragraph[: codes_paragraph.index("\n\n")]
    for code, where in sorted(raised.items()):
        assert f"| {code} |" in errors_md, f"{code} (raised in {sorted(where)}) is not in docs/ERRORS.md"
        assert code in codes_paragraph, (
            f"{code} (raised in {sorted(where)}) is not in the codes of docs/BAD_INPUT.md"
        )


def test_every_catalogued_code_is_raised_somewhere() -> None:
    """A class nobody raises is a code users never see: remove it or use it."""
    unused = {c.code for c in catalogue()} - set(_raised_codes())
    assert not unused, f"catalogued but never raised: {sorted(unused)}"
