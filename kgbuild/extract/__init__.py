"""Extraction: a parsed spaCy ``Doc`` → surface :class:`~kgbuild.records.Triple` records.

Extractors are small generators over a parsed document, one per construction; this package
combines them. Triples carry surface phrases and offsets only: entity resolution (actors),
factuality, time and class (events) are later stages.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kgbuild.extract.verbal import verbal_triples
from kgbuild.records import Triple


def extract_triples(doc: Doc, *, doc_id: str) -> Iterator[Triple]:
    """Every triple the extractors find in ``doc``, in document order."""
    seen: set[tuple[int, int, int, int, int]] = set()
    for t in verbal_triples(doc, doc_id=doc_id):
        key = (
            t.subject.span.start,
            t.predicate.span.start,
            t.predicate.span.end,
            t.object.span.start if t.object else -1,
            t.object.span.end if t.object else -1,
        )
        if key not in seen:
            seen.add(key)
            yield t


__all__ = ["extract_triples"]
