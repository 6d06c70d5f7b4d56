"""The RDF output of the seed build: strict parsers accept it, every term used is declared, the
named graphs and the store are there, and it conforms to the shapes."""

from __future__ import annotations

import shutil
import subprocess

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from kgbuild.rdf.model import PROVENANCE_GRAPH, SUMMARY_GRAPH
from kgbuild.rdf.namespace import KG, REL
from kgbuild.rdf.ontology import load_ontology
from kgbuild.store import STORE_DIR, is_fresh

pytestmark = pytest.mark.slow

FORMATS = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.nq": ox.RdfFormat.N_QUADS,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}
RAPPER_SYNTAX = {"graph.ttl": "turtle", "graph.trig": "trig", "graph.nq": "nquads"}

#: Terms of other vocabularies a build may use; anything else must be declared by the ontology
#: or, for rel:, by the build itself.
EXTERNAL = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf",
    "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#sameAs",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/ns/prov#Entity",
    "http://www.w3.org/ns/prov#SoftwareAgent",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/ns/prov#wasGeneratedBy",
    "http://www.w3.org/ns/prov#wasAssociatedWith",
    "http://www.w3.org/ns/prov#used",
    "http://www.w3.org/2006/time#inXSDDate",
    "http://www.w3.org/2006/time#inXSDgYearMonth",
    "http://www.w3.org/2006/time#inXSDgYear",
    "http://groundedannotationframework.org/gaf#denotedBy",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf",
}


def quads(out, name):
    return list(ox.parse(path=str(out / name), format=FORMATS[name]))


@pytest.mark.parametrize("name", FORMATS)
def test_parses_with_pyoxigraph(seed_build, name):
    out, _ = seed_build
    assert len(quads(out, name)) > 1000


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nq"])
def test_parses_with_rdflib(seed_build, name):
    out, _ = seed_build
    g = Graph().parse(out / name, format="turtle" if name.endswith("ttl") else "nquads")
    assert len(g) > 1000


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("name", RAPPER_SYNTAX)
def test_parses_with_rapper(seed_build, name):
    out, _ = seed_build
    r = subprocess.run(
        ["rapper", "-q", "-i", RAPPER_SYNTAX[name], "-c", str(out / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr


def test_every_class_and_property_used_is_declared(seed_build):
    out, _ = seed_build
    onto = load_ontology()
    declared = {str(s) for s in onto.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    used_p, used_c = set(), set()
    rel_declared = set()
    for q in quads(out, "graph.nq"):
        used_p.add(q.predicate.value)
        if q.predicate.value == str(RDF.type):
            used_c.add(q.object.value)
        if (
            isinstance(q.graph_name, ox.DefaultGraph)
            and q.predicate.value == str(RDFS.subPropertyOf)
            and q.object.value == str(KG.relatedTo)
        ):
            rel_declared.add(q.subject.value)
    for term in sorted(used_p | used_c):
        if term.startswith(str(KG._NS)):
            assert term in declared, f"{term} is used but not declared in the ontology"
        elif term.startswith(str(REL)):
            assert term in rel_declared, f"{term} is used but not declared in the default graph"
        else:
            assert term in EXTERNAL, (
                f"{term} is used: declare it or add it to the known external terms"
            )


def test_generated_properties_have_labels(seed_build):
    out, _ = seed_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    rels = {p for p in g.predicates() if str(p).startswith(str(REL))}
    assert rels
    for p in rels:
        assert g.value(p, RDFS.label) is not None and g.value(p, RDFS.comment) is not None


def test_named_graphs_per_article_and_provenance(seed_build):
    out, summary = seed_build
    names = {
        q.graph_name.value for q in quads(out, "graph.nq") if isinstance(q.graph_name, ox.NamedNode)
    }
    assert PROVENANCE_GRAPH in names and SUMMARY_GRAPH in names
    assert len(names) == summary.articles + 2  # one per article, provenance, summary


def test_store_is_built_fresh_and_complete(seed_build):
    out, _ = seed_build
    assert (out / STORE_DIR).is_dir() and is_fresh(out)
    store = ox.Store.read_only(str(out / STORE_DIR))
    n = sum(1 for q in store if q.graph_name != ox.NamedNode("https://w3id.org/kgbuild/ns"))
    assert n == len(quads(out, "graph.nq"))
    assert "store" in {p.name for p in seed_build[1].files}


def test_seed_build_conforms_to_the_shapes(seed_build):
    from kgbuild.validate import validate

    out, summary = seed_build
    report = validate(out)
    assert report.conforms, report.text()
    assert report.counts["events"] == summary.events
    assert not [w for w in summary.warnings if "shapes" in w]


def test_every_article_is_titled(seed_build):
    out, summary = seed_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    articles = set(g.subjects(RDF.type, KG.Article))
    assert len(articles) == summary.articles
    assert all(g.value(a, KG.title) for a in articles)
    assert isinstance(next(iter(articles)), URIRef)


def test_rdf_files_written_together_equal_each_writer_alone(seed_build, tmp_path):
    """The build's one-pass RDF writer gives the bytes of each per-format writer."""
    from kgbuild.outputs import OUTPUTS, RDF_FILES
    from kgbuild.writers.model_json import read

    out, _ = seed_build
    kg = read(out / "graph.json")
    for name in RDF_FILES:
        OUTPUTS[name](kg, tmp_path / name)
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_rdf_formats_of_one_writing_are_those_of_the_files():
    """The formats written together are those of FORMATS, in its order; Turtle and TriG share
    their compactor (TriG indents Turtle's text of the default graph)."""
    from kgbuild.writers.rdf_files import FORMATS, formats

    made = formats()
    assert list(made) == list(FORMATS)
    assert all(isinstance(made[n], FORMATS[n]) for n in FORMATS)  # type: ignore[arg-type]
    assert made["graph.ttl"].c is made["graph.trig"].c  # type: ignore[attr-defined]
