"""Merge: per-document results → one :class:`~kgbuild.records.KnowledgeGraph`.

An event's identity is (subject, predicate, object, negation, relation) over canonical
entity keys, plus a compatible time: reports of the same happening in several articles
become one event holding every source with its own evidence.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from kgbuild.actors import canonicalize
from kgbuild.records import Argument, DocumentResult, Event, Evidence, KnowledgeGraph, Triple


def argument_key(arg: Argument | None, key_map: dict[str, str]) -> str | None:
    """The canonical key of an argument: its entity, else a concept key from its head word."""
    if arg is None:
        return None
    if arg.entity is not None:
        return key_map.get(arg.entity.key, arg.entity.key)
    return "thing:" + arg.head.text.lower()


def event_id(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def merge(results: Sequence[DocumentResult]) -> KnowledgeGraph:
    """Merge the results of all documents into one graph model."""
    entities, key_map = canonicalize(results)
    groups: dict[tuple[object, ...], list[Triple]] = defaultdict(list)
    for r in results:
        for t in r.triples:
            subj = argument_key(t.subject, key_map)
            obj = argument_key(t.object, key_map)
            time = t.time.value if t.time and t.time.basis == "expression" else None
            groups[(subj, t.predicate.lemma, obj, t.negated, t.relation, time)].append(t)
    events = []
    for (subj, pred, obj, negated, relation, _time), ts in sorted(groups.items(), key=lambda kv: str(kv[0])):
        ts.sort(key=lambda t: (t.doc, t.sentence.start))
        first = ts[0]
        evidence = tuple(
            Evidence(
                doc=t.doc,
                sentence=t.sentence.text,
                sentence_span=t.sentence,
                subject=t.subject.span,
                predicate=t.predicate.span,
                object=t.object.span if t.object else None,
                attributed_to=t.attributed_to.label if t.attributed_to else None,
                confidence=t.confidence,
            )
            for t in ts
        )
        sources = tuple(sorted({t.doc for t in ts}))
        times = [t.time for t in ts if t.time and t.time.value]
        time = next((x for x in times if x.basis == "expression"), times[0] if times else None)
        attributed = tuple(
            sorted({k for t in ts if (k := argument_key(t.attributed_to, key_map)) is not None})
        )
        events.append(
            Event(
                id=event_id(subj, pred, obj, negated, relation, _time),
                predicate=pred,
                event_class=first.event_class,
                subject=str(subj),
                object=obj,
                relation=relation,
                negated=negated,
                modality=first.modality,
                attributed_to=attributed,
                time=time,
                place=argument_key(first.place, key_map),
                confidence=max(t.confidence for t in ts),
                sources=sources,
                evidence=evidence,
            )
        )
    # concept nodes ("thing:…") used by events become entities too
    known = {e.key for e in entities}
    from kgbuild.records import Entity

    extra: dict[str, Entity] = {}
    for r in results:
        for t in r.triples:
            for a in (t.subject, t.object):
                k = argument_key(a, key_map)
                if a is not None and k and k not in known and k not in extra:
                    extra[k] = Entity(key=k, label=a.head.text.lower(), type="Thing")
    articles = tuple(sorted((r.article for r in results), key=lambda a: a.id))
    return KnowledgeGraph(
        articles=articles,
        entities=tuple(sorted((*entities, *extra.values()), key=lambda e: e.key)),
        events=tuple(events),
    )
