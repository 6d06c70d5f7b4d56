"""``graph.jsonl``: one JSON record per piece of evidence, with the ``kgbuild extract`` schema.

A record holds the ``triples.csv`` columns of its event (canonical subject, predicate, object,
types, time …) and what one article says: ``doc``, ``sentence``, the surface texts and the
``[start, end)`` spans of subject, predicate and object in that article's text. ``sources``
lists every article that reports the event, ``doc`` the one this record quotes.
``confidence`` and ``attributed_to`` are this sentence's. ``arguments`` holds the further
arguments as this sentence writes them (role, surface text, span).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kgbuild.extraction_records import EXTRA_FIELDS
from kgbuild.fsutil import atomic_write
from kgbuild.rdf.iri import entity_iri, event_iri, rel_iri
from kgbuild.records import Entity, Event, Evidence, KnowledgeGraph, Span
from kgbuild.table import COLUMNS

#: Field order of a record: the ``triples.csv`` columns, the extract fields, ``arguments``.
FIELDS = (*COLUMNS, *EXTRA_FIELDS, "arguments")


def _span(s: Span | None) -> list[int] | None:
    return [s.start, s.end] if s is not None else None


def _label(key: str | None, ents: dict[str, Entity]) -> str:
    if not key:
        return ""
    e = ents.get(key)
    return e.label if e else key


def _type(key: str | None, ents: dict[str, Entity]) -> str:
    if not key:
        return ""
    e = ents.get(key)
    return e.type if e else "Thing"


def record(ev: Event, evd: Evidence, ents: dict[str, Entity]) -> dict[str, Any]:
    """The record of one piece of evidence of an event."""
    rec = {
        "subject": _label(ev.subject, ents),
        "predicate": ev.predicate,
        "object": _label(ev.object, ents),
        "subject_type": _type(ev.subject, ents),
        "object_type": _type(ev.object, ents),
        "event_class": ev.event_class or "",
        "negated": ev.negated,
        "modality": ev.modality or "",
        "attributed_to": evd.attributed_to or "",
        "time": ev.time.stated if ev.time else "",
        "place": _label(ev.place, ents),
        "confidence": round(evd.confidence, 3),
        "sources": ";".join(ev.sources),
        "evidence": evd.sentence,
        "subject_iri": str(entity_iri(ev.subject)),
        "predicate_iri": str(rel_iri(ev.predicate, negated=ev.negated)),
        "object_iri": str(entity_iri(ev.object)) if ev.object else "",
        "event_iri": str(event_iri(ev.id)),
        "subject_role": ev.row_subject_role,
        "doc": evd.doc,
        "sentence": evd.sentence,
        "subject_text": evd.subject.text,
        "predicate_text": evd.predicate.text,
        "object_text": evd.object.text if evd.object is not None else "",
        "subject_span": _span(evd.subject),
        "predicate_span": _span(evd.predicate),
        "object_span": _span(evd.object),
        "arguments": [
            {"role": role, "text": sp.text, "span": _span(sp)} for role, sp in evd.arguments
        ],
    }
    return {k: rec[k] for k in FIELDS}


def records(kg: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """Every piece of evidence of every fact, in event order."""
    ents = {e.key: e for e in kg.entities}
    for ev in kg.events:
        if ev.fact:
            for evd in ev.evidence:
                yield record(ev, evd, ents)


def render(kg: KnowledgeGraph) -> str:
    """The JSON Lines text."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(kg))


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        for r in records(kg):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
