"""The architecture holds (docs/architecture.md): the import contracts of pyproject.toml are
kept, and no module of kgbuild imports another inside a function, where an import would hide a
cycle, except the few loaded lazily for the reasons listed in :data:`LAZY`."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "kgbuild"

#: The imports of kgbuild modules allowed inside functions: (importer, imported), each a module
#: or, ending with a dot, every module under a package; and why the import waits.
LAZY: dict[tuple[str, str], str] = {
    ("kgbuild.cli.", "kgbuild."): "a command imports what it runs when it runs: `kgbuild --help` "
    "and each command start without spaCy, rdflib or pyoxigraph (see the test below)",
    ("kgbuild.nlp", "kgbuild.nlp."): "spaCy's components are imported with the model, so that "
    "kgbuild.nlp (DEFAULT_MODEL, which --help shows) imports without spaCy",
    (
        "kgbuild.export",
        "kgbuild.writers.",
    ): "the writer of the format asked for: the writers import "
    "spaCy (jsonl) and rdflib, and `kgbuild export --help` lists the formats",
    ("kgbuild.export", "kgbuild.rdf."): "rdflib, for the RDF formats only",
    (
        "kgbuild",
        "kgbuild",
    ): "the Python API (kgbuild.api) is imported when first used (kgbuild.build, "
    "kgbuild.load), so that `import kgbuild` stays cheap",
    ("kgbuild.api", "kgbuild."): "the API loads each part of kgbuild (the build, the store, "
    "queries, the page) when first used",
    ("kgbuild.server.", "kgbuild.query"): "the query machinery (rdflib, pyoxigraph) is loaded "
    "by the worker processes that answer queries, not by the server's event loop",
    ("kgbuild.server.", "kgbuild.rdf.graph"): "rdflib, in the worker processes only",
    ("kgbuild.server.workers", "kgbuild.store"): "the store (rdflib, pyoxigraph), opened by each "
    "worker process",
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The kgbuild modules an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "kgbuild"]
    base = node.module or ""
    if node.level:
        parts = module.split(".") if is_package else module.split(".")[:-1]
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join([*parts, *([node.module] if node.module else [])])
    return [base] if base.split(".")[0] == "kgbuild" else []


def function_imports() -> list[tuple[str, str, int]]:
    """(importer, imported, line) of every import of a kgbuild module inside a function."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    for name in _imported(node, module, path.name == "__init__.py"):
                        found.append((module, name, node.lineno))
    return sorted(set(found))


def _matches(name: str, pattern: str) -> bool:
    return (name + ".").startswith(pattern) if pattern.endswith(".") else name == pattern


def _allowed(importer: str, imported: str) -> tuple[str, str] | None:
    for key in LAZY:
        if _matches(importer, key[0]) and _matches(imported, key[1]):
            return key
    return None


def test_no_module_imports_kgbuild_inside_a_function_but_the_lazy_ones():
    found = function_imports()
    assert found, "the walk found no import inside a function at all: it is broken"
    hidden = [f"{a}:{line} imports {b}" for a, b, line in found if _allowed(a, b) is None]
    assert hidden == [], (
        "import these at module level (a cycle they hid must be undone):\n" + "\n".join(hidden)
    )
    used = {_allowed(a, b) for a, b, _line in found}
    assert [key for key in LAZY if key not in used] == [], "drop these from LAZY: nothing uses them"


@pytest.mark.parametrize(
    ("source", "function_import"),
    [
        ("def f():\n    from kgbuild.records import Article\n", True),
        ("def f():\n    if x:\n        import kgbuild.store\n", True),
        ("class C:\n    def m(self):\n        from . import store\n", True),
        ("from kgbuild.records import Article\n", False),
        ("def f():\n    import json\n", False),
    ],
)
def test_the_walk_finds_imports_inside_functions(tmp_path, monkeypatch, source, function_import):
    package = tmp_path / "kgbuild"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    assert bool(function_imports()) is function_import


def test_the_import_contracts_are_kept():
    """``lint-imports`` (import-linter) checks the layers, that no import cycle exists and
    who may tune the process; ``make lint`` runs it too."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe is not None, "import-linter is not installed (pip install -e '.[test]')"
    done = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 broken" in done.stdout


def test_the_command_line_starts_without_the_heavy_libraries():
    """What the lazy imports of the CLI are for: ``kgbuild --help`` loads no spaCy, rdflib
    or pyoxigraph."""
    code = (
        "import sys; from kgbuild.cli import parser; parser();"
        "print(sorted(m for m in ('spacy', 'rdflib', 'pyoxigraph', 'pyshacl') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_page_on_the_architecture_lists_the_layers_of_the_contracts():
    """docs/architecture.md shows the layers the contracts check, in their order."""
    import re
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = page.split("<!-- layers", 1)[1].split("<!-- /layers -->", 1)[0]
    lines = [ln for ln in block.splitlines()[1:] if ln.startswith("kgbuild")]
    shown = [re.split(r"\s{2,}", ln.strip())[0] for ln in lines]
    assert shown == layers["layers"]
