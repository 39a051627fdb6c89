"""docs/ARCHITECTURE.md matches the code: every package, data file and record type is
on the map, every path and dotted name the map gives exists, the actor records are
keyword-only, and "Where the SQL lives" names exactly the modules that hold SQL."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import re
from pathlib import Path

import detente
from detente import records

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(detente.__file__).parent
DOC = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
CODE_SPANS = re.findall(r"`([^`\n]+)`", DOC)


def test_every_package_and_top_level_module_is_on_the_map() -> None:
    names = sorted(
        p.name
        for p in PACKAGE.iterdir()
        if (p.is_dir() and (p / "__init__.py").is_file())
        or (p.suffix == ".py" and p.name != "__init__.py")
    )
    assert {"pipeline.py", "coding.py", "ingest", "store", "distributed"} <= set(names)
    missing = [n for n in names if f"detente/{n}" not in DOC]
    assert not missing, f"not in docs/ARCHITECTURE.md: {missing}"


def test_every_data_file_is_on_the_map() -> None:
    entries = sorted(p.name for p in (PACKAGE / "data").iterdir() if not p.name.startswith(("_", ".")))
    assert "settings.yaml" in entries and "actors" in entries
    missing = [n for n in entries if f"`{n}`" not in DOC and f"`{n}/`" not in DOC]
    assert not missing, f"data files not in docs/ARCHITECTURE.md: {missing}"


def test_every_record_type_is_on_the_map() -> None:
    types = [n for n, obj in vars(records).items()
             if inspect.isclass(obj) and dataclasses.is_dataclass(obj) and obj.__module__ == records.__name__]
    assert {"Article", "Event", "CodedArticle"} <= set(types)
    missing = [n for n in types if f"`{n}`" not in DOC]
    assert not missing, f"records not in docs/ARCHITECTURE.md: {missing}"


def _exists(path: str) -> bool:
    rel = path.removeprefix("detente/").rstrip("/")
    return any((base / rel).exists() for base in (REPO, PACKAGE, PACKAGE / "data"))


def test_every_path_named_exists() -> None:
    paths = [s for s in CODE_SPANS
             if re.fullmatch(r"[\w./-]+", s) and ("/" in s or re.search(r"\.(py|yaml|tsv|md)$", s))
             and not s.startswith(".")]
    assert len(paths) > 30
    missing = [p for p in paths if not _exists(p)]
    assert not missing, f"docs/ARCHITECTURE.md names paths that do not exist: {missing}"


def test_every_dotted_name_resolves() -> None:
    """``pipeline.BATCH_SIZE``, ``learn.model.decide``, ``Store.save_coded``: they exist."""
    dotted = [s for s in CODE_SPANS if re.fullmatch(r"[A-Za-z_]+(\.[A-Za-z_]+)+", s)
              and not re.search(r"\.(py|yaml|tsv|md|npz)$", s)]
    assert "Store.save_coded" in dotted and "pipeline.BATCH_SIZE" in dotted
    for name in dotted:
        head, *rest = name.split(".")
        if head[0].isupper():  # a class detente exports
            obj = getattr(detente, head)
        else:
            module = "detente." + ".".join([head, *rest[:-1]])
            obj, rest = importlib.import_module(module), rest[-1:]
        for part in rest:
            fields = {f.name for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else set()
            assert hasattr(obj, part) or part in fields, f"docs/ARCHITECTURE.md: {name} does not exist"
            obj = getattr(obj, part, None)


def test_the_readme_links_the_map() -> None:
    assert "(docs/ARCHITECTURE.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def test_every_actor_record_is_keyword_only() -> None:
    """The map's "One actor, stage by stage" table: each record it names is a dataclass
    built by field name only (``@dataclass(kw_only=True)``), where the table says it is."""
    section = DOC.split("### One actor, stage by stage", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| `([\w/]+)\.py` \|", section, flags=re.MULTILINE)
    assert {"Mention", "ActorRef", "Referent", "Coded"} <= {name for name, _ in rows}
    for name, path in rows:
        module = importlib.import_module("detente." + path.replace("/", "."))
        cls = getattr(module, name)
        assert dataclasses.is_dataclass(cls), f"{path}.py: {name} is not a dataclass"
        positional = [f.name for f in dataclasses.fields(cls) if not f.kw_only]
        assert not positional, f"{path}.py: {name} takes {positional} by position"


# SQL in a string: a statement's keywords, upper case as every query here writes them.
_SQL = re.compile(
    r"\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|CREATE (OR REPLACE )?(TABLE|VIEW|INDEX|SEQUENCE)"
    r"|ALTER TABLE|DROP (TABLE|VIEW|INDEX)|COPY|PRAGMA|ATTACH|CHECKPOINT)\b"
)


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes of a module, its classes and functions."""
    out: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)):
            out.add(id(body[0].value))
    return out


def _holds_sql(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return any(
        isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        and _SQL.search(node.value)
        for node in ast.walk(tree)
    )


def test_where_the_sql_lives_names_exactly_the_modules_holding_sql() -> None:
    """The section names as paths (in backticks) every module with SQL in a string (not a
    docstring) and no other; the modules that call them are named without backticks."""
    section = DOC.split("## Where the SQL lives", 1)[1].split("\n## ", 1)[0]
    named = {s.removeprefix("detente/") for s in re.findall(r"`([\w/]+\.py)`", section)
             if not s.startswith("tests/")}
    holding = {
        p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if _holds_sql(p)
    }
    assert {"store/db.py", "analytics/queries.py"} <= holding
    assert not holding - named, f"hold SQL, not in 'Where the SQL lives': {sorted(holding - named)}"
    assert not named - holding, f"named in 'Where the SQL lives', hold no SQL: {sorted(named - holding)}"
