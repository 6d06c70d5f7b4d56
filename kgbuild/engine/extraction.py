"""The extract records of documents (:mod:`kgbuild.extraction_records`), analyzed in this
process: what ``kgbuild extract`` prints and what the evaluations score."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kgbuild.engine.analysis import analyze_articles
from kgbuild.extraction_records import records_from_results
from kgbuild.records import Article


def records_for(docs: list[Article], *, model: str) -> Iterator[dict[str, Any]]:
    """The extract records of every triple of ``docs``, entity keys canonical across them."""
    yield from records_from_results(analyze_articles(docs, model=model))


__all__ = ["records_for"]
