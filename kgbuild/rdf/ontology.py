"""Where the ontology and the shapes live, and loading them as rdflib graphs.

The Turtle files are the source of truth (``ontology/kgbuild.ttl`` and ``ontology/shapes.ttl``);
an installed package carries a copy in ``kgbuild/ontology/``, a source checkout reads them from
the repository.

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
_SOURCE_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"

ONTOLOGY_FILE = "kgbuild.ttl"
SHAPES_FILE = "shapes.ttl"


def _find(name: str) -> Path:
    for folder in (_PACKAGE_DIR, _SOURCE_DIR):
        if (folder / name).is_file():
            return folder / name
    raise OutputError(f"{name}: ontology file not found in {_PACKAGE_DIR} or {_SOURCE_DIR}")


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
