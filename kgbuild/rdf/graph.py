"""The RDF model: a :class:`~kgbuild.records.KnowledgeGraph` → an rdflib ``Dataset``.

The default graph holds the merged facts; each article has a named graph with its metadata
and the events it reports (with its own evidence); a provenance graph ties the named graphs
to their articles and to the build.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from kgbuild.rdf.iri import article_iri, entity_iri, event_iri, evidence_iri, graph_iri, rel_iri
from kgbuild.rdf.namespace import ID, KG, REL, SCHEMA, SEM
from kgbuild.records import Entity, Event, KnowledgeGraph, TimeValue

PROVENANCE_GRAPH = ID["graph/provenance"]
BUILD_IRI = ID["build"]

PREFIXES = {
    "kg": KG._NS,
    "kgid": ID,
    "rel": REL,
    "sem": SEM,
    "prov": PROV,
    "schema": SCHEMA,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
}

_TYPE_CLASS = {
    "Person": KG.Person,
    "Organization": KG.Organization,
    "Country": KG.Country,
    "Place": KG.Place,
    "Group": KG.Group,
    "Thing": KG.Thing,
}


def class_iri(event_class: str) -> URIRef:
    """The ontology class of an event class local name ("Consult" → kg:Consult)."""
    return URIRef(str(KG._NS) + event_class)


def time_literal(t: TimeValue) -> Literal | None:
    v = t.value
    if not v:
        return None
    if len(v) == 10:
        return Literal(v, datatype=XSD.date)
    if len(v) == 7:
        return Literal(v, datatype=XSD.gYearMonth)
    if len(v) == 4 and v.isdigit():
        return Literal(v, datatype=XSD.gYear)
    return Literal(v)


def bind_prefixes(g: Graph) -> None:
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)


def _entity_triples(g: Graph, e: Entity) -> None:
    s = entity_iri(e.key)
    g.add((s, RDF.type, _TYPE_CLASS.get(e.type, KG.Thing)))
    g.add((s, RDFS.label, Literal(e.label)))
    g.add((s, SKOS.prefLabel, Literal(e.label)))
    g.add((s, KG.entityKey, Literal(e.key)))
    for a in e.aliases:
        g.add((s, SKOS.altLabel, Literal(a)))
    for r in e.roles:
        g.add((s, KG.role, Literal(r)))
    for iri in e.same_as:
        g.add((s, OWL.sameAs, URIRef(iri)))
    if e.mentions:
        g.add((s, KG.mentionCount, Literal(e.mentions)))
    for src in e.sources:
        g.add((s, KG.source, article_iri(src)))


def _event_core(g: Graph, ev: Event) -> URIRef:
    s = event_iri(ev.id)
    g.add((s, RDF.type, KG.Relation if ev.relation else KG.Event))
    if ev.event_class:
        g.add((s, RDF.type, class_iri(ev.event_class)))
    g.add((s, RDFS.label, Literal(f"{ev.subject} {ev.predicate} {ev.object or ''}".strip())))
    g.add((s, KG.predicate, Literal(ev.predicate)))
    g.add((s, KG.actor, entity_iri(ev.subject)))
    if ev.object:
        g.add((s, KG.target, entity_iri(ev.object)))
    for _role, key in ev.arguments:
        g.add((s, KG.participant, entity_iri(key)))
    g.add((s, KG.negated, Literal(ev.negated)))
    if ev.modality:
        g.add((s, KG.modality, Literal(ev.modality)))
    for a in ev.attributed_to:
        g.add((s, KG.attributedTo, entity_iri(a)))
    if ev.time and (lit := time_literal(ev.time)) is not None:
        g.add((s, KG.time, lit))
        g.add((s, KG.timeBasis, Literal(ev.time.basis)))
        if ev.time.text:
            g.add((s, KG.timeText, Literal(ev.time.text)))
    if ev.place:
        g.add((s, KG.place, entity_iri(ev.place)))
    g.add((s, KG.confidence, Literal(round(ev.confidence, 3), datatype=XSD.decimal)))
    if ev.disputed:
        g.add((s, KG.disputed, Literal(True)))
    return s


def _evidence(g: Graph, ev: Event, doc: str | None = None) -> None:
    s = event_iri(ev.id)
    for n, evd in enumerate(ev.evidence):
        if doc is not None and evd.doc != doc:
            continue
        e = evidence_iri(ev.id, evd.doc, n)
        g.add((s, KG.evidence, e))
        g.add((s, KG.source, article_iri(evd.doc)))
        g.add((e, RDF.type, KG.Evidence))
        g.add((e, KG.article, article_iri(evd.doc)))
        g.add((e, KG.sentence, Literal(evd.sentence)))
        g.add((e, KG.start, Literal(evd.sentence_span.start)))
        g.add((e, KG.end, Literal(evd.sentence_span.end)))
        g.add((e, KG.subjectText, Literal(evd.subject.text)))
        g.add((e, KG.predicateText, Literal(evd.predicate.text)))
        if evd.object is not None:
            g.add((e, KG.objectText, Literal(evd.object.text)))
        if evd.attributed_to:
            g.add((e, KG.attributedToText, Literal(evd.attributed_to)))
        g.add((e, KG.confidence, Literal(round(evd.confidence, 3), datatype=XSD.decimal)))


def _direct_edge(g: Graph, ev: Event) -> None:
    """A plain actor→target edge for simple queries; asserted only for events stated as fact."""
    if ev.object is None or ev.modality:
        return
    p = rel_iri(ev.predicate, negated=ev.negated)
    g.add((entity_iri(ev.subject), p, entity_iri(ev.object)))


def _declare_rel(g: Graph, predicate: str, negated: bool) -> None:
    p = rel_iri(predicate, negated=negated)
    g.add((p, RDF.type, OWL.ObjectProperty))
    g.add((p, RDFS.subPropertyOf, KG.relatedTo))
    label = ("not " if negated else "") + predicate
    g.add((p, RDFS.label, Literal(label, lang="en")))
    g.add((p, RDFS.comment, Literal(f"Direct edge from actor to target of '{label}' events.", lang="en")))


def _article(g: Graph, a) -> None:  # type: ignore[no-untyped-def]
    s = article_iri(a.id)
    g.add((s, RDF.type, KG.Article))
    g.add((s, KG.title, Literal(a.title or a.id)))
    g.add((s, RDFS.label, Literal(a.title or a.id)))
    g.add((s, KG.contentHash, Literal(a.content_hash)))
    if a.date:
        g.add((s, KG.published, Literal(a.date, datatype=XSD.date)))
    if a.source:
        g.add((s, KG.publisher, Literal(a.source)))
    if a.author:
        g.add((s, KG.author, Literal(a.author)))
    if a.dateline:
        g.add((s, KG.dateline, Literal(a.dateline)))
    for p in a.paths:
        g.add((s, KG.path, Literal(p)))


def merged_graph(kg: KnowledgeGraph) -> Graph:
    """All merged facts in one graph (what ``graph.ttl`` holds)."""
    g = Graph()
    bind_prefixes(g)
    _fill_merged(g, kg)
    return g


def _fill_merged(g: Graph, kg: KnowledgeGraph) -> None:
    for a in kg.articles:
        _article(g, a)
    for e in kg.entities:
        _entity_triples(g, e)
    declared: set[tuple[str, bool]] = set()
    for ev in kg.events:
        _event_core(g, ev)
        g.add((event_iri(ev.id), KG.sourceCount, Literal(len(ev.sources))))
        _evidence(g, ev)
        if ev.object is not None and not ev.modality:
            _direct_edge(g, ev)
            if (ev.predicate, ev.negated) not in declared:
                declared.add((ev.predicate, ev.negated))
                _declare_rel(g, ev.predicate, ev.negated)


def dataset(kg: KnowledgeGraph) -> Dataset:
    """Merged default graph, one named graph per article, and a provenance graph."""
    ds = Dataset(default_union=False)
    bind_prefixes(ds)
    _fill_merged(ds.default_graph if hasattr(ds, "default_graph") else ds.graph(), kg)  # type: ignore[attr-defined]
    ents = {e.key: e for e in kg.entities}
    prov = ds.graph(PROVENANCE_GRAPH)
    prov.add((BUILD_IRI, RDF.type, KG.Build))
    for a in kg.articles:
        gi = graph_iri(a.id)
        ng = ds.graph(gi)
        _article(ng, a)
        used: set[str] = set()
        for ev in kg.events:
            if a.id not in ev.sources:
                continue
            _event_core(ng, ev)
            _evidence(ng, ev, doc=a.id)
            used.update(k for k in (ev.subject, ev.object, ev.place, *ev.attributed_to) if k)
        for k in sorted(used):
            if k in ents:
                e = entity_iri(k)
                ng.add((e, RDF.type, _TYPE_CLASS.get(ents[k].type, KG.Thing)))
                ng.add((e, RDFS.label, Literal(ents[k].label)))
        prov.add((gi, RDF.type, PROV.Entity))
        prov.add((gi, PROV.wasDerivedFrom, article_iri(a.id)))
        prov.add((gi, PROV.wasGeneratedBy, BUILD_IRI))
    return ds
