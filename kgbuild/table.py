"""The triples table: one row per distinct (subject, predicate, object, negated) after merging.

Its column names are a contract other tools read (``triples.csv``, GraphML edges, CSV exports).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kgbuild.rdf.iri import entity_iri, event_iri, rel_iri
from kgbuild.records import Event, KnowledgeGraph

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
)


def row_count(kg: KnowledgeGraph) -> int:
    """The number of rows of ``triples.csv``: distinct (subject, predicate, object, negated)."""
    return len({(ev.subject, ev.predicate, ev.object or "", ev.negated) for ev in kg.events})


def rows(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """The rows of ``triples.csv`` for a graph, sorted for stable output."""
    ents = {e.key: e for e in kg.entities}
    groups: dict[tuple[str, str, str, bool], list[Event]] = defaultdict(list)
    for ev in kg.events:
        groups[(ev.subject, ev.predicate, ev.object or "", ev.negated)].append(ev)
    out = []
    for (subj, pred, obj, negated), evs in groups.items():
        evs.sort(key=lambda e: (-len(e.sources), -e.confidence, e.id))
        main = evs[0]
        sources = sorted({s for e in evs for s in e.sources})
        s_ent, o_ent = ents.get(subj), ents.get(obj) if obj else None
        times = sorted({e.time.value for e in evs if e.time and e.time.value})
        attributed = sorted(
            {ents[a].label if a in ents else a for e in evs for a in e.attributed_to}
        )
        place = next((e.place for e in evs if e.place), None)
        out.append(
            {
                "subject": s_ent.label if s_ent else subj,
                "predicate": pred,
                "object": (o_ent.label if o_ent else obj) if obj else "",
                "subject_type": s_ent.type if s_ent else "",
                "object_type": o_ent.type if o_ent else "",
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
                "object_iri": str(entity_iri(obj)) if obj else "",
                "event_iri": str(event_iri(main.id)),
            }
        )
    out.sort(key=lambda r: (r["subject"], r["predicate"], r["object"], r["negated"]))
    return out
