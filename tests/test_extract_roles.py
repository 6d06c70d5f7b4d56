"""The semantic role of the subject, from extraction to RDF.

A subject that undergoes the event (an agentless passive, an intransitive change of state, the
"of" phrase of an event noun without agent) gets ``Argument.role == "patient"``. The MEANTIME
scorer reads it as PropBank's Arg1, the actors stage as a participant like an object, the merge
keeps it apart from the same subject acting, and RDF links it with ``kg:target``, not
``kg:actor``.
"""

from __future__ import annotations

import pytest

from kgbuild.actors.metonymy import acting
from kgbuild.graph_io import graph_from_rdf
from kgbuild.merge import identity, merge
from kgbuild.rdf.graph import merged_graph
from kgbuild.rdf.iri import entity_iri, event_iri
from kgbuild.rdf.model import has_direct_edge
from kgbuild.rdf.namespace import KG
from kgbuild.records import (
    Argument,
    Article,
    DocumentResult,
    EntityRef,
    Predicate,
    Span,
    Triple,
)
from kgbuild.validate import validate_kg

TEXT = "The plant was closed. Acme closed the mine."  # two closures: event coreference keeps them apart


def _arg(text: str, role: str, key: str) -> Argument:
    start = TEXT.find(text)
    span = Span(start, start + len(text), text)
    return Argument(span, span, role, EntityRef(key, text, "Organization"))


def _triple(subject: Argument, lemma: str, obj: Argument | None = None) -> Triple:
    pred = Span(14, 20, "closed")
    return Triple(
        doc="a",
        sentence=Span(0, 21, TEXT[:21]),
        subject=subject,
        predicate=Predicate(pred, lemma),
        object=obj,
        confidence=0.6,
    )


PLANT_CLOSED = _triple(_arg("The plant", "patient", "org:plant"), "be closed")
ACME_CLOSED = _triple(
    _arg("Acme", "subject", "org:acme"), "close", _arg("the mine", "object", "org:mine")
)


def _kg(*triples: Triple):
    article = Article(id="a", text=TEXT, title="Plant closed", date="2024-05-02")
    return merge([DocumentResult(article=article, triples=triples)])


# --------------------------------------------------------------------------- extraction


def _lemma_is(t: Triple, lemma: str) -> bool:
    """The lemma, maybe with the preposition of its object ("land" matches "land at")."""
    return t.predicate.lemma == lemma or t.predicate.lemma.startswith(lemma + " ")


# (text, subject words, lemma, expected role of the subject)
ROLE_CASES = [
    ("The plant was closed last year.", "The plant", "be closed", "patient"),
    ("Shares of the company fell 5% on Monday.", "Shares", "fall", "patient"),
    ("The index lost more than 250 points.", "The index", "lose", "subject"),
    ("The company closed two plants in Ohio.", "The company", "close", "subject"),
    ("The firm began selling cars abroad.", "The firm", "begin", "subject"),
    ("The bridge was destroyed by floods.", "floods", "destroy", "subject"),
    (
        "The deal will see the jets delivered to six airlines.",
        "the jets",
        "be delivered",
        "patient",
    ),
    ("The first jet landed at the airport.", "The first jet", "land", "patient"),
    ("The jet arrived in Berlin on Monday.", "The jet", "arrive", "patient"),
    ("Anna Koski arrived in Berlin on Monday.", "Anna Koski", "arrive", "subject"),
    ("The fall of the index surprised traders.", "the index", "fall", "patient"),
    ("Car sales rebounded in March.", "Car", "sell", "patient"),
    ("The union rejected government aid for the mines.", "government", "aid", "subject"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "subject", "lemma", "role"), ROLE_CASES)
def test_subject_role(nlp, text, subject, lemma, role):
    from kgbuild.extract import extract_triples

    triples = list(extract_triples(nlp(text), doc_id="t"))
    found = [t for t in triples if _lemma_is(t, lemma) and subject in t.subject.span.text]
    assert found, [(t.subject.span.text, t.predicate.lemma) for t in triples]
    assert {t.subject.role for t in found} == {role}


