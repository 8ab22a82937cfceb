"""The import graph of the package: no module-level cycle, and no private name (``_x``)
imported from another module."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "chronicle").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _target(modules: dict[str, Path], base: str, name: str) -> str:
    """What ``from base import name`` loads: the submodule when there is one, else ``base``."""
    return f"{base}.{name}" if f"{base}.{name}" in modules else base


def test_no_module_level_import_cycle() -> None:
    modules = _modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level; TYPE_CHECKING excluded
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("chronicle"):
                assert node.module is not None
                edges[module] |= {_target(modules, node.module, a.name) for a in node.names}
            elif isinstance(node, ast.Import):
                edges[module] |= {a.name for a in node.names if a.name.startswith("chronicle")}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(edges.get(module, set()) & modules.keys() - {module}):
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*path[path.index(dep):], dep]))
            if dep not in state:
                visit(dep)
        path.pop()
        state[module] = 2

    for module in modules:
        if module not in state:
            visit(module)


def test_no_private_name_is_imported_from_another_module() -> None:
    modules = _modules()
    found = []
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("chronicle"):
                found += [f"{module}: from {node.module} import {a.name}" for a in node.names
                          if a.name.startswith("_") and node.module != module]
    assert found == []


# The data flow, bottom up: a package may import from its own layer's modules and from lower
# layers, never from a higher one (an upstream stage does not know what reads its output).
LAYERS: dict[str, int] = {
    **dict.fromkeys(("records", "settings", "errors", "pipeline", "query", "faults", "lexicon", "inflect",
                     "public"), 0),
    "temporal": 1, "clean": 2, "ingest": 3, "nlp": 4, "events": 5, "link": 6, "agree": 6, "store": 7,
    "report": 8, "web": 9, "workflow": 10, "collect": 10, "api": 11, "analysis": 11, "scale": 11, "cli": 12,
    "__init__": 13, "__main__": 13,
}


def test_packages_import_only_down_the_data_flow() -> None:
    modules = _modules()
    wrong = []
    for module, path in modules.items():
        parts = module.split(".")
        package = parts[1] if len(parts) > 1 else "__init__"
        assert package in LAYERS, f"{package}: add the new package to LAYERS"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("chronicle."):
                assert node.module is not None
                target = node.module.split(".")[1]
                if target != package and LAYERS.get(target, 99) > LAYERS[package]:
                    wrong.append(f"{module} imports {node.module}")
    assert wrong == []
