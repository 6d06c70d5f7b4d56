"""The ``kgbuild extract`` record: one JSON object per triple (the extract schema).

Fields are the ``triples.csv`` columns plus ``doc``, ``sentence``, the surface texts and the
``[start, end)`` spans of subject, predicate and object in the document text. Entity keys are
made canonical across the documents extracted together, and ``event_iri`` is the IRI a build
of the same documents gives the event of a report that no other report joins (empty when the
graph does not admit the triple: :mod:`kgbuild.facts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from kgbuild.actors import canonicalize
from kgbuild.errors import InputError
from kgbuild.ingest import article_id, content_hash, parse_article, read_file
from kgbuild.merge import argument_key, report_event_id
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
    docs: list[Article] = []
    for f in files:
        if f == "-":
            text, name = stdin.read(), "stdin"
        else:
            text, _w = read_file(f)
            name = article_id(f)  # the id a build gives the file
        if lines:
            for n, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    docs.append(
                        Article(id=str(n), text=line, title="", content_hash=content_hash(line))
                    )
        elif f == "-":
            docs.append(Article(id=name, text=text, title="", content_hash=content_hash(text)))
        else:
            docs.append(parse_article(text, article_id=name, path=f))
    if not docs:
        raise InputError(", ".join(files), "no text to extract from")
    return docs


def record(t: Triple, article: Article, key_map: dict[str, str] | None = None) -> dict[str, Any]:
    """The extract record of one triple.

    ``key_map`` maps entity keys to the canonical keys of the documents extracted together
    (:func:`kgbuild.actors.canonicalize`); ``event_iri`` is the IRI a build of the same
    documents gives the event when this report is its only one
    (:func:`kgbuild.merge.report_event_id`).
    """
    keys = key_map or {}
    subj = argument_key(t.subject, keys)
    obj = argument_key(t.object, keys)
    eid = report_event_id(t, keys, title=article.title)
    return {
        "subject": t.subject.label,
        "predicate": t.predicate.lemma,
        "object": t.object.label if t.object and obj else "",
        "subject_type": t.subject.type,
        "object_type": t.object.type if t.object and obj else "",
        "event_class": t.event_class or "",
        "negated": t.negated,
        "modality": t.modality or "",
        "attributed_to": t.attributed_to.label if t.attributed_to else "",
        "time": t.time.stated if t.time else "",
        "place": t.place.label if t.place else "",
        "confidence": round(t.confidence, 3),
        "sources": article.id,
        "evidence": t.sentence.text,
        "subject_iri": str(entity_iri(str(subj))),
        "predicate_iri": str(rel_iri(t.predicate.lemma, negated=t.negated)),
        "object_iri": str(entity_iri(obj)) if obj else "",
        "event_iri": str(event_iri(eid)) if eid else "",
        "subject_role": t.subject_role,
        "doc": t.doc,
        "sentence": t.sentence.text,
        "subject_text": t.subject.span.text,
        "predicate_text": t.predicate.span.text,
        "object_text": t.object.span.text if t.object else "",
        "subject_span": [t.subject.span.start, t.subject.span.end],
        "predicate_span": [t.predicate.span.start, t.predicate.span.end],
        "object_span": [t.object.span.start, t.object.span.end] if t.object else None,
        # an argument inside the object ("al-Jazeera" of "al-Jazeera's coverage") says in the
        # graph whose the object is; the tuple holds its words already
        "arguments": [
            {"role": a.role, "text": a.span.text, "span": [a.span.start, a.span.end]}
            for a in t.arguments
            if not (
                t.object is not None
                and t.object.span.start <= a.span.start
                and a.span.end <= t.object.span.end
            )
        ],
    }


def records_from_results(results: Iterable[DocumentResult]) -> Iterator[dict[str, Any]]:
    """The records of every triple, with entity keys canonical across the documents (as a
    build of the same documents makes them)."""
    done = list(results)
    _entities, key_map = canonicalize(done)
    for r in done:
        for t in r.triples:
            yield record(t, r.article, key_map)
