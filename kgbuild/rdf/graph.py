"""The RDF model as rdflib objects: a :class:`~kgbuild.records.KnowledgeGraph` → ``Dataset``.

rdflib is the programming interface: :func:`dataset` gives the merged default graph, one named
graph per article, the provenance graph and the summary graph; :func:`merged_graph` the default graph alone. Both
are built from the same blocks as the files a build writes (:mod:`kgbuild.rdf.model`), so a
graph in memory and a graph read back from ``graph.trig`` are the same.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS
from rdflib.term import Node

from kgbuild.rdf.dataset import named_blocks
from kgbuild.rdf.model import (
    BUILD_IRI,
    PROVENANCE_GRAPH,
    Block,
    class_iri,
    default_blocks,
    entity_class,
    time_lit,
)
from kgbuild.rdf.namespace import DCTERMS, GAF, ID, KG, NIF, REL, SCHEMA, SEM, TIME
from kgbuild.rdf.terms import Lit, Obj
from kgbuild.records import KnowledgeGraph, TimeValue

#: Prefixes bound in every graph and file a build writes, and predeclared in queries.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "kgid": str(ID),
    "rel": str(REL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "gaf": str(GAF),
    "nif": str(NIF),
}

__all__ = [
    "BUILD_IRI",
    "PREFIXES",
    "PROVENANCE_GRAPH",
    "bind_prefixes",
    "class_iri",
    "dataset",
    "entity_class",
    "merged_graph",
    "rdflib_term",
    "time_literal",
]


def bind_prefixes(g: Graph) -> None:
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)


def rdflib_term(term: Obj) -> Node:
    """An rdflib term of a model term (IRI string or :class:`~kgbuild.rdf.terms.Lit`)."""
    if isinstance(term, Lit):
        return Literal(
            term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None
        )
    return URIRef(term)


def time_literal(t: TimeValue) -> Literal | None:
    """The rdflib literal of a normalized time value (xsd:date, gYearMonth or gYear)."""
    v = time_lit(t)
    return (
        None if v is None else Literal(v.value, datatype=URIRef(v.datatype) if v.datatype else None)
    )


def _add(g: Graph, blocks: Iterable[Block]) -> None:
    for b in blocks:
        s = URIRef(b.subject)
        g.addN((s, URIRef(p), rdflib_term(o), g) for p, o in b.pairs)


def merged_graph(kg: KnowledgeGraph) -> Graph:
    """All merged facts in one graph (what ``graph.ttl`` holds)."""
    g = Graph()
    bind_prefixes(g)
    _add(g, default_blocks(kg))
    return g


def dataset(kg: KnowledgeGraph) -> Dataset:
    """Merged default graph, one named graph per article, a provenance graph and the summary
    graph."""
    ds = Dataset(default_union=False)
    bind_prefixes(ds)
    _add(ds.default_graph, default_blocks(kg))
    graphs: dict[str, Graph] = {}
    for b in named_blocks(kg):
        assert b.graph is not None
        g = graphs.get(b.graph)
        if g is None:
            g = graphs[b.graph] = ds.graph(URIRef(b.graph))
        _add(g, [b])
    return ds
