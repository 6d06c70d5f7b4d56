"""Extraction: a parsed spaCy ``Doc`` → surface :class:`~kgbuild.records.Triple` records.

Extractors are small generators over a parsed document, one per construction; this package
combines them and drops duplicates. Triples carry surface phrases and offsets only: entity
resolution (actors), factuality, time normalization and class (events) are later stages.

* :mod:`.verbal` — active and passive clauses, n-ary prepositional arguments, conjunctions,
  clausal complements ("said that …" with attribution), open complements (:mod:`.control`),
  relative and participial clauses inheriting their subject (:mod:`.subjects`);
* :mod:`.nominal` — event nouns and light verbs ("talks with X", "held talks");
* :mod:`.copular` — copular clauses, appositions and titles, as relations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from kgbuild.extract.context import DocContext
from kgbuild.extract.copular import apposition_triples, copular_triples, title_triples
from kgbuild.extract.nominal import nominal_triples
from kgbuild.extract.verbal import verbal_triples
from kgbuild.records import Triple

Extractor = Callable[[DocContext], Iterable[Triple]]

#: The extractors, in the order their triples are reported (earlier ones win duplicates).
EXTRACTORS: tuple[Extractor, ...] = (
    verbal_triples,
    copular_triples,
    nominal_triples,
    apposition_triples,
    title_triples,
)


def _key(t: Triple) -> tuple[int, int, int, int, int, int]:
    obj = t.object.span if t.object else None
    return (
        t.subject.span.start,
        t.subject.span.end,
        t.predicate.span.start,
        t.predicate.span.end,
        obj.start if obj else -1,
        obj.end if obj else -1,
    )


def extract_triples(doc: Doc, *, doc_id: str) -> Iterator[Triple]:
    """Every triple the extractors find in ``doc``, without duplicates."""
    ctx = DocContext(doc, doc_id)
    seen: set[tuple[int, int, int, int, int, int]] = set()
    for extractor in EXTRACTORS:
        for t in extractor(ctx):
            k = _key(t)
            if k not in seen:
                seen.add(k)
                yield t


__all__ = ["EXTRACTORS", "extract_triples"]
