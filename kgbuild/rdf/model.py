"""The RDF model of a build, as a stream of subject blocks.

A :class:`Block` is everything one graph says about one subject. :func:`blocks` yields, in a
stable order:

* the **default graph** — the merged facts: articles, entities (with their direct
  actor→target edges such as ``rel:meet``), events with all their evidence, time spans, the
  declarations (label, comment, superproperty ``kg:relatedTo``) of every generated ``rel:``
  property, and the mention layer: every place an article names an entity
  (``kg:EntityMention``, NIF offsets into the article's text as read), which the entity is
  ``gaf:denotedBy``; an event is ``gaf:denotedBy`` its evidence, whose NIF offsets are its
  predicate's; and the **stories** (``kg:Story``): the articles of the build about one
  happening (:mod:`kgbuild.stories`), with their main participants and first and last dates;
* one **named graph per article** (``kgid:graph/<article>``) — the article's metadata, the
  events it reports with links to its own evidence (described once, in the default graph), the
  type and label of every entity they involve and the direct edges it supports;
* the **provenance graph** (``kgid:graph/provenance``) — which article each named graph was
  derived from and which build generated it (PROV-O).

Blocks are produced lazily, so writers stream a graph of any size. Within a block, pairs are
sorted (``rdf:type`` first) and distinct; the order of blocks follows the knowledge graph, so
the same input always gives byte-identical files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from kgbuild.pieces import Piece
from kgbuild.rdf.iri import (
    article_iri,
    entity_iri,
    event_iri,
    evidence_iri,
    graph_iri,
    mention_iri,
    rel_iri,
    story_iri,
    time_iri,
)
from kgbuild.rdf.namespace import GAF, ID, KG, NIF, TIME
from kgbuild.rdf.terms import (
    RDF_TYPE,
    XSD_DATE,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    Lit,
    Obj,
    lit,
    safe_iri,
)
from kgbuild.records import (
    PATIENT,
    Article,
    ArticleMentions,
    Entity,
    Event,
    KnowledgeGraph,
    Story,
    TimeValue,
)
from kgbuild.version import __version__

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
RDFS_SUBPROPERTYOF = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
OWL_OBJECTPROPERTY = "http://www.w3.org/2002/07/owl#ObjectProperty"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
SKOS_PREFLABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALTLABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
PROV = "http://www.w3.org/ns/prov#"
GAF_DENOTEDBY = str(GAF.denotedBy)
NIF_BEGIN = str(NIF.beginIndex)
NIF_END = str(NIF.endIndex)
NIF_ANCHOR = str(NIF.anchorOf)


class K:
    """The ontology terms used here, as plain strings (cheaper than a namespace lookup per triple)."""

    Article = str(KG.Article)
    Build = str(KG.Build)
    Country = str(KG.Country)
    EntityMention = str(KG.EntityMention)
    Event = str(KG.Event)
    Evidence = str(KG.Evidence)
    PartialEvent = str(KG.PartialEvent)
    Group = str(KG.Group)
    Organization = str(KG.Organization)
    Person = str(KG.Person)
    Place = str(KG.Place)
    Relation = str(KG.Relation)
    Thing = str(KG.Thing)
    TimeSpan = str(KG.TimeSpan)
    Story = str(KG.Story)
    about = str(KG.about)
    articleCount = str(KG.articleCount)
    firstPublished = str(KG.firstPublished)
    lastPublished = str(KG.lastPublished)
    mergedBecause = str(KG.mergedBecause)
    storyArticle = str(KG.storyArticle)
    actor = str(KG.actor)
    article = str(KG.article)
    attributedTo = str(KG.attributedTo)
    attributedToText = str(KG.attributedToText)
    author = str(KG.author)
    confidence = str(KG.confidence)
    content = str(KG.content)
    contentHash = str(KG.contentHash)
    age = str(KG.age)
    dateline = str(KG.dateline)
    disputed = str(KG.disputed)
    end = str(KG.end)
    entityKey = str(KG.entityKey)
    evidence = str(KG.evidence)
    mentionCount = str(KG.mentionCount)
    mentionKind = str(KG.mentionKind)
    modality = str(KG.modality)
    negated = str(KG.negated)
    objectText = str(KG.objectText)
    participant = str(KG.participant)
    path = str(KG.path)
    place = str(KG.place)
    predicate = str(KG.predicate)
    predicateText = str(KG.predicateText)
    published = str(KG.published)
    publisher = str(KG.publisher)
    relatedTo = str(KG.relatedTo)
    role = str(KG.role)
    sentence = str(KG.sentence)
    source = str(KG.source)
    sourceCount = str(KG.sourceCount)
    start = str(KG.start)
    subjectText = str(KG.subjectText)
    target = str(KG.target)
    time = str(KG.time)
    timeBasis = str(KG.timeBasis)
    timeSpan = str(KG.timeSpan)
    timeText = str(KG.timeText)
    title = str(KG.title)


#: The named graph of provenance statements, and the build and software it describes.
PROVENANCE_GRAPH = str(ID["graph/provenance"])
#: The named graph of the summaries the analysts' questions read (:mod:`kgbuild.rdf.summary`).
SUMMARY_GRAPH = str(ID["summary"])
BUILD_IRI = str(ID["build"])
SOFTWARE_IRI = str(ID["software/kgbuild"])

_TYPE_CLASS = {
    "Person": K.Person,
    "Organization": K.Organization,
    "Country": K.Country,
    "Place": K.Place,
    "Group": K.Group,
    "Thing": K.Thing,
}

#: The classes of entity types.
ENTITY_CLASSES = tuple(_TYPE_CLASS.values())


#: OWL-Time property giving the XSD value of a time span, by the value's datatype.
_TIME_VALUE = {
    XSD_DATE: str(TIME.inXSDDate),
    XSD_GYEARMONTH: str(TIME.inXSDgYearMonth),
    XSD_GYEAR: str(TIME.inXSDgYear),
}

Pairs = list[tuple[str, Obj]]


class Block(NamedTuple):
    """What one graph (``None`` = the default graph) says about one subject."""

    graph: str | None
    subject: str
    pairs: tuple[tuple[str, Obj], ...]


def _order(pair: tuple[str, Obj]) -> tuple[bool, str, bool, str, str, str]:
    p, o = pair
    if isinstance(o, str):
        return (p != RDF_TYPE, p, False, o, "", "")
    return (p != RDF_TYPE, p, True, o.value, o.datatype or "", o.lang or "")


def block(graph: str | None, subject: str, pairs: Iterable[tuple[str, Obj]]) -> Block:
    """A block of distinct pairs in their stable order."""
    return Block(graph, subject, tuple(sorted(set(pairs), key=_order)))


_block = block


# --------------------------------------------------------------------------- small helpers


def class_iri(event_class: str) -> str:
    """The ontology class of an event class local name.

    >>> class_iri("Consult")
    'https://w3id.org/kgbuild/ns#Consult'
    """
    return str(KG._NS) + event_class


def entity_class(type_: str) -> str:
    """The ontology class of an entity type; unknown types are ``kg:Thing``.

    >>> entity_class("Unknown")
    'https://w3id.org/kgbuild/ns#Thing'
    """
    return _TYPE_CLASS.get(type_, K.Thing)


def time_lit(t: TimeValue | None) -> Lit | None:
    """The typed literal of a normalized time value: xsd:date, xsd:gYearMonth or xsd:gYear.

    >>> time_lit(TimeValue("in May 2022", "2022-05")).datatype.endswith("gYearMonth")
    True
    >>> time_lit(TimeValue("someday", None)) is None
    True
    """
    v = t.value if t else None
    if not v:
        return None
    if len(v) == 10 and v[4] == "-" and v[7] == "-":
        return lit(v, XSD_DATE)
    if len(v) == 7 and v[4] == "-":
        return lit(v, XSD_GYEARMONTH)
    if len(v) == 4 and v.isdigit():
        return lit(v, XSD_GYEAR)
    return lit(v)


def key_label(key: str) -> str:
    """A readable label for an entity key that has no entity record.

    >>> key_label("thing:security guarantees")
    'security guarantees'
    """
    return key.split(":", 1)[1] if ":" in key else key


def event_keys(ev: Event) -> list[str]:
    """Every entity key an event involves: actor, target, participants, place, attribution."""
    keys = [k for k in (ev.subject,) if k]
    keys += [*(k for _r, k in ev.arguments), *ev.attributed_to]
    keys += [k for k in (ev.object, ev.place) if k]
    return keys


def event_label(ev: Event, ents: Mapping[str, Entity]) -> str:
    """``actor predicate target`` with entity labels; negated events read ``actor not …``."""

    def name(k: str) -> str:
        e = ents.get(k)
        return e.label if e else key_label(k)

    parts = [name(ev.subject)] if ev.subject else []
    parts.append(("not " if ev.negated else "") + ev.predicate)
    if ev.object:
        parts.append(name(ev.object))
    elif ev.content:
        parts.append(f"“{ev.content}”")
    return " ".join(parts)


def has_direct_edge(ev: Event) -> bool:
    """Events stated as fact (no modality) with an actor and a target get a plain actor→target
    edge (an event whose subject undergoes it has no actor)."""
    return ev.fact and ev.object is not None and not ev.modality and ev.subject_role != PATIENT


def _e(key: str) -> str:
    return str(entity_iri(key))


def _a(doc: str) -> str:
    return str(article_iri(doc))


# --------------------------------------------------------------------------- descriptions


def article_pairs(a: Article) -> Pairs:
    title = lit(a.title or a.id)
    pairs: Pairs = [
        (RDF_TYPE, K.Article),
        (K.title, title),
        (RDFS_LABEL, title),
        (K.contentHash, lit(a.content_hash)),
    ]
    if a.date and (d := time_lit(TimeValue(a.date, a.date))) is not None:
        pairs.append((K.published, d))
    if a.source:
        pairs.append((K.publisher, lit(a.source)))
    if a.author:
        pairs.append((K.author, lit(a.author)))
    if a.dateline:
        pairs.append((K.dateline, lit(a.dateline)))
    pairs += [(K.path, lit(p)) for p in a.paths]
    return pairs


def entity_pairs(e: Entity) -> Pairs:
    label = lit(e.label)
    pairs: Pairs = [
        (RDF_TYPE, entity_class(e.type)),
        (RDFS_LABEL, label),
        (SKOS_PREFLABEL, label),
        (K.entityKey, lit(e.key)),
    ]
    pairs += [(SKOS_ALTLABEL, lit(a)) for a in e.aliases]
    pairs += [(K.role, lit(r)) for r in e.roles]
    pairs += [(K.age, lit(int(a))) for a in e.ages]
    pairs += [(OWL_SAMEAS, safe_iri(i)) for i in e.same_as]
    if e.mentions:
        pairs.append((K.mentionCount, lit(e.mentions)))
    pairs += [(K.source, _a(s)) for s in e.sources]
    pairs += [(K.mergedBecause, lit(m)) for m in e.merged]
    return pairs


def story_pairs(st: Story, ents: Mapping[str, Entity]) -> Pairs:
    """A story: its label, its articles, its main participants, its first and last dates."""
    label = lit(st.label)
    pairs: Pairs = [
        (RDF_TYPE, K.Story),
        (RDFS_LABEL, label),
        (K.articleCount, lit(len(st.articles))),
    ]
    pairs += [(K.storyArticle, _a(doc)) for doc in st.articles]
    pairs += [(K.about, _e(k)) for k in st.actors if k in ents]
    for prop, day in ((K.firstPublished, st.start), (K.lastPublished, st.end)):
        if day and (d := time_lit(TimeValue(day, day))) is not None:
            pairs.append((prop, d))
    return pairs


def stub_pairs(key: str, ents: Mapping[str, Entity]) -> Pairs:
    """Type and label of an entity: what a named graph carries of the entities it involves."""
    e = ents.get(key)
    return [
        (RDF_TYPE, entity_class(e.type if e else "Thing")),
        (RDFS_LABEL, lit(e.label if e else key_label(key))),
    ]


def event_pairs(ev: Event, ents: Mapping[str, Entity]) -> Pairs:
    """The event node itself: class, label, participants, polarity, modality, time, place."""
    pairs: Pairs = [(RDF_TYPE, K.Relation if ev.relation else K.Event)]
    if not ev.fact:
        pairs.append((RDF_TYPE, K.PartialEvent))
    if ev.event_class:
        pairs.append((RDF_TYPE, class_iri(ev.event_class)))
    pairs += [
        (RDFS_LABEL, lit(event_label(ev, ents))),
        (K.predicate, lit(ev.predicate)),
        (K.negated, lit(ev.negated)),
        (K.confidence, lit(float(ev.confidence))),
    ]
    if ev.subject_role == PATIENT:  # "the plant was closed": the plant is the target, no actor
        pairs += [(K.target, _e(ev.subject))] if ev.subject else []
        pairs += [(K.participant, _e(ev.object))] if ev.object else []
    else:
        pairs += [(K.actor, _e(ev.subject))] if ev.subject else []
        pairs += [(K.target, _e(ev.object))] if ev.object else []
    if ev.content:
        pairs.append((K.content, lit(ev.content)))
    pairs += [(K.participant, _e(k)) for _r, k in ev.arguments]
    if ev.modality:
        pairs.append((K.modality, lit(ev.modality)))
    pairs += [(K.attributedTo, _e(a)) for a in ev.attributed_to]
    if ev.time and (t := time_lit(ev.time)) is not None:
        pairs += [
            (K.time, t),
            (K.timeSpan, str(time_iri(t.value))),
            (K.timeBasis, lit(ev.time.basis)),
        ]
        if ev.time.text:
            pairs.append((K.timeText, lit(ev.time.text)))
    if ev.place:
        pairs.append((K.place, _e(ev.place)))
    if ev.disputed:
        pairs.append((K.disputed, lit(True)))
    return pairs


def _evidence(ev: Event) -> Iterator[tuple[str, Pairs]]:
    """(evidence IRI, its description) of every evidence of an event."""
    for n, evd in enumerate(ev.evidence):
        pairs: Pairs = [
            (RDF_TYPE, K.Evidence),
            (K.article, _a(evd.doc)),
            (K.sentence, lit(evd.sentence)),
            (K.start, lit(evd.sentence_span.start)),
            (K.end, lit(evd.sentence_span.end)),
            (K.subjectText, lit(evd.subject.text)),
            (K.predicateText, lit(evd.predicate.text)),
            (K.confidence, lit(float(evd.confidence))),
            (NIF_BEGIN, lit(evd.predicate.start)),
            (NIF_END, lit(evd.predicate.end)),
            (NIF_ANCHOR, lit(evd.predicate.text)),
        ]
        if evd.object is not None:
            pairs.append((K.objectText, lit(evd.object.text)))
        if evd.attributed_to:
            pairs.append((K.attributedToText, lit(evd.attributed_to)))
        yield str(evidence_iri(ev.id, evd.doc, n)), pairs


def _event_blocks(ev: Event, ents: Mapping[str, Entity]) -> Iterator[Block]:
    """An event in the default graph: its block, with every source, then its evidence."""
    pairs = event_pairs(ev, ents)
    evidence = list(_evidence(ev))
    pairs += [(K.evidence, e) for e, _p in evidence]
    pairs += [(GAF_DENOTEDBY, e) for e, _p in evidence]
    pairs += [(K.source, _a(s)) for s in ev.sources]
    pairs.append((K.sourceCount, lit(len(ev.sources))))
    yield _block(None, str(event_iri(ev.id)), pairs)
    for e, p in evidence:
        yield _block(None, e, p)


def mention_blocks(am: ArticleMentions) -> list[Block]:
    """The mention layer of one article: a block per mention (``kg:EntityMention``, its
    article, NIF offsets and words, how it names the entity), then per entity the mentions it is
    ``gaf:denotedBy`` in this article."""
    art = _a(am.doc)
    out = []
    by_entity: dict[str, Pairs] = defaultdict(list)
    for m in am.mentions:
        iri = str(mention_iri(am.doc, m.span.start, m.span.end))
        pairs: Pairs = [
            (RDF_TYPE, K.EntityMention),
            (K.article, art),
            (NIF_BEGIN, lit(m.span.start)),
            (NIF_END, lit(m.span.end)),
            (NIF_ANCHOR, lit(m.span.text)),
            (K.mentionKind, lit(m.kind)),
        ]
        out.append(_block(None, iri, pairs))
        by_entity[m.entity].append((GAF_DENOTEDBY, iri))
    out += [_block(None, _e(k), by_entity[k]) for k in sorted(by_entity)]
    return out


def _article_event_block(graph: str, ev: Event, doc: str) -> Block:
    """An event in the graph of article ``doc``: that the article reports it (its base class
    and ``kg:source``) and the article's own evidence of it. Everything else about the event
    is said once, in the default graph."""
    pairs: Pairs = [(RDF_TYPE, K.Relation if ev.relation else K.Event)]
    pairs += [
        (K.evidence, str(evidence_iri(ev.id, doc, n)))
        for n, evd in enumerate(ev.evidence)
        if evd.doc == doc
    ]
    pairs.append((K.source, _a(doc)))
    return _block(graph, str(event_iri(ev.id)), pairs)


def _edges(events: Iterable[Event]) -> dict[str, Pairs]:
    """Direct actor→target edges, by actor key."""
    out: dict[str, Pairs] = defaultdict(list)
    for ev in events:
        if ev.object is not None and has_direct_edge(ev):
            out[ev.subject].append((str(rel_iri(ev.predicate, negated=ev.negated)), _e(ev.object)))
    return out


def _time_blocks(graph: str | None, events: Iterable[Event]) -> Iterator[Block]:
    times = {t.value: t for ev in events if (t := time_lit(ev.time)) is not None}
    for value in sorted(times):
        t = times[value]
        pairs: Pairs = [(RDF_TYPE, K.TimeSpan), (RDFS_LABEL, lit(value))]
        if t.datatype in _TIME_VALUE:
            pairs.append((_TIME_VALUE[t.datatype], t))
        yield _block(graph, str(time_iri(value)), pairs)


def rel_declaration(predicate: str, negated: bool) -> Pairs:
    """The declaration of a generated direct-edge property: label, comment, superproperty."""
    label = ("not " if negated else "") + predicate
    return [
        (RDF_TYPE, OWL_OBJECTPROPERTY),
        (RDFS_SUBPROPERTYOF, K.relatedTo),
        (RDFS_LABEL, lit(label, lang="en")),
        (RDFS_COMMENT, lit(f"Direct edge from actor to target of '{label}' events.", lang="en")),
    ]


def _rel_blocks(events: Iterable[Event]) -> Iterator[Block]:
    declared: dict[str, tuple[str, bool]] = {}
    for ev in events:
        if has_direct_edge(ev):
            declared.setdefault(
                str(rel_iri(ev.predicate, negated=ev.negated)), (ev.predicate, ev.negated)
            )
    for p in sorted(declared):
        yield _block(None, p, rel_declaration(*declared[p]))


# --------------------------------------------------------------------------- graphs


def _ref(ents: Mapping[str, Entity], key: str) -> tuple[str, str] | None:
    """What other blocks say of an entity: its label and type."""
    e = ents.get(key)
    return (e.label, e.type) if e else None


def _listed(*blocks: Block) -> list[Block]:
    return list(blocks)


def _article_block(a: Article) -> list[Block]:
    return [_block(None, _a(a.id), article_pairs(a))]


def _entity_block(e: Entity, edges: Pairs) -> list[Block]:
    return [_block(None, _e(e.key), entity_pairs(e) + edges)]


def _stub_block(key: str, ents: Mapping[str, Entity], edges: Pairs) -> list[Block]:
    return [_block(None, _e(key), stub_pairs(key, ents) + edges)]


def _story_block(st: Story, ents: Mapping[str, Entity]) -> list[Block]:
    return [_block(None, str(story_iri(st.id)), story_pairs(st, ents))]


def _event_piece(ev: Event, ents: Mapping[str, Entity]) -> list[Block]:
    return list(_event_blocks(ev, ents))


def default_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The merged default graph as pieces (:mod:`kgbuild.pieces`): each article, entity, event
    (with its evidence), time span and edge declaration. A piece's value is what its blocks
    depend on: its record, and the labels and types of the entities it names."""
    ents = {e.key: e for e in kg.entities}
    edges = _edges(kg.events)
    for a in kg.articles:
        yield Piece("a " + a.id, a, None, partial(_article_block, a))
    for e in kg.entities:
        mine = edges.get(e.key, [])
        yield Piece("e " + e.key, (e, tuple(mine)), None, partial(_entity_block, e, mine))
    for k in sorted({k for ev in kg.events for k in event_keys(ev)} - ents.keys()):
        mine = edges.get(k, [])
        yield Piece("s " + k, tuple(mine), None, partial(_stub_block, k, ents, mine))
    for ev in kg.events:
        refs = tuple([_ref(ents, k) for k in event_keys(ev)])
        yield Piece("v " + ev.id, (ev, refs), None, partial(_event_piece, ev, ents))
    for b in _time_blocks(None, kg.events):
        yield Piece("t " + b.subject, b, None, partial(_listed, b))
    for b in _rel_blocks(kg.events):
        yield Piece("r " + b.subject, b, None, partial(_listed, b))
    for am in kg.mentions:
        yield Piece("m " + am.doc, am, None, partial(mention_blocks, am))
    for st in kg.stories:
        if len(st.articles) > 1:  # an article alone is no story worth a node
            refs = tuple([_ref(ents, k) for k in st.actors])
            yield Piece("y " + st.id, (st, refs), None, partial(_story_block, st, ents))


