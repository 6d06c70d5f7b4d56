"""Acceptance on the seed articles: one node per actor, metonymy by role, no pronoun actors."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS, needs

pytestmark = [pytest.mark.slow, needs(SEEDS)]


@pytest.fixture(scope="module")
def seed_results():
    from kgbuild.engine.analysis import analyze_articles
    from kgbuild.ingest import read_articles

    return list(
        analyze_articles([a for a in read_articles([SEEDS]) if not isinstance(a, Exception)])
    )


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    from rdflib import Graph

    out, _ = seed_build
    return Graph().parse(out / "graph.ttl")


def _entities(graph, pattern: str) -> dict[str, str]:
    """Entity IRIs (of actor types) whose label or alias matches ``pattern`` → their type."""
    from rdflib import RDF, RDFS
    from rdflib.namespace import SKOS

    from kgbuild.rdf.namespace import KG

    actor_types = {KG.Person, KG.Organization, KG.Country, KG.Place, KG.Group, KG.Thing}
    found = {}
    for s, _, label in [
        *graph.triples((None, RDFS.label, None)),
        *graph.triples((None, SKOS.altLabel, None)),
    ]:
        # a common noun of one article carries the article's title: "troops (Putin: …)"
        if re.search(pattern, str(label).split(" (", 1)[0]):
            types = set(graph.objects(s, RDF.type)) & actor_types
            if types:
                found[str(s)] = str(next(iter(types))).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return found


@pytest.mark.parametrize(
    ("pattern", "type_"),
    [
        (r"\bPutin\b", "Person"),
        (r"\bScholz\b", "Person"),
        (r"\bLavrov\b", "Person"),
        (r"\bBiden\b", "Person"),
        (r"^(the )?(United States|US|U\.S\.)$", "Country"),
        (r"^(NATO|North Atlantic Treaty Organization)$", "Organization"),
        (r"^Russia$", "Country"),
    ],
)
def test_one_node_per_actor(seed_graph, pattern, type_):
    nodes = _entities(seed_graph, pattern)
    assert len(nodes) == 1, nodes
    assert next(iter(nodes.values())) == type_


def test_moscow_acting_is_russia(seed_results):
    acting = [
        t.subject
        for r in seed_results
        for t in r.triples
        if t.subject.span.text == "Moscow" and t.predicate.lemma.split()[0] == "ask"
    ]
    assert acting, "the extractor gives no 'Moscow asked …' triple"
    for subj in acting:
        assert subj.entity is not None and subj.entity.key == "country:RU"
        assert subj.entity.mentioned_as == "Moscow"


def test_moscow_as_location_stays_a_place(seed_results):
    places = [
        a
        for r in seed_results
        for t in r.triples
        for a in (t.place, *t.arguments)
        if a is not None and a.span.text.endswith("Moscow") and a.role in {"in", "place"}
    ]
    assert places
    for a in places:
        assert a.entity is not None and a.entity.key == "place:moscow" and a.entity.type == "Place"


def test_no_pronoun_or_bare_title_as_actor(seed_rows):
    from kgbuild.actors.lexicon import PRONOUNS, title_info

    for r in seed_rows:
        for col in ("subject", "object"):
            v = r[col].strip().lower()
            assert v not in PRONOUNS, (col, r)
            if col == "subject" or r["object_type"] != "Thing":  # "X is chair": a role, fine
                assert title_info(v.removeprefix("the ")) is None, (col, r)
            assert not v.startswith(("read more", "also read", "learn more")), (col, r)


def test_titles_are_roles_not_names(seed_graph):
    from rdflib import RDFS, Literal, URIRef

    from kgbuild.rdf.namespace import KG

    (putin,) = _entities(seed_graph, r"\bPutin\b")
    s = URIRef(putin)
    assert seed_graph.value(s, RDFS.label) == Literal("Vladimir Putin")
    assert "President (Russia)" in {str(o) for o in seed_graph.objects(s, KG.role)}


def test_gazetteer_links_emitted(seed_graph):
    from rdflib import URIRef
    from rdflib.namespace import OWL

    (russia,) = _entities(seed_graph, r"^Russia$")
    links = {str(o) for o in seed_graph.objects(URIRef(russia), OWL.sameAs)}
    assert "https://sws.geonames.org/2017370/" in links
