"""The ontology is a contract: parsable, documented, aligned, and mirrored by ``KG``."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from kgbuild.rdf.namespace import KG, SCHEMA, SEM, TIME
from kgbuild.rdf.ontology import load_ontology, load_shapes, ontology_path, shapes_path

KG_NS = str(KG._NS)
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def declared(g: Graph) -> set[str]:
    """Local names of the kg: terms the Turtle file declares."""
    return {
        str(s)[len(KG_NS) :]
        for t in TERM_TYPES
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }


def module_terms() -> set[str]:
    return {n for n in KG.__annotations__ if not n.startswith("_")}


def test_ontology_parses_with_rdflib_and_pyoxigraph():
    import pyoxigraph as ox

    n = sum(1 for _ in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE))
    assert n == len(load_ontology()) > 100
    assert sum(1 for _ in ox.parse(path=str(shapes_path()), format=ox.RdfFormat.TURTLE)) == len(
        load_shapes()
    )


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("path", [ontology_path(), shapes_path()], ids=["ontology", "shapes"])
def test_ontology_parses_with_rapper(path):
    r = subprocess.run(
        ["rapper", "-q", "-i", "turtle", "-c", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr


def test_is_an_owl_ontology(onto):
    assert (URIRef("https://w3id.org/kgbuild/ns"), RDF.type, OWL.Ontology) in onto


def test_every_file_term_is_in_the_namespace_module(onto):
    missing = declared(onto) - module_terms()
    assert not missing, f"declared in kgbuild.ttl but not in KG: {sorted(missing)}"


def test_every_module_term_is_declared_in_the_file(onto):
    missing = module_terms() - declared(onto)
    assert not missing, f"in KG but not declared in kgbuild.ttl: {sorted(missing)}"


def test_every_kg_subject_is_a_declared_term(onto):
    """No kg: resource is described without being typed as a class or property."""
    subjects = {
        str(s)[len(KG_NS) :]
        for s in onto.subjects()
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }
    assert subjects <= declared(onto)


@pytest.mark.parametrize("term", sorted(module_terms()))
def test_every_term_has_an_english_label_and_comment(onto, term):
    s = KG[term]
    for prop in (RDFS.label, RDFS.comment):
        values = list(onto.objects(s, prop))
        assert values, f"kg:{term} has no {prop}"
        assert all(isinstance(v, Literal) and v.language == "en" and str(v).strip() for v in values)


@pytest.mark.parametrize(
    ("term", "relation", "target"),
    [
        (KG.Event, RDFS.subClassOf, SEM.Event),
        (KG.Actor, RDFS.subClassOf, SEM.Actor),
        (KG.Place, RDFS.subClassOf, SEM.Place),
        (KG.TimeSpan, RDFS.subClassOf, SEM.Time),
        (KG.TimeSpan, RDFS.subClassOf, TIME.ProperInterval),
        (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.Person, RDFS.subClassOf, SCHEMA.Person),
        (KG.Organization, RDFS.subClassOf, SCHEMA.Organization),
        (KG.Country, RDFS.subClassOf, SCHEMA.Country),
        (KG.Place, RDFS.subClassOf, SCHEMA.Place),
        (KG.Thing, RDFS.subClassOf, SKOS.Concept),
        (KG.Article, RDFS.subClassOf, PROV.Entity),
        (KG.Evidence, RDFS.subClassOf, PROV.Entity),
        (KG.Build, RDFS.subClassOf, PROV.Activity),
        (KG.actor, RDFS.subPropertyOf, SEM.hasActor),
        (KG.target, RDFS.subPropertyOf, SEM.hasActor),
        (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
        (KG.timeSpan, RDFS.subPropertyOf, SEM.hasTime),
        (KG.timeSpan, RDFS.subPropertyOf, TIME.hasTime),
        (KG.time, RDFS.subPropertyOf, SEM.hasTimeStamp),
        (KG.source, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.article, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (KG.title, RDFS.subPropertyOf, SCHEMA.headline),
        (KG.published, RDFS.subPropertyOf, SCHEMA.datePublished),
        (KG.published, RDFS.range, XSD.date),
        (KG.negated, RDFS.range, XSD.boolean),
        (KG.confidence, RDFS.range, XSD.decimal),
    ],
)
def test_alignment(onto, term, relation, target):
    assert (term, relation, target) in onto


def test_equivalence_is_used(onto):
    assert any(onto.triples((None, OWL.equivalentClass, None)))


def test_datatype_property_ranges_are_xsd(onto):
    for p in onto.subjects(RDF.type, OWL.DatatypeProperty):
        for r in onto.objects(p, RDFS.range):
            assert str(r).startswith(str(XSD)), (p, r)


def test_event_classes_are_declared_subclasses_of_event(onto):
    """Every class the taxonomy can give an event is declared under kg:Event, so that the graph
    uses no undeclared class and --infer finds its events as kg:Event and sem:Event."""
    from kgbuild.events.taxonomy import CLASSES

    under_event = set(onto.transitive_subjects(RDFS.subClassOf, KG.Event))
    for c in CLASSES:
        assert (KG[c.name], RDF.type, OWL.Class) in onto, c.name
        assert KG[c.name] in under_event, c.name


def test_shapes_target_the_promises():
    shapes = load_shapes()
    sh = "http://www.w3.org/ns/shacl#"
    targets = {str(o) for o in shapes.objects(None, URIRef(sh + "targetClass"))}
    assert {str(KG.Event), str(KG.Entity), str(KG.Article), str(KG.Evidence)} <= targets
    paths = {str(o) for o in shapes.objects(None, URIRef(sh + "path"))}
    assert {
        str(KG.actor),
        str(KG.source),
        str(KG.evidence),
        str(KG.title),
        str(RDFS.label),
        str(RDF.type),
    } <= paths
