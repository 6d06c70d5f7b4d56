"""Entailment for ``kgbuild query --infer``: RDFS in one pass, OWL-RL with owlrl.

RDFS: owlrl closes the *schema* — the ontology with the declarations of the generated ``rel:``
properties — under RDFS, which is small and quick; the closed class and property hierarchies,
domains and ranges are then applied to the data in a single pass (RDFS rules 2, 3, 7 and 9).
For a graph whose data triples declare no classes or properties of their own, this gives the
same entailed data triples as owlrl's RDFS closure of the whole graph, without owlrl's repeated
passes over every triple (a test compares the two). OWL-RL runs owlrl on the whole graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, Graph, Literal
from rdflib.term import Node

#: Predicates of schema statements: those go to the schema, not to the data.
SCHEMA_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.inverseOf,
        OWL.unionOf,
        OWL.intersectionOf,
    }
)
_SCHEMA_TYPES = frozenset(
    {
        OWL.Class,
        RDFS.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        RDF.Property,
        OWL.Ontology,
    }
)


def schema_of(data: Graph, ontology: Graph) -> Graph:
    """The ontology plus the schema statements found in the data (``rel:`` declarations)."""
    schema = Graph()
    schema += ontology
    declared = {s for s, o in data.subject_objects(RDF.type) if o in _SCHEMA_TYPES}
    for s, p, o in data:
        if p in SCHEMA_PREDICATES or s in declared:
            schema.add((s, p, o))
    return schema


def _closure(pairs: Iterable[tuple[Node, Node]]) -> dict[Node, set[Node]]:
    out: dict[Node, set[Node]] = defaultdict(set)
    for a, b in pairs:
        if a != b:
            out[a].add(b)
    return out


def rdfs_closure(data: Graph, ontology: Graph) -> Graph:
    """``data`` with its RDFS entailments under ``ontology`` added, and the closed schema merged
    in (the graph is changed in place and returned)."""
    import owlrl

    schema = schema_of(data, ontology)
    owlrl.DeductiveClosure(
        owlrl.RDFS_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(schema)
    sup_class = _closure(schema.subject_objects(RDFS.subClassOf))
    sup_prop = _closure(schema.subject_objects(RDFS.subPropertyOf))
    domain = _closure(schema.subject_objects(RDFS.domain))
    range_ = _closure(schema.subject_objects(RDFS.range))
    new: list[tuple[Node, Node, Node]] = []
    types: list[tuple[Node, Node]] = []
    for s, p, o in data:
        if p == RDF.type:
            types.append((s, o))
            continue
        for q in (p, *sup_prop.get(p, ())):
            if q != p:
                new.append((s, q, o))
            types += [(s, c) for c in domain.get(q, ())]
            if not isinstance(o, Literal):
                types += [(o, c) for c in range_.get(q, ())]
    for x, c in types:
        new.append((x, RDF.type, c))
        new += [(x, RDF.type, d) for d in sup_class.get(c, ())]
    data.addN((s, p, o, data) for s, p, o in new)
    data += schema
    return data


def owlrl_closure(data: Graph, ontology: Graph) -> Graph:
    """``data`` and ``ontology`` closed under OWL-RL by owlrl (in place; slow on large graphs)."""
    import owlrl

    data += ontology
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(data)
    return data
