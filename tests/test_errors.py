"""The error catalogue is complete: every code is one class, in the tree and in docs/ERRORS.md."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import detente
from detente import errors
from detente.errors import (
    DetenteError,
    Errors,
    Message,
    TooLarge,
    catalogue,
    messages,
    render_catalogue,
    tree,
)

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
    """code -> where: every ``raise SomeError(...)``, every ``SomeError.code`` and every
    message of the catalogue (``Errors.E106_...``, raised or made a Problem) in src."""
    by_name = {c.__name__: c.code for c in catalogue()}
    out: dict[str, set[str]] = {}
    for where, module in _source_trees().items():
        for node in ast.walk(module):
            name = code = None
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            elif (isinstance(node, ast.Attribute) and node.attr == "code"
                    and isinstance(node.value, ast.Name)):
                name = node.value.id
            elif _message_name(node):
                code = getattr(Errors, _message_name(node)).code  # type: ignore[arg-type]
            if name in by_name:
                code = by_name[name]
            if code:
                out.setdefault(code, set()).add(where)
    return out


def _message_name(node: ast.AST) -> str | None:
    """``E102_FILE_EMPTY`` for the expression ``Errors.E102_FILE_EMPTY``."""
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "Errors"):
        return node.attr
    return None


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


# -- the messages: every one in the catalogue, every raise site using one -------------------


def _error_calls() -> list[tuple[str, ast.Call, ast.AST | None, str]]:
    """(where, call, enclosing function, class code) for every construction of a catalogued
    class in src, and (where, call, function, "") for every ``Problem(...)``/``Problem.of``."""
    by_name = {c.__name__: c.code for c in catalogue()}
    found = []
    for where, module in _source_trees().items():
        functions = [n for n in ast.walk(module)
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for node in ast.walk(module):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if isinstance(func, ast.Attribute) and func.attr == "of" and \
                    isinstance(func.value, ast.Name) and func.value.id == "Problem":
                name = "Problem.of"
            if name not in by_name and name not in ("Problem", "Problem.of"):
                continue
            inside = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0)]
            function = max(inside, key=lambda f: f.lineno) if inside else None
            line = f"{where}:{node.lineno}"
            found.append((line, node, function, by_name.get(name or "", "")))
    return found


def _texts(node: ast.AST) -> list[str]:
    """String constants and f-strings inside an expression (a message written in place)."""
    return [ast.unparse(n)[:60] for n in ast.walk(node)
            if isinstance(n, ast.JoinedStr)
            or (isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value)]


def _chosen_messages(arg: ast.AST, function: ast.AST | None) -> list[str] | None:
    """The catalogue messages an argument can be: ``Errors.X`` itself, or a local name
    assigned only messages of the catalogue (``message = Errors.A if ... else Errors.B``)."""
    if _message_name(arg):
        return [_message_name(arg)]  # type: ignore[list-item]
    if isinstance(arg, ast.IfExp):
        body, orelse = _chosen_messages(arg.body, None), _chosen_messages(arg.orelse, None)
        return body + orelse if body is not None and orelse is not None else None
    if not isinstance(arg, ast.Name) or function is None:
        return None
    values = [n.value for n in ast.walk(function) if isinstance(n, ast.Assign)
              and any(isinstance(t, ast.Name) and t.id == arg.id for t in n.targets)]
    options = [_chosen_messages(v, None) for v in values]
    if not options or any(o is None for o in options):
        return None
    return [name for o in options for name in o]  # type: ignore[union-attr]


def test_every_raise_site_uses_a_message_of_its_own_code() -> None:
    """No message text is written where an error is raised or a Problem made: it is a
    template of ``Errors`` whose code is the class's (spaCy's errors.py, issue 17)."""
    wrong = []
    for where, call, function, code in _error_calls():
        if call.func.__class__ is ast.Name and call.func.id == "Problem":  # type: ignore[attr-defined]
            # a Problem copied from a raised error: no text of its own
            if any(_texts(a) for a in call.args[1:3]) or any(k.arg for k in call.keywords):
                wrong.append(f"{where}: Problem(...) with a text; use Problem.of(Errors.X, ...)")
            continue
        first = call.args[0] if call.args else None
        chosen = _chosen_messages(first, function) if first is not None else None
        if chosen is None:
            wrong.append(f"{where}: the message is not a template of Errors")
            continue
        for name in chosen:
            if not hasattr(Errors, name):
                wrong.append(f"{where}: Errors.{name} does not exist")
            elif code and getattr(Errors, name).code != code:
                wrong.append(f"{where}: Errors.{name} is not a message of {code}")
        hints = [k for k in call.keywords if k.arg == "hint"]
        if hints:
            wrong.append(f"{where}: a hint written at the call; it belongs in the message")
    assert not wrong, "\n".join(wrong)


def test_raise_sites_pass_the_values_their_message_needs() -> None:
    allowed = {"source", "param"}
    wrong = []
    for where, call, function, _ in _error_calls():
        first = call.args[0] if call.args else None
        chosen = _chosen_messages(first, function) if first is not None else None
        if not chosen or any(k.arg is None for k in call.keywords):  # **values: not checked
            continue
        given = {k.arg for k in call.keywords}
        for name in chosen:  # each message the call can raise gets what it needs
            needed = getattr(Errors, name).fields()
            if needed - given:
                wrong.append(f"{where}: Errors.{name} needs {sorted(needed - given)}")
        used = set().union(*(getattr(Errors, name).fields() for name in chosen))
        if given - used - allowed:
            wrong.append(f"{where}: no message of the call takes {sorted(given - used - allowed)}")
    assert not wrong, "\n".join(wrong)


def test_every_message_is_used_catalogued_and_documented() -> None:
    used = {
        _message_name(n)
        for module in _source_trees().values()
        for n in ast.walk(module)
        if _message_name(n)
    }
    names = {m.name for m in messages()}
    assert names and not names - used, f"messages nobody uses: {sorted(names - used)}"
    assert not used - names, f"messages used but not in Errors: {sorted(used - names)}"
    codes = {c.code for c in catalogue()}
    errors_md = (REPO / "docs" / "ERRORS.md").read_text(encoding="utf-8")
    bad_input = (REPO / "docs" / "BAD_INPUT.md").read_text(encoding="utf-8")
    codes_paragraph = bad_input[bad_input.index("Codes (detente/errors.py)"):]
    codes_paragraph = codes_paragraph[: codes_paragraph.index("\n\n")]
    for m in messages():
        assert re.fullmatch(r"E\d{3}_[A-Z0-9_]+", m.name), m.name
        assert m.code in codes, f"{m.name}: no error class has the code {m.code}"
        assert f"| `{m.name}` |" in errors_md, f"{m.name} is not in docs/ERRORS.md"
        assert m.code in codes_paragraph, f"{m.name}: {m.code} is not in docs/BAD_INPUT.md"
    # every code raised has at least one message (the groups too: E000, E100, ...)
    assert {c.code for c in catalogue()} == {m.code for m in messages()}


class _Any:
    """A value for any placeholder, whatever its format spec or conversion."""

    def __format__(self, spec: str) -> str:
        return "x"

    def __repr__(self) -> str:
        return "'x'"


def test_every_message_formats_and_reads_as_a_sentence() -> None:
    for m in messages():
        text, hint = m.format(**{f: _Any() for f in m.fields()})
        assert text, m.name
        assert text == text.strip() and not text.endswith("."), m.name
        assert hint is None or (hint.strip() and not hint.endswith(".")), m.name


def test_an_error_from_a_message_reads_as_before() -> None:
    exc = TooLarge(Errors.E103_FILE_TOO_LARGE, size="6.0 KB", limit="5.2 KB", source="huge.txt")
    assert str(exc) == (
        "huge.txt: 6.0 KB is over the 5.2 KB limit (raise the limit with --max-bytes N, "
        "or split the file)"
    )
    assert exc.template is Errors.E103_FILE_TOO_LARGE and exc.code == "E103"
    assert exc.hint == "raise the limit with --max-bytes N, or split the file"
    # a caller outside detente may still give a text
    assert str(DetenteError("plain", hint="do this")) == "plain (do this)"
    assert isinstance(Errors.E103_FILE_TOO_LARGE, Message)
    assert Errors.E103_FILE_TOO_LARGE.fields() == {"size", "limit"}
