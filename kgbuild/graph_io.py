"""Reading a build folder back into a :class:`~kgbuild.records.KnowledgeGraph`.

Commands that work on an existing build (``kgbuild viz``) need the graph model without running
the pipeline again. :func:`read_build` takes it from ``graph.json`` (the records as they were,
written by :mod:`kgbuild.writers.model_json`) when the folder has one, and otherwise rebuilds it
from ``graph.ttl``, which every build has. Rebuilt from Turtle, a graph has everything the
page and the exports use, the mention layer and the predicates' offsets included; it lacks the
character offsets of subjects and objects inside their documents (Turtle keeps the text only)
and the role names of extra arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError
from kgbuild.rdf.namespace import GAF, KG, NIF
from kgbuild.records import (
    Article,
    ArticleMentions,
    Entity,
    EntityMention,
    Event,
    Evidence,
    KnowledgeGraph,
    Span,
    TimeValue,
)
from kgbuild.writers import model_json

#: The files a build folder can be read from, in order of preference.
SOURCES = ("graph.json", "graph.ttl")


def read_build(folder: str | Path) -> KnowledgeGraph:
    """The graph of the build in ``folder``; :class:`OutputError` if it holds no build."""
    d = Path(folder)
    if not d.is_dir():
        raise OutputError(f"{d}: no such build folder (build one with 'kgbuild build')")
    if (d / "graph.json").is_file():
        return model_json.read(d / "graph.json")
    if (d / "graph.ttl").is_file():
        return read_turtle(d / "graph.ttl")
    raise OutputError(f"{d}: holds no build (neither {' nor '.join(SOURCES)}); run 'kgbuild build'")


def read_turtle(path: str | Path) -> KnowledgeGraph:
    """Rebuild the graph model from a build's ``graph.ttl``."""
    from rdflib import Graph
    from rdflib.exceptions import ParserError

    g = Graph()
    try:
        g.parse(str(path), format="turtle")
    except (OSError, ParserError, SyntaxError, ValueError) as exc:
        raise OutputError(f"{path}: cannot be read ({exc})") from None
    return graph_from_rdf(g)


def graph_from_rdf(g: Any) -> KnowledgeGraph:
    """The :class:`KnowledgeGraph` held by an rdflib graph made by :mod:`kgbuild.rdf.graph`."""
    from rdflib import RDF, RDFS
    from rdflib.namespace import OWL, SKOS

    def one(s: Any, p: Any) -> Any:
        return next(iter(g.objects(s, p)), None)

    def text(s: Any, p: Any) -> str | None:
        v = one(s, p)
        return None if v is None else str(v)

    def local(iri: Any) -> str:
        return str(iri).rstrip("/").rsplit("/", 1)[-1]

    articles = []
    article_ids: dict[Any, str] = {}
    for s in sorted(set(g.subjects(RDF.type, KG.Article)), key=str):
        aid = local(s)
        article_ids[s] = aid
        articles.append(
            Article(
                id=aid,
                text="",
                title=text(s, KG.title) or aid,
                date=text(s, KG.published),
                source=text(s, KG.publisher),
                author=text(s, KG.author),
                dateline=text(s, KG.dateline),
                paths=tuple(sorted(str(p) for p in g.objects(s, KG.path))),
                content_hash=text(s, KG.contentHash) or "",
            )
        )

    def art(iri: Any) -> str:
        return article_ids.get(iri, local(iri))

    types = {KG[t]: t for t in ("Person", "Organization", "Country", "Place", "Group", "Thing")}
    keys: dict[Any, str] = {}
    entities = []
    for s in sorted(set(g.subjects(KG.entityKey, None)), key=str):
        ekey = str(one(s, KG.entityKey))
        keys[s] = ekey
        type_ = next((types[t] for t in g.objects(s, RDF.type) if t in types), "Thing")
        label = text(s, SKOS.prefLabel) or text(s, RDFS.label) or ekey
        entities.append(
            Entity(
                key=ekey,
                label=label,
                type=type_,
                aliases=tuple(sorted(str(a) for a in g.objects(s, SKOS.altLabel))),
                same_as=tuple(sorted(str(i) for i in g.objects(s, OWL.sameAs))),
                roles=tuple(sorted(str(r) for r in g.objects(s, KG.role))),
                mentions=int(one(s, KG.mentionCount) or 0),
                sources=tuple(sorted(art(a) for a in g.objects(s, KG.source))),
            )
        )

    def key(iri: Any) -> str:
        return keys.get(iri, local(iri))

    base = {KG.Event, KG.Relation}
    ns = str(KG._NS)
    events = []
    for s in sorted(set(g.subjects(KG.actor, None)) | set(g.subjects(KG.target, None)), key=str):
        kinds = set(g.objects(s, RDF.type))
        if not kinds & base:
            continue
        classes = sorted(str(c)[len(ns) :] for c in kinds - base if str(c).startswith(ns))
        actor, target = one(s, KG.actor), one(s, KG.target)
        patient = actor is None  # "the plant was closed": the subject is the target, no actor
        if patient:
            actor, target = target, None
        time_lit = one(s, KG.time)
        evidence = sorted(
            (_evidence(g, e, art) for e in g.objects(s, KG.evidence)),
            key=lambda x: (x.doc, x.sentence_span.start, x.sentence),
        )
        events.append(
            Event(
                id=local(s),
                predicate=text(s, KG.predicate) or "",
                event_class=classes[0] if classes else None,
                subject=key(actor),
                object=key(target) if target is not None else None,
                arguments=tuple(
                    sorted(("participant", key(p)) for p in g.objects(s, KG.participant))
                ),
                subject_role="patient" if patient else "agent",
                relation=KG.Relation in kinds,
                negated=_true(one(s, KG.negated)),
                modality=text(s, KG.modality),
                attributed_to=tuple(sorted(key(a) for a in g.objects(s, KG.attributedTo))),
                time=TimeValue(
                    text=text(s, KG.timeText) or str(time_lit),
                    value=str(time_lit),
                    basis=text(s, KG.timeBasis) or "expression",
                )
                if time_lit is not None
                else None,
                place=key(one(s, KG.place)) if one(s, KG.place) is not None else None,
                confidence=float(one(s, KG.confidence) or 0.5),
                sources=tuple(sorted({art(a) for a in g.objects(s, KG.source)})),
                evidence=tuple(evidence),
                disputed=_true(one(s, KG.disputed)),
            )
        )
    return KnowledgeGraph(
        articles=tuple(articles),
        entities=tuple(entities),
        events=tuple(events),
        mentions=_mentions(g, art, key),
    )


