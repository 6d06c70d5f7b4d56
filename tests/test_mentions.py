"""The mention layer: where each entity and event is named, in mentions.csv and in the RDF."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.rdf.namespace import GAF, KG, NIF

pytestmark = pytest.mark.slow

ENTITY_MENTIONS = """
SELECT ?entity ?article ?start ?end ?words ?kind WHERE {
  ?entity gaf:denotedBy ?m .
  ?m a kg:EntityMention ; kg:article ?article ; nif:beginIndex ?start ; nif:endIndex ?end ;
     nif:anchorOf ?words ; kg:mentionKind ?kind .
}"""

EVENT_MENTIONS = """
SELECT ?event ?start ?end ?words WHERE {
  ?event kg:predicate ?p ; gaf:denotedBy ?m .
  ?m a kg:Evidence ; nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?words .
}"""


@pytest.fixture(scope="module")
def mention_rows(seed_build):
    out, _ = seed_build
    with open(out / "mentions.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def texts(seed_build):
    from kgbuild.graph_io import read_build

    out, _ = seed_build
    return {a.id: a.text for a in read_build(out).articles}


def test_every_row_is_the_words_of_the_file(mention_rows, texts):
    from kgbuild.ingest import read_file

    assert {r["kind"] for r in mention_rows} == {"entity", "event"}
    files = {r["article"]: read_file(r["path"])[0] for r in mention_rows}
    for r in mention_rows:
        s, e = int(r["start"]), int(r["end"])
        assert files[r["article"]][s:e] == r["text"] == texts[r["article"]][s:e], r
        assert r["iri"].startswith("https://w3id.org/kgbuild/id/")
        assert (r["kind"] == "event") == bool(r["predicate"])
        assert (r["kind"] == "entity") == bool(r["mention"])


def test_pronouns_resolved_by_coreference_are_mentions_of_their_entity(mention_rows):
    pronouns = [r for r in mention_rows if r["mention"] == "pronoun"]
    assert pronouns
    he = [r for r in pronouns if r["text"].lower() in {"he", "his", "him"}]
    assert he and all(r["label"] != r["text"] for r in he)


def test_every_resolved_mention_counts(seed_build, mention_rows):
    """The layer holds every mention the actors stage resolved, not only triples' arguments:
    an entity's mentions in the layer add up to its mention count."""
    from kgbuild.graph_io import read_build

    out, _ = seed_build
    kg = read_build(out)
    per_entity = Counter(m.entity for am in kg.mentions for m in am.mentions)
    assert per_entity
    for e in kg.entities:
        if e.mentions:
            assert per_entity[e.key] == e.mentions, e.key
    entity_rows = [r for r in mention_rows if r["kind"] == "entity"]
    assert len(entity_rows) == sum(per_entity.values())


def _csv_entity_mentions(rows):
    return {
        (r["iri"], r["article"], int(r["start"]), int(r["end"]), r["text"], r["mention"])
        for r in rows
        if r["kind"] == "entity"
    }


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def test_rdflib_reads_the_mention_layer_of_the_turtle_file(seed_build, mention_rows):
    from kgbuild.rdf.graph import PREFIXES

    out, _ = seed_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    rows = g.query(ENTITY_MENTIONS, initNs=PREFIXES)
    got = {(str(e), _local(str(a)), int(s), int(t), str(w), str(k)) for e, a, s, t, w, k in rows}
    assert got == _csv_entity_mentions(mention_rows)
    events = {
        (str(e), int(s), int(t), str(w)) for e, s, t, w in g.query(EVENT_MENTIONS, initNs=PREFIXES)
    }
    want = {
        (r["iri"], int(r["start"]), int(r["end"]), r["text"])
        for r in mention_rows
        if r["kind"] == "event"
    }
    assert want and want <= events


def test_pyoxigraph_reads_the_mention_layer_of_the_store(seed_build, mention_rows):
    from kgbuild.query import run_query

    out, _ = seed_build
    _names, rows = run_query(out, ENTITY_MENTIONS)
    got = {(e, _local(a), int(s), int(t), w, k) for e, a, s, t, w, k in rows}
    assert got == _csv_entity_mentions(mention_rows)


def test_shapes_catch_a_broken_mention(seed_build):
    from kgbuild.validate import load_default_graph, validate_graph

    out, _ = seed_build
    g = load_default_graph(out)
    m = next(g.subjects(URIRef(str(GAF.denotedBy)), None))
    mention = next(g.objects(m, GAF.denotedBy))
    assert validate_graph(g).conforms
    g.remove((mention, NIF.anchorOf, None))
    g.set((mention, NIF.endIndex, Literal(-1)))
    report = validate_graph(g)
    assert not report.conforms
    paths = {v.path for v in report.violations}
    assert {"nif:anchorOf", "nif:beginIndex"} <= paths, report.text()
    g.add((URIRef("https://w3id.org/kgbuild/id/entity/x"), GAF.denotedBy, KG.Article))
    assert any(v.focus == "kg:Article" for v in validate_graph(g).violations)
