"""The triples table: one row per distinct (subject, predicate, object, negated) after merging.

Its column names are a contract other tools read (``triples.csv``, GraphML edges, CSV exports).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kgbuild.rdf.iri import entity_iri, event_iri, rel_iri
from kgbuild.records import Entity, Event, KnowledgeGraph

#: Columns of ``triples.csv``, in order.
COLUMNS = (
    "subject",
    "predicate",
    "object",
    "subject_type",
    "object_type",
    "event_class",
    "negated",
    "modality",
    "attributed_to",
    "time",
    "place",
    "confidence",
    "sources",
    "evidence",
    "subject_iri",
    "predicate_iri",
    "object_iri",
    "event_iri",
    "subject_role",
)


RowKey = tuple[str, str, str, bool]


def said(content: str) -> str:
    """How a table writes what an event reports was said: in quotation marks.

    >>> said("prices will rise")
    '“prices will rise”'
    """
    return f"“{content}”"


def row_key(ev: Event) -> RowKey:
    """The row of ``triples.csv`` an event falls in: (subject, predicate, object, negated);
    what was said stands for the object of a saying."""
    obj = ev.object or (said(ev.content) if ev.content else "")
    return (ev.subject, ev.predicate, obj, ev.negated)


def row_count(kg: KnowledgeGraph) -> int:
    """The number of rows of ``triples.csv``: distinct (subject, predicate, object, negated) of
    the facts."""
    return len({row_key(ev) for ev in kg.events if ev.fact})


def row_groups(kg: KnowledgeGraph) -> list[tuple[RowKey, list[Event]]]:
    """The facts of each row, by (subject, predicate, object, negated), in the rows' order
    (see :func:`rows`); each row's events come main event first. Events that are no fact (their
    actor is not known) have no row."""
    ents = {e.key: e for e in kg.entities}
    groups: dict[RowKey, list[Event]] = defaultdict(list)
    for ev in kg.events:
        if ev.fact:
            groups[row_key(ev)].append(ev)
    for evs in groups.values():
        evs.sort(key=lambda e: (-len(e.sources), -e.confidence, e.id))

    def label(k: str) -> str:
        e = ents.get(k)
        return e.label if e else k

    def order(key: RowKey) -> tuple[str, str, str, bool]:
        subj, pred, obj, negated = key
        return (label(subj), pred, label(obj) if obj in ents else obj, negated)

    return sorted(groups.items(), key=lambda item: order(item[0]))


def row_label(e: Entity) -> str:
    """An entity's name in a row: its label, without the article title that tells apart the
    nodes of common-noun actors of different articles ("officials (Talks resume in Geneva)"
    → "officials"): the row's sources already name the article.

    >>> row_label(Entity("person:a1/officials", "officials (Talks resume)", "Group"))
    'officials'
    >>> row_label(Entity("person:ana ferreira", "Ana Ferreira", "Person"))
    'Ana Ferreira'
    """
    if "/" in e.key:
        n = len(e.key.split("/", 1)[1])
        if e.label[n:].startswith(" (") and e.label.endswith(")"):
            return e.label[:n]
    return e.label


def make_row(key: RowKey, evs: list[Event], ents: dict[str, Entity]) -> dict[str, Any]:
    """The row of one group of events (see :func:`row_groups`)."""
    subj, pred, obj, negated = key
    main = evs[0]
    sources = sorted({s for e in evs for s in e.sources})
    s_ent, o_ent = ents.get(subj), ents.get(obj) if obj else None
    statement = bool(obj) and main.object is None  # what was said, in quotation marks
    times = sorted({e.time.stated for e in evs if e.time and e.time.stated})
    attributed = sorted({ents[a].label if a in ents else a for e in evs for a in e.attributed_to})
    place = next((e.place for e in evs if e.place), None)
    return {
        "subject": row_label(s_ent) if s_ent else subj,
        "predicate": pred,
        "object": (row_label(o_ent) if o_ent else obj) if obj else "",
        "subject_type": s_ent.type if s_ent else "",
        "object_type": "Statement" if statement else (o_ent.type if o_ent else ""),
        "event_class": main.event_class or "",
        "negated": negated,
        "modality": main.modality or "",
        "attributed_to": ";".join(attributed),
        "time": times[0] if times else "",
        "place": (ents[place].label if place in ents else place) if place else "",
        "confidence": round(max(e.confidence for e in evs), 3),
        "sources": ";".join(sources),
        "evidence": main.evidence[0].sentence if main.evidence else "",
        "subject_iri": str(entity_iri(subj)),
        "predicate_iri": str(rel_iri(pred, negated=negated)),
        "object_iri": str(entity_iri(obj)) if obj and not statement else "",
        "event_iri": str(event_iri(main.id)),
        "subject_role": main.row_subject_role,
    }


def row_keys(evs: list[Event]) -> list[str]:
    """The entity keys a row of these events names (subject, object, attribution, place)."""
    keys = {evs[0].subject} - {""}
    for e in evs:
        keys.update(e.attributed_to)
        if e.object:
            keys.add(e.object)
        if e.place:
            keys.add(e.place)
    return sorted(keys)


def rows(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """The rows of ``triples.csv`` for a graph, sorted for stable output (by subject,
    predicate, object and polarity)."""
    ents = {e.key: e for e in kg.entities}
    return [make_row(key, evs, ents) for key, evs in row_groups(kg)]
