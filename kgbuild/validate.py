"""SHACL validation of a build against ``ontology/shapes.ttl`` (pyshacl), with a readable report.

The shapes state what a build promises: every event has a declared class, an actor, a source
article and evidence; every entity a type and a label; every article a title. The ontology is
mixed into the data, so ``sh:class kg:Entity`` accepts a ``kg:Person``.

:func:`validate` checks the merged graph of a build folder, :func:`validate_kg` the graph of a
:class:`~kgbuild.records.KnowledgeGraph` in memory; both can check a bounded, evenly spread
sample of the events (with everything they involve) so that large builds validate quickly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kgbuild.errors import OutputError
from kgbuild.rdf.graph import bind_prefixes, rdflib_term
from kgbuild.rdf.model import ENTITY_CLASSES, Block, default_blocks, subset_blocks
from kgbuild.rdf.namespace import KG, REL
from kgbuild.rdf.ontology import load_ontology, load_shapes
from kgbuild.records import KnowledgeGraph
from kgbuild.store import source_file
from kgbuild.writers.jsonld import compact

#: Events checked by the build's own validation (all of them in smaller builds).
BUILD_SAMPLE = 200
#: How many violations a report lists before summarizing the rest.
MAX_LISTED = 50


@dataclass(frozen=True)
class Violation:
    """One failed constraint: which node, which property, what is wrong."""

    focus: str
    path: str
    message: str
    value: str = ""
    shape: str = ""
    severity: str = "Violation"

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: conforms or not, each violation, what was checked."""

    conforms: bool
    violations: tuple[Violation, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    sampled: bool = False
    source: str = ""

    def text(self, limit: int = MAX_LISTED) -> str:
        """A readable report: what was checked, then one line per violation."""
        what = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        scope = "a sample of " if self.sampled else ""
        head = f"{self.source}: " if self.source else ""
        if self.conforms:
            return f"{head}conforms to the shapes ({scope}{what})\n"
        lines = [f"{head}{len(self.violations)} violation(s) of the shapes ({scope}{what})"]
        lines += ["  " + v.line() for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"  … and {len(self.violations) - limit} more")
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- running pyshacl


def _short(node: Node | None, g: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return compact(str(node))
    if isinstance(node, BNode):
        return "(a value)"
    text = str(node)
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _violations(results: Graph, data: Graph) -> Iterator[Violation]:
    for r in results.subjects(RDF.type, SH.ValidationResult):
        msg = results.value(r, SH.resultMessage)
        severity = results.value(r, SH.resultSeverity)
        yield Violation(
            focus=_short(results.value(r, SH.focusNode), data),
            path=_short(results.value(r, SH.resultPath), data),
            message=str(msg) if msg is not None else "constraint not met",
            value=_short(results.value(r, SH.value), data),
            shape=_short(results.value(r, SH.sourceShape), data),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        )


def _counts(g: Graph) -> dict[str, int]:
    def n(*classes: str) -> int:
        return len({s for c in classes for s in g.subjects(RDF.type, URIRef(c))})

    return {
        "events": n(str(KG.Event), str(KG.Relation)),
        "entities": n(*ENTITY_CLASSES),
        "articles": n(str(KG.Article)),
    }


def validate_graph(data: Graph, *, sampled: bool = False, source: str = "") -> ValidationReport:
    """Run the shapes on an rdflib graph (the ontology is mixed in, the graph is not changed)."""
    import pyshacl

    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    found = sorted(
        set(_violations(results, data)), key=lambda v: (v.focus, v.path, v.message, v.value)
    )
    return ValidationReport(bool(conforms), tuple(found), _counts(data), sampled, source)


# --------------------------------------------------------------------------- samples


def spread(items: list[Any], n: int | None) -> list[Any]:
    """At most ``n`` items evenly spread over the list (all of them when ``n`` is None).

    >>> spread(list(range(10)), 3)
    [0, 3, 6]
    """
    if n is None or len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def _graph(blocks: Iterable[Block]) -> Graph:
    g = Graph()
    bind_prefixes(g)
    for b in blocks:
        s = URIRef(b.subject)
        g.addN((s, URIRef(p), rdflib_term(o), g) for p, o in b.pairs)
    return g


def validate_kg(kg: KnowledgeGraph, *, sample: int | None = BUILD_SAMPLE) -> ValidationReport:
    """Validate the merged graph of a knowledge graph (of a sample of its events)."""
    sampled = sample is not None and len(kg.events) > sample
    blocks = subset_blocks(kg, spread(list(kg.events), sample)) if sampled else default_blocks(kg)
    return validate_graph(_graph(blocks), sampled=sampled)


def read_quads(data: str | Path) -> Iterator[tuple[Node, Node, Node, str | None]]:
    """The statements of a build folder (its best RDF file) or of an RDF file, read with Oxigraph's
    fast parsers, as rdflib terms with the graph name (``None`` for the default graph)."""
    import pyoxigraph as ox

    src = source_file(data)
    fmt = ox.RdfFormat.from_extension(src.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        for q in ox.parse(path=str(src), format=fmt):
            g = None if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name.value)
            yield _rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object), g
    except (SyntaxError, ValueError) as exc:
        raise OutputError(f"{src}: not valid RDF ({str(exc).splitlines()[0]})") from None


def load_default_graph(data: str | Path) -> Graph:
    """The merged default graph of a build folder (or an RDF file) as an rdflib graph."""
    g = Graph()
    bind_prefixes(g)
    g.addN((s, p, o, g) for s, p, o, name in read_quads(data) if name is None)
    return g


def _rdflib(term: Any) -> Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=None if dt.endswith("#string") else URIRef(dt))
    return BNode(term.value)