def _mentions(g: Any, art: Any, key: Any) -> tuple[ArticleMentions, ...]:
    """The mention layer: every ``kg:EntityMention`` an entity is ``gaf:denotedBy``."""
    from rdflib import RDF

    by_doc: dict[str, list[EntityMention]] = {}
    for m in g.subjects(RDF.type, KG.EntityMention):
        article = next(iter(g.objects(m, KG.article)), None)
        start, end = g.value(m, NIF.beginIndex), g.value(m, NIF.endIndex)
        if article is None or start is None or end is None:
            continue
        words = str(g.value(m, NIF.anchorOf) or "")
        kind = str(g.value(m, KG.mentionKind) or "name")
        for e in g.subjects(GAF.denotedBy, m):
            by_doc.setdefault(art(article), []).append(
                EntityMention(Span(int(start), int(end), words), key(e), kind)
            )
    return tuple(
        ArticleMentions(doc, tuple(sorted(ms, key=lambda x: (x.span.start, x.span.end, x.entity))))
        for doc, ms in sorted(by_doc.items())
    )


def _true(value: Any) -> bool:
    return value is not None and str(value).lower() in ("true", "1")


def _evidence(g: Any, e: Any, art: Any) -> Evidence:
    def text(p: Any) -> str | None:
        v = next(iter(g.objects(e, p)), None)
        return None if v is None else str(v)

    sentence = text(KG.sentence) or ""
    start = int(text(KG.start) or 0)
    end = int(text(KG.end) or start + len(sentence))
    obj = text(KG.objectText)
    article = next(iter(g.objects(e, KG.article)), None)
    return Evidence(
        doc=art(article) if article is not None else "",
        sentence=sentence,
        sentence_span=Span(start, end, sentence),
        subject=_unplaced(text(KG.subjectText) or ""),
        predicate=_predicate(g, e, text(KG.predicateText) or ""),
        object=_unplaced(obj) if obj is not None else None,
        attributed_to=text(KG.attributedToText),
        confidence=float(text(KG.confidence) or 0.5),
    )


def _predicate(g: Any, e: Any, words: str) -> Span:
    """The predicate of an evidence record: placed by its NIF offsets (the event's mention)."""
    start, end = g.value(e, NIF.beginIndex), g.value(e, NIF.endIndex)
    if start is None or end is None:
        return _unplaced(words)
    return Span(int(start), int(end), words)


def _unplaced(text: str) -> Span:
    """A span whose place in the document is unknown (Turtle keeps the text only)."""
    return Span(-1, -1, text)
