"""Where the ontology and the shapes live, and loading them as rdflib graphs.

The Turtle files are the source of truth (``ontology/kgbuild.ttl`` and ``ontology/shapes.ttl``).
The package reaches them as ``kgbuild/ontology/`` — a link to ``ontology/`` in a source checkout,
a copy in an installed wheel (package data).

>>> ontology_path().name
'kgbuild.ttl'
>>> len(load_ontology()) > 100
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

from kgbuild.errors import OutputError

_PACKAGE_DIR = Path(__file__).resolve().parent.parent / "ontology"

ONTOLOGY_FILE = "kgbuild.ttl"
SHAPES_FILE = "shapes.ttl"


def _find(name: str) -> Path:
    path = _PACKAGE_DIR / name
    if not path.is_file():
        raise OutputError(f"{path}: ontology file not found (a broken installation?)")
    return path


def ontology_path() -> Path:
    """The ontology in Turtle."""
    return _find(ONTOLOGY_FILE)


def shapes_path() -> Path:
    """The SHACL shapes in Turtle."""
    return _find(SHAPES_FILE)


@cache
def _parsed(path: Path, mtime: float) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def _copy(g: Graph) -> Graph:
    out = Graph()
    for p, ns in g.namespaces():
        out.bind(p, ns, override=False)
    out += g
    return out


def load_ontology() -> Graph:
    """A fresh rdflib graph of the ontology (the caller may change it)."""
    p = ontology_path()
    return _copy(_parsed(p, p.stat().st_mtime))


def load_shapes() -> Graph:
    """A fresh rdflib graph of the SHACL shapes."""
    p = shapes_path()
    return _copy(_parsed(p, p.stat().st_mtime))
