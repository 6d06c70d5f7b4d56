"""The RDF model and its files: every format says the same, named graphs, safe IRIs and text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_sample import HOSTILE, sample_kg, write_build
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kgbuild.rdf import iri
from kgbuild.rdf.graph import dataset, merged_graph
from kgbuild.rdf.model import PROVENANCE_GRAPH, SUMMARY_GRAPH, blocks, graph_names, time_lit
from kgbuild.rdf.namespace import KG, REL
from kgbuild.rdf.terms import Lit, clean_text, lit, nt, safe_iri
from kgbuild.records import TimeValue

RAPPER = shutil.which("rapper")
FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.nq": ox.RdfFormat.N_QUADS,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}
RAPPER_SYNTAX = {"graph.ttl": "turtle", "graph.trig": "trig", "graph.nq": "nquads"}
#: What an IRI may hold in N-Triples, Turtle and SPARQL (IRIREF).
IRIREF = re.compile(r"[a-z][a-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return write_build(tmp_path_factory.mktemp("rdf"), sample_kg())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    return write_build(tmp_path_factory.mktemp("hostile"), sample_kg(hostile=True), store=False)


def quads(path, fmt):
    return {
        (
            str(q.subject),
            str(q.predicate),
            str(q.object),
            None if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name),
        )
        for q in ox.parse(path=str(path), format=fmt)
    }


def default_graph(path, fmt):
    return {q[:3] for q in quads(path, fmt) if q[3] is None}


# --------------------------------------------------------------------------- files agree


@pytest.mark.parametrize("name", FILES)
def test_file_parses_with_pyoxigraph(build, name):
    assert len(quads(build / name, FILES[name])) > 50


@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("name", RAPPER_SYNTAX)
def test_file_parses_with_rapper(build, name):
    r = subprocess.run(
        ["rapper", "-q", "-i", RAPPER_SYNTAX[name], "-c", str(build / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr


def test_every_format_holds_the_same_default_graph(build):
    ttl = default_graph(build / "graph.ttl", ox.RdfFormat.TURTLE)
    for name in ("graph.trig", "graph.nq", "graph.jsonld"):
        assert default_graph(build / name, FILES[name]) == ttl, name


def test_trig_and_nquads_hold_the_same_dataset(build):
    assert quads(build / "graph.trig", ox.RdfFormat.TRIG) == quads(
        build / "graph.nq", ox.RdfFormat.N_QUADS
    )


def test_rdflib_reads_the_files_as_the_model_says(build):
    kg = sample_kg()
    g = Graph().parse(build / "graph.ttl", format="turtle")
    assert set(g) == set(merged_graph(kg))
    assert set(Graph().parse(build / "graph.jsonld", format="json-ld")) == set(g)
    ds = Dataset()
    ds.parse(build / "graph.trig", format="trig")
    mine = dataset(kg)
    assert {(s, p, o, c) for s, p, o, c in ds.quads()} == {
        (s, p, o, c) for s, p, o, c in mine.quads()
    }


def test_jsonld_has_an_inline_context(build):
    data = json.loads((build / "graph.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict) and data["@context"]["kg"] == str(KG._NS)
    assert all(not str(v).startswith("http") or k != "@context" for k, v in data.items())


def test_writing_twice_gives_identical_bytes(tmp_path):
    a = write_build(tmp_path / "a", sample_kg(), store=False)
    b = write_build(tmp_path / "b", sample_kg(), store=False)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


# --------------------------------------------------------------------------- the model


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return dataset(sample_kg())


def test_named_graph_per_article_and_provenance(ds):
    names = {str(g.identifier) for g in ds.graphs() if g.identifier != ds.default_graph.identifier}
    assert names == set(graph_names(sample_kg()))
    assert len(names) == len(sample_kg().articles) + 2  # one per article, provenance, summary
    assert SUMMARY_GRAPH in names


def test_article_graph_holds_its_metadata_events_and_evidence_links(ds):
    g = ds.graph(iri.graph_iri("a2"))
    a2 = iri.article_iri("a2")
    assert (a2, KG.title, Literal('Talks "resume" <again>')) in g
    meet = iri.event_iri("e1meet")
    assert (meet, KG.source, a2) in g
    assert (meet, KG.source, iri.article_iri("a1")) not in g  # only this article's evidence
    evidence = set(g.objects(meet, KG.evidence))
    assert len(evidence) == 1
    for e in evidence:  # described once, in the default graph
        assert (e, KG.article, a2) in ds.default_graph
        assert (e, None, None) not in g
    assert (iri.event_iri("e2demand"), None, None) not in g


def test_article_graph_describes_nothing_the_default_graph_says(ds):
    """An article graph says which events the article reports; the events, their entities and
    time spans are described once, in the default graph."""
    g = ds.graph(iri.graph_iri("a2"))
    meet = iri.event_iri("e1meet")
    assert set(g.predicate_objects(meet)) == {
        (RDF.type, KG.Event),
        (KG.source, iri.article_iri("a2")),
        *((KG.evidence, e) for e in g.objects(meet, KG.evidence)),
    }
    li, anna = iri.entity_iri("person:li wei"), iri.entity_iri("person:anna berg")
    assert (li, None, None) not in g and (anna, REL.meet, li) not in g
    assert (li, RDFS.label, Literal("Li Wei")) in ds.default_graph
    assert (anna, REL.meet, li) in ds.default_graph
    subjects = set(g.subjects())
    assert subjects == {iri.article_iri("a2"), *g.subjects(RDF.type, KG.Event)}


def test_default_graph_merges_sources(ds):
    g = ds.default_graph
    meet = iri.event_iri("e1meet")
    assert set(g.objects(meet, KG.source)) == {iri.article_iri("a1"), iri.article_iri("a2")}
    assert (meet, KG.sourceCount, Literal(2)) in g
    assert len(set(g.objects(meet, KG.evidence))) == 2


def test_provenance_ties_graphs_to_articles(ds):
    prov = ds.graph(URIRef(PROVENANCE_GRAPH))
    for a in ("a1", "a2"):
        assert (iri.graph_iri(a), PROV.wasDerivedFrom, iri.article_iri(a)) in prov
        assert (iri.graph_iri(a), PROV.wasGeneratedBy, None) in prov


@pytest.mark.parametrize(
    ("event", "stated"),
    [("e1meet", True), ("e4deploy", True), ("e5visit", False), ("e3say", False)],
)
def test_direct_edges_only_for_events_stated_with_a_target(ds, event, stated):
    kg = sample_kg()
    ev = next(e for e in kg.events if e.id == event)
    g = ds.default_graph
    if ev.object is None:
        assert not stated
        return
    p = iri.rel_iri(ev.predicate, negated=ev.negated)
    assert ((iri.entity_iri(ev.subject), p, iri.entity_iri(ev.object)) in g) == stated


def test_generated_edge_properties_are_declared(ds):
    g = ds.default_graph
    used = {p for _s, p, _o in g if str(p).startswith(str(REL))}
    assert used >= {REL.meet, REL.not_deploy}
    for p in used:
        assert (p, RDFS.subPropertyOf, KG.relatedTo) in g
        assert g.value(p, RDFS.label) is not None and g.value(p, RDFS.comment) is not None


def test_events_are_typed_with_their_class_and_time_span(ds):
    g = ds.default_graph
    meet = iri.event_iri("e1meet")
    assert {KG.Event, KG.Consult} <= set(g.objects(meet, RDF.type))
    span = g.value(meet, KG.timeSpan)
    assert span == iri.time_iri("2023-03-01") and (span, RDF.type, KG.TimeSpan) in g
    assert (iri.event_iri("e6rel"), RDF.type, KG.Relation) in g


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2022-02-15", "date"), ("2022-02", "gYearMonth"), ("2022", "gYear"), (None, None)],
)
def test_time_literals(value, datatype):
    t = time_lit(TimeValue("x", value))
    if datatype is None:
        assert t is None
    else:
        assert t is not None and t.datatype.endswith("#" + datatype) and t.value == value


# --------------------------------------------------------------------------- text is data


@pytest.mark.parametrize("name", FILES)
def test_hostile_labels_parse_and_round_trip(hostile_build, name):
    labels = {
        q.object.value
        for q in ox.parse(path=str(hostile_build / name), format=FILES[name])
        if q.predicate.value == str(RDFS.label)
    }
    assert clean_text(HOSTILE) in labels


@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("name", RAPPER_SYNTAX)
def test_hostile_labels_pass_rapper(hostile_build, name):
    r = subprocess.run(
        ["rapper", "-q", "-i", RAPPER_SYNTAX[name], "-c", str(hostile_build / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr


def test_hostile_labels_round_trip_through_rdflib(hostile_build):
    g = Graph().parse(hostile_build / "graph.ttl", format="turtle")
    assert Literal(clean_text(HOSTILE)) in set(g.objects(None, RDFS.label))


MINTERS = {
    "entity": iri.entity_iri,
    "article": iri.article_iri,
    "event": iri.event_iri,
    "graph": iri.graph_iri,
    "time": iri.time_iri,
    "rel": iri.rel_iri,
}


@pytest.mark.parametrize("kind", MINTERS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=80))
def test_any_string_mints_a_valid_iri_that_round_trips(kind, text):
    made = str(MINTERS[kind](text))
    assert IRIREF.fullmatch(made), made
    assert made.startswith("https://w3id.org/kgbuild/")
    line = f"{nt(made)} <https://e.org/p> {nt(made)} .\n"
    [q] = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert q.subject.value == made == q.object.value
    g = Graph().parse(data=line, format="nt")
    assert {str(s) for s in g.subjects()} == {made}
    ttl = Graph().parse(
        data=f"@prefix x: <https://e.org/> .\n{nt(made)} x:p {nt(made)} .\n", format="turtle"
    )
    assert {str(o) for o in ttl.objects()} == {made}


@settings(max_examples=100, deadline=None)
@given(a=st.text(max_size=30), b=st.text(max_size=30))
def test_distinct_keys_give_distinct_entity_iris(a, b):
    if a != b:
        assert iri.entity_iri(a) != iri.entity_iri(b)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_any_string_is_a_literal_every_parser_reads_back(text):
    term = lit(text)
    line = f"<https://e.org/s> <https://e.org/p> {nt(term)} .\n"
    [q] = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert q.object.value == clean_text(text)
    g = Graph().parse(data=line, format="nt")
    assert [str(o) for o in g.objects()] == [clean_text(text)]
    ttl = Graph().parse(data=f"<https://e.org/s> <https://e.org/p> {nt(term)} .\n", format="turtle")
    assert [str(o) for o in ttl.objects()] == [clean_text(text)]


@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) not installed")
def test_rapper_reads_every_kind_of_hostile_literal(tmp_path):
    texts = [
        '"',
        "\\",
        "<>",
        "\x00\x01\x1f\x7f",
        "\ud800 lone",
        "\U0001f600",
        "\u2028\u2029",
        "tab\tnew\nline\r",
        "'''",
        '"""',
    ]
    f = tmp_path / "x.nt"
    f.write_text(
        "".join(
            f"<https://e.org/s> <https://e.org/p{i}> {nt(lit(t))} .\n" for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    r = subprocess.run(
        ["rapper", "-q", "-i", "ntriples", "-o", "ntriples", str(f)],
        capture_output=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.count(b"\n") == len(texts)


@pytest.mark.parametrize(
    ("given_iri", "ok"),
    [
        ("http://www.wikidata.org/entity/Q42", True),
        ("https://sws.geonames.org/2761369/", True),
        ('http://x.org/a b"<c>', True),
        ("no scheme here", True),
        ("javascript:alert(1)", True),
    ],
)
def test_external_iris_are_made_safe(given_iri, ok):
    made = safe_iri(given_iri)
    assert IRIREF.fullmatch(made) is not None
    assert ox.NamedNode(made).value == made


def test_every_block_has_distinct_sorted_pairs():
    for b in blocks(sample_kg()):
        assert len(set(b.pairs)) == len(b.pairs)
        assert isinstance(b.subject, str) and all(isinstance(o, str | Lit) for _p, o in b.pairs)
