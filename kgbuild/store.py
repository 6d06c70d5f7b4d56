"""The embedded SPARQL store of a build: Oxigraph (through pyoxigraph) in ``<out>/store/``.

``kgbuild build`` writes ``graph.nq`` and then loads it, with the ontology, into a persistent
Oxigraph store beside the other files; queries (``kgbuild query``, ``kgbuild serve``) open it
read-only. Oxigraph loads and joins many times faster than rdflib's memory store; rdflib stays
the programming interface for building and changing graphs (:mod:`kgbuild.rdf.graph`).

The store holds the build's dataset as written in ``graph.nq`` — the merged default graph, one
named graph per article and the provenance graph — plus the ontology in the named graph
``<https://w3id.org/kgbuild/ns>``. A small manifest (``store/kgbuild-store.json``) records which
``graph.nq`` it was loaded from, so a store left behind by an interrupted build is never used
for a newer graph: :func:`open_store` then loads the files into memory instead.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError
from kgbuild.rdf.namespace import ONTOLOGY_IRI
from kgbuild.rdf.ontology import ontology_path

#: Folder of the store inside a build folder.
STORE_DIR = "store"
#: File (inside the store folder) recording what the store was loaded from.
MANIFEST = "kgbuild-store.json"
#: Named graph of the ontology in the store.
ONTOLOGY_GRAPH = str(ONTOLOGY_IRI)
#: Build files a store can be loaded from, best first.
SOURCES = ("graph.nq", "graph.trig", "graph.ttl")

_TMP_PREFIX = ".store-"


def _fingerprint(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"source": path.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def store_path(folder: str | Path) -> Path:
    return Path(folder) / STORE_DIR


def is_fresh(folder: str | Path) -> bool:
    """True when ``<folder>/store`` was loaded from the ``graph.nq`` now in the folder."""
    folder = Path(folder)
    try:
        manifest = json.loads((store_path(folder) / MANIFEST).read_text(encoding="utf-8"))
        return bool(manifest == _fingerprint(folder / SOURCES[0]))
    except (OSError, ValueError):
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def remove_stale(folder: str | Path) -> None:
    """Delete half-built stores an interrupted build left in ``folder``."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(_TMP_PREFIX) and entry.is_dir(follow_symlinks=False):
                _remove_tree(Path(entry.path))


def _load_ontology(store: Any) -> None:
    import pyoxigraph as ox

    store.load(
        path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH)
    )


def build_store(folder: str | Path) -> Path:
    """Load ``<folder>/graph.nq`` and the ontology into a new ``<folder>/store``.

    The store is built in a temporary folder and swapped in when complete, so readers see the
    previous store or the new one, never half of one. Call while holding the folder's lock.
    """
    import pyoxigraph as ox

    folder = Path(folder)
    source = folder / SOURCES[0]
    if not source.is_file():
        raise OutputError(f"{folder}: no {source.name} to load into the store")
    remove_stale(folder)
    tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, suffix=".tmp", dir=folder))
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
        _load_ontology(store)
        store.flush()
        del store
        gc.collect()
        (tmp / MANIFEST).write_text(json.dumps(_fingerprint(source)), encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())
        final = store_path(folder)
        old = None
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, suffix=".old", dir=folder))
            os.replace(final, old / STORE_DIR)
        os.replace(tmp, final)
        if old is not None:
            _remove_tree(old)
        return final
    except OSError as exc:
        _remove_tree(tmp)
        raise OutputError(f"{folder}: cannot build the store ({exc})") from None
    except BaseException:
        _remove_tree(tmp)
        raise


def source_file(folder: str | Path) -> Path:
    """The best RDF file of a build folder (or ``folder`` itself when it is an RDF file)."""
    p = Path(folder)
    if p.is_file():
        return p
    for name in SOURCES:
        if (p / name).is_file():
            return p / name
    raise OutputError(
        f"{p}: no build here (graph.nq, graph.trig or graph.ttl missing); run 'kgbuild build' first"
    )


def memory_store(path: str | Path) -> Any:
    """An in-memory Oxigraph store of an RDF file or a build folder, with the ontology."""
    import pyoxigraph as ox

    src = source_file(path)
    fmt = ox.RdfFormat.from_extension(src.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        store.load(path=str(src), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise OutputError(f"{src}: cannot be read ({str(exc).splitlines()[0]})") from None
    _load_ontology(store)
    return store


def open_store(folder: str | Path) -> Any:
    """The build's store, read-only; an in-memory copy when the store is missing or stale."""
    import pyoxigraph as ox

    p = Path(folder)
    if p.is_dir() and store_path(p).is_dir() and is_fresh(p):
        try:
            return ox.Store.read_only(str(store_path(p)))
        except OSError:
            pass
    return memory_store(p)