def default_blocks(kg: KnowledgeGraph) -> Iterator[Block]:
    """The merged default graph."""
    for piece in default_pieces(kg):
        yield from piece.make()


def subset_blocks(kg: KnowledgeGraph, events: Iterable[Event]) -> Iterator[Block]:
    """The default graph restricted to some events and everything they involve: the articles
    reporting them, the entities of those events (without their edges, and with only those
    articles among their sources, or their first source), their time spans, edge
    declarations, and the mentions of those entities in those articles."""
    chosen = list(events)
    ents = {e.key: e for e in kg.entities}
    docs = {doc for ev in chosen for doc in ev.sources}
    entity_blocks = []
    for k in sorted({k for ev in chosen for k in event_keys(ev)}):
        e = ents.get(k)
        if e is None:
            entity_blocks.append(_block(None, _e(k), stub_pairs(k, ents)))
            continue
        kept = [s for s in e.sources if s in docs] or list(e.sources[:1])
        docs.update(kept)
        entity_blocks.append(_block(None, _e(k), entity_pairs(replace(e, sources=tuple(kept)))))
    for a in kg.articles:
        if a.id in docs:
            yield _block(None, _a(a.id), article_pairs(a))
    yield from entity_blocks
    for ev in chosen:
        yield from _event_blocks(ev, ents)
    yield from _time_blocks(None, chosen)
    yield from _rel_blocks(chosen)
    involved = {k for ev in chosen for k in event_keys(ev)}
    for am in kg.mentions:
        if am.doc in docs:
            mine = tuple(m for m in am.mentions if m.entity in involved)
            yield from mention_blocks(replace(am, mentions=mine))


