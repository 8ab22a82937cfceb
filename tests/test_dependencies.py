"""What is declared is what is imported: every third-party module chronicle's code imports
belongs to a declared runtime dependency, and every declared dependency is imported (or named
here with the reason it is needed without an import)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "chronicle"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
# Needed at run time by a library we call, never imported by name.
NOT_IMPORTED = {
    "lxml-html-clean": "trafilatura imports justext, which needs lxml.html.clean",
    "python-multipart": "FastAPI parses multipart uploads with it",
}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_top_modules() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m != "chronicle" and m not in sys.stdlib_module_names}


def test_declared_is_imported() -> None:
    declared = {_name(r) for r in tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]}
    to_dist = packages_distributions()
    imported = {_name(to_dist[m][0]) for m in _imported_top_modules() if m in to_dist}
    unknown = {m for m in _imported_top_modules() if m not in to_dist}
    optional = {"dask", "distributed", "pyarrow"}  # the [scale] extra, imported only by chronicle.scale
    assert unknown <= optional, f"imported but not installed: {unknown - optional}"
    undeclared = imported - declared - optional
    assert not undeclared, f"imported but not declared: {sorted(undeclared)}"
    unused = declared - imported - set(NOT_IMPORTED)
    assert not unused, f"declared but never imported: {sorted(unused)}"
