"""The per-article analysis: a parsed article through the stages extract → actors → events.

:func:`analyze` chains the per-document stages on one parsed article; :func:`analyze_articles`
parses articles in batches (:mod:`kgbuild.nlp`) and analyzes each. Every engine
(:mod:`kgbuild.engine`) runs this, in the build's own process or in workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Doc

from kgbuild import events
from kgbuild.actors import analyze_actors
from kgbuild.extract import extract_triples
from kgbuild.layout import relocate
from kgbuild.nlp import DEFAULT_MODEL, load_model, parse
from kgbuild.records import Article, DocumentResult

Progress = Callable[[int, int], None]


def analyze(doc: Doc, article: Article, *, gazetteer: str | None = None) -> DocumentResult:
    """The per-document stages on a parsed article (``doc`` is its cleaned text,
    :attr:`Article.cleaned`): extraction, actors, events; every span of the result is an offset
    into the article's text as read (:func:`kgbuild.layout.relocate`)."""
    triples = tuple(extract_triples(doc, doc_id=article.id))
    actors = analyze_actors(doc, article, gazetteer=gazetteer)
    triples = actors.attach(triples)
    triples, event_mentions = events.annotate_document(doc, article, triples, actors)
    return relocate(
        DocumentResult(
            article=article,
            mentions=actors.mentions,
            triples=triples,
            event_mentions=event_mentions,
        )
    )


def analyze_articles(
    articles: Sequence[Article],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
    gazetteer: str | None = None,
) -> Iterator[DocumentResult]:
    """Parse articles in batches and analyze each; yields results in input order.

    Streaming: one batch of ``Doc`` objects at a time is alive, never the whole corpus.
    ``timings``, when given, accumulates the seconds spent parsing (``parse``) and in the
    per-document stages (``extract``).
    """
    nlp = load_model(model)
    total = len(articles)
    clock = time.perf_counter
    spent = {"parse": 0.0, "extract": 0.0}
    docs = parse(nlp, (a.cleaned for a in articles), batch_size=batch_size)
    try:
        for n, article in enumerate(articles, 1):
            t0 = clock()
            doc = next(docs)
            t1 = clock()
            result = analyze(doc, article, gazetteer=gazetteer)
            spent["parse"] += t1 - t0
            spent["extract"] += clock() - t1
            yield result
            if progress:
                progress(n, total)
    finally:
        if timings is not None:
            for k, v in spent.items():
                timings[k] = timings.get(k, 0.0) + v


__all__ = ["analyze", "analyze_articles"]
