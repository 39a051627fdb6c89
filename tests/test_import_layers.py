"""Imports go one way: detente.pipeline uses detente.distributed, never the reverse.

The Coder and the in-process coding loop live in detente.coding, below both;
the worker pool and the Dask units import them from there. These tests read the
import statements of the source (all of them: at the top, inside functions and
under TYPE_CHECKING) and also import the modules in a fresh interpreter.
"""

from __future__ import annotations

import ast
import graphlib
import subprocess
import sys
from collections import deque
from pathlib import Path

import detente

SRC = Path(detente.__file__).parent.parent


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "detente").rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _imports(name: str, *, top_level_only: bool) -> set[str]:
    """The detente modules ``name`` imports (and the packages that import runs)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    named: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            named |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named.add(node.module)
            named |= {f"{node.module}.{a.name}" for a in node.names}
    out = set()
    for module in named:
        parts = module.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            # a module's own packages are already importing when it runs: not an edge
            if prefix in MODULES and prefix != name and not name.startswith(prefix + "."):
                out.add(prefix)
    return out


def _path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    seen: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == goal:
            path = []
            node: str | None = here
            while node is not None:
                path.append(node)
                node = seen[node]
            return path[::-1]
        for nxt in sorted(graph[here]):
            if nxt not in seen:
                seen[nxt] = here
                queue.append(nxt)
    return None


LOWER = sorted(m for m in MODULES if m.startswith("detente.distributed") or m == "detente.coding")


def test_the_graph_sees_the_modules_of_this_test() -> None:
    assert {"detente.pipeline", "detente.coding", "detente.distributed.pool",
            "detente.distributed.worker", "detente.distributed.dask_runner"} <= set(MODULES)
    assert "detente.coding" in _imports("detente.distributed.pool", top_level_only=True)


def test_no_distributed_module_reaches_the_pipeline_by_any_import() -> None:
    graph = {m: _imports(m, top_level_only=False) for m in MODULES}
    for module in LOWER:
        path = _path(graph, module, "detente.pipeline")
        assert path is None, " -> ".join(path or [])


def test_the_pipeline_uses_coding_and_the_pool() -> None:
    assert "detente.coding" in _imports("detente.pipeline", top_level_only=True)
    assert "detente.distributed.pool" in _imports("detente.pipeline", top_level_only=False)


def test_no_import_cycle_at_module_level_anywhere_in_detente() -> None:
    graph = {m: _imports(m, top_level_only=True) for m in MODULES}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_importing_the_distributed_modules_does_not_load_the_pipeline() -> None:
    code = (
        "import sys\n"
        "import detente.distributed, detente.distributed.pool, detente.distributed.worker\n"
        "import detente.distributed.dask_runner, detente.coding\n"
        "from detente.distributed.pool import _start_worker\n"
        "print('detente.pipeline' in sys.modules, 'detente.coding' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["False", "True"]


def test_the_names_that_moved_are_still_importable_from_the_pipeline() -> None:
    from detente import coding, pipeline

    for name in ("Coder", "CODER_VERSION", "CODERS", "BATCH_SIZE", "Failure", "CodingReport",
                 "article_from_row", "code_text", "default_coder", "model_choice",
                 "pending_batches", "_safe_text"):
        assert getattr(pipeline, name) is getattr(coding, name), name
    assert detente.Coder is coding.Coder
    assert detente.code_pending is pipeline.code_pending
