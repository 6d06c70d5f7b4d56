"""The ontology as code: a :class:`rdflib.namespace.DefinedNamespace` mirroring ``ontology/kgbuild.ttl``.

A test checks that every term declared in the Turtle file is here and the reverse.

>>> str(KG.Event)
'https://w3id.org/kgbuild/ns#Event'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: Base of the data IRIs minted for articles, entities, events and evidence.
ID = Namespace("https://w3id.org/kgbuild/id/")
#: Direct actor→target edge properties, one per predicate ("rel:meet").
REL = Namespace("https://w3id.org/kgbuild/rel/")
#: Other vocabularies the ontology aligns with.
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
#: NewsReader's Grounded Annotation Framework: an instance ``gaf:denotedBy`` its mentions.
GAF = Namespace("http://groundedannotationframework.org/gaf#")
#: NIF core: character offsets and the words of a mention.
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ONTOLOGY_IRI = URIRef("https://w3id.org/kgbuild/ns")


class KG(DefinedNamespace):
    """Terms of the kgbuild ontology."""

    _NS = Namespace("https://w3id.org/kgbuild/ns#")
    _fail = True

    # classes
    Article: URIRef
    Entity: URIRef
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Group: URIRef
    Place: URIRef
    Thing: URIRef
    Claim: URIRef
    Event: URIRef
    Relation: URIRef
    Evidence: URIRef
    PartialEvent: URIRef
    Mention: URIRef
    EntityMention: URIRef
    TimeSpan: URIRef
    Build: URIRef
    Story: URIRef
    # participants
    actor: URIRef
    target: URIRef
    participant: URIRef
    place: URIRef
    attributedTo: URIRef
    source: URIRef
    evidence: URIRef
    article: URIRef
    # event attributes
    predicate: URIRef
    negated: URIRef
    modality: URIRef
    time: URIRef
    timeSpan: URIRef
    timeText: URIRef
    timeBasis: URIRef
    confidence: URIRef
    sourceCount: URIRef
    disputed: URIRef
    content: URIRef
    # evidence
    sentence: URIRef
    start: URIRef
    end: URIRef
    subjectText: URIRef
    predicateText: URIRef
    objectText: URIRef
    attributedToText: URIRef
    # articles
    title: URIRef
    published: URIRef
    publisher: URIRef
    author: URIRef
    dateline: URIRef
    contentHash: URIRef
    path: URIRef
    text: URIRef
    # entities
    entityKey: URIRef
    role: URIRef
    mentionCount: URIRef
    mentionKind: URIRef
    age: URIRef
    relatedTo: URIRef
    mergedBecause: URIRef
    # stories
    storyArticle: URIRef
    about: URIRef
    firstPublished: URIRef
    lastPublished: URIRef
    articleCount: URIRef
    # summary graph (kgbuild.rdf.summary)
    Link: URIRef
    DailyCount: URIRef
    Dispute: URIRef
    nameKey: URIRef
    timelineNameKey: URIRef
    demandNameKey: URIRef
    statementNameKey: URIRef
    linkedNameKey: URIRef
    linkActor: URIRef
    partner: URIRef
    event: URIRef
    eventClass: URIRef
    eventCount: URIRef
    first: URIRef
    last: URIRef
    partnerCount: URIRef
    edgeCount: URIRef
    exclusiveCount: URIRef
    day: URIRef
    category: URIRef
    example: URIRef
    affirmedBy: URIRef
    deniedBy: URIRef
    rank: URIRef
    meetingRank: URIRef
    dayRank: URIRef
    degreeRank: URIRef
    placeRank: URIRef
    reportRank: URIRef
    sourceRank: URIRef
    linkedRank: URIRef
    linkedRow: URIRef
    linkedActor: URIRef
    linkText: URIRef
    timelineRank: URIRef
    demandRank: URIRef
    statementRank: URIRef
    timelineRow: URIRef
    demandRow: URIRef
    statementRow: URIRef
    statementKind: URIRef
    rowEvidence: URIRef
    topEvent: URIRef
    # ---- event taxonomy (CAMEO top-level categories; mirrors kgbuild/events/taxonomy.py)
    MakePublicStatement: URIRef
    Appeal: URIRef
    ExpressIntentToCooperate: URIRef
    Consult: URIRef
    EngageInDiplomaticCooperation: URIRef
    EngageInMaterialCooperation: URIRef
    ProvideAid: URIRef
    Yield: URIRef
    Investigate: URIRef
    Demand: URIRef
    Disapprove: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    ExhibitForcePosture: URIRef
    ReduceRelations: URIRef
    Coerce: URIRef
    Assault: URIRef
    Fight: URIRef
    UseUnconventionalMassViolence: URIRef
    # ---- end of event taxonomy
