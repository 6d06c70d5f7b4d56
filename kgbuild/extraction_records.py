"""The ``kgbuild extract`` record: one JSON object per triple (the extract schema).

Fields are the ``triples.csv`` columns plus ``doc``, ``sentence``, the surface texts and the
``[start, end)`` spans of subject, predicate and object in the document text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from kgbuild.errors import InputError
from kgbuild.merge import argument_key, event_id
from kgbuild.rdf.iri import entity_iri, event_iri, rel_iri
from kgbuild.records import Article, DocumentResult, Triple

#: Extract-only fields, after the ``triples.csv`` columns.
EXTRA_FIELDS = (
    "doc",
    "sentence",
    "subject_text",
    "predicate_text",
    "object_text",
    "subject_span",
    "predicate_span",
    "object_span",
)


def documents_from_inputs(files: Iterable[str], *, lines: bool, stdin: IO[str]) -> list[Article]:
    """Articles from files (parsed like ``build`` does) or ``-``; with ``lines`` one per line."""
    from kgbuild.ingest import parse_article, read_file
    from kgbuild.ingest.files import content_hash

    docs: list[Article] = []
    for f in files:
        if f == "-":
            text, name = stdin.read(), "stdin"
        else:
            text, _w = read_file(f)
            name = Path(f).stem
        if lines:
            for n, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    docs.append(Article(id=str(n), text=line, title="", content_hash=content_hash(line)))
        elif f == "-":
            docs.append(Article(id=name, text=text, title="", content_hash=content_hash(text)))
        else:
            docs.append(parse_article(text, article_id=name, path=f))
    if not docs:
        raise InputError(", ".join(files), "no text to extract from")
    return docs


def record(t: Triple, article: Article) -> dict[str, Any]:
    """The extract record of one triple."""
    subj = argument_key(t.subject, {})
    obj = argument_key(t.object, {})
    eid = event_id(subj, t.predicate.lemma, obj, t.negated, t.relation, t.time.value if t.time else None)
    return {
        "subject": t.subject.label,
        "predicate": t.predicate.lemma,
        "object": t.object.label if t.object else "",
        "subject_type": t.subject.type,
        "object_type": t.object.type if t.object else "",
        "event_class": t.event_class or "",
        "negated": t.negated,
        "modality": t.modality or "",
        "attributed_to": t.attributed_to.label if t.attributed_to else "",
        "time": t.time.value if t.time and t.time.value else "",
        "place": t.place.label if t.place else "",
        "confidence": round(t.confidence, 3),
        "sources": article.id,
        "evidence": t.sentence.text,
        "subject_iri": str(entity_iri(str(subj))),
        "predicate_iri": str(rel_iri(t.predicate.lemma, negated=t.negated)),
        "object_iri": str(entity_iri(obj)) if obj else "",
        "event_iri": str(event_iri(eid)),
        "doc": t.doc,
        "sentence": t.sentence.text,
        "subject_text": t.subject.span.text,
        "predicate_text": t.predicate.span.text,
        "object_text": t.object.span.text if t.object else "",
        "subject_span": [t.subject.span.start, t.subject.span.end],
        "predicate_span": [t.predicate.span.start, t.predicate.span.end],
        "object_span": [t.object.span.start, t.object.span.end] if t.object else None,
        "arguments": [
            {"role": a.role, "text": a.span.text, "span": [a.span.start, a.span.end]} for a in t.arguments
        ],
    }


def records_from_results(results: Iterable[DocumentResult]) -> Iterator[dict[str, Any]]:
    for r in results:
        for t in r.triples:
            yield record(t, r.article)


def records_for(docs: list[Article], *, model: str) -> Iterator[dict[str, Any]]:
    from kgbuild.pipeline import analyze_articles

    yield from records_from_results(analyze_articles(docs, model=model))