# (text, subject words, lemma, object words): general rules of the second pass
RULE_CASES = [
    # a "between" phrase names the joint agents of an agentless passive
    (
        "They broke an agreement reached between the two companies in 1991.",
        "the two companies",
        "reach",
        "an agreement",
    ),
    # a relative pronoun object stands for its antecedent
    ("The loans that the bank received were repaid.", "the bank", "receive", "The loans"),
    # an infinitive after the object of a verb that is not of causing or asking: purpose
    ("The fund used the money to buy shares.", "The fund", "buy", "shares"),
    # object control stays for verbs of causing and asking
    ("The regulator forced the bank to raise capital.", "the bank", "raise", "capital"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "subject", "lemma", "obj"), RULE_CASES)
def test_general_rules(nlp, text, subject, lemma, obj):
    from kgbuild.extract import extract_triples

    triples = list(extract_triples(nlp(text), doc_id="t"))
    assert any(
        _lemma_is(t, lemma)
        and subject in t.subject.span.text
        and t.object is not None
        and obj in t.object.span.text
        for t in triples
    ), [(t.subject.span.text, t.predicate.lemma, t.object and t.object.span.text) for t in triples]


@pytest.mark.slow
def test_a_noun_of_talking_takes_a_topic_not_a_patient(nlp):
    from kgbuild.extract import extract_triples

    for text in ("The security talks resumed in May.", "The peace proposal was rejected."):
        triples = list(extract_triples(nlp(text), doc_id="t"))
        assert not [t for t in triples if t.subject.span.text in {"security", "peace"}], text


@pytest.mark.slow
def test_clause_before_a_verb_is_no_object(nlp):
    from kgbuild.extract import extract_triples

    doc = nlp("It was a milestone in aviation: the first jet landed at the airport.")
    landed = [t for t in extract_triples(doc, doc_id="t") if _lemma_is(t, "land")]
    assert landed and all(t.object is None or "milestone" not in t.object.span.text for t in landed)


# --------------------------------------------------------------------------- actors


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [("be warned", True), ("be criticized", True), ("be shelled", False), ("be visited", False)],
)
def test_patient_subject_is_a_participant_like_an_object(predicate, expected):
    assert acting("patient", predicate) is expected


# --------------------------------------------------------------------------- merge and RDF


def test_merge_keeps_undergoing_apart_from_acting():
    patient = _triple(_arg("The plant", "patient", "org:plant"), "be closed")
    agent = _triple(_arg("The plant", "subject", "org:plant"), "be closed")
    assert identity(patient, {}) != identity(agent, {})
    roles = sorted(e.subject_role for e in _kg(patient, agent).events)
    assert roles == ["agent", "patient"]


def test_patient_subject_is_a_target_in_rdf():
    kg = _kg(PLANT_CLOSED, ACME_CLOSED)
    by_role = {e.subject_role: e for e in kg.events}
    g = merged_graph(kg)
    closed, acme = event_iri(by_role["patient"].id), event_iri(by_role["agent"].id)
    plant, mine = entity_iri("org:plant"), entity_iri("org:mine")
    assert (closed, KG.target, plant) in g
    assert (closed, KG.actor, None) not in g
    assert (acme, KG.actor, entity_iri("org:acme")) in g and (acme, KG.target, mine) in g
    assert not has_direct_edge(by_role["patient"]) and has_direct_edge(by_role["agent"])


def test_patient_event_with_an_object_links_it_as_participant():
    to = _arg("Acme", "object", "org:acme")
    (ev,) = _kg(_triple(_arg("The plant", "patient", "org:plant"), "be closed to", to)).events
    g = merged_graph(_kg(_triple(_arg("The plant", "patient", "org:plant"), "be closed to", to)))
    assert (event_iri(ev.id), KG.participant, entity_iri("org:acme")) in g
    assert len(list(g.objects(event_iri(ev.id), KG.target))) == 1


def test_graph_with_patient_events_conforms_and_reads_back():
    kg = _kg(PLANT_CLOSED, ACME_CLOSED)
    report = validate_kg(kg)
    assert report.conforms, report.text()
    back = {e.id: e for e in graph_from_rdf(merged_graph(kg)).events}
    for ev in kg.events:
        assert back[ev.id].subject == ev.subject
        assert back[ev.id].subject_role == ev.subject_role


def test_an_event_with_neither_actor_nor_target_is_reported():
    from kgbuild.validate import validate_graph

    kg = _kg(PLANT_CLOSED)
    (ev,) = kg.events
    g = merged_graph(kg)
    g.remove((event_iri(ev.id), KG.target, None))
    report = validate_graph(g)
    assert not report.conforms
    assert [v.message for v in report.violations] == [
        "every event has an actor, or a target when its subject undergoes it, unless it is a "
        "partial event"
    ]