def events_by_article(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Each article id → the events it reports, in event order."""
    out: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        for doc in ev.sources:
            out[doc].append(ev)
    return out


def article_graph_blocks(a: Article, events: list[Event]) -> Iterator[Block]:
    """The named graph of one article: its metadata and the events it reports, each with
    links to the article's own evidence (:func:`_article_event_block`)."""
    g = str(graph_iri(a.id))
    yield _block(g, _a(a.id), article_pairs(a))
    for ev in events:
        yield _article_event_block(g, ev, a.id)


def provenance_blocks(kg: KnowledgeGraph) -> Iterator[Block]:
    """The provenance graph: each named graph comes from its article, through this build."""
    g = PROVENANCE_GRAPH
    build: Pairs = [
        (RDF_TYPE, K.Build),
        (RDFS_LABEL, lit("kgbuild build")),
        (PROV + "wasAssociatedWith", SOFTWARE_IRI),
    ]
    build += [(PROV + "used", _a(a.id)) for a in kg.articles]
    yield _block(g, BUILD_IRI, build)
    yield _block(
        g,
        SOFTWARE_IRI,
        [(RDF_TYPE, PROV + "SoftwareAgent"), (RDFS_LABEL, lit(f"kgbuild {__version__}"))],
    )
    for a in kg.articles:
        yield _block(
            g,
            str(graph_iri(a.id)),
            [
                (RDF_TYPE, PROV + "Entity"),
                (RDFS_LABEL, lit(f"what article {a.id} reports")),
                (PROV + "wasDerivedFrom", _a(a.id)),
                (PROV + "wasGeneratedBy", BUILD_IRI),
            ],
        )


def _reported(ev: Event, doc: str) -> tuple[str, bool, tuple[int, ...]]:
    """What the graph of article ``doc`` says of an event: its id, its class, its evidence."""
    return ev.id, ev.relation, tuple([n for n, evd in enumerate(ev.evidence) if evd.doc == doc])


def _article_graph(a: Article, events: list[Event]) -> list[Block]:
    return list(article_graph_blocks(a, events))


def named_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """Every named graph as pieces: one per article graph, then the provenance graph."""
    by_article = events_by_article(kg.events)
    for a in kg.articles:
        evs = by_article.get(a.id, [])
        value = (a, tuple([_reported(ev, a.id) for ev in evs]))
        g = str(graph_iri(a.id))
        yield Piece("g " + a.id, value, g, partial(_article_graph, a, evs))
    ids = tuple(a.id for a in kg.articles)
    yield Piece("p", (ids, __version__), PROVENANCE_GRAPH, lambda: list(provenance_blocks(kg)))


def named_blocks(kg: KnowledgeGraph) -> Iterator[Block]:
    """Every named graph: one per article, then provenance."""
    for piece in named_pieces(kg):
        yield from piece.make()


def pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The whole dataset as pieces: the default graph, then the named graphs. A piece's group
    is its graph's name (None: the default graph); its content a list of blocks."""
    yield from default_pieces(kg)
    yield from named_pieces(kg)


def blocks(kg: KnowledgeGraph) -> Iterator[Block]:
    """The whole dataset: the default graph, then the named graphs."""
    yield from default_blocks(kg)
    yield from named_blocks(kg)


def graph_names(kg: KnowledgeGraph) -> list[str]:
    """The names of the named graphs a build writes: one per article, provenance, and the
    summary graph (:mod:`kgbuild.rdf.summary`)."""
    return [str(graph_iri(a.id)) for a in kg.articles] + [PROVENANCE_GRAPH, SUMMARY_GRAPH]


__all__ = [
    "BUILD_IRI",
    "ENTITY_CLASSES",
    "PROVENANCE_GRAPH",
    "SUMMARY_GRAPH",
    "Block",
    "K",
    "Lit",
    "article_graph_blocks",
    "block",
    "blocks",
    "class_iri",
    "default_blocks",
    "default_pieces",
    "entity_class",
    "event_keys",
    "event_label",
    "events_by_article",
    "graph_names",
    "has_direct_edge",
    "mention_blocks",
    "named_blocks",
    "named_pieces",
    "pieces",
    "provenance_blocks",
    "rel_declaration",
    "story_pairs",
    "subset_blocks",
    "time_lit",
]
