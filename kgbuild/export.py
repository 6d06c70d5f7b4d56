"""Read a build folder back and write it in another format.

RDF formats are the build's own RDF re-serialized (parsed and written by Oxigraph; JSON-LD
compacted with the build's inline ``@context``): ``turtle``, ``ntriples`` and ``jsonld``
hold the merged graph (``graph.ttl``); ``trig`` and ``nquads`` the whole dataset
(``graph.trig``: the merged default graph, one named graph per article, provenance). JSON-LD
carries its ``@context`` inline.

The other formats are made from the graph model, which the build keeps in ``graph.json``:
``graphml``, ``gexf``, ``jsonl`` (one file each), ``csv`` (Gephi's ``nodes.csv`` /
``edges.csv``) and ``neo4j`` (``neo4j-admin`` CSVs and ``import.cypher``), which write a folder.

>>> default_target("output", "neo4j").as_posix(), default_target("output", "nquads").as_posix()
('output/neo4j', 'output/graph.nq')
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError
from kgbuild.fsutil import write_text
from kgbuild.records import KnowledgeGraph

#: RDF formats: (source file in the build, default output name).
RDF_FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("graph.ttl", "graph.ttl"),
    "ntriples": ("graph.ttl", "graph.nt"),
    "jsonld": ("graph.ttl", "graph.jsonld"),
    "trig": ("graph.trig", "graph.trig"),
    "nquads": ("graph.trig", "graph.nq"),
}

#: Formats made from the graph model, and their default output name in the build folder.
MODEL_FORMATS: dict[str, str] = {
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "jsonl": "graph.jsonl",
    "csv": "gephi",
    "neo4j": "neo4j",
}

#: Formats whose output is a folder of files rather than one file.
FOLDER_FORMATS = frozenset({"csv", "neo4j"})

#: Every format, in the order ``--help`` lists them.
FORMATS = (*RDF_FORMATS, *MODEL_FORMATS)

#: The file of a build that holds the graph model.
MODEL_FILE = "graph.json"


def _check_format(fmt: str) -> None:
    if fmt not in RDF_FORMATS and fmt not in MODEL_FORMATS:
        raise OutputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def default_target(build: str | Path, fmt: str) -> Path:
    """Where an export goes when no output path is given: into the build folder."""
    _check_format(fmt)
    name = RDF_FORMATS[fmt][1] if fmt in RDF_FORMATS else MODEL_FORMATS[fmt]
    return Path(build) / name


def _build_file(build: str | Path, name: str) -> Path:
    folder = Path(build)
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such build folder; run 'kgbuild build' first")
    f = folder / name
    if not f.is_file():
        raise OutputError(f"{folder}: no build here ({name} missing); run 'kgbuild build' first")
    return f


def load_model(build: str | Path) -> KnowledgeGraph:
    """The graph model of a build, read back from its ``graph.json``."""
    from kgbuild.writers import model_json

    return model_json.read(_build_file(build, MODEL_FILE))


def rdf_text(build: str | Path, fmt: str) -> str:
    """A build's RDF re-serialized in an RDF format (``turtle``, ``nquads`` …)."""
    source = _build_file(build, RDF_FORMATS[fmt][0])
    if fmt == "jsonld":
        return _jsonld(source)
    import pyoxigraph as ox

    from kgbuild.rdf.graph import PREFIXES
    from kgbuild.rdf.namespace import ID

    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
    }
    in_format = ox.RdfFormat.TRIG if source.suffix == ".trig" else ox.RdfFormat.TURTLE
    # kgid: names hold "/", which prefixed names would have to escape: keep those IRIs whole.
    prefixes = {p: str(ns) for p, ns in PREFIXES.items() if str(ns) != str(ID)}
    try:
        quads = list(ox.parse(path=str(source), format=in_format))
    except SyntaxError as exc:
        raise OutputError(f"{source}: cannot be parsed ({str(exc).splitlines()[0]})") from None
    if fmt in ("turtle", "ntriples"):
        quads = [q.triple for q in quads]  # type: ignore[misc]
    data = ox.serialize(quads, None, format=formats[fmt], prefixes=prefixes)
    return data.decode("utf-8") if data else ""