def sample_graph(g: Graph, sample: int) -> tuple[Graph, bool]:
    """A sample of ``sample`` events of a graph, with everything the shapes look at around them:
    their evidence, entities and time spans, every article and every edge declaration."""
    events = sorted(
        {
            s
            for c in (KG.Event, KG.Relation)
            for s in g.subjects(RDF.type, c)
            if isinstance(s, URIRef)
        }
    )
    if len(events) <= sample:
        return g, False
    out = Graph()
    bind_prefixes(out)
    seen: set[Node] = set()
    frontier: list[Node] = list(spread(events, sample))
    for _depth in range(3):
        nxt: list[Node] = []
        for s in frontier:
            if s in seen or not isinstance(s, URIRef) or str(s).startswith(str(REL)):
                continue
            seen.add(s)
            for p, o in g.predicate_objects(s):
                out.add((s, p, o))
                if isinstance(o, URIRef) and (p != RDF.type):
                    nxt.append(o)
                if str(p).startswith(str(REL)):
                    for dp, do in g.predicate_objects(p):
                        out.add((p, dp, do))
        frontier = nxt
    for a in g.subjects(RDF.type, KG.Article):
        for p, o in g.predicate_objects(a):
            out.add((a, p, o))
    return out, True


def validate(folder: str | Path, *, sample: int | None = None) -> ValidationReport:
    """Validate the merged graph of a build folder (a sample of ``sample`` events if given)."""
    g = load_default_graph(folder)
    sampled = False
    if sample is not None:
        g, sampled = sample_graph(g, sample)
    return validate_graph(g, sampled=sampled, source=str(source_file(folder)))


def check_build(kg: KnowledgeGraph, *, sample: int | None = BUILD_SAMPLE) -> list[str]:
    """The build's check of its own graph: one warning per violation (at most a few), else none."""
    report = validate_kg(kg, sample=sample)
    if report.conforms:
        return []
    shown = [f"graph does not conform to the shapes: {v.line()}" for v in report.violations[:5]]
    if len(report.violations) > len(shown):
        shown.append(
            f"graph does not conform to the shapes: {len(report.violations) - len(shown)} more violation(s); run 'kgbuild validate' for all"
        )
    return shown