def _jsonld(source: Path) -> str:
    """JSON-LD with the build's inline ``@context``; IRIs are compacted with its prefixes."""
    import pyoxigraph as ox

    from kgbuild.writers.jsonld import context

    try:
        triples = [q.triple for q in ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)]
    except SyntaxError as exc:
        raise OutputError(f"{source}: cannot be parsed ({str(exc).splitlines()[0]})") from None
    ctx = context()
    expanded = json.loads(ox.serialize(triples, None, format=ox.RdfFormat.JSON_LD) or b"[]")
    nodes = (json.dumps(compact_node(n, ctx), ensure_ascii=False) for n in expanded)
    head = '{"@context": ' + json.dumps(ctx, indent=1) + ',\n"@graph": [\n'
    return head + ",\n".join(nodes) + "\n]}\n"


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    """``prefix:suffix`` for the longest matching namespace, else the IRI itself.

    >>> ctx = {"kg": "https://w3id.org/kgbuild/ns#", "ex": "http:"}
    >>> compact_iri("https://w3id.org/kgbuild/ns#Event", ctx), compact_iri("_:b0", ctx)
    ('kg:Event', '_:b0')
    >>> compact_iri("http://example.org/x", ctx)  # a suffix starting with // is no compact IRI
    'http://example.org/x'
    """
    best = ""
    for p, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(prefixes.get(best, "")):
            best = p
    suffix = iri[len(prefixes[best]) :] if best else ""
    return f"{best}:{suffix}" if best and not suffix.startswith("//") else iri


def compact_node(node: dict[str, Any], prefixes: dict[str, str]) -> dict[str, Any]:
    """An expanded JSON-LD node object with its IRIs compacted (``rdf:type`` as ``@type``)."""

    def value(v: dict[str, Any]) -> dict[str, Any]:
        out = dict(v)
        if "@id" in out:
            out["@id"] = compact_iri(out["@id"], prefixes)
        if "@value" in out and "@type" in out:
            out["@type"] = compact_iri(out["@type"], prefixes)
        return out

    out: dict[str, Any] = {}
    for key, vals in node.items():
        if key == "@id":
            out[key] = compact_iri(vals, prefixes)
        elif key == _RDF_TYPE and all(set(v) == {"@id"} for v in vals):
            out["@type"] = [compact_iri(v["@id"], prefixes) for v in vals]
        elif key == "@type":
            out["@type"] = [compact_iri(t, prefixes) for t in vals]
        elif key.startswith("@"):
            out[key] = vals
        else:
            out[compact_iri(key, prefixes)] = [value(v) for v in vals]
    return out


def _model_writer(fmt: str) -> Callable[[KnowledgeGraph, Path], None]:
    from kgbuild.writers import gephi_csv, gexf, graphml, jsonl, neo4j

    writers: dict[str, Callable[[KnowledgeGraph, Path], None]] = {
        "graphml": graphml.write,
        "gexf": gexf.write,
        "jsonl": jsonl.write,
        "csv": gephi_csv.write,
        "neo4j": neo4j.write,
    }
    return writers[fmt]


def _model_text(kg: KnowledgeGraph, fmt: str) -> str:
    from kgbuild.writers import gexf, graphml, jsonl

    renderers: dict[str, Callable[[KnowledgeGraph], str]] = {
        "graphml": graphml.render,
        "gexf": gexf.render,
        "jsonl": jsonl.render,
    }
    return renderers[fmt](kg)


def export_text(build: str | Path, fmt: str) -> str:
    """A build in a one-file format, as text (for standard output)."""
    _check_format(fmt)
    if fmt in FOLDER_FORMATS:
        raise OutputError(f"--format {fmt} writes a folder of files; give a folder with -o")
    if fmt in RDF_FORMATS:
        return rdf_text(build, fmt)
    return _model_text(load_model(build), fmt)


def export(build: str | Path, fmt: str, out: str | Path | None = None) -> tuple[Path, ...]:
    """Write a build in format ``fmt`` to ``out`` (default: :func:`default_target`).

    Returns the files written. Folder formats (``csv``, ``neo4j``) take ``out`` as a folder.
    """
    _check_format(fmt)
    target = Path(out) if out is not None else default_target(build, fmt)
    if fmt in RDF_FORMATS:
        text = rdf_text(build, fmt)
        _write(lambda: write_text(target, text), target)
        return (target,)
    kg = load_model(build)
    if fmt in FOLDER_FORMATS and target.exists() and not target.is_dir():
        raise OutputError(f"{target}: --format {fmt} writes a folder, and this is a file")
    _write(lambda: _model_writer(fmt)(kg, target), target)
    if fmt in FOLDER_FORMATS:
        return tuple(target / name for name in _folder_files(fmt))
    return (target,)


def _folder_files(fmt: str) -> tuple[str, ...]:
    from kgbuild.writers import gephi_csv, neo4j

    return gephi_csv.FILES if fmt == "csv" else neo4j.FILES


def _write(action: Callable[[], None], target: Path) -> None:
    try:
        action()
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
